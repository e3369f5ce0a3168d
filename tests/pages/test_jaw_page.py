"""Jaw diary page: log a day, normal-day check-in, refuse bad input, edit with history, delete."""

from __future__ import annotations

import datetime as dt

from tests import clock
from tests.pages.helpers import open_page
from utils import sample
from utils.store import Store

PAGE = "pages/jaw.py"
TODAY = clock.TODAY


def test_empty_profile_explains_what_to_do(store: Store) -> None:
    p = store.create_profile("Me", ["jaw"])
    at = open_page(PAGE, p.id)
    assert at.title[0].value == "Jaw diary"
    assert any("Nothing logged in this period" in i.value for i in at.info)


def test_valid_day_persists(store: Store) -> None:
    p = store.create_profile("Me", ["jaw"])
    at = open_page(PAGE, p.id)
    day = TODAY - dt.timedelta(days=2)
    at.date_input(key="jaw_pick_day").set_value(day).run()
    at.radio(key="jwf_pain").set_value(6)
    at.multiselect(key="jwf_symptoms").set_value(["pain when chewing", "locking"])
    at.multiselect(key="jwf_clenching").set_value(["night", "told by partner or dentist"])
    at.selectbox(key="jwf_guard").set_value("No")
    at.text_input(key="jwf_helped").set_value("warm compress")
    at.button(key="jwf_save").click()
    at.run()
    assert not at.exception and not at.error
    (row,) = store.entries(p.id, ["jaw_day"])
    e = row.entry
    assert (row.day, e.pain, e.night_guard, e.helped) == (day, 6, False, "warm compress")
    assert e.clenching == ["night", "told by partner or dentist"]


def test_invalid_day_shows_error_and_saves_nothing(store: Store) -> None:
    p = store.create_profile("Me", ["jaw"])
    at = open_page(PAGE, p.id)
    at.multiselect(key="jwf_symptoms").set_value(["locking"])  # no pain given
    at.button(key="jwf_save").click()
    at.run()
    assert not at.exception
    assert any("Not saved" in e.value and "jaw pain" in e.value for e in at.error)
    assert store.entries(p.id) == []


def test_normal_day_and_duplicate_day(store: Store) -> None:
    p = store.create_profile("Me", ["jaw"])
    at = open_page(PAGE, p.id)
    at.button(key="jaw_normal_today").click()
    at.run()
    (row,) = store.entries(p.id, ["jaw_day"])
    assert row.day == TODAY and row.entry.normal_day
    # The form is on today, which has an entry: it edits that entry (no second one).
    assert any("already has an entry" in c.value for c in at.caption)
    at.radio(key="jwf_pain").set_value(3)
    at.button(key="jwf_save").click()
    at.run()
    assert not at.error
    (again,) = store.entries(p.id)
    assert again.id == row.id and again.version == 2 and again.entry.pain == 3


def test_sample_profile_edit_history_and_delete(store: Store) -> None:
    p = sample.load_sample(store, "jaw")
    at = open_page(PAGE, p.id)
    assert at.title[0].value == "Jaw diary"
    last = store.entries(p.id, ["jaw_day"])[-1]
    at.button(key=f"jaw_edit_{last.id}").click()
    at.run()
    at.radio(key="jwf_pain").set_value(9)
    at.multiselect(key="jwf_symptoms").set_value(["locking"])
    at.button(key="jwf_save").click()
    at.run()
    assert not at.exception and not at.error
    assert store.get(p.id, last.id).entry.pain == 9
    at.toggle(key=f"jaw_hist_{last.id}").set_value(True)
    at.run()
    assert any("version 1 (update" in c.value for c in at.caption)
    at.button(key=f"jaw_del_{last.id}").click()
    at.run()
    assert last.id not in [r.id for r in store.entries(p.id)]
