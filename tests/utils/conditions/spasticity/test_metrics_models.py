"""Spasticity entries refuse bad input with a clear message; the day counts at their
boundaries; form conversions round-trip."""

from __future__ import annotations

import datetime as dt

import pytest

from utils.conditions.spasticity import forms
from utils.conditions.spasticity.metrics import around_session, gas_t_score, spasticity_summary
from utils.conditions.spasticity.models import AshworthGrade, SpasticityDay
from utils.core.entries import EntryError

D = dt.date(2026, 9, 10)


def summary(entries):
    return spasticity_summary(entries, dt.date(2026, 9, 1), dt.date(2026, 9, 30), D)


@pytest.mark.parametrize(("value", "ok"), [(-1, False), (0, True), (10, True), (11, False)])
def test_stiffness_range(value: int, ok: bool) -> None:
    if ok:
        assert forms.spasticity_day_from_form({"date": D, "stiffness": value}).stiffness == value
    else:
        with pytest.raises(EntryError):
            forms.spasticity_day_from_form({"date": D, "stiffness": value})


def test_a_day_needs_the_stiffness_or_a_normal_day() -> None:
    with pytest.raises(EntryError, match="stiffness"):
        forms.spasticity_day_from_form({"date": D, "pain": 3})
    assert forms.free_day(D).normal_day


@pytest.mark.parametrize(("stiffness", "ok"), [(2, True), (3, True), (4, False)])
def test_a_normal_day_has_little_stiffness(stiffness: int, ok: bool) -> None:
    values = {"date": D, "normal_day": True, "stiffness": stiffness}
    if ok:
        assert forms.spasticity_day_from_form(values).normal_day
    else:
        with pytest.raises(EntryError, match="normal day"):
            forms.spasticity_day_from_form(values)


def test_a_future_day_and_bad_counts_are_refused() -> None:
    with pytest.raises(EntryError):
        forms.spasticity_day_from_form({"date": dt.date(2099, 1, 1), "stiffness": 3})
    with pytest.raises(EntryError):
        forms.spasticity_day_from_form({"date": D, "stiffness": 3, "spasm_frequency": 5})
    with pytest.raises(EntryError):
        forms.spasticity_day_from_form({"date": D, "stiffness": 3, "splint_hours": 25})
    with pytest.raises(EntryError):
        forms.spasticity_day_from_form({"date": D, "stiffness": 3, "hard_tasks": ["flying"]})


def test_ashworth_grades_are_the_six_of_the_scale_and_never_free_text() -> None:
    v = {"date": D, "muscle_group": "elbow flexors", "side": "left", "grade": "1+"}
    assert forms.ashworth_from_form(v).rank() == 2
    for bad in ("5", "1-", "", None):
        with pytest.raises(EntryError):
            forms.ashworth_from_form({**v, "grade": bad})
    with pytest.raises(EntryError):
        forms.ashworth_from_form({**v, "side": "both"})


@pytest.mark.parametrize(("score", "ok"), [(-3, False), (-2, True), (2, True), (3, False)])
def test_goal_score_range(score: int, ok: bool) -> None:
    v = {"date": D, "goal": "walk to the shop", "score": score}
    if ok:
        assert forms.goal_score_from_form(v).score == score
    else:
        with pytest.raises(EntryError):
            forms.goal_score_from_form(v)


def test_form_round_trips() -> None:
    day = forms.spasticity_day_from_form(
        {
            "date": D,
            "stiffness": 5,
            "spasms": 3,
            "pain": 2,
            "hard_tasks": ["sleep"],
            "falls": 1,
            "splint_hours": 4.5,
            "therapy_minutes": 25,
            "notes": "<b>not html</b>",
        }
    )
    assert forms.spasticity_day_from_form(forms.spasticity_day_to_form(day)) == day
    grade = forms.ashworth_from_form(
        {"date": D, "muscle_group": "toe flexors", "side": "right", "grade": "3", "target": True}
    )
    assert forms.ashworth_from_form(forms.ashworth_to_form(grade)) == grade
    goal = forms.goal_score_from_form({"date": D, "goal": "stand", "score": 1})
    assert forms.goal_score_from_form(forms.goal_score_to_form(goal)) == goal


@pytest.mark.parametrize(
    ("fields", "spasm_day"),
    [
        ({"spasms": 0}, False),
        ({"spasms": 1}, True),
        ({"spasm_frequency": 0}, False),
        ({"spasm_frequency": 1}, True),
    ],
)
def test_spasm_day_boundary(fields: dict, spasm_day: bool) -> None:
    s = summary([SpasticityDay(date=D, stiffness=4, **fields)])
    assert s.spasm_days == int(spasm_day)


@pytest.mark.parametrize(("minutes", "therapy_day"), [(0, 0), (1, 1), (2, 1)])
def test_therapy_day_boundary(minutes: int, therapy_day: int) -> None:
    s = summary([SpasticityDay(date=D, stiffness=4, therapy_minutes=minutes)])
    assert (s.therapy_days, s.therapy_minutes) == (therapy_day, minutes)


@pytest.mark.parametrize(("hours", "splint_day"), [(0, 0), (0.5, 1)])
def test_splint_day_boundary(hours: float, splint_day: int) -> None:
    assert summary([SpasticityDay(date=D, stiffness=4, splint_hours=hours)]).splint_days == (
        splint_day
    )


def test_days_outside_the_period_and_the_later_entry_of_a_day() -> None:
    from types import SimpleNamespace

    first = SpasticityDay(date=D, stiffness=8)
    later = SpasticityDay(date=D, stiffness=2)
    outside = SpasticityDay(date=dt.date(2026, 8, 31), stiffness=9)
    rows = [
        SimpleNamespace(entry=later, recorded_at=dt.datetime(2026, 9, 11), id=2),
        SimpleNamespace(entry=first, recorded_at=dt.datetime(2026, 9, 10), id=1),
        SimpleNamespace(entry=outside, recorded_at=dt.datetime(2026, 9, 1), id=3),
    ]
    s = summary(rows)
    assert (s.logged_days, s.mean_stiffness) == (1, 2.0)


@pytest.mark.parametrize(
    ("offset", "side"),
    [
        (-29, None),
        (-28, "before"),
        (-1, "before"),
        (0, None),
        (13, None),
        (14, "after"),
        (56, "after"),
        (57, None),
    ],
)
def test_before_and_after_windows(offset: int, side: str | None) -> None:
    session = dt.date(2026, 6, 1)
    day = session + dt.timedelta(days=offset)
    before, after = around_session({day: SpasticityDay(date=day, stiffness=6)}, session)
    assert (before, after) == (
        6.0 if side == "before" else None,
        6.0 if side == "after" else None,
    )


def test_gas_t_score_by_hand() -> None:
    # One goal at 0 -> 50; one at +1 -> 50 + 10 / sqrt(1) = 60; two at -1 and +2 ->
    # 50 + 10 x 1 / sqrt(0.7 x 2 + 0.3 x 4) = 50 + 10 / 1.6125 = 56.2.
    assert gas_t_score([]) is None
    assert gas_t_score([0]) == 50.0
    assert gas_t_score([1]) == 60.0
    assert gas_t_score([-1, 2]) == 56.2


def test_no_self_rated_ashworth_on_a_day() -> None:
    assert "grade" not in SpasticityDay.model_fields
    assert AshworthGrade.LABEL.endswith("(clinician)")
