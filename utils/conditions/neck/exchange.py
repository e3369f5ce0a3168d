"""Neck (cervical dystonia): what the exchange layer (``utils.exchange``) needs to know.

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

TEMPLATE_KINDS = ("neck_day", "neck_scale")  # the day diary; the clinician's scale totals

FHIR_CONDITION_TEXT = "Cervical dystonia (as reported by the patient)"
FHIR_GUIDE_CONDITION = "neck"
FHIR_CODES: dict[str, str] = {
    "neck-pain-day": "Neck pain of the day (0-10)",
    "neck-pull-day": "How far the head pulled that day (patient-rated)",
}


def fhir_day(b: _Builder, patient: str, e: Any, start: dt.date, end: dt.date) -> None:
    """A neck-diary day: its pain (0-10) and its pull rating, or a normal day."""
    if not start <= e.date <= end or getattr(e, "KIND", "") != "neck_day":
        return
    if e.normal_day:
        res = _observation(
            patient,
            _concept("neck-pain-day"),
            effectiveDateTime=_day(e.date),
            valueCodeableConcept=_concept("normal-day"),
        )
        res["bodySite"] = {"text": "neck"}
        b.add(f"day/neck/{e.date}", res)
        return
    if e.pain is not None:
        code = {
            "coding": [
                _coding("neck-pain-day"),
                {"system": LOINC, "code": PAIN_LOINC[0], "display": PAIN_LOINC[1]},
            ],
            "text": "Neck pain (0-10)",
        }
        res = _observation(patient, code, effectiveDateTime=_day(e.date), valueInteger=e.pain)
        res["bodySite"] = {"text": "neck"}
        b.add(f"day/neck/{e.date}", res)
    if e.pull is not None:
        res = _observation(
            patient, _concept("neck-pull-day"), effectiveDateTime=_day(e.date), valueString=e.pull
        )
        res["bodySite"] = {"text": "neck"}
        b.add(f"day/neck-pull/{e.date}", res)
