"""Headache: what the exchange layer (``utils.exchange``) needs to know about this condition.

Uniform API of a condition's ``exchange.py`` (read through ``conditions.parts("exchange")``;
every name is optional unless marked):

``TEMPLATE_KINDS`` (required)
    The entry kinds that have a CSV template (import and export), in the order shown.
``FHIR_CONDITION_TEXT``, ``FHIR_GUIDE_CONDITION`` (required)
    The FHIR ``Condition``'s text, and the condition's key in the guide's code table
    (``content/codes.yaml``) whose ICD-10-CM codes it carries.
``FHIR_CODES``
    The condition's codes in the app's own FHIR code system: code -> display.
``FHIR_MONTHLY``
    Monthly count observations: code -> (display, the field of ``metrics.Counts`` it reads).
``fhir_evidence(b, patient, evidence, definitions)``
    Adds the condition's observations read from the evidence (after the definitions).
``fhir_day(b, patient, entry, start, end)``
    Adds the observation of one daily entry of the condition's entry kinds, when its day is in
    the period (``start``..``end``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from utils import catalog
from utils.exchange.fhir_base import (
    LOINC,
    PAIN_LOINC,
    UCUM,
    _Builder,
    _concept,
    _day,
    _days_quantity,
    _observation,
)

if TYPE_CHECKING:
    from utils import metrics
    from utils.evidence import Evidence

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
