"""Sweating: what the exchange layer (``utils.exchange``) needs to know about this condition.

The API is described in ``utils/conditions/headache/exchange.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from utils.exchange.fhir_base import _Builder, _concept, _day, _observation

TEMPLATE_KINDS = ("sweat_day",)

FHIR_CONDITION_TEXT = "Primary focal hyperhidrosis (as reported by the patient)"
FHIR_GUIDE_CONDITION = "sweating"
FHIR_CODES: dict[str, str] = {
    "hdss-day": "Sweating severity of the day (HDSS 1-4)",
    "normal-day": "Normal day (no symptoms)",
}


def fhir_day(b: _Builder, patient: str, e: Any, start: dt.date, end: dt.date) -> None:
    """A sweating-diary day: its HDSS (1-4), or a normal day."""
    if not start <= e.date <= end:
        return
    value: dict[str, Any] = (
        {"valueInteger": e.hdss}
        if e.hdss is not None
        else {"valueCodeableConcept": _concept("normal-day")}
    )
    res = _observation(patient, _concept("hdss-day"), effectiveDateTime=_day(e.date), **value)
    if e.sites:
        res["bodySite"] = {"text": ", ".join(e.sites)}
    b.add(f"day/sweat/{e.date}", res)
