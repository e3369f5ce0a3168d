"""FHIR R4 export: every sample's bundle validates, and reads back to the summary's counts."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle

from tests.clock import NOW, TODAY
from tests.diaries import stored
from utils import fhir_export, sample
from utils.cli import main
from utils.evidence import build_evidence
from utils.models import BotoxSession, HeadacheCheckin, Midas, SideEffect

ROOT = Path(__file__).resolve().parents[3]
START = TODAY - dt.timedelta(days=179)


def _summary(capsys, name: str) -> dict:
    code = main(["summary", "--profile", name, "--start", str(START), "--end", str(TODAY)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def _bundle(store, which: str, identity=None) -> tuple[bytes, object]:
    profile = sample.load_sample(store, which, end=TODAY)
    entries = store.entries(profile.id)
    ev = build_evidence(entries, profile.conditions, START, TODAY, profile.settings, NOW)
    data = fhir_export.bundle_bytes(ev, entries, profile_key=str(profile.id), identity=identity)
    return data, profile


@pytest.mark.parametrize(
    ("which", "expected"),
    [
        (
            "migraine",
            {
                "Patient",
                "Condition",
                "DocumentReference",
                "Observation",
                "MedicationStatement",
                "Procedure",
                "AdverseEvent",
                "QuestionnaireResponse",
            },
        ),
        ("sweating", {"Patient", "Condition", "Observation", "Procedure", "QuestionnaireResponse"}),
        ("jaw", {"Patient", "Condition", "Observation", "MedicationStatement"}),
    ],
)
def test_each_sample_bundle_validates_and_reads_back_the_summary_counts(
    store, capsys, which, expected
):
    data, profile = _bundle(store, which)
    bundle = Bundle.model_validate_json(data)  # the clinic's side: FHIR models, no app code
    assert bundle.type == "collection"
    kinds = Counter(e.resource.get_resource_type() for e in bundle.entry)
    assert expected <= set(kinds)
    assert kinds["Patient"] == 1
    assert kinds["Condition"] == len(profile.conditions)

    summary = _summary(capsys, profile.name)
    want = {
        m["month"]: {k: m["counts"][k] for k in ("headache", "migraine", "long", "acute_any")}
        for m in summary["months"]
    }
    got = {
        month: {k: v for k, v in counts.items() if k != "logged"}
        for month, counts in fhir_export.read_monthly_counts(data).items()
    }
    assert got == want
    if which != "sweating":
        assert len(want) >= 6  # 180 days: the round trip compares real numbers
        assert any(c["headache"] for c in want.values())


def test_every_resource_says_the_patient_reported_it(store):
    data, _ = _bundle(store, "migraine")
    doc = json.loads(data)
    patient_ref = next(
        e["fullUrl"] for e in doc["entry"] if e["resource"]["resourceType"] == "Patient"
    )
    reporter = {
        "Observation": lambda r: [p["reference"] for p in r["performer"]],
        "Condition": lambda r: [r["asserter"]["reference"], r["recorder"]["reference"]],
        "MedicationStatement": lambda r: [r["informationSource"]["reference"]],
        "Procedure": lambda r: [r["asserter"]["reference"]],
        "AdverseEvent": lambda r: [r["recorder"]["reference"]],
        "QuestionnaireResponse": lambda r: [r["author"]["reference"], r["source"]["reference"]],
        "DocumentReference": lambda r: [a["reference"] for a in r["author"]],
    }
    assert doc["meta"]["tag"][0]["code"] == "patient-reported"
    for e in doc["entry"]:
        r = e["resource"]
        assert {"system": fhir_export.CODE_SYSTEM, "code": "patient-reported"}.items() <= r["meta"][
            "tag"
        ][0].items(), r["resourceType"]
        if r["resourceType"] != "Patient":
            assert set(reporter[r["resourceType"]](r)) == {patient_ref}, r["resourceType"]


def test_condition_is_provisional_with_the_guides_codes(store):
    data, _ = _bundle(store, "jaw")
    doc = json.loads(data)
    conds = [e["resource"] for e in doc["entry"] if e["resource"]["resourceType"] == "Condition"]
    assert len(conds) == 2
    for c in conds:
        assert c["verificationStatus"]["coding"][0]["code"] == "provisional"
    codes = {cd["code"] for c in conds for cd in c["code"].get("coding", [])}
    # Headache -> the guide's chronic migraine codes; jaw -> bruxism codes (ranges left out).
    assert {"G43.709", "G43.E19", "G47.63", "F45.8"} <= codes
    assert not any("-" in c for c in codes)


def test_the_patient_is_anonymous_unless_details_are_given(store):
    data, _ = _bundle(store, "sweating")
    patient = next(
        e["resource"]
        for e in json.loads(data)["entry"]
        if e["resource"]["resourceType"] == "Patient"
    )
    assert set(patient) == {"resourceType", "id", "meta", "text"}
    identity = {
        "name": "Ann Example",
        "birth_date": dt.date(1990, 4, 2),
        "identifiers": [{"system": "urn:plan:member", "value": "M-123", "label": "Member ID"}],
    }
    data, _ = _bundle(store, "sweating", identity=identity)
    patient = next(
        e["resource"]
        for e in json.loads(data)["entry"]
        if e["resource"]["resourceType"] == "Patient"
    )
    assert patient["name"] == [{"text": "Ann Example"}]
    assert patient["birthDate"] == "1990-04-02"
    assert patient["identifier"][0]["value"] == "M-123"
    assert patient["identifier"][0]["type"] == {"text": "Member ID"}


def test_questionnaire_session_and_side_effect_content():
    day = TODAY - dt.timedelta(days=10)
    entries = stored(
        HeadacheCheckin(date=day),
        BotoxSession(date=day, condition="headache", units=155, areas=["frontalis"]),
        SideEffect(effect="neck pain", start=day + dt.timedelta(days=1), severity="mild"),
        Midas(date=day, q1=3, q2=4, q3=5, q4=6, q5=7, headache_days=40),
    )
    # The side effect (entry 3) followed the session (entry 2).
    entries[2] = entries[2].__class__(
        **{**entries[2].__dict__, "entry": entries[2].entry.model_copy(update={"session_id": 2})}
    )
    ev = build_evidence(entries, ("headache",), day, TODAY, {}, NOW)
    doc = json.loads(fhir_export.bundle_bytes(ev, entries))
    Bundle.model_validate(doc)
    by_type: dict[str, list[dict]] = {}
    for e in doc["entry"]:
        by_type.setdefault(e["resource"]["resourceType"], []).append(e)
    proc = by_type["Procedure"][0]
    assert proc["resource"]["performedDateTime"] == day.isoformat()
    assert "155 units" in proc["resource"]["note"][0]["text"]
    assert proc["resource"]["bodySite"] == [{"text": "frontalis"}]
    ae = by_type["AdverseEvent"][0]["resource"]
    assert ae["suspectEntity"][0]["instance"]["reference"] == proc["fullUrl"]
    assert ae["severity"]["coding"][0]["code"] == "mild"
    qr = by_type["QuestionnaireResponse"][0]["resource"]
    answers = {i["linkId"]: i["answer"][0] for i in qr["item"]}
    assert answers["score"] == {"valueInteger": 25}  # 3+4+5+6+7
    assert answers["q5"] == {"valueInteger": 7}
    assert answers["headache_days"] == {"valueInteger": 40}
    # One logged headache-free day, recorded as such.
    days = [
        e["resource"]
        for e in by_type["Observation"]
        if e["resource"]["code"]["coding"][0]["code"] == "headache-day"
    ]
    assert (
        len(days) == 1 and days[0]["valueCodeableConcept"]["coding"][0]["code"] == "headache-free"
    )
    # The definitions travel with the counts.
    ref = by_type["DocumentReference"][0]["resource"]
    text = base64.b64decode(ref["content"][0]["attachment"]["data"]).decode()
    assert "Headache day: a day touched by at least one attack" in text


def test_cli_export_fhir_writes_one_bundle(store, capsys, tmp_path):
    sample.load_sample(store, "migraine", end=TODAY)
    out_dir = tmp_path / "out"
    code = main(
        ["export", "--profile", "Sample: migraine", "--out", str(out_dir), "--fhir",
         "--start", str(START), "--end", str(TODAY)]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    (path,) = out_dir.iterdir()
    assert out.strip() == str(path) and path.name.endswith(f"_fhir_{START}_{TODAY}.json")
    assert Bundle.model_validate_json(path.read_bytes()).type == "collection"
    code = main(
        ["export", "--profile", "Sample: migraine", "--out", str(out_dir), "--fhir",
         "--start", str(TODAY), "--end", str(START)]
    )  # fmt: skip
    assert code == 2 and "start date is after" in capsys.readouterr().err


def test_docs_list_every_code_and_resource():
    doc = (ROOT / "docs" / "fhir.md").read_text(encoding="utf-8")
    for code in fhir_export.CODES:
        assert f"`{code}`" in doc, code
    for name in (
        "Bundle",
        "Patient",
        "Condition",
        "Observation",
        "MedicationStatement",
        "Procedure",
        "AdverseEvent",
        "QuestionnaireResponse",
        "DocumentReference",
        fhir_export.PAIN_LOINC[0],
        fhir_export.CODE_SYSTEM,
    ):
        assert name in doc, name


def test_trials_up_to_the_period_end_with_status_and_reason():
    from utils.models import Treatment

    end = TODAY - dt.timedelta(days=30)
    entries = stored(
        Treatment(
            condition="headache",
            name="topiramate",
            treatment_class="anticonvulsant",
            dose="50 mg",
            start=end - dt.timedelta(days=100),
            stop=end - dt.timedelta(days=20),
            outcome="side_effects",
            side_effects="tingling",
        ),
        Treatment(
            condition="headache",
            name="propranolol",
            treatment_class="beta_blocker",
            start=end - dt.timedelta(days=10),
            outcome="ongoing",
        ),
        Treatment(
            condition="headache",
            name="amitriptyline",
            treatment_class="tricyclic",
            start=end + dt.timedelta(days=1),  # after the period: not in this bundle
            outcome="ongoing",
        ),
    )
    ev = build_evidence(entries, ("headache",), end - dt.timedelta(days=60), end, {}, NOW)
    doc = json.loads(fhir_export.bundle_bytes(ev, entries))
    meds = {
        e["resource"]["medicationCodeableConcept"]["text"]: e["resource"]
        for e in doc["entry"]
        if e["resource"]["resourceType"] == "MedicationStatement"
    }
    assert set(meds) == {"topiramate", "propranolol"}
    top = meds["topiramate"]
    assert top["status"] == "stopped"
    assert top["statusReason"] == [{"text": "Side effects: tingling"}]
    assert top["dosage"] == [{"text": "50 mg"}]
    assert top["effectivePeriod"]["end"] == (end - dt.timedelta(days=20)).isoformat()
    assert meds["propranolol"]["status"] == "active" and "statusReason" not in meds["propranolol"]
    assert "Days on it: 11." in meds["propranolol"]["note"][0]["text"]  # both ends counted


def test_identity_comes_from_the_document_identifiers_only_when_chosen():
    details = {
        "patient_name": "Ann Example",
        "date_of_birth": "1990-04-02",
        "member_id": "M-123",
        "thresholds": {},
    }
    # Filled in but not chosen for documents: the Patient stays anonymous.
    assert fhir_export.identity_from_settings({**details, "print_identifiers": False}) is None
    assert fhir_export.identity_from_settings({}) is None
    identity = fhir_export.identity_from_settings({**details, "print_identifiers": True})
    assert identity == {
        "name": "Ann Example",
        "birth_date": dt.date(1990, 4, 2),
        "identifiers": [{"value": "M-123", "label": "Insurance member ID"}],
    }
