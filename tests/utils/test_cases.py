"""Case and call validation, stage moves, and storage through the generic store."""

from __future__ import annotations

import datetime as dt

import pytest

import utils.cases  # noqa: F401  (registers the case-tracker kinds)
from utils import models
from utils.cases import CaseCall, CoverageCase, next_stages, record_stage
from utils.models import ENTRY_KINDS, EntryError, build

D = dt.date


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: dt.datetime(2026, 11, 27, 12, 0))


def case(**kw) -> CoverageCase:
    data = {"condition": "headache", "insurer": "Acme", "opened": D(2026, 1, 5)}
    data.update(kw)
    return build(CoverageCase, **data)  # type: ignore[return-value]


def test_kinds_are_registered_by_importing_models() -> None:
    assert ENTRY_KINDS["coverage_case"] is CoverageCase
    assert ENTRY_KINDS["case_call"] is CaseCall


def test_day_is_the_date_opened() -> None:
    assert case().day() == D(2026, 1, 5)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"insurer": ""}, "insurer"),
        ({"opened": D(2026, 11, 28)}, "in the future"),
        ({"stage": "denied", "denied_on": D(2026, 12, 1)}, "in the future"),
        ({"stage": "denied"}, "needs its date"),
        (
            {"stage": "denied", "pa_submitted_on": D(2026, 5, 2), "denied_on": D(2026, 5, 1)},
            "is before",
        ),
        (
            {
                "stage": "internal_appeal",
                "denied_on": D(2026, 5, 1),
                "internal_appeal_filed_on": D(2026, 4, 1),
            },
            "is before",
        ),
        ({"stage": "internal_appeal", "internal_appeal_filed_on": D(2026, 5, 1)}, "denial"),
        ({"approved_on": D(2026, 5, 1), "denied_on": D(2026, 5, 1)}, "either approved or denied"),
        ({"stage": "decided", "decided_on": D(2026, 5, 1)}, "how the case was decided"),
        ({"outcome": "approved"}, "final decision"),
        ({"plan_type": "cash"}, "plan type"),
        ({"denial_category": "because"}, "denial category"),
        ({"documents": ["selfie"]}, "documents"),
    ],
)
def test_invalid_cases_are_refused(changes, message) -> None:
    with pytest.raises(EntryError) as err:
        case(**changes)
    assert message in str(err.value).lower()


def test_deadline_overrides_may_be_in_the_future() -> None:
    c = case(stage="denied", denied_on=D(2026, 11, 1), internal_appeal_due_override=D(2027, 4, 30))
    assert c.internal_appeal_due_override == D(2027, 4, 30)


def test_a_denied_case_moves_to_appeal_and_external_review() -> None:
    c = record_stage(case(), "pa_submitted", D(2026, 9, 1))
    c = record_stage(
        c, "denied", D(2026, 9, 12), denial_category="step_therapy", denial_reason="Try 3 first"
    )
    assert (c.stage, c.denied_on, c.denial_category) == ("denied", D(2026, 9, 12), "step_therapy")
    c = record_stage(c, "internal_appeal", D(2026, 10, 1))
    assert c.stage == "internal_appeal"
    # A refusal during the internal appeal is the final internal denial.
    c = record_stage(c, "denied", D(2026, 10, 25))
    assert (c.stage, c.final_internal_denial_on, c.denied_on) == (
        "internal_appeal",
        D(2026, 10, 25),
        D(2026, 9, 12),
    )
    c = record_stage(c, "external_review", D(2026, 11, 2))
    c = record_stage(c, "decided", D(2026, 11, 20), outcome="approved")
    assert c.approval_date() == D(2026, 11, 20)
    assert [label for label, _ in c.stage_dates()][:3] == [
        "Case opened",
        "Pre-authorization submitted",
        "Denial notice (date on the letter)",
    ]


def test_record_stage_refuses_a_future_date() -> None:
    with pytest.raises(EntryError, match="future"):
        record_stage(case(), "pa_submitted", D(2026, 12, 1))


def test_next_stages_cover_the_appeal_path() -> None:
    assert "denied" in next_stages("pa_submitted")
    assert "internal_appeal" in next_stages("denied")
    assert "external_review" in next_stages("internal_appeal")
    assert next_stages("decided") == []
    assert next_stages("internal_appeal", appeal_refused=True) == ["external_review", "decided"]


def test_stage_label_says_when_the_appeal_was_refused() -> None:
    c = case(
        stage="internal_appeal", denied_on=D(2026, 5, 1), internal_appeal_filed_on=D(2026, 6, 1)
    )
    assert c.stage_label() == "Internal appeal filed"
    refused = record_stage(c, "denied", D(2026, 6, 20))
    assert refused.stage_label() == "Internal appeal refused"


def test_other_rules_for_medicare_medicaid_and_self_funded() -> None:
    assert case(plan_type="medicare").other_rules()
    assert case(plan_type="medicaid").other_rules()
    assert case(self_funded=True).other_rules()
    assert not case(plan_type="marketplace").other_rules()


def test_call_validation() -> None:
    call = build(CaseCall, case_id=3, date=D(2026, 11, 27), said="Asked about the policy")
    assert call.day() == D(2026, 11, 27)
    with pytest.raises(EntryError, match="future"):
        build(CaseCall, case_id=3, date=D(2026, 11, 28), said="x")
    with pytest.raises(EntryError, match="before the call"):
        build(CaseCall, case_id=3, date=D(2026, 11, 20), said="x", follow_up_on=D(2026, 11, 1))
    with pytest.raises(EntryError):
        build(CaseCall, case_id=3, date=D(2026, 11, 20), said="")


def test_cases_are_stored_with_history(store) -> None:
    p = store.create_profile("P", ["headache"])
    c = case(stage="pa_submitted", pa_submitted_on=D(2026, 3, 1))
    case_id = store.add(p.id, c)
    store.update(p.id, case_id, record_stage(c, "denied", D(2026, 3, 10)))
    stored = store.get(p.id, case_id)
    assert stored.kind == "coverage_case" and stored.entry.stage == "denied"
    assert stored.day == D(2026, 1, 5)
    assert [h.data["stage"] for h in store.history(p.id, case_id)] == ["pa_submitted"]
    store.add(p.id, build(CaseCall, case_id=case_id, date=D(2026, 3, 11), said="Called"))
    kinds = [r.kind for r in store.entries(p.id)]
    assert kinds == ["coverage_case", "case_call"]
