"""Jaw's trends charts read the Evidence only: its day series, never the rows."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.diaries import stored
from utils import conditions, models
from utils.evidence import build_evidence
from utils.models import JawDay

AT = dt.datetime(2026, 11, 20, 12, 0)
D = dt.date
START, END = D(2026, 5, 1), D(2026, 7, 31)


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: AT)


def _diary():
    return stored(
        JawDay(date=D(2026, 4, 30), pain=9),  # before the period
        JawDay(date=D(2026, 5, 4), pain=6),  # a Monday: one week with the next day
        JawDay(date=D(2026, 5, 5), normal_day=True),
        JawDay(date=D(2026, 6, 10), pain=3),
        JawDay(date=D(2026, 8, 1), pain=8),  # after the period
    )


def test_the_day_series_holds_each_logged_day_of_the_period_and_stays_out_of_the_json() -> None:
    ev = build_evidence(_diary(), ("jaw",), START, END, {}, AT)
    got = [(p.date, p.normal_day, p.pain) for p in ev.daily["jaw"]]
    assert got == [
        (D(2026, 5, 4), False, 6),
        (D(2026, 5, 5), True, None),
        (D(2026, 6, 10), False, 3),
    ]
    assert "daily" not in ev.to_dict()
    assert "jaw" not in build_evidence(_diary(), ("headache",), START, END, {}, AT).daily


def test_the_charts_are_the_same_without_the_rows() -> None:
    rows = _diary()
    ev = build_evidence(rows, ("jaw",), START, END, {}, AT)
    part = conditions.part("jaw", "charts")
    with_rows, without = part.charts(ev, rows), part.charts(ev, [])
    trend = next(c for c in with_rows if c.key == "jaw_trend")
    assert list(trend.figure.data[0].y) == [3.0, 3.0]  # (6 + 0) / 2, then 3
    for a, b in zip(with_rows, without, strict=True):
        assert (a.key, a.title, a.summary) == (b.key, b.title, b.summary)
        assert (a.figure is None) == (b.figure is None), a.key
        if a.figure is not None:
            assert a.figure.to_json() == b.figure.to_json(), a.key
