"""The diary as one FHIR R4 ``Bundle`` (type ``collection``) for a clinic's record system.

Built from the evidence object (``utils.evidence.build_evidence``) only (its figures, ledger and
entries as written), and
validated resource by resource with the ``fhir.resources`` models of its ``R4B`` package (the
R4-compatible release; nothing used here differs between R4 and R4B). Every resource is marked
as reported by the patient: ``meta.tag`` carries ``patient-reported`` and ``performer`` /
``informationSource`` / ``recorder`` / ``asserter`` / ``author`` is the Patient. The counts follow
the definitions printed in the bundle's ``DocumentReference`` (the same sentences as the PDF and
the summary JSON). Every resource and code is listed in ``docs/fhir.md``.

Nothing here imports streamlit: the page, the CLI and the tests share it.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from utils import conditions, guide
from utils.evidence import Evidence
from utils.exchange.common import _slug
from utils.exchange.fhir_base import (
    CODE_SYSTEM,
    COND_CATEGORY,
    COND_CLINICAL,
    COND_VERIFICATION,
    ICD10CM,
    PATIENT_TAG,
    _Builder,
    _concept,
    monthly,
)
from utils.exchange.fhir_resources import (
    _questionnaires,
    _sessions,
    _side_effects,
    _treatments,
)


def identity_from_settings(settings: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The identifiers the patient chose to print on documents (Profiles & settings), as the
    ``identity`` of ``_patient``; None (an anonymous Patient) when they chose not to."""
    from utils.core.profile import ProfileSettings

    s = ProfileSettings.from_settings(dict(settings or {}))
    if not s.print_identifiers:
        return None
    identity: dict[str, Any] = {}
    if s.patient_name:
        identity["name"] = s.patient_name
    if s.date_of_birth:
        identity["birth_date"] = s.date_of_birth
    if s.member_id:
        identity["identifiers"] = [{"value": s.member_id, "label": "Insurance member ID"}]
    return identity or None


def _patient(identity: Mapping[str, Any] | None) -> dict[str, Any]:
    """A Patient with only what the patient chose to include; anonymous without ``identity``.

    ``identity`` keys (all optional): ``name`` (text), ``given``, ``family``, ``birth_date``
    (date or YYYY-MM-DD), ``gender`` (male, female, other, unknown) and ``identifiers`` (a list of
    ``{"system", "value", "label"}``, e.g. an insurance member id).
    """
    res: dict[str, Any] = {"resourceType": "Patient"}
    if not identity:
        res["text"] = {
            "status": "generated",
            "div": '<div xmlns="http://www.w3.org/1999/xhtml">Anonymous: the patient chose not '
            "to include their name or identifiers.</div>",
        }
        return res
    name: dict[str, Any] = {}
    if identity.get("name"):
        name["text"] = str(identity["name"])
    if identity.get("family"):
        name["family"] = str(identity["family"])
    if identity.get("given"):
        name["given"] = [str(identity["given"])]
    if name:
        res["name"] = [name]
    birth = identity.get("birth_date")
    if birth:
        res["birthDate"] = birth.isoformat() if isinstance(birth, dt.date) else str(birth)
    if identity.get("gender"):
        res["gender"] = str(identity["gender"])
    idents = []
    for item in identity.get("identifiers") or ():
        if not item.get("value"):
            continue
        ident: dict[str, Any] = {"value": str(item["value"])}
        if item.get("system"):
            ident["system"] = str(item["system"])
        if item.get("label"):
            ident["type"] = {"text": str(item["label"])}
        idents.append(ident)
    if idents:
        res["identifier"] = idents
    return res


def _condition_codes(condition: str) -> list[dict[str, str]]:
    """The ICD-10-CM codes the insurance guide lists for a condition (ranges left out)."""
    key = conditions.part(condition, "exchange").FHIR_GUIDE_CONDITION
    out = []
    for row in guide.code_table()["codes"]:
        if row["condition"] != key or row["system"] != "ICD-10-CM" or "-" in str(row["code"]):
            continue
        out.append({"system": ICD10CM, "code": str(row["code"]), "display": row["description"]})
    return out


def _definitions(b: _Builder, patient: str, evidence: Evidence) -> str:
    text = "\n".join(
        [
            "Definitions used for the counts in this bundle (Coverage Diary, summary schema "
            f"{evidence.schema_version}). Everything was reported by the patient.",
            f"Migraine day rule in use: {evidence.migraine_day_rule['id']}.",
            *(f"- {d}" for d in evidence.definitions),
        ]
    )
    return b.add(
        "definitions",
        {
            "resourceType": "DocumentReference",
            "status": "current",
            "type": _concept("count-definitions"),
            "subject": {"reference": patient},
            "author": [{"reference": patient}],
            "date": evidence.generated_at.astimezone().isoformat(timespec="seconds"),
            "description": "Definitions used for the monthly counts",
            "content": [
                {
                    "attachment": {
                        "contentType": "text/plain; charset=utf-8",
                        "language": "en",
                        "title": "Definitions used for the counts",
                        "data": base64.b64encode(text.encode("utf-8")).decode("ascii"),
                    }
                }
            ],
        },
    )


