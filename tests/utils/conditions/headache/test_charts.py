"""utils.conditions.headache.charts: what the headache charts count, at their thresholds."""

from __future__ import annotations

import datetime as dt

import pytest

from utils.conditions.headache import charts as headache_charts
from utils.conditions.headache.metrics import LONG_DAY_HOURS
from utils.core.plotting import BLUE, SKY
from utils.evidence import build_evidence
from utils.models import Attack

END = dt.date(2025, 5, 31)
AT = dt.datetime.combine(END, dt.time(21, 0))
START = END - dt.timedelta(days=89)


def attacks(*minutes: int) -> list[Attack]:
    """One timed attack a day, ending a week before END, lasting ``minutes`` each."""
    return [
        Attack(start_date=END - dt.timedelta(days=7 + i), start_time=dt.time(9), duration_minutes=m)
        for i, m in enumerate(minutes)
    ]


def durations(rows: list[Attack]):
    ev = build_evidence(rows, ("headache",), START, END, None, AT)
    return headache_charts.duration_histogram(ev, rows)


def test_long_attacks_counted_from_the_long_day_hours_boundary() -> None:
    assert LONG_DAY_HOURS == 4.0
    at = int(LONG_DAY_HOURS * 60)
    chart = durations(attacks(at - 1, at, at + 1))  # one below, at, one above
    assert chart.summary.startswith("2 of 3 attacks with a known length lasted 4 hours or more")


def test_bars_up_to_the_long_day_hours_are_light() -> None:
    chart = durations(attacks(30, 300))
    colours = dict(zip(chart.figure.data[0].x, chart.figure.data[0].marker.color, strict=True))
    assert colours["2-4 h"] == SKY
    assert colours["4-8 h"] == BLUE


@pytest.mark.parametrize(("hours", "long"), [(2.0, 3), (5.0, 0)])
def test_long_attacks_follow_the_named_threshold(monkeypatch, hours: float, long: int) -> None:
    """The histogram reads LONG_DAY_HOURS (no literal 4): moving it moves the count and text."""
    monkeypatch.setattr(headache_charts, "LONG_DAY_HOURS", hours)
    chart = durations(attacks(150, 240, 260))
    assert chart.summary.startswith(
        f"{long} of 3 attacks with a known length lasted {hours:g} hours"
    )
