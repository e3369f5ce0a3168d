"""Catheterizations (time, optional volume) and infection signs in the day check-in; the urgent
"seek care now" for fever or flank pain today or yesterday (one day below, at, above the window)."""

from __future__ import annotations

import datetime as dt

import pytest

from utils import models
from utils.conditions.bladder import forms
from utils.conditions.bladder.models import BladderDay, BladderEvent
from utils.core.entries import EntryError

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: dt.datetime(2026, 11, 27, 12, 0))


def _day(days_ago: int, signs: list[str]) -> BladderDay:
    return BladderDay(date=TODAY - dt.timedelta(days=days_ago), infection_signs=signs)


@pytest.mark.parametrize(("days_ago", "shown"), [(0, True), (1, True), (2, False)])
def test_fever_is_urgent_today_and_yesterday_only(days_ago: int, shown: bool) -> None:
    text = forms.infection_alert([_day(days_ago, ["fever"])], TODAY)
    assert (text is not None) == shown
    if shown:
        assert "fever or chills" in text and "seek care now" in text


def test_flank_pain_is_urgent_and_burning_alone_is_not() -> None:
    assert "pain in the side or back" in forms.infection_alert([_day(0, ["flank_pain"])], TODAY)
    assert forms.infection_alert([_day(0, ["burning", "cloudy", "bloody"])], TODAY) is None
    assert forms.infection_alert([], TODAY) is None


def test_infection_signs_round_trip_and_a_bad_sign_is_refused() -> None:
    v = {"date": TODAY, "infection_signs": ["cloudy", "bloody"]}
    d = forms.day_from_form(v)
    assert d.infection_signs == ["cloudy", "bloody"]
    assert forms.day_to_form(d)["infection_signs"] == ["cloudy", "bloody"]
    assert "blood in the urine" in d.summary()
    with pytest.raises((EntryError, ValueError)):
        forms.day_from_form({"date": TODAY, "infection_signs": ["itching"]})


def test_a_catheterization_has_a_volume_but_no_urgency() -> None:
    at = dt.datetime(2026, 11, 27, 8, 0)
    assert BladderEvent(at=at, event="catheter", volume_ml=350).summary() == (
        "08:00 catheterization (350 mL)"
    )
    with pytest.raises((EntryError, ValueError)):
        BladderEvent(at=at, event="catheter", urgency=2)


@pytest.mark.parametrize(("ml", "ok"), [(1999, True), (2000, True), (2001, False)])
def test_catheter_volume_limit(ml: int, ok: bool) -> None:
    at = dt.datetime(2026, 11, 27, 8, 0)
    if ok:
        assert BladderEvent(at=at, event="catheter", volume_ml=ml).volume_ml == ml
    else:
        with pytest.raises((EntryError, ValueError)):
            BladderEvent(at=at, event="catheter", volume_ml=ml)


def test_a_catheterization_is_not_counted_as_a_void() -> None:
    from utils.conditions.bladder.metrics import bladder_summary

    day = dt.date(2026, 11, 20)
    at = dt.datetime.combine(day, dt.time(10))
    check_in = BladderDay(date=day, complete=True, bedtime=dt.time(23), wake_time=dt.time(7))
    events = [
        BladderEvent(at=at, event="void", urgency=1),
        BladderEvent(at=at.replace(hour=14), event="catheter", volume_ml=300),
    ]
    s = bladder_summary([*events, check_in], day, day)
    assert s.per_day["voids"] == 1
    assert any("catheterization" in t and "not counted as a void" in t for t in s.definitions)
