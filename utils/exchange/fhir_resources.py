"""FHIR resources of the records that are not diary days: treatment trials and Botox sessions
(from the evidence's ledger), side effects and questionnaires (from the evidence's entries as
written, ``evidence.record``, which ``fhir.build_bundle`` passes: the questionnaires keep the
entries' order) (the answers from each condition's ``exchange.fhir_questionnaire``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from utils import catalog
from utils.core.entries import CONDITIONS
from utils.core.treatments import OUTCOMES, TOXIN_PRODUCTS, SideEffect
from utils.exchange.fhir_base import (
    AE_SEVERITY,
    QUESTIONNAIRE_BASE,
    _Builder,
    _day,
)
from utils.ledger import TreatmentLedger

MED_STATUS = {
    "ongoing": "active",
    "contraindicated": "not-taken",
    "inadequate_response": "stopped",
    "side_effects": "stopped",
    "other": "stopped",
}


def _in_store_order(ids: Sequence[int | None], items: Sequence[Any], day: str) -> list[Any]:
    """``(id, entry)`` pairs of a ledger in the order the store lists entries (by day, then id),
    so the bundle's resources keep their order; entries without a store id keep theirs."""
    pairs = list(zip(ids or (None,) * len(items), items, strict=True))
    if any(i is None for i, _ in pairs):
        return pairs
    return sorted(pairs, key=lambda p: (getattr(p[1], day), p[0]))


def _treatments(b: _Builder, patient: str, ledger: TreatmentLedger, today: dt.date) -> None:
    """Every trial that began by ``today`` (the period's last counted day): the evidence's
    ledger."""
    for tid, e in _in_store_order(ledger.treatment_ids, ledger.treatments, "start"):
        if e.start > today:
            continue
        key = f"trial/{tid if tid is not None else id(e)}"
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


def _sessions(b: _Builder, patient: str, ledger: TreatmentLedger, end: dt.date) -> dict[int, str]:
    """Every Botox session up to ``end``, from the evidence's ledger; ``{store id: reference}``
    for the side effects that name a session."""
    refs: dict[int, str] = {}
    for sid, e in _in_store_order(ledger.session_ids, ledger.sessions, "date"):
        if e.date > end:
            continue
        key = f"session/{sid if sid is not None else id(e)}"
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
        refs[sid if sid is not None else id(e)] = b.add(key, res)
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
