"""A rerun reads the diary through indexed rows cached per revision (``utils.core.diary_rows``,
issue 21): whatever is saved, from this window or another, shows on the very next rerun, and
each profile sees only its own diary."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.pages.helpers import open_page
from utils.cases import CoverageCase
from utils.conditions.headache.models import Attack, HeadacheCheckin
from utils.conditions.jaw.models import JawDay
from utils.conditions.sweating.models import SweatDay
from utils.store import Store

WEDNESDAY = dt.datetime(2026, 11, 25, 12, 0)
TODAY = WEDNESDAY.date()
MONDAY, TUESDAY = TODAY - dt.timedelta(days=2), TODAY - dt.timedelta(days=1)
JAW_HINT = "One tap when your jaw did not bother you today."


@pytest.fixture(autouse=True)
def wednesday(monkeypatch):
    """A Wednesday: this week's note has a Monday and a Tuesday to talk about."""
    from utils.core import entries

    monkeypatch.setattr(entries, "now", lambda: WEDNESDAY)


def _texts(at) -> str:
    return "\n".join(e.value for e in [*at.markdown, *at.caption, *at.info, *at.warning])


def _jaw_note(at) -> str | None:
    return next((c.value for c in at.caption if "Jaw" in c.value and "this week" in c.value), None)


def test_home_shows_every_save_on_the_next_rerun(store: Store) -> None:
    p = store.create_profile("Me", ["headache", "sweating", "jaw"])
    store.add(p.id, SweatDay(date=MONDAY, hdss=2))
    at = open_page(profile_id=p.id)
    text = _texts(at)
    assert "Nothing logged today yet." in text and "Still going?" not in text
    assert JAW_HINT in text
    assert "2 days of this week not logged yet (Mon 23 and Tue 24)" in _jaw_note(at)
    assert f"Checked over {MONDAY:%d %b %Y} – {TODAY:%d %b %Y} (3 days)" in text
    assert "Next deadline" not in text

    # Saved elsewhere (another window, the store directly): the page is only run again.
    store.add(p.id, JawDay(date=TODAY, pain=3))
    store.add(p.id, JawDay(date=MONDAY, normal_day=True))
    store.add(p.id, Attack(start_date=TODAY, start_time=dt.time(9), ongoing=True, pain=6))
    store.add(p.id, JawDay(date=dt.date(2026, 10, 1), pain=1))  # an earlier first diary day
    store.add(
        p.id,
        CoverageCase(
            condition="headache",
            insurer="Acme",
            opened=dt.date(2026, 11, 2),
            stage="denied",
            denied_on=dt.date(2026, 11, 20),
        ),
    )
    at.run()
    assert not at.exception, at.exception
    text = _texts(at)
    assert "Still going?" in text and "pain 6/10" in text
    assert "Logged today:" in text and "Nothing logged today yet." not in text
    assert "Today is logged: " in text and JAW_HINT not in text
    assert "1 day of this week not logged yet (Tue 24)" in _jaw_note(at)
    assert f"Checked over {dt.date(2026, 10, 1):%d %b %Y} – {TODAY:%d %b %Y}" in text
    assert "Next deadline" in text

    # ... and again: the attack ends, Tuesday is logged, today is headache-free after all.
    (attack,) = [r for r in store.entries(p.id) if r.kind == "attack"]
    store.delete(p.id, attack.id)
    store.add(p.id, JawDay(date=TUESDAY, pain=2))
    store.add(p.id, HeadacheCheckin(date=TODAY))
    at.run()
    text = _texts(at)
    assert "Still going?" not in text
    assert _jaw_note(at) is None
    assert not [b for b in at.button if b.key == "checkin_today"]


def test_each_profile_sees_its_own_diary(store: Store) -> None:
    mine = store.create_profile("Mine", ["headache", "jaw"])
    other = store.create_profile("Other", ["headache", "jaw"])
    store.add(mine.id, JawDay(date=TODAY, pain=4))
    store.add(mine.id, Attack(start_date=TODAY, start_time=dt.time(8), ongoing=True, pain=7))
    store.add(other.id, JawDay(date=MONDAY, normal_day=True))
    at_mine = open_page(profile_id=mine.id)
    at_other = open_page(profile_id=other.id)
    for _ in range(2):  # the second run reads the cached rows
        mine_text, other_text = _texts(at_mine), _texts(at_other)
        assert "Still going?" in mine_text and "Today is logged: " in mine_text
        assert "Still going?" not in other_text and JAW_HINT in other_text
        assert "2 days of this week not logged yet" in _jaw_note(at_mine)
        assert "1 day of this week not logged yet (Tue 24)" in _jaw_note(at_other)
        at_mine.run()
        at_other.run()


