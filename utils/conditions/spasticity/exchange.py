"""Spasticity: what the exchange layer (``utils.exchange``) needs to know about this condition.

The API every condition's ``exchange.py`` offers is described in ``utils/exchange/__init__.py``.
The clinician's grades and goal scores have CSV templates too (a spreadsheet typed from the
clinician's form imports by itself: the header names the kind), export by kind and travel in the
backup; FHIR carries the day's stiffness (there is no ICD-10-CM code for spasticity alone, so
the Condition has text only: the clinician codes the cause).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from utils.exchange.fhir_base import _Builder, _concept, _day, _observation

TEMPLATE_KINDS = ("spasticity_day", "ashworth_grade", "goal_score")  # day, then the clinician's

FHIR_CONDITION_TEXT = "Spasticity of the arm or leg (as reported by the patient)"
FHIR_GUIDE_CONDITION = "spasticity"
FHIR_CODES: dict[str, str] = {
    "stiffness-day": "Stiffness of the day (0-10)",
    "normal-day": "Normal day (no symptoms)",  # the display every condition shares
}


def fhir_day(b: _Builder, patient: str, e: Any, start: dt.date, end: dt.date) -> None:
    """A spasticity-diary day: its stiffness (0-10), or a normal day."""
    if not start <= e.date <= end:
        return
    value: dict[str, Any] = (
        {"valueInteger": e.stiffness}
        if e.stiffness is not None
        else {"valueCodeableConcept": _concept("normal-day")}
    )
    res = _observation(patient, _concept("stiffness-day"), effectiveDateTime=_day(e.date), **value)
    b.add(f"day/spasticity/{e.date}", res)
