"""Sweating: what the exchange layer (``utils.exchange``) needs to know about this condition.

The API every condition's ``exchange.py`` offers is described in ``utils/exchange/__init__.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from utils.core.questionnaires import HDSS_ATTRIBUTION, HdssAssessment
from utils.exchange.fhir_base import _answer_item, _Builder, _concept, _day, _observation

TEMPLATE_KINDS = ("sweat_day",)

FHIR_CONDITION_TEXT = "Primary focal hyperhidrosis (as reported by the patient)"
FHIR_GUIDE_CONDITION = "sweating"
FHIR_CODES: dict[str, str] = {
    "hdss-day": "Sweating severity of the day (HDSS 1-4)",
    "normal-day": "Normal day (no symptoms)",
    "hdss": "HDSS assessment",
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


def fhir_questionnaire(e: Any, end: dt.date) -> tuple[str, list[dict[str, Any]], str | None] | None:
    """HDSS assessments, with the scale's attribution as the text."""
    if not (isinstance(e, HdssAssessment) and e.date <= end):
        return None
    items = [
        _answer_item("score", "HDSS score (1-4)", e.score),
        _answer_item("timing", "When (before or after treatment, or routine)", e.timing),
    ]
    return "hdss", items, HDSS_ATTRIBUTION