def test_the_diary_pages_show_a_save_on_the_next_rerun(store: Store) -> None:
    p = store.create_profile("Me", ["headache", "sweating", "jaw"])
    at = open_page("pages/jaw.py", profile_id=p.id)
    assert JAW_HINT in _texts(at)
    store.add(p.id, JawDay(date=TODAY, pain=5, helped="warm compress"))
    at.run()
    assert "Today is logged: " in _texts(at)
    # The day picker opens today's entry to change it.
    assert any("already has an entry" in c.value for c in at.caption)


def test_the_bladder_page_counts_each_save_on_the_next_rerun(store: Store) -> None:
    from utils.conditions.bladder.models import BladderDay, BladderEvent

    def void(day: dt.date, hour: int) -> BladderEvent:
        return BladderEvent(at=dt.datetime.combine(day, dt.time(hour)), event="void")

    def complete(day: dt.date, **kw) -> BladderDay:
        return BladderDay(date=day, complete=True, bedtime=dt.time(22), wake_time=dt.time(7), **kw)

    p = store.create_profile("Me", ["bladder"])
    store.add_many(p.id, [(void(MONDAY, 9), None), (complete(MONDAY), None)])
    at = open_page("pages/bladder.py", profile_id=p.id)
    assert any("1** complete of 1 logged days" in m.value for m in at.markdown)
    assert any("Today so far: 0 voids" in c.value for c in at.caption)
    assert not at.error
    store.add_many(
        p.id,
        [
            (void(TUESDAY, 9), None),
            (complete(TUESDAY), None),
            (void(TODAY, 8), None),
            (BladderDay(date=TODAY, infection_signs=["fever"]), None),
        ],
    )
    at.run()
    assert not at.exception, at.exception
    assert any("2** complete of 3 logged days" in m.value for m in at.markdown)
    assert any("Today so far: 1 void," in c.value for c in at.caption)
    assert any("seek care now" in e.value for e in at.error)


def test_the_neck_page_reads_each_save_on_the_next_rerun(store: Store) -> None:
    from utils.conditions.neck.models import URGENT_AFTER_INJECTION, NeckDay
    from utils.core.treatments import BotoxSession

    p = store.create_profile("Me", ["neck"])
    at = open_page("pages/neck.py", profile_id=p.id)
    assert not any("Last Botox session" in c.value for c in at.caption)
    assert not at.error
    session = TODAY - dt.timedelta(days=70)
    store.add(p.id, BotoxSession(date=session, condition="neck", units=200))
    store.add(p.id, NeckDay(date=TUESDAY, pain=8, after_injection=[URGENT_AFTER_INJECTION[0]]))
    at.run()
    assert any("10.0 weeks ago" in c.value for c in at.caption)
    assert at.error  # the urgent warning of a recent day


def test_the_data_page_shows_the_bin_and_the_counts_of_each_revision(store: Store) -> None:
    mine = store.create_profile("Mine", ["jaw"])
    other = store.create_profile("Other", ["jaw"])
    store.add(other.id, JawDay(date=MONDAY, pain=1))
    store.delete(other.id, store.entries(other.id)[0].id)  # another profile's bin
    first = store.add(mine.id, JawDay(date=MONDAY, pain=2))
    store.add(mine.id, JawDay(date=TUESDAY, pain=3))
    at = open_page("pages/data.py", profile_id=mine.id)

    def state():
        return at.tabs[3].label, [
            b.label for b in at.get("download_button") if b.label.startswith("Jaw day (")
        ]

    assert state() == ("Bin (0)", ["Jaw day (2 rows)"])
    store.delete(mine.id, first)
    at.run()
    assert state() == ("Bin (1)", ["Jaw day (1 rows)"])
    store.restore(mine.id, first)
    at.run()
    assert state() == ("Bin (0)", ["Jaw day (2 rows)"])
    store.delete(mine.id, first)
    store.empty_bin(mine.id)
    at.run()
    assert state() == ("Bin (0)", ["Jaw day (1 rows)"])
    assert open_page("pages/data.py", profile_id=other.id).tabs[3].label == "Bin (1)"