def _condition_text(condition: str) -> str:
    return conditions.part(condition, "exchange").FHIR_CONDITION_TEXT


def _daily_entries(
    b: _Builder, patient: str, entries: Sequence[Any], start: dt.date, end: dt.date
) -> None:
    """Each daily diary entry as the observation its condition's ``exchange.fhir_day`` makes
    (in the entries' order; kinds without one are left out)."""
    by_kind = {
        kind: part.fhir_day
        for spec, part in conditions.parts("exchange")
        if hasattr(part, "fhir_day")
        for kind in spec.entry_kinds
    }
    for item in entries:
        e = getattr(item, "entry", item)
        make = by_kind.get(getattr(e, "KIND", ""))
        if make is not None:
            make(b, patient, e, start, end)


def build_bundle(
    evidence: Evidence,
    entries: Sequence[Any],
    *,
    profile_key: str = "",
    identity: Mapping[str, Any] | None = None,
) -> Bundle:
    """One validated R4 ``Bundle`` (type ``collection``) of a profile and period.

    Everything is read from ``evidence``: trials and sessions from its ledger, the daily records,
    side effects and questionnaires from its entries as written (``evidence.record``: the
    questionnaires up to the period's last counted day, the daily records only inside the
    period). ``entries`` (the rows the evidence was built from) is kept for the callers and not
    read. ``identity`` is what the patient chose to include (see ``_patient``); without
    it the Patient is anonymous. ``profile_key`` makes the resource ids stable per profile.
    Raises ``pydantic.ValidationError`` when a resource does not fit the FHIR models.
    """
    start, end = evidence.period.start, evidence.period.counted_end
    b = _Builder(f"{profile_key}/{start}/{end}")
    patient = b.add("patient", _patient(identity))
    for cond in evidence.conditions:
        b.add(
            f"condition/{cond}",
            {
                "resourceType": "Condition",
                "clinicalStatus": {"coding": [{"system": COND_CLINICAL, "code": "active"}]},
                "verificationStatus": {
                    "coding": [{"system": COND_VERIFICATION, "code": "provisional"}],
                    "text": "Reported by the patient; for the clinician to confirm",
                },
                "category": [{"coding": [{"system": COND_CATEGORY, "code": "problem-list-item"}]}],
                "code": {"coding": _condition_codes(cond), "text": _condition_text(cond)},
                "subject": {"reference": patient},
                "recorder": {"reference": patient},
                "asserter": {"reference": patient},
                "note": [
                    {
                        "text": "The codings are the candidate codes listed in the app's insurance "
                        "guide; the clinician chooses the one that applies."
                    }
                ],
            },
        )
    definitions = _definitions(b, patient, evidence)
    for _, part in conditions.parts("exchange"):
        if hasattr(part, "fhir_evidence"):
            part.fhir_evidence(b, patient, evidence, definitions)
    written = evidence.record  # every entry as written: ``entries`` is not read
    _daily_entries(b, patient, written, start, end)
    _treatments(b, patient, evidence.ledger, end)
    for _, part in conditions.parts("exchange"):
        if hasattr(part, "fhir_period"):
            part.fhir_period(b, patient, evidence, written)
    sessions = _sessions(b, patient, evidence.ledger, end)
    _side_effects(b, patient, written, sessions, end)
    _questionnaires(b, patient, written, end)
    return Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "id": str(b.namespace),
            "meta": {"tag": [dict(PATIENT_TAG)]},
            "identifier": {"system": CODE_SYSTEM, "value": str(b.namespace)},
            "type": "collection",
            "timestamp": evidence.generated_at.astimezone().isoformat(timespec="seconds"),
            "entry": b.entries,
        }
    )


def bundle_bytes(
    evidence: Evidence,
    entries: Sequence[Any],
    *,
    profile_key: str = "",
    identity: Mapping[str, Any] | None = None,
) -> bytes:
    """The bundle as FHIR JSON (UTF-8), ready to download or send."""
    bundle = build_bundle(evidence, entries, profile_key=profile_key, identity=identity)
    return json.dumps(json.loads(bundle.model_dump_json()), indent=1, ensure_ascii=False).encode(
        "utf-8"
    )


def bundle_filename(profile_name: str, start: dt.date, end: dt.date) -> str:
    return f"coverage-diary_{_slug(profile_name)}_fhir_{start}_{end}.json"


def read_monthly_counts(data: bytes | str) -> dict[str, dict[str, int]]:
    """Read a bundle back (validated) and return ``{YYYY-MM: {count name: days}}``.

    The count names are the fields of the summary JSON's ``months[].counts``: headache,
    migraine, long, acute_any and logged.
    """
    bundle = Bundle.model_validate_json(data)
    out: dict[str, dict[str, int]] = {}
    for entry in bundle.entry or ():
        res = entry.resource
        if res.get_resource_type() != "Observation":
            continue
        codes = [c.code for c in res.code.coding or () if c.system == CODE_SYSTEM]
        if not codes or codes[0] not in monthly():
            continue
        month = str(res.effectivePeriod.start)[:7]
        out.setdefault(month, {})[monthly()[codes[0]][1]] = int(res.valueQuantity.value)
    return out
