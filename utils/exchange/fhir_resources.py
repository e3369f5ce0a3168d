"""FHIR resources read from the diary's entries: treatment trials, acute medicine use, Botox
sessions, side effects and questionnaires (``fhir.build_bundle`` adds them in this order)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from utils import catalog
from utils.evidence import Evidence
from utils.exchange.fhir_base import (
    AE_SEVERITY,
    QUESTIONNAIRE_BASE,
    _Builder,
    _concept,
    _day,
)
from utils.models import (
    CONDITIONS,
    HDSS_ATTRIBUTION,
    MIDAS_ITEMS,
    OUTCOMES,
    TOXIN_PRODUCTS,
    BotoxSession,
    HdssAssessment,
    Hit6,
    Midas,
    SideEffect,
    Treatment,
)

MED_STATUS = {
    "ongoing": "active",
    "contraindicated": "not-taken",
    "inadequate_response": "stopped",
    "side_effects": "stopped",
    "other": "stopped",
}
MIDAS_EXTRA = {
    "headache_days": "Days with a headache in the last 3 months",
    "average_pain": "Average pain of these headaches (0-10)",
}


def _treatments(b: _Builder, patient: str, entries: Sequence[Any], today: dt.date) -> None:
    """Every trial that began by ``today`` (the period's last counted day)."""
    for item in entries:
        e = getattr(item, "entry", item)
        if not isinstance(e, Treatment) or e.start > today:
            continue
        key = f"trial/{getattr(item, 'id', id(e))}"
        cls = catalog.treatment_classes()[e.treatment_class]
        period: dict[str, str] = {"start": _day(e.start)}
        if e.stop:
            period["end"] = _day(e.stop)
        reason = OUTCOMES[e.outcome]
        if e.side_effects:
            reason += f": {e.side_effects}"
        res: dict[str, Any] = {
            "resourceType": "MedicationStatement",
            "status": MED_STATUS[e.outcome],
            "medicationCodeableConcept": {"text": e.name},
            "subject": {"reference": patient},
            "informationSource": {"reference": patient},
            "effectivePeriod": period,
            "reasonCode": [{"text": CONDITIONS[e.condition]}],
            "note": [{"text": f"Treatment class: {cls['label']}. Days on it: {e.days_on(today)}."}],
        }
        if e.outcome != "ongoing":
            res["statusReason"] = [{"text": reason}]
        dose = " ".join(x for x in (e.strength, e.dose) if x)
        if dose:
            res["dosage"] = [{"text": dose}]
        if e.prescriber:
            res["note"].append({"text": f"Prescriber: {e.prescriber}"})
        if e.notes:
            res["note"].append({"text": e.notes})
        b.add(key, res)


def _acute_use(b: _Builder, patient: str, evidence: Evidence, entries: Sequence[Any]) -> None:
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


def _sessions(b: _Builder, patient: str, entries: Sequence[Any], end: dt.date) -> dict[int, str]:
    refs: dict[int, str] = {}
    for item in entries:
        e = getattr(item, "entry", item)
        if not isinstance(e, BotoxSession) or e.date > end:
            continue
        key = f"session/{getattr(item, 'id', id(e))}"
        res: dict[str, Any] = {
            "resourceType": "Procedure",
            "status": "completed",
            "code": {"text": f"Botulinum toxin injections for {CONDITIONS[e.condition].lower()}"},
            "subject": {"reference": patient},
            "performedDateTime": _day(e.date),
            "asserter": {"reference": patient},
            "recorder": {"reference": patient},
            "usedCode": [{"text": TOXIN_PRODUCTS[e.product]}],
            "reasonCode": [{"text": CONDITIONS[e.condition]}],
            "note": [{"text": f"{e.units:g} units of {TOXIN_PRODUCTS[e.product]}."}],
        }
        if e.areas:
            res["bodySite"] = [{"text": a} for a in e.areas]
        if e.injector:
            res["performer"] = [{"actor": {"display": e.injector}}]
        if e.notes:
            res["note"].append({"text": e.notes})
        refs[getattr(item, "id", id(e))] = b.add(key, res)
    return refs


def _side_effects(
    b: _Builder, patient: str, entries: Sequence[Any], sessions: Mapping[int, str], end: dt.date
) -> None:
    for item in entries:
        e = getattr(item, "entry", item)
        if not isinstance(e, SideEffect) or e.start > end:
            continue
        res: dict[str, Any] = {
            "resourceType": "AdverseEvent",
            "actuality": "actual",
            "event": {"text": e.effect},
            "subject": {"reference": patient},
            "date": _day(e.start),
            "recorder": {"reference": patient},
            "severity": {
                "coding": [{"system": AE_SEVERITY, "code": e.severity}],
                "text": e.severity,
            },
        }
        if e.session_id in sessions:
            res["suspectEntity"] = [{"instance": {"reference": sessions[e.session_id]}}]
        if e.end:
            res["outcome"] = {"text": f"Ended on {e.end.isoformat()}"}
        b.add(f"side-effect/{getattr(item, 'id', id(e))}", res)


def _answer_item(link: str, text: str, value: int | str) -> dict[str, Any]:
    key = "valueInteger" if isinstance(value, int) else "valueString"
    return {"linkId": link, "text": text, "answer": [{key: value}]}


def _questionnaires(b: _Builder, patient: str, entries: Sequence[Any], end: dt.date) -> None:
    from utils.scores import hit6_band, midas_grade

    for item in entries:
        e = getattr(item, "entry", item)
        key = f"{getattr(e, 'KIND', '')}/{getattr(item, 'id', id(e))}"
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
            name = "midas"
        elif isinstance(e, Hit6) and e.date <= end:
            items = [
                _answer_item("total", "HIT-6 total score (36-78)", e.total),
                _answer_item("band", "HIT-6 impact band", hit6_band(e.total)),
            ]
            name = "hit6"
        elif isinstance(e, HdssAssessment) and e.date <= end:
            items = [
                _answer_item("score", "HDSS score (1-4)", e.score),
                _answer_item("timing", "When (before or after treatment, or routine)", e.timing),
            ]
            name = "hdss"
        else:
            continue
        res = {
            "resourceType": "QuestionnaireResponse",
            "questionnaire": QUESTIONNAIRE_BASE + name,
            "status": "completed",
            "subject": {"reference": patient},
            "authored": _day(e.date),
            "author": {"reference": patient},
            "source": {"reference": patient},
            "item": items,
        }
        if name == "hdss":
            res["text"] = {
                "status": "generated",
                "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{HDSS_ATTRIBUTION}</div>',
            }
        b.add(key, res)
