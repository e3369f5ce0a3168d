"""Headache: what the exchange layer (``utils.exchange``) needs to know about this condition.

The API every condition's ``exchange.py`` offers is described in ``utils/exchange/__init__.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from utils import catalog
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
from utils.models import MIDAS_ITEMS, Hit6, Midas

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
    """Acute medicine use in the period: one statement per medicine class, with its days."""
    start, end = evidence.period.start, evidence.period.counted_end
    days_by_class: dict[str, int] = {}
    for d in evidence.days:
        for c in d.acute_classes:
            days_by_class[c] = days_by_class.get(c, 0) + 1
    names: dict[str, set[str]] = {}
    for item in entries:
        e = getattr(item, "entry", item)
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
    from utils.scores import hit6_band, midas_grade

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
