"""Neck: validation, the before/after windows, wearing-off weeks, improvement, interval: each
threshold one below, at and one above."""

from __future__ import annotations

import datetime as dt

import pytest

from utils.conditions.neck.metrics import neck_summary
from utils.conditions.neck.models import NeckDay, NeckScale
from utils.core.entries import EntryError, build
from utils.core.treatments import BotoxSession
from utils.rules import engine
from utils.rules.thresholds import rule_sets

D = dt.date
S = D(2026, 4, 1)  # the session
RENEWAL = rule_sets()["cervical_dystonia_renewal"]


def day(d: dt.date, **kw) -> NeckDay:
    return NeckDay(date=d, **kw)


def session(d: dt.date = S) -> BotoxSession:
    return BotoxSession(date=d, condition="neck", units=200)


@pytest.mark.parametrize(("pain", "ok"), [(-1, False), (0, True), (10, True), (11, False)])
def test_pain_range(pain: int, ok: bool) -> None:
    if ok:
        assert build(NeckDay, date=S, pain=pain).pain == pain
    else:
        with pytest.raises(EntryError):
            build(NeckDay, date=S, pain=pain)


@pytest.mark.parametrize(
    ("scale", "total", "ok"),
    [("TWSTRS", 84, True), ("TWSTRS", 85, True), ("TWSTRS", 86, False), ("Tsui", 24, True),
     ("Tsui", 25, True), ("Tsui", 26, False)],
)  # fmt: skip
def test_scale_totals(scale: str, total: int, ok: bool) -> None:
    if ok:
        assert build(NeckScale, date=S, scale=scale, total=total).total == total
    else:
        with pytest.raises(EntryError, match="too high"):
            build(NeckScale, date=S, scale=scale, total=total)


def test_subscales_must_add_up_and_stay_in_range() -> None:
    e = build(NeckScale, date=S, scale="TWSTRS", total=40, severity=20, disability=12, pain=8)
    assert e.total == 40
    with pytest.raises(EntryError, match="add up to 39"):
        build(NeckScale, date=S, scale="TWSTRS", total=40, severity=20, disability=11, pain=8)
    with pytest.raises(EntryError, match="pain subscale is 0 to 20"):
        build(NeckScale, date=S, scale="TWSTRS", total=21, pain=21)
    with pytest.raises(EntryError, match="TWSTRS only"):
        build(NeckScale, date=S, scale="Tsui", total=10, pain=2)


def test_day_needs_pain_or_pull_and_normal_day_is_clean() -> None:
    with pytest.raises(EntryError, match="(?i)give the neck pain"):
        build(NeckDay, date=S, limits=["work"])
    with pytest.raises(EntryError, match="(?i)a normal day has no"):
        build(NeckDay, date=S, normal_day=True, limits=["work"])
    with pytest.raises(EntryError, match="(?i)pull is 'none'"):
        build(NeckDay, date=S, pull="none", directions=["chin down"])
    assert build(NeckDay, date=S, pull="mild").pain is None


def test_urgent_symptoms() -> None:
    e = day(S, pain=2, after_injection=["trouble chewing", "trouble breathing"])
    assert e.urgent == ["trouble breathing"]
    assert day(S, pain=2, after_injection=["neck weakness or head drop"]).urgent == []


def test_before_window_is_the_28_days_before() -> None:
    # Day 29 before: outside; day 28 and day 1 before: inside; the session day: outside.
    entries = [
        session(),
        day(S - dt.timedelta(days=29), pain=10),
        day(S - dt.timedelta(days=28), pain=4),
        day(S - dt.timedelta(days=1), pain=6),
        day(S, pain=10),
    ]
    (c,) = neck_summary(entries, D(2026, 1, 1), D(2026, 6, 30)).cycles
    assert (c.before.logged_days, c.before.mean_pain) == (2, 5.0)


def test_after_window_is_days_14_to_42() -> None:
    entries = [session()] + [
        day(S + dt.timedelta(days=n), pain=p) for n, p in ((13, 9), (14, 2), (42, 4), (43, 9))
    ]
    (c,) = neck_summary(entries, D(2026, 1, 1), D(2026, 6, 30)).cycles
    assert (c.after.logged_days, c.after.mean_pain) == (2, 3.0)


