"""Each bladder threshold one below, at and one above: urgency level, diary days, the urge-leak
fall, the 12-week interval, the medicine trial length; and the entry validation messages."""

from __future__ import annotations

import datetime as dt

import pytest

from utils import models
from utils.conditions.bladder import criteria as bc
from utils.conditions.bladder import forms
from utils.conditions.bladder.metrics import bladder_summary, change_pct
from utils.conditions.bladder.models import BladderDay, BladderEvent
from utils.core.diary import Completeness
from utils.core.entries import EntryError
from utils.core.treatments import BotoxSession, Treatment
from utils.rules.engine import CaseFacts

D, T = dt.date, dt.time
DAY = D(2026, 3, 2)
END = D(2026, 6, 30)


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: dt.datetime(2026, 11, 27, 12, 0))


def complete(day: dt.date) -> BladderDay:
    return BladderDay(date=day, complete=True, bedtime=T(23), wake_time=T(7))


@pytest.mark.parametrize(("urgency", "counted"), [(2, 0), (3, 1), (4, 1)])
def test_urgency_episode_from_level_3(urgency: int, counted: int) -> None:
    e = BladderEvent(at=dt.datetime.combine(DAY, T(10)), event="void", urgency=urgency)
    s = bladder_summary([e, complete(DAY)], DAY, DAY)
    assert s.per_day["urgency_episodes"] == counted


def test_a_day_not_marked_complete_is_not_counted() -> None:
    e = BladderEvent(at=dt.datetime.combine(DAY, T(10)), event="void")
    s = bladder_summary([e, BladderDay(date=DAY)], DAY, DAY)
    assert (s.logged_days, s.complete_days, s.per_day["voids"]) == (1, 0, None)


def test_night_voids_lie_strictly_between_bed_and_waking() -> None:
    at = [T(23), T(23, 1), T(6, 59), T(7)]  # bed 23:00 the day before, up 07:00
    evs = [
        BladderEvent(
            at=dt.datetime.combine(DAY - dt.timedelta(days=1) if t.hour >= 12 else DAY, t),
            event="void",
        )
        for t in at
    ]
    s = bladder_summary([*evs, complete(DAY)], DAY, DAY)
    assert s.days[-1].nocturia == 2


def facts(summary=None, treatments=(), sessions=(), end=END) -> CaseFacts:
    return CaseFacts(
        start=D(2026, 1, 1),
        end=end,
        completeness=Completeness(0, {}, {}, 0, 0, 0.0, 0, 0, 0, 0, ()),
        treatments=treatments,
        sessions={"bladder": tuple(sessions)},
        extra={"bladder": summary},
    )


@pytest.mark.parametrize(("days", "status"), [(2, "missing_data"), (3, "met"), (4, "met")])
def test_diary_needs_3_complete_days(days: int, status: str) -> None:
    dates = [DAY + dt.timedelta(days=i) for i in range(days)]
    s = bladder_summary([complete(d) for d in dates], DAY, dates[-1])
    assert bc._diary(facts(s), {"days": 3}, {}).status == status


@pytest.mark.parametrize(
    ("after", "pct", "status"), [(1.02, 49.0, "not_met"), (1.0, 50.0, "met"), (0.98, 51.0, "met")]
)
def test_urge_leak_fall_of_50_percent(after: float, pct: float, status: str) -> None:
    assert change_pct(2.0, after) == pct
    s = bladder_summary([], DAY, DAY)
    from dataclasses import replace

    from utils.conditions.bladder.metrics import BladderBlock

    base = BladderBlock(D(2026, 1, 1), D(2026, 1, 3), 9, 4, 2, 2.0, 1, 2)
    later = BladderBlock(D(2026, 5, 1), D(2026, 5, 3), 7, 2, 1, after, 1, 1)
    s = replace(
        s,
        sessions=(D(2026, 2, 1),),
        baseline=base,
        after_treatment=later,
        urge_leak_change_pct=change_pct(2.0, after),
    )
    assert bc._response(facts(s), {"pct": 50}, {}).status == status


