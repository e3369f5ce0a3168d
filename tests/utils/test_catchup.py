"""Catch-up: day states, the month grid, missed days this week (issue 14)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.diaries import stored
from utils import catchup, entry_forms, forms, models
from utils.models import Attack, SweatDay

WED = dt.date(2026, 11, 25)  # a Wednesday


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: dt.datetime(2026, 11, 25, 20, 0))


def test_day_states_tell_free_from_logged_from_missing() -> None:
    days = [WED - dt.timedelta(days=i) for i in range(3)]
    rows = stored(
        forms.checkin(days[0]),
        Attack(start_date=days[1], start_time=dt.time(8), duration_minutes=60),
        SweatDay(date=days[2], hdss=3),  # another diary: not a headache entry
    )
    states = catchup.day_states(rows, "headache", days)
    assert states == {days[0]: "free", days[1]: "logged", days[2]: "not logged"}
    sweat = catchup.day_states(rows, "sweating", days)
    assert sweat[days[2]] == "logged" and sweat[days[0]] == "not logged"


def test_a_normal_day_counts_as_free() -> None:
    rows = stored(entry_forms.normal_sweat_day(WED))
    assert catchup.day_states(rows, "sweating", [WED]) == {WED: "free"}


def test_unlogged_this_week_runs_from_monday_to_yesterday() -> None:
    monday = dt.date(2026, 11, 23)
    rows = stored(forms.checkin(monday))
    assert catchup.unlogged_this_week(rows, "headache", WED) == [monday + dt.timedelta(days=1)]
    # On a Monday nothing of this week is missed yet.
    assert catchup.unlogged_this_week([], "headache", monday) == []
    assert catchup.days_text([monday, WED]) == "Mon 23 and Wed 25"
    assert catchup.days_text([monday]) == "Mon 23"


def test_month_days_stop_today_and_the_grid_starts_monday() -> None:
    assert catchup.month_days(2026, 11, WED)[-1] == WED
    assert len(catchup.month_days(2026, 10, WED)) == 31
    grid = catchup.month_grid(2026, 11)  # 1 Nov 2026 is a Sunday
    assert grid[0][:6] == [None] * 6 and grid[0][6] == dt.date(2026, 11, 1)
    assert catchup.recent_months(dt.date(2026, 1, 5)) == [(2026, 1), (2025, 12), (2025, 11)]


def test_free_entries_per_condition() -> None:
    assert catchup.free_entry("headache", WED).KIND == "headache_checkin"
    assert catchup.free_entry("sweating", WED).normal_day
    assert catchup.free_entry("jaw", WED).normal_day


def test_free_day_names_and_kinds_come_from_the_condition_packages() -> None:
    assert catchup.free_label("headache") == "headache-free"
    assert catchup.free_label("sweating") == catchup.free_label("jaw") == "a normal day"
    assert catchup.kinds("headache") == ("attack", "headache_checkin")
    assert catchup.kinds("jaw") == ("jaw_day",)
    with pytest.raises(ValueError, match="unknown condition"):
        catchup.free_entry("elbow", WED)
