"""FHIR resources read from the diary's entries: treatment trials, Botox sessions, side effects
and questionnaires (the answers from each condition's ``exchange.fhir_questionnaire``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from utils import catalog
from utils.exchange.fhir_base import (
    AE_SEVERITY,
    QUESTIONNAIRE_BASE,
    _Builder,
    _day,
)
from utils.models import (
    CONDITIONS,
    OUTCOMES,
    TOXIN_PRODUCTS,
    BotoxSession,
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


def _questionnaires(b: _Builder, patient: str, entries: Sequence[Any], end: dt.date) -> None:
    """Each questionnaire up to ``end`` as the answers its condition's
    ``exchange.fhir_questionnaire`` gives (in the entries' order)."""
    from utils import conditions

    makers = [
        part.fhir_questionnaire
        for _, part in conditions.parts("exchange")
        if hasattr(part, "fhir_questionnaire")
    ]
    for item in entries:
        e = getattr(item, "entry", item)
        made = next((m for m in (make(e, end) for make in makers) if m is not None), None)
        if made is None:
            continue
        name, items, text = made
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
        if text:
            res["text"] = {
                "status": "generated",
                "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{text}</div>',
            }
        b.add(f"{getattr(e, 'KIND', '')}/{getattr(item, 'id', id(e))}", res)