def test_no_baseline_is_missing_data_and_zero_baseline_cannot_be_computed() -> None:
    s = bladder_summary([], DAY, DAY)
    from dataclasses import replace

    assert bc._response(facts(replace(s, sessions=(DAY,))), {"pct": 50}, {}).status == (
        "missing_data"
    )
    assert change_pct(0.0, 0.0) is None


@pytest.mark.parametrize(("days", "status"), [(83, "not_met"), (84, "met"), (85, "met")])
def test_12_weeks_since_the_last_bladder_injection(days: int, status: str) -> None:
    last = D(2026, 3, 1)
    f = facts(sessions=[last], end=last + dt.timedelta(days=days))
    assert bc._interval(f, {"days": 84}, {}).status == status


@pytest.mark.parametrize(("days", "status"), [(27, "not_met"), (28, "met"), (29, "met")])
def test_medicine_trial_length(days: int, status: str) -> None:
    start = D(2026, 1, 1)
    t = Treatment(
        condition="bladder",
        name="oxybutynin",
        treatment_class="oab_anticholinergic",
        start=start,
        stop=start + dt.timedelta(days=days - 1),
        outcome="inadequate_response",
    )
    assert t.days_on(D(2026, 6, 30)) == days
    assert bc._medicines(facts(treatments=[t]), {"count": 1, "days": 28}, {}).status == status


def test_a_beta3_agonist_alone_does_not_meet_the_label_rule() -> None:
    t = Treatment(
        condition="bladder",
        name="mirabegron",
        treatment_class="beta3_agonist",
        start=D(2026, 1, 1),
        stop=D(2026, 3, 1),
        outcome="side_effects",
        side_effects="blood pressure rise",
    )
    out = bc._medicines(facts(treatments=[t]), {"count": 1, "days": 28}, {})
    assert out.status == "not_met" and "anticholinergic" in out.gap


def test_session_after_the_baseline_is_a_botox_session_for_bladder() -> None:
    s = BotoxSession(date=DAY, condition="bladder", units=100)
    assert bladder_summary([s], DAY, DAY).sessions == (DAY,)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"event": "void", "volume_ml": 2001}, "at most 2000 mL"),
        ({"event": "leak", "urgency": 3}, "(?i)urgency is rated for a void only"),
        ({"event": "void", "leak_amount": "small"}, "belong to a leak only"),
        ({"event": "leak", "volume_ml": 50}, "not a volume"),
    ],
)
def test_bad_events_are_refused_with_a_clear_message(values: dict, message: str) -> None:
    with pytest.raises(EntryError, match=message):
        models.build(BladderEvent, at=dt.datetime(2026, 3, 1, 9), **values)


def test_a_void_in_the_future_is_refused() -> None:
    with pytest.raises(EntryError, match="in the future"):
        models.build(BladderEvent, at=dt.datetime(2026, 11, 27, 12, 30), event="void")


def test_check_in_needs_both_times_when_complete_and_a_sane_night() -> None:
    with pytest.raises(EntryError, match="complete day needs"):
        models.build(BladderDay, date=DAY, complete=True)
    with pytest.raises(EntryError, match="waking time is before the bedtime"):
        models.build(BladderDay, date=DAY, bedtime=T(3), wake_time=T(2))
    ok = forms.day_from_form(
        {"date": DAY, "complete": True, "bedtime": T(0, 30), "wake_time": T(7)}
    )
    assert ok.night() == (dt.datetime(2026, 3, 2, 0, 30), dt.datetime(2026, 3, 2, 7))


def test_one_tap_void_has_no_details_and_asks_for_urgency() -> None:
    e = forms.event_now("void", dt.datetime(2026, 3, 1, 9, 41, 33))
    assert (e.at, e.urgency, e.volume_ml) == (dt.datetime(2026, 3, 1, 9, 41), None, None)
    assert forms.incomplete(e) == ["urgency"]
