"""Catch-up month grid and the note of days not logged this week (issue 14)."""

from __future__ import annotations

import datetime as dt

from tests import clock
from tests.pages.helpers import by_key, open_page
from utils import forms
from utils.store import Store


def _last_month(at, condition: str, n: int) -> list[dt.date]:
    """Show last month in the catch-up grid (always in the past) and return its first n days."""
    first = (clock.TODAY.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    at.selectbox(key=f"catchup_{condition}_month").set_value((first.year, first.month)).run()
    return [first + dt.timedelta(days=i) for i in range(n)]


def test_mark_several_missed_days_headache_free_at_once(store: Store) -> None:
    p = store.create_profile("Me")
    store.add(p.id, forms.checkin(clock.TODAY))
    at = open_page("pages/headache.py", p.id)
    missed = _last_month(at, "headache", 2)
    by_key(at.pills, "catchup_headache_days_").set_value(missed).run()
    mark = by_key(at.button, "catchup_headache_mark_")
    assert mark.label == f"Mark {len(missed)} day{'s' if len(missed) > 1 else ''} as headache-free"
    mark.click().run()
    assert not at.exception
    days = sorted(r.day for r in store.entries(p.id) if r.kind == "headache_checkin")
    assert days == sorted([*missed, clock.TODAY])
    # The choice is not kept for a second tap.
    assert by_key(at.pills, "catchup_headache_days_").value == []


def test_open_a_missed_day_puts_it_into_the_form(store: Store) -> None:
    p = store.create_profile("Me", ["sweating"])
    at = open_page("pages/sweating.py", p.id)
    missed = _last_month(at, "sweating", 1)
    at.selectbox(key="catchup_sweating_open_day").set_value(missed[0])
    at.button(key="catchup_sweating_open").click().run()
    assert not at.exception
    assert at.date_input(key="sweat_pick_day").value == missed[0]


def test_open_a_missed_headache_day_starts_the_attack_form_there(store: Store) -> None:
    p = store.create_profile("Me")
    at = open_page("pages/headache.py", p.id)
    missed = _last_month(at, "headache", 1)
    at.selectbox(key="catchup_headache_open_day").set_value(missed[0])
    at.button(key="catchup_headache_open").click().run()
    assert by_key(at.date_input, "a_start_date_").value == missed[0]


def test_week_note_names_the_days_not_logged(store: Store) -> None:
    p = store.create_profile("Me")
    monday = clock.TODAY - dt.timedelta(days=clock.TODAY.weekday())
    at = open_page("pages/headache.py", p.id)
    notes = [c.value for c in at.caption if "this week not logged" in c.value]
    n = (clock.TODAY - monday).days
    if n == 0:
        assert notes == []
    else:
        assert len(notes) == 1 and f"{n} day{'s' if n != 1 else ''} of this week" in notes[0]
        assert f"{monday:%a} {monday.day}" in notes[0]
