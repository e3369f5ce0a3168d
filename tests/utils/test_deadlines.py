"""Every deadline rule, with month ends and leap years."""

from __future__ import annotations

import datetime as dt

import pytest

import utils.cases  # noqa: F401  (registers the case-tracker kinds)
from utils import deadlines, models
from utils.cases import CaseCall, CoverageCase
from utils.models import BotoxSession, build

D = dt.date
TODAY = D(2026, 11, 27)


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: dt.datetime(2026, 11, 27, 12, 0))


def case(**kw) -> CoverageCase:
    data = {"condition": "headache", "insurer": "Acme", "opened": D(2026, 1, 5)}
    data.update(kw)
    return build(CoverageCase, **data)  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2026, 10, 31), 4, D(2027, 2, 28)),  # month end clamps
        (D(2027, 10, 31), 4, D(2028, 2, 29)),  # leap year
        (D(2026, 8, 31), 1, D(2026, 9, 30)),
        (D(2026, 1, 15), 4, D(2026, 5, 15)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 12, 31), 12, D(2027, 12, 31)),
        (D(2028, 2, 29), 12, D(2029, 2, 28)),
        (D(2026, 10, 15), 0, D(2026, 10, 15)),
    ],
)
def test_add_months(start, months, expected) -> None:
    assert deadlines.add_months(start, months) == expected


def test_internal_appeal_is_180_days_after_the_notice() -> None:
    assert deadlines.internal_appeal_due(D(2026, 1, 1)) == D(2026, 6, 30)
    # Across 29 Feb 2028: one day less in the calendar than without the leap day.
    assert deadlines.internal_appeal_due(D(2027, 12, 1)) == D(2028, 5, 29)
    assert deadlines.internal_appeal_due(D(2026, 12, 1)) == D(2027, 5, 30)


def test_external_review_is_4_months_after_final_internal_denial() -> None:
    assert deadlines.external_review_due(D(2026, 10, 31)) == D(2027, 2, 28)
    assert deadlines.external_review_due(D(2027, 10, 31)) == D(2028, 2, 29)
    assert deadlines.external_review_due(D(2026, 3, 10)) == D(2026, 7, 10)


def test_decision_due_standard_and_urgent() -> None:
    assert deadlines.decision_due(D(2026, 2, 20)) == D(2026, 3, 7)
    assert deadlines.decision_due(D(2028, 2, 20)) == D(2028, 3, 6)  # leap year February
    assert deadlines.decision_due(D(2026, 2, 27), urgent=True) == D(2026, 3, 2)


def test_appeal_decision_due() -> None:
    filed = D(2026, 3, 1)
    assert deadlines.appeal_decision_due(filed) == D(2026, 3, 31)
    assert deadlines.appeal_decision_due(filed, post_service=True) == D(2026, 4, 30)
    assert deadlines.appeal_decision_due(filed, urgent=True) == D(2026, 3, 4)


def test_reauthorization_defaults_and_letter_date() -> None:
    assert deadlines.reauthorization_due(D(2026, 8, 31), "headache") == D(2027, 2, 28)
    assert deadlines.reauthorization_due(D(2026, 8, 31), "sweating") == D(2026, 11, 30)
    assert deadlines.reauthorization_due(D(2026, 8, 31), "headache", D(2027, 3, 15)) == D(
        2027, 3, 15
    )


def session(day: dt.date, condition: str = "headache", next_date=None) -> BotoxSession:
    return build(BotoxSession, date=day, condition=condition, units=155, next_date=next_date)  # type: ignore[return-value]


def test_next_session_uses_the_latest_session_of_the_condition() -> None:
    sessions = [
        session(D(2026, 6, 1)),
        session(D(2026, 9, 1)),
        session(D(2026, 10, 1), "sweating"),
    ]
    assert deadlines.next_session(sessions, "headache") == D(2026, 11, 24)
    assert deadlines.next_session(
        [session(D(2026, 9, 1), next_date=D(2026, 12, 2))], "headache"
    ) == D(2026, 12, 2)
    assert deadlines.next_session(sessions, "jaw") is None


def keys(items) -> list[str]:
    return [d.key for d in items]


