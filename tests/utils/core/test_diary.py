"""utils.core.diary: completeness per registered condition, entry order, response labels."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.diaries import stored
from utils.conditions.headache.metrics import classify_headache_days
from utils.core import diary
from utils.models import Attack, HeadacheCheckin, JawDay, SweatDay

START, END = dt.date(2025, 5, 1), dt.date(2025, 5, 10)
AT = dt.datetime(2025, 5, 20, 12, 0)


def test_completeness_counts_each_condition_its_own_way() -> None:
    rows = stored(
        # 20 hours from 09:00: the attack touches 2 May and 3 May (2 logged headache days)
        Attack(start_date=dt.date(2025, 5, 2), start_time=dt.time(9), duration_minutes=1200),
        HeadacheCheckin(date=dt.date(2025, 5, 5)),
        SweatDay(date=dt.date(2025, 5, 2), hdss=2),
        SweatDay(date=dt.date(2025, 5, 2), hdss=3),  # the same day again: one logged day
        SweatDay(date=dt.date(2025, 5, 9), normal_day=True),
        SweatDay(date=dt.date(2025, 4, 30), hdss=2),  # before the period
        JawDay(date=dt.date(2025, 5, 3), pain=2),
        late={1: 3, 2: 2},  # 3 days late is late; 2 days late is not
    )
    days = classify_headache_days(rows, START, END, AT)
    c = diary.completeness(rows, days, START, END, ("sweating", "headache"))
    assert c.days_in_period == 10
    assert list(c.logged_days.items()) == [("headache", 3), ("sweating", 2)]  # registry order
    assert c.logged_share == {"headache": 0.3, "sweating": 0.2}
    assert (c.daily_entries, c.late_entries, c.late_share) == (6, 1, 0.1667)
    assert (c.headache_days, c.missing_duration, c.missing_pain) == (2, 0, 2)
    with_jaw = diary.completeness(rows, days, START, END, ("jaw",))
    assert with_jaw.logged_days == {"jaw": 1}


def test_daily_kinds_come_from_the_registry() -> None:
    assert diary.daily_kinds() == (
        "attack",
        "headache_checkin",
        "sweat_day",
        "jaw_day",
        "bladder_event",
        "bladder_day",
        "neck_day",
        "spasticity_day",
    )


def test_by_recording_orders_by_time_then_id() -> None:
    a, b, c = stored(
        SweatDay(date=dt.date(2025, 5, 3), hdss=1),
        SweatDay(date=dt.date(2025, 5, 2), hdss=2),
        SweatDay(date=dt.date(2025, 5, 2), hdss=3),
    )
    assert [r.id for r in diary.by_recording([a, c, b])] == [2, 3, 1]
    bare = [SweatDay(date=dt.date(2025, 5, 3), hdss=1), SweatDay(date=dt.date(2025, 5, 2), hdss=1)]
    assert diary.by_recording(bare) == bare  # bare entries keep their order


@pytest.mark.parametrize(
    ("reduction", "label"),
    [
        (None, "not enough data"),
        (29.9, "below 30% (headache days)"),
        (30.0, "30% responder (headache days)"),
        (49.9, "30% responder (headache days)"),
        (50.0, "50% responder (headache days)"),
        (80.0, "50% responder (headache days)"),
    ],
)
def test_responder_label_at_each_threshold(reduction: float | None, label: str) -> None:
    assert diary.responder_label(reduction, (30, 50), "headache days") == label


def test_pct_change_and_mean() -> None:
    assert diary.pct_change(10, 5) == -50.0
    assert diary.pct_change(3, 4) == 33.3
    assert diary.pct_change(0, 5) is None
    assert diary.pct_change(None, 5) is None
    assert diary.mean([1, 2, 2]) == 1.67
    assert diary.mean([]) is None
