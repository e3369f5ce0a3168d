"""Jaw: what the exchange layer (``utils.exchange``) needs to know about this condition.

The API every condition's ``exchange.py`` offers is described in ``utils/exchange/__init__.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from utils.exchange.fhir_base import (
    LOINC,
    PAIN_LOINC,
    _Builder,
    _coding,
    _concept,
    _day,
    _observation,
)

TEMPLATE_KINDS = ("jaw_day",)

FHIR_CONDITION_TEXT = "Temporomandibular disorder / bruxism (as reported by the patient)"
FHIR_GUIDE_CONDITION = "jaw"
FHIR_CODES: dict[str, str] = {
    "jaw-pain-day": "Jaw pain of the day (0-10)",
    "normal-day": "Normal day (no symptoms)",
}


def fhir_day(b: _Builder, patient: str, e: Any, start: dt.date, end: dt.date) -> None:
    """A jaw-diary day: its pain (0-10), or a normal day."""
    if not start <= e.date <= end:
        return
    if e.pain is not None:
        code = {
            "coding": [
                _coding("jaw-pain-day"),
                {"system": LOINC, "code": PAIN_LOINC[0], "display": PAIN_LOINC[1]},
            ],
            "text": "Jaw pain (0-10)",
        }
        value = {"valueInteger": e.pain}
    else:
        code = _concept("jaw-pain-day")
        value = {"valueCodeableConcept": _concept("normal-day")}
    res = _observation(patient, code, effectiveDateTime=_day(e.date), **value)
    res["bodySite"] = {"text": "jaw"}
    b.add(f"day/jaw/{e.date}", res)
