"""Headache: what the exchange layer (``utils.exchange``) needs to know about this condition.

The API every condition's ``exchange.py`` offers is described in ``utils/exchange/__init__.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from utils import catalog
from utils.core.questionnaires import MIDAS_ITEMS, Hit6, Midas
from utils.exchange.fhir_base import (
    LOINC,
    PAIN_LOINC,
    UCUM,
    _answer_item,
    _Builder,
    _concept,
    _day,
    _days_quantity,
    _observation,
)
from utils.exchange.sheet_import import Converted
from utils.exchange.sheet_read import _normal
from utils.exchange.sheet_values import (
    _NO,
    _medicine_cell,
    _yes_no,
    parse_date,
    parse_duration,
    parse_pain,
    parse_time,
    split_date_time,
)

if TYPE_CHECKING:
    from utils import metrics
    from utils.evidence import Evidence
    from utils.exchange.sheet_mapping import ColumnMapping

TEMPLATE_KINDS = ("attack", "headache_checkin")

FHIR_CONDITION_TEXT = "Chronic migraine (as reported by the patient)"
FHIR_GUIDE_CONDITION = "migraine"
# Monthly counts: code -> (display, the field of metrics.Counts it reads).
FHIR_MONTHLY: dict[str, tuple[str, str]] = {
    "headache-days-month": ("Headache days in the month", "headache"),
    "migraine-days-month": ("Migraine days in the month", "migraine"),
    "long-headache-days-month": ("Days with 4 hours or more of headache in the month", "long"),
    "acute-medication-days-month": (
        "Days with any acute headache medicine in the month",
        "acute_any",
    ),
    "logged-days-month": ("Days logged in the headache diary in the month", "logged"),
}
FHIR_CODES: dict[str, str] = {
    "headache-day": "Headache diary day",
    "headache": "Headache day",
    "headache-free": "Headache-free day",
    "headache-hours": "Hours of headache that day",
    "migraine-day": "Migraine day by the rule in use",
    "acute-medication-classes": "Acute medicine classes taken that day",
    "acute-medication-use": "Acute headache medicine use in the period",
    "midas": "MIDAS questionnaire",
    "hit6": "HIT-6 total",
}


def fhir_evidence(b: _Builder, patient: str, evidence: Evidence, definitions: str) -> None:
    """The monthly counts, then one observation per logged headache-diary day."""
    _monthly(b, patient, evidence, definitions)
    _headache_days(b, patient, evidence.days)


def _monthly(b: _Builder, patient: str, evidence: Evidence, definitions: str) -> None:
    rule = evidence.migraine_day_rule["text"]
    for m in evidence.months:
        c = m.counts
        notes = [f"Counted by the definitions in {definitions} (migraine day rule: {rule})"]
        if m.note:
            notes.append(m.note)
        for code, (_, attr) in FHIR_MONTHLY.items():
            b.add(
                f"month/{m.month}/{code}",
                _observation(
                    patient,
                    _concept(code),
                    effectivePeriod={"start": _day(c.start), "end": _day(c.end)},
                    valueQuantity=_days_quantity(getattr(c, attr)),
                    note=[{"text": n} for n in notes],
                ),
            )


def _pain_component(value: int) -> dict[str, Any]:
    return {
        "code": {
            "coding": [{"system": LOINC, "code": PAIN_LOINC[0], "display": PAIN_LOINC[1]}],
            "text": "Worst pain that day (0-10)",
        },
        "valueInteger": value,
    }


def _headache_days(b: _Builder, patient: str, days: Sequence[metrics.HeadacheDay]) -> None:
    for d in days:
        if not d.logged:
            continue
        comps: list[dict[str, Any]] = []
        if d.max_pain is not None:
            comps.append(_pain_component(d.max_pain))
        if d.hours is not None:
            comps.append(
                {
                    "code": _concept("headache-hours"),
                    "valueQuantity": {"value": d.hours, "unit": "h", "system": UCUM, "code": "h"},
                }
            )
        if d.headache:
            comps.append({"code": _concept("migraine-day"), "valueBoolean": d.migraine})
        if d.acute_classes:
            labels = [catalog.acute_classes()[c]["label"] for c in d.acute_classes]
            comps.append(
                {"code": _concept("acute-medication-classes"), "valueString": ", ".join(labels)}
            )
        status = "headache" if d.headache else "headache-free"
        res = _observation(
            patient,
            _concept("headache-day"),
            effectiveDateTime=_day(d.date),
            valueCodeableConcept=_concept(status),
        )
        if comps:
            res["component"] = comps
        b.add(f"day/headache/{d.date}", res)


def fhir_period(b: _Builder, patient: str, evidence: Evidence, entries: Sequence[Any]) -> None:
    """Acute medicine use in the period: one statement per medicine class, with its days (from
    the evidence's days) and the medicine names written in the attacks (the evidence's entries as
    written, ``evidence.record``; ``entries`` is not read)."""
    start, end = evidence.period.start, evidence.period.counted_end
    days_by_class: dict[str, int] = {}
    for d in evidence.days:
        for c in d.acute_classes:
            days_by_class[c] = days_by_class.get(c, 0) + 1
    names: dict[str, set[str]] = {}
    for item in evidence.record:
        e = item.entry
        if getattr(e, "KIND", "") == "attack" and start <= e.start_date <= end:
            for m in e.medications:
                names.setdefault(m.drug_class, set()).add(m.name)
    logged = sum(d.logged for d in evidence.days)
    for cls_id, n in sorted(days_by_class.items()):
        label = catalog.acute_classes()[cls_id]["label"]
        note = f"Taken on {n} days of {logged} logged days between {start} and {end}."
        if names.get(cls_id):
            note += " Medicines: " + ", ".join(sorted(names[cls_id])) + "."
        b.add(
            f"acute/{cls_id}",
            {
                "resourceType": "MedicationStatement",
                "status": "completed",
                "category": _concept("acute-medication-use"),
                "medicationCodeableConcept": {"text": label},
                "subject": {"reference": patient},
                "informationSource": {"reference": patient},
                "effectivePeriod": {"start": _day(start), "end": _day(end)},
                "reasonCode": [{"text": "Acute treatment of headache attacks"}],
                "note": [{"text": note}],
            },
        )


MIDAS_EXTRA = {
    "headache_days": "Days with a headache in the last 3 months",
    "average_pain": "Average pain of these headaches (0-10)",
}


def fhir_questionnaire(e: Any, end: dt.date) -> tuple[str, list[dict[str, Any]], str | None] | None:
    """MIDAS and HIT-6 answers (see the API above)."""
    from utils.core.scores import hit6_band, midas_grade

    if isinstance(e, Midas) and e.date <= end:
        items = [
            _answer_item(f"q{i}", text, getattr(e, f"q{i}"))
            for i, text in enumerate(MIDAS_ITEMS, start=1)
        ]
        items.append(_answer_item("score", "MIDAS score (sum of items 1-5)", e.score()))
        items.append(_answer_item("grade", "MIDAS grade", midas_grade(e.score())[0]))
        for field, text in MIDAS_EXTRA.items():
            value = getattr(e, field)
            if value is not None:
                items.append(_answer_item(field, text, value))
        return "midas", items, None
    if isinstance(e, Hit6) and e.date <= end:
        items = [
            _answer_item("total", "HIT-6 total score (36-78)", e.total),
            _answer_item("band", "HIT-6 impact band", hit6_band(e.total)),
        ]
        return "hit6", items, None
    return None


# ---------------------------------------------------------------- spreadsheets of the patient's own

# Diary fields a column can be mapped to (id -> label shown on the page).
SHEET_FIELDS: dict[str, str] = {
    "date": "Date",
    "start_time": "Start time",
    "end_time": "End time",
    "duration": "Duration",
    "pain": "Pain or severity",
    "headache": "Headache yes/no",
    "medicine": "Medicine taken",
    "notes": "Notes",
    "triggers": "Triggers",
    "nausea_vomiting": "Nausea or vomiting (yes/no)",
    "light_sensitivity": "Light bothers (yes/no)",
    "sound_sensitivity": "Noise bothers (yes/no)",
    "pulsating": "Throbbing (yes/no)",
    "worse_with_activity": "Worse with activity (yes/no)",
    "aura": "Aura (yes/no)",
}
SHEET_FEATURES = (
    "nausea_vomiting",
    "light_sensitivity",
    "sound_sensitivity",
    "pulsating",
    "worse_with_activity",
    "aura",
)
SHEET_SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": ("date", "day", "datum", "fecha", "start date", "date of attack", "headache date"),
    "start_time": (
        "start time",
        "time",
        "start",
        "started",
        "onset",
        "time started",
        "began",
        "begin",
        "from",
    ),
    "end_time": ("end time", "end", "ended", "finish", "finished", "stopped", "until", "to"),
    "duration": (
        "duration",
        "duration minutes",
        "how long",
        "length",
        "lasted",
        "hours",
        "minutes",
    ),
    "pain": (
        "pain",
        "severity",
        "intensity",
        "pain level",
        "pain score",
        "pain intensity",
        "headache severity",
        "migraine severity",
        "how bad",
        "rating",
        "level",
    ),
    "headache": ("headache", "migraine", "had headache", "headache today"),
    "medicine": (
        "medicine",
        "medicines",
        "medication",
        "medications",
        "meds",
        "drug",
        "drugs",
        "tablets",
        "pills",
        "painkiller",
        "painkillers",
        "took",
        "acute medication",
        "medications taken",
    ),
    "notes": ("notes", "note", "comments", "comment", "remarks", "description", "details"),
    "triggers": ("triggers", "trigger", "possible triggers", "cause", "causes"),
    "nausea_vomiting": ("nausea", "vomiting", "nausea vomiting", "nauseous", "felt sick", "sick"),
    "light_sensitivity": ("light", "light sensitivity", "photophobia", "sensitive to light"),
    "sound_sensitivity": (
        "sound",
        "noise",
        "sound sensitivity",
        "phonophobia",
        "noise sensitivity",
    ),
    "pulsating": ("throbbing", "pulsating", "pounding"),
    "worse_with_activity": ("worse with activity", "worse with movement", "activity"),
    "aura": ("aura", "visual aura"),
}
SHEET_PRESENCE_FIELD = "headache"
ATTACK_COLUMNS = ("start_date", "start_time", "end", "duration_minutes", "pain", "medications")
ATTACK_COLUMNS += SHEET_FEATURES + ("triggers", "notes")
CHECKIN_COLUMNS = ("date", "notes")
# A row becomes an attack, or a "no headache today" check-in (an attack comes first).
SHEET_KINDS = (("attack", ATTACK_COLUMNS), ("headache_checkin", CHECKIN_COLUMNS))


def sheet_convert_row(
    number: int, cells: Sequence[str], mapping: ColumnMapping, columns: Sequence[str]
) -> Converted:
    """One spreadsheet row as the import template's cells (text, read again by exchange)."""
    index = {c: i for i, c in enumerate(columns)}
    get = {
        fid: cells[index[col]].strip()
        for col, fid in mapping.columns.items()
        if fid and col in index
    }
    errors: list[str] = []
    out: dict[str, str] = {}

    def col(fid: str) -> str:  # errors name the spreadsheet's own column
        return mapping.column_for(fid) or SHEET_FIELDS[fid]

    day = None
    time_in_date = ""
    if not get.get("date"):
        errors.append(f"{col('date')}: the date is empty")
    else:
        try:
            day = parse_date(get["date"], mapping.date_order)
            # A time in the date cell is the start only when the column says so ('Start',
            # 'Date and time'); an app's export stamps the time the entry was written.
            label = f" {_normal(mapping.column_for('date') or '')} "
            if " time " in label or " start " in label:
                time_in_date = split_date_time(get["date"])[1]
        except ValueError as exc:
            errors.append(f"{col('date')}: {exc}")
    start = None
    start_text = get.get("start_time") or time_in_date
    if start_text:
        try:
            start = parse_time(start_text)
        except ValueError as exc:
            errors.append(f"{mapping.column_for('start_time') or col('date')}: {exc}")
    pain, pain_word = None, ""
    if get.get("pain"):
        try:
            pain, pain_word = parse_pain(get["pain"], mapping.pain_scale)
        except ValueError as exc:
            errors.append(f"{col('pain')}: {exc}")
    headache = None
    if get.get("headache"):
        try:
            headache = _yes_no(get["headache"])
        except ValueError as exc:
            errors.append(f"{col('headache')}: {exc}")
    medicine = _medicine_cell(get.get("medicine", ""))
    if errors:
        return Converted(number, None, {}, tuple(errors))

    no_headache = headache is False or (pain == 0 and headache is not True)
    notes = get.get("notes", "")
    if no_headache:
        if pain:
            errors.append(f"the headache column says no but the pain is {get['pain']}")
        if medicine:
            errors.append("a medicine is given on a day marked as no headache")
        extra = [SHEET_FIELDS[f] for f in ("start_time", "end_time", "duration") if get.get(f)]
        if extra:
            errors.append(f"{' and '.join(extra).lower()} given on a day marked as no headache")
        if errors:
            return Converted(number, None, {}, tuple(errors))
        # Other answers of the row are kept in the check-in's notes rather than lost.
        kept = [
            f"{col(f)}: {get[f]}"
            for f in (*SHEET_FEATURES, "triggers")
            if get.get(f) and get[f].strip().lower() not in _NO
        ]
        if kept:
            notes = (
                notes + " " if notes else ""
            ) + f"(Also in the spreadsheet: {'; '.join(kept)}.)"
        return Converted(number, "headache_checkin", {"date": day.isoformat(), "notes": notes})

    out["start_date"] = day.isoformat()
    if start is not None:
        out["start_time"] = start.strftime("%H:%M")
    if get.get("end_time"):
        try:
            end_time = parse_time(get["end_time"])
        except ValueError as exc:
            errors.append(f"{col('end_time')}: {exc}")
        else:
            if start is None:
                errors.append("an end time needs a start time; give a duration instead")
            else:
                end = dt.datetime.combine(day, end_time)
                if end_time <= start:
                    end += dt.timedelta(days=1)  # ended after midnight
                out["end"] = end.strftime("%Y-%m-%d %H:%M")
    if get.get("duration"):
        try:
            out["duration_minutes"] = str(parse_duration(get["duration"], mapping.duration_unit))
        except ValueError as exc:
            errors.append(f"{col('duration')}: {exc}")
    if pain is not None:
        out["pain"] = str(pain)
    if medicine:
        out["medications"] = medicine
    for fid in SHEET_FEATURES:
        if get.get(fid):
            try:
                answer = _yes_no(get[fid])
            except ValueError as exc:
                errors.append(f"{col(fid)}: {exc}")
            else:
                if answer is not None:
                    out[fid] = "yes" if answer else "no"
    if get.get("triggers"):
        out["triggers"] = "; ".join(p.strip() for p in re.split(r"[;,/]", get["triggers"]) if p)
    if pain_word:
        notes = (notes + " " if notes else "") + f"(Pain in the spreadsheet: {pain_word}.)"
    if notes:
        out["notes"] = notes
    if errors:
        return Converted(number, None, {}, tuple(errors))
    return Converted(number, "attack", out)
