"""Bladder: what the exchange layer (``utils.exchange``) needs to know about this condition.

The API every condition's ``exchange.py`` offers is described in ``utils/exchange/__init__.py``.
CSV templates: ``bladder_event`` (one row per void, leak or drink: ``at`` as ``YYYY-MM-DD HH:MM``)
and ``bladder_day`` (the day check-in). FHIR: one observation per complete diary day with its
counts, read from the evidence (complete days only, as everywhere).
"""

from __future__ import annotations

from typing import Any

from utils.exchange.fhir_base import _Builder, _concept, _day, _observation

TEMPLATE_KINDS = ("bladder_event", "bladder_day")

FHIR_CONDITION_TEXT = "Overactive bladder with urge incontinence (as reported by the patient)"
FHIR_GUIDE_CONDITION = "bladder"
FHIR_CODES: dict[str, str] = {
    "bladder-diary-day": "Bladder diary: counts of one complete day (24 hours)",
    "bladder-voids": "Voids in 24 hours",
    "bladder-urgency-episodes": "Urgency episodes in 24 hours",
    "bladder-urge-leaks": "Urge incontinence episodes in 24 hours",
    "bladder-nocturia": "Night voids (nocturia)",
    "bladder-pads": "Pads changed in 24 hours",
}
_COMPONENTS = (
    ("bladder-voids", "voids"),
    ("bladder-urgency-episodes", "urgency_episodes"),
    ("bladder-urge-leaks", "urge_leaks"),
    ("bladder-nocturia", "nocturia"),
    ("bladder-pads", "pads"),
)


def fhir_evidence(b: _Builder, patient: str, evidence: Any, definitions: Any) -> None:
    """One observation per complete diary day of the period, its counts as components."""
    summary = evidence.by_condition.get("bladder")
    if summary is None:
        return
    for d in summary.days:
        if not d.complete:
            continue
        components = [
            {"code": _concept(code), "valueInteger": getattr(d, name)}
            for code, name in _COMPONENTS
            if getattr(d, name) is not None
        ]
        res = _observation(
            patient,
            _concept("bladder-diary-day"),
            effectiveDateTime=_day(d.date),
            component=components,
        )
        b.add(f"day/bladder/{d.date}", res)
