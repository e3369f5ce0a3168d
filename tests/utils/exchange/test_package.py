"""The exchange package: the old module's names, its size rule, and the condition parts it reads."""

from __future__ import annotations

import ast
import datetime as dt
import json
from pathlib import Path

from tests.clock import NOW, TODAY
from tests.diaries import stored
from utils import conditions, exchange, fhir_export, spreadsheet_import
from utils.evidence import build_evidence
from utils.models import ENTRY_KINDS, JawDay, SweatDay

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "utils" / "exchange"

# Public names of utils/exchange.py before it became a package.
OLD_EXCHANGE = """BACKUP_FORMAT SCHEMA_VERSION MAX_CSV_BYTES MAX_BACKUP_BYTES MAX_CSV_ROWS MAX_CELL_CHARS
MAX_REPORTED TEMPLATE_KINDS EXPORT_META_COLUMNS IMPORT_SOURCE ExchangeError Shape field_shape
csv_columns required_columns column_guide format_medication csv_bytes template_csv csv_filename
backup_filename ExportFile csv_kinds csv_exports export_csvs backup backup_bytes detect_format
PreviewRow ImportPreview parse_medications detect_kind preview_csv dangling_references
ImportResult existing_entries import_csv IsoDateTime IsoDate BackupHistory BackupEntry
BackupProfile Backup read_backup restore_backup""".split()
OLD_SPREADSHEET = """FIELDS FEATURES IGNORE SYNONYMS PAIN_SCALES PAIN_WORDS SCALE_1_3 DATE_ORDERS MAX_SAVED
PREVIEW_ROWS Sheet guess_field read_sheet is_template split_date_time parse_date date_orders
guess_date_order parse_time parse_duration parse_pain ColumnMapping propose_mapping signature
saved_mapping settings_with_mapping ATTACK_COLUMNS CHECKIN_COLUMNS Converted convert_row preview
preview_table import_sheet""".split()
OLD_FHIR = """CODE_SYSTEM QUESTIONNAIRE_BASE LOINC ICD10CM UCUM PAIN_LOINC PATIENT_TAG MONTHLY CODES
GUIDE_CONDITION CONDITION_TEXT MED_STATUS MIDAS_EXTRA identity_from_settings build_bundle
bundle_bytes bundle_filename read_monthly_counts""".split()
# Modules that must not name a condition (its key or one of its entry kinds).
CONDITION_FREE = (
    "common",
    "columns",
    "cells",
    "csv_export",
    "csv_import",
    "backup",
    "fhir",
    "fhir_base",
    "fhir_resources",
    "sheet_fields",
    "sheet_read",
    "sheet_values",
    "sheet_mapping",
    "sheet_import",
)


def test_the_old_names_keep_working() -> None:
    for module, names in (
        (exchange, OLD_EXCHANGE),
        (spreadsheet_import, OLD_SPREADSHEET),
        (fhir_export, OLD_FHIR),
    ):
        missing = [n for n in names if not hasattr(module, n)]
        assert not missing, (module.__name__, missing)
    from utils.exchange import TEMPLATE_KINDS, ExchangeError

    assert ExchangeError is exchange.common.ExchangeError
    assert TEMPLATE_KINDS == (
        "attack",
        "headache_checkin",
        "sweat_day",
        "jaw_day",
        "bladder_event",
        "bladder_day",
        "neck_day",
        "neck_scale",
        "spasticity_day",
        "ashworth_grade",
        "goal_score",
    )


def test_no_exchange_module_is_longer_than_500_lines() -> None:
    for path in PACKAGE.glob("*.py"):
        assert len(path.read_text().splitlines()) <= 500, path.name


def test_the_shared_modules_name_no_condition() -> None:
    names = set(conditions.keys())
    for spec in conditions.all_specs():
        names.update(spec.entry_kinds)
    for module in CONDITION_FREE:
        tree = ast.parse((PACKAGE / f"{module}.py").read_text())
        found = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and node.value in names
        }
        assert not found, (module, found)


def test_every_condition_part_declares_the_exchange_api() -> None:
    parts = conditions.parts("exchange")
    assert [spec.key for spec, _ in parts] == list(conditions.keys())
    seen: dict[str, str] = {}
    for spec, part in parts:
        # its day kinds, or kinds its own models register (the clinician's forms: issue 18)
        own = {k for k, cls in ENTRY_KINDS.items() if cls.__module__.startswith(spec.package)}
        assert set(part.TEMPLATE_KINDS) <= set(spec.entry_kinds) | own, spec.key
        assert part.FHIR_CONDITION_TEXT.endswith("(as reported by the patient)"), spec.key
        assert isinstance(part.FHIR_GUIDE_CONDITION, str), spec.key
        for code, display in getattr(part, "FHIR_CODES", {}).items():
            # A code two conditions share ("normal-day") means the same in both.
            assert seen.setdefault(code, display) == display, code
    assert set(fhir_export.CODES) >= set(seen)
    assert fhir_export.CONDITION_TEXT["jaw"].startswith("Temporomandibular")


def test_daily_observations_keep_the_entries_order_across_conditions() -> None:
    days = [TODAY - dt.timedelta(days=n) for n in (3, 2, 1)]
    entries = stored(
        JawDay(date=days[0], pain=4),
        SweatDay(date=days[1], hdss=3, sites=["palms"]),
        JawDay(date=days[2], normal_day=True),
    )
    ev = build_evidence(entries, ("sweating", "jaw"), days[0], TODAY, {}, NOW)
    bundle = json.loads(fhir_export.bundle_bytes(ev, entries, profile_key="order"))
    observed = [
        (r["resource"]["code"]["coding"][0]["code"], r["resource"]["effectiveDateTime"])
        for r in bundle["entry"]
        if r["resource"]["resourceType"] == "Observation"
        and r["resource"]["code"]["coding"][0]["code"] in ("hdss-day", "jaw-pain-day")
    ]
    assert observed == [
        ("jaw-pain-day", days[0].isoformat()),
        ("hdss-day", days[1].isoformat()),
        ("jaw-pain-day", days[2].isoformat()),
    ]
    conditions_text = [
        r["resource"]["code"]["text"]
        for r in bundle["entry"]
        if r["resource"]["resourceType"] == "Condition"
    ]
    assert conditions_text == [
        "Primary focal hyperhidrosis (as reported by the patient)",
        "Temporomandibular disorder / bruxism (as reported by the patient)",
    ]