def _facts(entries: list) -> engine.CaseFacts:
    neck = neck_summary(entries, D(2026, 1, 1), D(2026, 9, 30))
    return engine.CaseFacts(
        start=D(2026, 1, 1),
        end=D(2026, 9, 30),
        completeness=None,  # type: ignore[arg-type]
        botox_sessions=[e for e in entries if isinstance(e, BotoxSession)],
        extra={"neck": neck},
    )


def _check(name: str, entries: list, params: dict | None = None) -> engine.Outcome:
    engine.load_checks()
    return engine.CHECKS[name](_facts(entries), params or {}, RENEWAL)


@pytest.mark.parametrize(("days", "status"), [(55, "not_met"), (56, "met"), (57, "met")])
def test_benefit_of_8_weeks(days: int, status: str) -> None:
    entries = [session(), day(S + dt.timedelta(days=days), pain=5, wearing_off=True)]
    assert _check("neck_benefit_duration", entries).status == status


def test_benefit_without_a_wearing_off_day_is_missing() -> None:
    assert _check("neck_benefit_duration", [session()]).status == "missing_data"


@pytest.mark.parametrize(
    ("last", "mean_after", "status"), [(6, 5.1, "not_met"), (5, 5.0, "met"), (4, 4.9, "met")]
)
def test_improvement_needs_a_fall_of_one_pain_point(
    last: int, mean_after: float, status: str
) -> None:
    # before: ten days at pain 6 (mean 6); after: nine days at 5 and one at `last`
    entries = [session()]
    entries += [day(S - dt.timedelta(days=k), pain=6) for k in range(1, 11)]
    entries += [day(S + dt.timedelta(days=14 + k), pain=5) for k in range(9)]
    entries.append(day(S + dt.timedelta(days=30), pain=last))
    summary = neck_summary(entries, D(2026, 1, 1), D(2026, 9, 30))
    assert summary.cycles[0].after.mean_pain == mean_after
    assert _check("neck_improvement", entries).status == status


def test_improvement_pull_boundary() -> None:
    before = [day(S - dt.timedelta(days=k), pull="moderate") for k in (1, 2)]  # mean 2
    below = [
        day(S + dt.timedelta(days=20), pull="moderate"),
        day(S + dt.timedelta(days=21), pull="moderate"),
    ]
    at = [
        day(S + dt.timedelta(days=20), pull="moderate"),
        day(S + dt.timedelta(days=21), pull="mild"),
    ]
    above = [
        day(S + dt.timedelta(days=20), pull="mild"),
        day(S + dt.timedelta(days=21), pull="mild"),
    ]
    assert _check("neck_improvement", [session(), *before, *below]).status == "not_met"  # 0
    assert _check("neck_improvement", [session(), *before, *at]).status == "met"  # 0.5
    assert _check("neck_improvement", [session(), *before, *above]).status == "met"  # 1.0


def test_improvement_without_days_on_both_sides_is_missing() -> None:
    entries = [session(), day(S + dt.timedelta(days=20), pain=1)]
    assert _check("neck_improvement", entries).status == "missing_data"


@pytest.mark.parametrize(("gap", "status"), [(83, "not_met"), (84, "met"), (85, "met")])
def test_interval_of_84_days(gap: int, status: str) -> None:
    entries = [session(), session(S + dt.timedelta(days=gap))]
    assert _check("neck_session_interval", entries, {"min_days": 84}).status == status


def test_stop_rule_is_for_the_clinician() -> None:
    entries = [
        session(),
        day(S - dt.timedelta(days=2), pain=5),
        day(S + dt.timedelta(days=20), pain=5),
    ]
    out = _check("neck_stop_rule", entries)
    assert out.status == "for_clinician" and "after the last session (not two" in out.evidence


def test_stop_rule_two_in_a_row_is_still_for_the_clinician() -> None:
    second = S + dt.timedelta(days=90)
    entries = [session(), session(second)]
    for s in (S, second):
        entries += [day(s - dt.timedelta(days=2), pain=5), day(s + dt.timedelta(days=20), pain=5)]
    out = _check("neck_stop_rule", entries)
    assert out.status == "for_clinician"
    assert out.evidence == (
        "2 sessions; the diary shows no fall in pain or pull after each of the last 2 sessions."
    )
