"""The diary as one FHIR R4 ``Bundle`` (type ``collection``) for a clinic's record system.

Built from the evidence object (``utils.evidence.build_evidence``) and the diary entries, and
validated resource by resource with the ``fhir.resources`` models of its ``R4B`` package (the
R4-compatible release; nothing used here differs between R4 and R4B). Every resource is marked
as reported by the patient: ``meta.tag`` carries ``patient-reported`` and ``performer`` /
``informationSource`` / ``recorder`` / ``asserter`` / ``author`` is the Patient. The counts follow
the definitions printed in the bundle's ``DocumentReference`` (the same sentences as the PDF and
the summary JSON). Every resource and code is listed in ``docs/fhir.md``.

Nothing here imports streamlit: the page, the CLI and the tests share it.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from utils import catalog, guide, metrics
from utils.evidence import Evidence
from utils.models import (
    CONDITIONS,
    HDSS_ATTRIBUTION,
    MIDAS_ITEMS,
    OUTCOMES,
    TOXIN_PRODUCTS,
    BotoxSession,
    HdssAssessment,
    Hit6,
    JawDay,
    Midas,
    SideEffect,
    SweatDay,
    Treatment,
)

# The app's own code system for what has no standard code (documented in docs/fhir.md).
CODE_SYSTEM = "urn:coverage-diary:fhir:codes"
QUESTIONNAIRE_BASE = "urn:coverage-diary:fhir:questionnaire:"
LOINC = "http://loinc.org"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
UCUM = "http://unitsofmeasure.org"
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
COND_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
COND_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
COND_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
AE_SEVERITY = "http://terminology.hl7.org/CodeSystem/adverse-event-severity"
PAIN_LOINC = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")

PATIENT_TAG = {
    "system": CODE_SYSTEM,
    "code": "patient-reported",
    "display": "Reported by the patient in Coverage Diary (not confirmed by a clinician)",
}

# Monthly counts: code -> (display, the field of metrics.Counts it reads).
MONTHLY: dict[str, tuple[str, str]] = {
    "headache-days-month": ("Headache days in the month", "headache"),
    "migraine-days-month": ("Migraine days in the month", "migraine"),
    "long-headache-days-month": ("Days with 4 hours or more of headache in the month", "long"),
    "acute-medication-days-month": (
        "Days with any acute headache medicine in the month",
        "acute_any",
    ),
    "logged-days-month": ("Days logged in the headache diary in the month", "logged"),
}
# The codes of everything else the app defines (docs/fhir.md lists them all).
CODES: dict[str, str] = {
    **{code: display for code, (display, _) in MONTHLY.items()},
    "patient-reported": PATIENT_TAG["display"],
    "headache-day": "Headache diary day",
    "headache": "Headache day",
    "headache-free": "Headache-free day",
    "headache-hours": "Hours of headache that day",
    "migraine-day": "Migraine day by the rule in use",
    "acute-medication-classes": "Acute medicine classes taken that day",
    "hdss-day": "Sweating severity of the day (HDSS 1-4)",
    "normal-day": "Normal day (no symptoms)",
    "jaw-pain-day": "Jaw pain of the day (0-10)",
    "acute-medication-use": "Acute headache medicine use in the period",
    "count-definitions": "Definitions used for the counts",
    "midas": "MIDAS questionnaire",
    "hit6": "HIT-6 total",
    "hdss": "HDSS assessment",
}
# App condition -> condition key of the guide's code table (content/codes.yaml).
GUIDE_CONDITION = {"headache": "migraine", "sweating": "sweating", "jaw": "jaw"}
CONDITION_TEXT = {
    "headache": "Chronic migraine (as reported by the patient)",
    "sweating": "Primary focal hyperhidrosis (as reported by the patient)",
    "jaw": "Temporomandibular disorder / bruxism (as reported by the patient)",
}
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


def _coding(code: str) -> dict[str, str]:
    return {"system": CODE_SYSTEM, "code": code, "display": CODES[code]}


def _concept(code: str, text: str | None = None) -> dict[str, Any]:
    return {"coding": [_coding(code)], "text": text or CODES[code]}


def _day(d: dt.date) -> str:
    return d.isoformat()


class _Builder:
    """Collects resources with stable ids (uuid5 of the profile and the entry)."""

    def __init__(self, seed: str):
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"{CODE_SYSTEM}:{seed}")
        self.entries: list[dict[str, Any]] = []

    def ref(self, key: str) -> str:
        return f"urn:uuid:{uuid.uuid5(self.namespace, key)}"

    def add(self, key: str, resource: dict[str, Any]) -> str:
        full = self.ref(key)
        resource = {
            "id": full.removeprefix("urn:uuid:"),
            "meta": {"tag": [dict(PATIENT_TAG)]},
            **resource,
        }
        self.entries.append({"fullUrl": full, "resource": resource})
        return full


def identity_from_settings(settings: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The identifiers the patient chose to print on documents (Profiles & settings), as the
    ``identity`` of ``_patient``; None (an anonymous Patient) when they chose not to."""
    from utils.models import ProfileSettings

    s = ProfileSettings.from_settings(dict(settings or {}))
    if not s.print_identifiers:
        return None
    identity: dict[str, Any] = {}
    if s.patient_name:
        identity["name"] = s.patient_name
    if s.date_of_birth:
        identity["birth_date"] = s.date_of_birth
    if s.member_id:
        identity["identifiers"] = [{"value": s.member_id, "label": "Insurance member ID"}]
    return identity or None


