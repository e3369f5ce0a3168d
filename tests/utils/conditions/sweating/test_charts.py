"""Sweating's trends charts read the Evidence only: its day series, never the rows."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.diaries import stored
from utils import conditions, models
from utils.evidence import build_evidence
from utils.models import SweatDay

AT = dt.datetime(2026, 11, 20, 12, 0)
D = dt.date
START, END = D(2026, 5, 1), D(2026, 7, 31)


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: AT)


def _diary():
    return stored(
        SweatDay(date=D(2026, 4, 30), hdss=4, episodes=9, sites=["palms"]),  # before the period
        SweatDay(date=D(2026, 5, 4), hdss=3, episodes=4, sites=["underarms", "palms"]),
        SweatDay(date=D(2026, 5, 5), normal_day=True),
        SweatDay(date=D(2026, 6, 10), hdss=2, sites=["underarms"]),
        SweatDay(date=D(2026, 8, 1), hdss=4, episodes=2, sites=["soles"]),  # after the period
    )


def test_the_day_series_holds_each_logged_day_of_the_period_and_stays_out_of_the_json() -> None:
    ev = build_evidence(_diary(), ("sweating",), START, END, {}, AT)
    got = [(p.date, p.normal_day, p.hdss, p.episodes, p.sites) for p in ev.daily["sweating"]]
    assert got == [
        (D(2026, 5, 4), False, 3, 4, ("underarms", "palms")),
        (D(2026, 5, 5), True, None, None, ()),
        (D(2026, 6, 10), False, 2, None, ("underarms",)),
    ]
    assert "daily" not in ev.to_dict()
    assert "sweating" not in build_evidence(_diary(), ("headache",), START, END, {}, AT).daily


def test_the_charts_are_the_same_without_the_rows() -> None:
    rows = _diary()
    ev = build_evidence(rows, ("sweating",), START, END, {}, AT)
    part = conditions.part("sweating", "charts")
    with_rows, without = part.charts(ev, rows), part.charts(ev, [])
    by_key = {c.key: c for c in with_rows}
    assert by_key["hdss_trend"].figure is not None  # the day charts are drawn, not placeholders
    assert by_key["episodes"].figure is not None
    assert list(by_key["sites"].figure.data[0].y) == ["underarms", "palms"]
    assert list(by_key["sites"].figure.data[0].x) == [2, 1]
    assert [c.key for c in without] == list(by_key)
    for a, b in zip(with_rows, without, strict=True):
        assert (a.title, a.summary) == (b.title, b.summary), a.key
        assert (a.figure is None) == (b.figure is None), a.key
        if a.figure is not None:
            assert a.figure.to_json() == b.figure.to_json(), a.key