def test_deadlines_follow_the_case_from_submission_to_external_review() -> None:
    c = case(stage="pa_submitted", pa_submitted_on=D(2026, 11, 20))
    (d,) = deadlines.deadlines_for(c, [], TODAY)
    assert (d.key, d.due, d.days_left) == ("decision", D(2026, 12, 5), 8)
    assert d.source and d.last_checked == "2026-11-27" and not d.overridden

    c = case(stage="denied", pa_submitted_on=D(2026, 6, 1), denied_on=D(2026, 6, 10))
    (d,) = deadlines.deadlines_for(c, [], TODAY)
    assert (d.key, d.due, d.days_left) == ("internal_appeal", D(2026, 12, 7), 10)

    c = case(
        stage="internal_appeal",
        denied_on=D(2026, 6, 10),
        internal_appeal_filed_on=D(2026, 11, 1),
    )
    assert keys(deadlines.deadlines_for(c, [], TODAY)) == ["appeal_decision"]

    c = case(
        stage="internal_appeal",
        denied_on=D(2026, 6, 10),
        internal_appeal_filed_on=D(2026, 7, 1),
        final_internal_denial_on=D(2026, 10, 31),
    )
    (d,) = deadlines.deadlines_for(c, [], TODAY)
    assert (d.key, d.due) == ("external_review", D(2027, 2, 28))

    c = case(
        stage="decided",
        denied_on=D(2026, 6, 10),
        internal_appeal_filed_on=D(2026, 7, 1),
        decided_on=D(2026, 8, 31),
        outcome="approved",
    )
    (d,) = deadlines.deadlines_for(c, [], TODAY)
    assert (d.key, d.due) == ("reauthorization", D(2027, 2, 28))


def test_letter_date_overrides_the_rule() -> None:
    c = case(
        stage="denied",
        denied_on=D(2026, 6, 10),
        internal_appeal_due_override=D(2026, 12, 1),
    )
    (d,) = deadlines.deadlines_for(c, [], TODAY)
    assert d.due == D(2026, 12, 1) and d.overridden and d.computed == D(2026, 12, 7)
    assert d.days_left == 4


def test_same_date_as_rule_is_not_flagged_as_overridden() -> None:
    c = case(stage="denied", denied_on=D(2026, 6, 10), internal_appeal_due_override=D(2026, 12, 7))
    (d,) = deadlines.deadlines_for(c, [], TODAY)
    assert not d.overridden


def test_approval_end_date_from_letter() -> None:
    c = case(
        stage="approved",
        pa_submitted_on=D(2026, 8, 1),
        approved_on=D(2026, 8, 10),
        approval_ends_on=D(2027, 8, 9),
    )
    (d,) = deadlines.deadlines_for(c, [], TODAY)
    assert (d.key, d.due, d.overridden) == ("reauthorization", D(2027, 8, 9), True)


def test_sessions_and_call_follow_ups_are_appointments() -> None:
    c = case()
    call = build(
        CaseCall,
        case_id=1,
        date=D(2026, 11, 20),
        said="Asked for the policy",
        follow_up_on=D(2026, 12, 1),
    )
    old_call = build(
        CaseCall, case_id=1, date=D(2026, 10, 1), said="x", follow_up_on=D(2026, 10, 8)
    )
    items = deadlines.deadlines_for(
        c, [session(D(2026, 10, 1))], TODAY, calls=[call, old_call], case_id=7
    )
    assert keys(items) == ["follow_up", "next_session"]
    assert all(d.kind == "appointment" and d.case_id == 7 for d in items)
    assert items[1].due == D(2026, 12, 24)


def test_nearest_skips_passed_deadlines() -> None:
    c = case(stage="pa_submitted", pa_submitted_on=D(2026, 10, 1))
    late = deadlines.deadlines_for(c, [], TODAY)
    assert late[0].days_left < 0 and "ago" in late[0].days_text()
    assert deadlines.nearest(late) is None
    soon = deadlines.deadlines_for(c, [session(D(2026, 9, 15))], TODAY)
    assert deadlines.nearest(soon).key == "next_session"  # type: ignore[union-attr]
    denied = case(stage="denied", denied_on=D(2026, 11, 1))
    both = deadlines.deadlines_for(denied, [session(D(2026, 9, 15))], TODAY)
    assert deadlines.nearest(both).key == "next_session"  # type: ignore[union-attr]
    preferred = deadlines.nearest(both, prefer_deadlines=True)
    assert preferred.key == "internal_appeal"  # type: ignore[union-attr]


def test_profile_deadlines_from_stored_rows(store) -> None:
    p = store.create_profile("P", ["headache"])
    case_id = store.add(p.id, case(stage="denied", denied_on=D(2026, 6, 10)))
    store.add(p.id, case(insurer="Other plan", stage="denied", denied_on=D(2026, 7, 1)))
    store.add(p.id, session(D(2026, 10, 1)))
    store.add(
        p.id, build(CaseCall, case_id=case_id, date=TODAY, said="ok", follow_up_on=D(2026, 12, 3))
    )
    items = deadlines.profile_deadlines(store.entries(p.id), TODAY)
    assert [d.key for d in items].count("next_session") == 1
    assert [d.key for d in items] == [
        "follow_up",
        "internal_appeal",
        "next_session",
        "internal_appeal",
    ]
    assert items[0].case_id == case_id