def _patient(identity: Mapping[str, Any] | None) -> dict[str, Any]:
    """A Patient with only what the patient chose to include; anonymous without ``identity``.

    ``identity`` keys (all optional): ``name`` (text), ``given``, ``family``, ``birth_date``
    (date or YYYY-MM-DD), ``gender`` (male, female, other, unknown) and ``identifiers`` (a list of
    ``{"system", "value", "label"}``, e.g. an insurance member id).
    """
    res: dict[str, Any] = {"resourceType": "Patient"}
    if not identity:
        res["text"] = {
            "status": "generated",
            "div": '<div xmlns="http://www.w3.org/1999/xhtml">Anonymous: the patient chose not '
            "to include their name or identifiers.</div>",
        }
        return res
    name: dict[str, Any] = {}
    if identity.get("name"):
        name["text"] = str(identity["name"])
    if identity.get("family"):
        name["family"] = str(identity["family"])
    if identity.get("given"):
        name["given"] = [str(identity["given"])]
    if name:
        res["name"] = [name]
    birth = identity.get("birth_date")
    if birth:
        res["birthDate"] = birth.isoformat() if isinstance(birth, dt.date) else str(birth)
    if identity.get("gender"):
        res["gender"] = str(identity["gender"])
    idents = []
    for item in identity.get("identifiers") or ():
        if not item.get("value"):
            continue
        ident: dict[str, Any] = {"value": str(item["value"])}
        if item.get("system"):
            ident["system"] = str(item["system"])
        if item.get("label"):
            ident["type"] = {"text": str(item["label"])}
        idents.append(ident)
    if idents:
        res["identifier"] = idents
    return res


def _condition_codes(condition: str) -> list[dict[str, str]]:
    """The ICD-10-CM codes the insurance guide lists for a condition (ranges left out)."""
    key = GUIDE_CONDITION[condition]
    out = []
    for row in guide.code_table()["codes"]:
        if row["condition"] != key or row["system"] != "ICD-10-CM" or "-" in str(row["code"]):
            continue
        out.append({"system": ICD10CM, "code": str(row["code"]), "display": row["description"]})
    return out


def _observation(
    patient: str, code: dict[str, Any], *, category: str = "survey", **fields: Any
) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [{"system": OBS_CATEGORY, "code": category}]}],
        "code": code,
        "subject": {"reference": patient},
        "performer": [{"reference": patient}],
        **fields,
    }


def _days_quantity(n: int) -> dict[str, Any]:
    return {"value": n, "unit": "days", "system": UCUM, "code": "d"}


def _monthly(b: _Builder, patient: str, evidence: Evidence, definitions: str) -> None:
    rule = evidence.migraine_day_rule["text"]
    for m in evidence.months:
        c = m.counts
        notes = [f"Counted by the definitions in {definitions} (migraine day rule: {rule})"]
        if m.note:
            notes.append(m.note)
        for code, (_, attr) in MONTHLY.items():
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


def _daily_entries(
    b: _Builder, patient: str, entries: Sequence[Any], start: dt.date, end: dt.date
) -> None:
    for item in entries:
        e = getattr(item, "entry", item)
        if isinstance(e, SweatDay) and start <= e.date <= end:
            value: dict[str, Any] = (
                {"valueInteger": e.hdss}
                if e.hdss is not None
                else {"valueCodeableConcept": _concept("normal-day")}
            )
            res = _observation(
                patient, _concept("hdss-day"), effectiveDateTime=_day(e.date), **value
            )
            if e.sites:
                res["bodySite"] = {"text": ", ".join(e.sites)}
            b.add(f"day/sweat/{e.date}", res)
        elif isinstance(e, JawDay) and start <= e.date <= end:
            if e.pain is not None:
                code = {
                    "coding": [
                        _coding("jaw-pain-day"),
                        {"system": LOINC, "code": PAIN_LOINC[0], "display": PAIN_LOINC[1]},
                    ],
                    "text": "Jaw pain (0-10)",
                }
                value = {"valueInteger": e.pain}
            else:
                code = _concept("jaw-pain-day")
                value = {"valueCodeableConcept": _concept("normal-day")}
            res = _observation(patient, code, effectiveDateTime=_day(e.date), **value)
            res["bodySite"] = {"text": "jaw"}
            b.add(f"day/jaw/{e.date}", res)


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


