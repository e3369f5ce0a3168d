"""Building blocks of the FHIR export: code systems, the app's own codes, the resource builder.

Shared by ``fhir`` (the bundle), ``fhir_resources`` and the conditions' ``exchange.py`` (their
observations). The app's own codes are the shared ones below plus each condition's
``FHIR_CODES``; ``docs/fhir.md`` lists them all.
"""

from __future__ import annotations

import datetime as dt
import uuid
from functools import cache
from typing import Any

# The app's own code system for what has no standard code (documented in docs/fhir.md).
CODE_SYSTEM = "urn:coverage-diary:fhir:codes"
QUESTIONNAIRE_BASE = "urn:coverage-diary:fhir:questionnaire:"
LOINC = "http://loinc.org"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
UCUM = "http://unitsofmeasure.org"
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
COND_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
COND_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
COND_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
AE_SEVERITY = "http://terminology.hl7.org/CodeSystem/adverse-event-severity"
PAIN_LOINC = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")

PATIENT_TAG = {
    "system": CODE_SYSTEM,
    "code": "patient-reported",
    "display": "Reported by the patient in Coverage Diary (not confirmed by a clinician)",
}


# The codes every condition shares (a condition adds its own in its exchange.FHIR_CODES).
SHARED_CODES: dict[str, str] = {
    "patient-reported": PATIENT_TAG["display"],
    "count-definitions": "Definitions used for the counts",
}


@cache
def monthly() -> dict[str, tuple[str, str]]:
    """Monthly counts: code -> (display, the field of metrics.Counts it reads), from every
    condition's ``exchange.FHIR_MONTHLY``."""
    from utils import conditions

    out: dict[str, tuple[str, str]] = {}
    for _, part in conditions.parts("exchange"):
        out.update(getattr(part, "FHIR_MONTHLY", {}))
    return out


@cache
def codes() -> dict[str, str]:
    """Every code of the app's own code system: code -> display."""
    from utils import conditions

    out = {code: display for code, (display, _) in monthly().items()}
    out.update(SHARED_CODES)
    for _, part in conditions.parts("exchange"):
        out.update(getattr(part, "FHIR_CODES", {}))
    return out


def _coding(code: str) -> dict[str, str]:
    return {"system": CODE_SYSTEM, "code": code, "display": codes()[code]}


def _concept(code: str, text: str | None = None) -> dict[str, Any]:
    return {"coding": [_coding(code)], "text": text or codes()[code]}


def _day(d: dt.date) -> str:
    return d.isoformat()


class _Builder:
    """Collects resources with stable ids (uuid5 of the profile and the entry)."""

    def __init__(self, seed: str):
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"{CODE_SYSTEM}:{seed}")
        self.entries: list[dict[str, Any]] = []

    def ref(self, key: str) -> str:
        return f"urn:uuid:{uuid.uuid5(self.namespace, key)}"

    def add(self, key: str, resource: dict[str, Any]) -> str:
        full = self.ref(key)
        resource = {
            "id": full.removeprefix("urn:uuid:"),
            "meta": {"tag": [dict(PATIENT_TAG)]},
            **resource,
        }
        self.entries.append({"fullUrl": full, "resource": resource})
        return full


def _observation(
    patient: str, code: dict[str, Any], *, category: str = "survey", **fields: Any
) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [{"system": OBS_CATEGORY, "code": category}]}],
        "code": code,
        "subject": {"reference": patient},
        "performer": [{"reference": patient}],
        **fields,
    }


def _days_quantity(n: int) -> dict[str, Any]:
    return {"value": n, "unit": "days", "system": UCUM, "code": "d"}


def _answer_item(link: str, text: str, value: int | str) -> dict[str, Any]:
    key = "valueInteger" if isinstance(value, int) else "valueString"
    return {"linkId": link, "text": text, "answer": [{key: value}]}
