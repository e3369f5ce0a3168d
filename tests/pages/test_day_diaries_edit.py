"""Sweating and jaw diaries: opening a day that has an entry edits it (issue 14)."""

from __future__ import annotations

import datetime as dt

from tests import clock
from tests.pages.helpers import open_page
from utils import entry_forms as ef
from utils.models import JawDay, SweatDay
from utils.store import Store


def test_opening_a_logged_sweating_day_edits_it(store: Store) -> None:
    p = store.create_profile("Me", ["sweating"])
    day = clock.TODAY - dt.timedelta(days=3)
    eid = store.add(p.id, SweatDay(date=day, hdss=2, sites=["palms"]))
    at = open_page("pages/sweating.py", p.id)
    at.date_input(key="sweat_pick_day").set_value(day).run()
    assert any("already has an entry" in c.value for c in at.caption)
    assert at.radio(key="swf_hdss").value == 2  # pre-filled with that day's entry
    assert at.multiselect(key="swf_sites").value == ["palms"]
    at.radio(key="swf_hdss").set_value(4)
    at.button(key="swf_save").click().run()
    assert not at.exception and not at.error
    (row,) = store.entries(p.id)
    assert row.id == eid and row.version == 2 and row.entry.hdss == 4
    # Another day is free again: an empty form.
    at.date_input(key="sweat_pick_day").set_value(day - dt.timedelta(days=1)).run()
    assert at.radio(key="swf_hdss").value is None


def test_opening_a_logged_jaw_day_edits_it(store: Store) -> None:
    p = store.create_profile("Me", ["jaw"])
    day = clock.TODAY - dt.timedelta(days=2)
    eid = store.add(p.id, ef.normal_jaw_day(day))
    at = open_page("pages/jaw.py", p.id)
    at.date_input(key="jaw_pick_day").set_value(day).run()
    at.radio(key="jwf_pain").set_value(4)
    at.button(key="jwf_save").click().run()
    assert not at.exception and not at.error
    (row,) = store.entries(p.id)
    assert row.id == eid and row.version == 2 and row.entry.pain == 4
    assert isinstance(row.entry, JawDay)