def _definitions(b: _Builder, patient: str, evidence: Evidence) -> str:
    text = "\n".join(
        [
            "Definitions used for the counts in this bundle (Coverage Diary, summary schema "
            f"{evidence.schema_version}). Everything was reported by the patient.",
            f"Migraine day rule in use: {evidence.migraine_day_rule['id']}.",
            *(f"- {d}" for d in evidence.definitions),
        ]
    )
    return b.add(
        "definitions",
        {
            "resourceType": "DocumentReference",
            "status": "current",
            "type": _concept("count-definitions"),
            "subject": {"reference": patient},
            "author": [{"reference": patient}],
            "date": evidence.generated_at.astimezone().isoformat(timespec="seconds"),
            "description": "Definitions used for the monthly counts",
            "content": [
                {
                    "attachment": {
                        "contentType": "text/plain; charset=utf-8",
                        "language": "en",
                        "title": "Definitions used for the counts",
                        "data": base64.b64encode(text.encode("utf-8")).decode("ascii"),
                    }
                }
            ],
        },
    )


def build_bundle(
    evidence: Evidence,
    entries: Sequence[Any],
    *,
    profile_key: str = "",
    identity: Mapping[str, Any] | None = None,
) -> Bundle:
    """One validated R4 ``Bundle`` (type ``collection``) of a profile and period.

    ``entries`` are the profile's StoredEntry objects (all of them: trials, sessions and
    questionnaires up to the period's last counted day are included, daily records only inside
    the period). ``identity`` is what the patient chose to include (see ``_patient``); without
    it the Patient is anonymous. ``profile_key`` makes the resource ids stable per profile.
    Raises ``pydantic.ValidationError`` when a resource does not fit the FHIR models.
    """
    start, end = evidence.period.start, evidence.period.counted_end
    b = _Builder(f"{profile_key}/{start}/{end}")
    patient = b.add("patient", _patient(identity))
    for cond in evidence.conditions:
        b.add(
            f"condition/{cond}",
            {
                "resourceType": "Condition",
                "clinicalStatus": {"coding": [{"system": COND_CLINICAL, "code": "active"}]},
                "verificationStatus": {
                    "coding": [{"system": COND_VERIFICATION, "code": "provisional"}],
                    "text": "Reported by the patient; for the clinician to confirm",
                },
                "category": [{"coding": [{"system": COND_CATEGORY, "code": "problem-list-item"}]}],
                "code": {"coding": _condition_codes(cond), "text": CONDITION_TEXT[cond]},
                "subject": {"reference": patient},
                "recorder": {"reference": patient},
                "asserter": {"reference": patient},
                "note": [
                    {
                        "text": "The codings are the candidate codes listed in the app's insurance "
                        "guide; the clinician chooses the one that applies."
                    }
                ],
            },
        )
    definitions = _definitions(b, patient, evidence)
    _monthly(b, patient, evidence, definitions)
    _headache_days(b, patient, evidence.days)
    _daily_entries(b, patient, entries, start, end)
    _treatments(b, patient, entries, end)
    _acute_use(b, patient, evidence, entries)
    sessions = _sessions(b, patient, entries, end)
    _side_effects(b, patient, entries, sessions, end)
    _questionnaires(b, patient, entries, end)
    return Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "id": str(b.namespace),
            "meta": {"tag": [dict(PATIENT_TAG)]},
            "identifier": {"system": CODE_SYSTEM, "value": str(b.namespace)},
            "type": "collection",
            "timestamp": evidence.generated_at.astimezone().isoformat(timespec="seconds"),
            "entry": b.entries,
        }
    )


def bundle_bytes(
    evidence: Evidence,
    entries: Sequence[Any],
    *,
    profile_key: str = "",
    identity: Mapping[str, Any] | None = None,
) -> bytes:
    """The bundle as FHIR JSON (UTF-8), ready to download or send."""
    bundle = build_bundle(evidence, entries, profile_key=profile_key, identity=identity)
    return json.dumps(json.loads(bundle.model_dump_json()), indent=1, ensure_ascii=False).encode(
        "utf-8"
    )


def bundle_filename(profile_name: str, start: dt.date, end: dt.date) -> str:
    from utils.exchange import _slug

    return f"coverage-diary_{_slug(profile_name)}_fhir_{start}_{end}.json"


def read_monthly_counts(data: bytes | str) -> dict[str, dict[str, int]]:
    """Read a bundle back (validated) and return ``{YYYY-MM: {count name: days}}``.

    The count names are the fields of the summary JSON's ``months[].counts``: headache,
    migraine, long, acute_any and logged.
    """
    bundle = Bundle.model_validate_json(data)
    out: dict[str, dict[str, int]] = {}
    for entry in bundle.entry or ():
        res = entry.resource
        if res.get_resource_type() != "Observation":
            continue
        codes = [c.code for c in res.code.coding or () if c.system == CODE_SYSTEM]
        if not codes or codes[0] not in MONTHLY:
            continue
        month = str(res.effectivePeriod.start)[:7]
        out.setdefault(month, {})[MONTHLY[codes[0]][1]] = int(res.valueQuantity.value)
    return out
