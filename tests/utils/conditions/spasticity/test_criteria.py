"""Spasticity checks at each threshold's boundary (one below, at, one above), and the verdicts
the diary cannot support (for the clinician, missing data: never met)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from utils.conditions.spasticity.models import AshworthGrade, GoalScore, SpasticityDay
from utils.core.treatments import BotoxSession, Treatment
from utils.evidence import build_evidence

D = dt.date
START, END = D(2026, 9, 1), D(2026, 10, 31)
AT = dt.datetime(2026, 11, 27, 12, 0)


def rows(entries):
    return [
        SimpleNamespace(
            entry=e,
            kind=e.KIND,
            day=e.day(),
            recorded_at=dt.datetime.combine(e.day(), dt.time(21)),
            id=i,
        )
        for i, e in enumerate(entries)
    ]


def criterion(entries, rule_set: str, name: str, settings=None):
    ev = build_evidence(rows(entries), ("spasticity",), START, END, settings or {}, AT)
    rs = ev.checklist(rule_set)
    return next(c for c in rs.criteria if c.criterion == name)


def days(n: int, **fields) -> list[SpasticityDay]:
    return [
        SpasticityDay(date=START + dt.timedelta(days=i), stiffness=5, **fields) for i in range(n)
    ]


@pytest.mark.parametrize(("n", "status"), [(3, "missing_data"), (4, "met"), (5, "met")])
def test_impairment_at_the_hard_task_days_threshold(n: int, status: str) -> None:
    entries = days(n, hard_tasks=["walking"]) + [SpasticityDay(date=D(2026, 10, 1), stiffness=5)]
    c = criterion(entries, "spasticity_first", "impairment")
    assert c.status == status
    assert c.evidence.startswith(f"{n} days with a hard task of {n + 1} logged")


def test_written_goals_show_the_impairment() -> None:
    entries = [SpasticityDay(date=START, stiffness=5), GoalScore(date=START, goal="walk", score=-1)]
    assert criterion(entries, "spasticity_first", "impairment").status == "met"


@pytest.mark.parametrize(("n", "status"), [(3, "missing_data"), (4, "met"), (5, "met")])
def test_rehabilitation_at_the_therapy_days_threshold(n: int, status: str) -> None:
    c = criterion(days(n, therapy_minutes=15), "spasticity_first", "rehabilitation")
    assert c.status == status
    assert f"{n} days ({15 * n} minutes)" in c.evidence


def test_zero_therapy_minutes_is_not_a_therapy_day() -> None:
    c = criterion(days(5, therapy_minutes=0), "spasticity_first", "rehabilitation")
    assert c.status == "missing_data" and "on 0 days" in c.evidence


def _oral(n_days: int, outcome: str = "inadequate_response") -> Treatment:
    start = D(2026, 6, 1)
    return Treatment(
        condition="spasticity",
        name="baclofen",
        treatment_class="baclofen_oral",
        start=start,
        stop=start + dt.timedelta(days=n_days - 1),
        outcome=outcome,
    )


@pytest.mark.parametrize(("n", "status"), [(27, "missing_data"), (28, "met"), (29, "met")])
def test_oral_agent_at_the_trial_length(n: int, status: str) -> None:
    c = criterion([_oral(n)], "spasticity_first", "oral_agents")
    assert c.status == status


def test_oral_agent_still_taken_or_absent_is_missing_never_met() -> None:
    assert criterion([], "spasticity_first", "oral_agents").status == "missing_data"
    ongoing = Treatment(
        condition="spasticity",
        name="tizanidine",
        treatment_class="tizanidine",
        start=D(2026, 6, 1),
        outcome="ongoing",
    )
    c = criterion([ongoing], "spasticity_first", "oral_agents")
    assert c.status == "missing_data" and "still taken" in c.gap


def test_cause_and_contracture_are_for_the_clinician() -> None:
    entries = days(30, hard_tasks=["dressing"], therapy_minutes=30)
    for name in ("cause", "not_fixed_contracture"):
        assert criterion(entries, "spasticity_first", name).status == "for_clinician"
    cause = criterion(entries, "spasticity_first", "cause")
    assert "no ICD-10-CM code for spasticity alone" in cause.evidence


@pytest.mark.parametrize(
    ("born", "status"),
    [
        (D(2024, 11, 1), "not_met"),  # 1 on 31 Oct 2026
        (D(2024, 10, 31), "met"),  # 2 that day
        (D(2023, 10, 31), "met"),  # 3
    ],
)
def test_age_at_the_label_minimum(born: dt.date, status: str) -> None:
    c = criterion([], "spasticity_first", "age", {"date_of_birth": born.isoformat()})
    assert c.status == status, c.evidence


def test_age_unknown_is_missing_and_a_child_gets_the_child_text() -> None:
    c = criterion([], "spasticity_first", "age")
    assert c.status == "missing_data"
    c = criterion([], "spasticity_first", "age", {"year_of_birth": 2015})
    assert c.status == "met" and "A child's profile" in c.evidence
    c = criterion([], "spasticity_first", "age", {"year_of_birth": 1980})
    assert c.status == "met" and "child" not in c.evidence


def _session(units: float = 300, specialty: str = "dont_know") -> BotoxSession:
    return BotoxSession(
        date=D(2026, 10, 1), condition="spasticity", units=units, specialty=specialty
    )


def test_specialist() -> None:
    assert criterion([_session()], "spasticity_first", "specialist").status == "missing_data"
    c = criterion([_session(specialty="other")], "spasticity_first", "specialist")
    assert c.status == "for_clinician" and "PM&R" in c.gap
    c = criterion([_session(specialty="neurologist")], "spasticity_first", "specialist")
    assert c.status == "met"


@pytest.mark.parametrize(("units", "status"), [(399, "met"), (400, "met"), (401, "not_met")])
def test_units_at_the_ceiling(units: float, status: str) -> None:
    assert criterion([_session(units)], "spasticity_renewal", "spacing").status == status


def _stiffness_around(before: int, after: int) -> list[SpasticityDay]:
    s = D(2026, 10, 1)
    return [
        SpasticityDay(date=s - dt.timedelta(days=5), stiffness=before),
        SpasticityDay(date=s + dt.timedelta(days=20), stiffness=after),
    ]


@pytest.mark.parametrize(("threshold", "status"), [(29, "met"), (30, "met"), (31, "not_met")])
def test_benefit_follows_the_plans_own_stiffness_threshold(threshold: int, status: str) -> None:
    # Before 10, after 7: a fall of 30%, judged against the plan's threshold.
    settings = {"thresholds": {"spasticity_stiffness_drop_pct": threshold}}
    c = criterion(
        [_session(), *_stiffness_around(10, 7)], "spasticity_renewal", "benefit", settings
    )
    assert c.status == status
    assert "(-30%)" in c.evidence


@pytest.mark.parametrize(("after", "status"), [(8, "not_met"), (7, "met"), (6, "met")])
def test_benefit_stiffness_one_below_at_one_above(after: int, status: str) -> None:
    # before 10: after 8 is -20%, 7 is -30% (the threshold), 6 is -40%.
    c = criterion([_session(), *_stiffness_around(10, after)], "spasticity_renewal", "benefit")
    assert c.status == status


@pytest.mark.parametrize(("after_grade", "status"), [("2", "not_met"), ("1+", "met"), ("1", "met")])
def test_benefit_by_ashworth_one_grade(after_grade: str, status: str) -> None:
    entries = [
        _session(),
        AshworthGrade(
            date=D(2026, 9, 20),
            muscle_group="ankle plantar flexors (calf)",
            side="right",
            grade="2",
            target=True,
        ),
        AshworthGrade(
            date=D(2026, 10, 30),
            muscle_group="ankle plantar flexors (calf)",
            side="right",
            grade=after_grade,
            target=True,
        ),
    ]
    c = criterion(entries, "spasticity_renewal", "benefit")
    assert c.status == status
    if status == "met":
        assert "trial responder definition, not a payer number" in c.evidence


def test_benefit_judged_in_the_target_muscle_only() -> None:
    entries = [
        _session(),
        AshworthGrade(
            date=D(2026, 9, 20), muscle_group="elbow flexors", side="left", grade="3", target=True
        ),
        AshworthGrade(
            date=D(2026, 10, 30), muscle_group="elbow flexors", side="left", grade="3", target=True
        ),
        AshworthGrade(date=D(2026, 9, 20), muscle_group="finger flexors", side="left", grade="3"),
        AshworthGrade(date=D(2026, 10, 30), muscle_group="finger flexors", side="left", grade="1"),
    ]
    assert criterion(entries, "spasticity_renewal", "benefit").status == "not_met"


@pytest.mark.parametrize(("score", "status"), [(-1, "not_met"), (0, "met"), (1, "met")])
def test_benefit_by_goal_scores(score: int, status: str) -> None:
    entries = [_session(), GoalScore(date=D(2026, 10, 29), goal="walk to school", score=score)]
    assert criterion(entries, "spasticity_renewal", "benefit").status == status


def test_benefit_without_measures_is_missing() -> None:
    c = criterion([_session()], "spasticity_renewal", "benefit")
    assert c.status == "missing_data"
    # A goal scored before the session says nothing about the response.
    entries = [_session(), GoalScore(date=D(2026, 9, 29), goal="walk", score=2)]
    assert criterion(entries, "spasticity_renewal", "benefit").status == "missing_data"


def test_benefit_evidence_keeps_the_scale_name() -> None:
    entries = [
        _session(),
        AshworthGrade(date=D(2026, 9, 20), muscle_group="elbow flexors", side="left", grade="2"),
        AshworthGrade(date=D(2026, 10, 30), muscle_group="elbow flexors", side="left", grade="1"),
    ]
    c = criterion(entries, "spasticity_renewal", "benefit")
    assert c.evidence.startswith("Modified Ashworth around the session on 2026-10-01")
