"""Sweating diary page: log a day, normal-day check-in, baseline once and editable, edit, delete."""

from __future__ import annotations

import datetime as dt

from tests import clock
from tests.pages.helpers import open_page
from utils import sample
from utils.store import Store

PAGE = "pages/sweating.py"
TODAY = clock.TODAY


def errors(at) -> str:
    return " ".join(e.value for e in at.error)


def test_empty_profile_explains_what_to_do(store: Store) -> None:
    p = store.create_profile("Me", ["sweating"])
    at = open_page(PAGE, p.id)
    assert at.title[0].value == "Sweating diary"
    assert any("Nothing logged in this period" in i.value for i in at.info)
    # the four HDSS statements are shown as the answers
    assert len(at.radio(key="swf_hdss").options) == 4
    assert any("International Hyperhidrosis Society" in c.value for c in at.caption)


def test_valid_day_persists(store: Store) -> None:
    p = store.create_profile("Me", ["sweating"])
    at = open_page(PAGE, p.id)
    yesterday = TODAY - dt.timedelta(days=1)
    at.date_input(key="sweat_pick_day").set_value(yesterday).run()
    at.multiselect(key="swf_sites").set_value(["underarms", "palms"])
    at.radio(key="swf_hdss").set_value(3)
    at.number_input(key="swf_episodes").set_value(5)
    at.number_input(key="swf_clothes").set_value(2)
    at.multiselect(key="swf_affected").set_value(["handshakes"])
    at.selectbox(key="swf_sleep").set_value("Yes")
    at.text_input(key="swf_product").set_value("Drysol")
    at.text_input(key="swf_strength").set_value("20%")
    at.button(key="swf_save").click()
    at.run()
    assert not at.exception
    assert not at.error
    (row,) = store.entries(p.id, ["sweat_day"])
    e = row.entry
    assert (row.day, e.hdss, e.sites, e.episodes) == (yesterday, 3, ["underarms", "palms"], 5)
    assert e.stopped_during_sleep is True and e.topical_strength == "20%"
    assert any("saved" in s.value for s in at.success)


def test_invalid_day_shows_error_and_saves_nothing(store: Store) -> None:
    p = store.create_profile("Me", ["sweating"])
    at = open_page(PAGE, p.id)
    at.multiselect(key="swf_sites").set_value(["underarms"])  # no HDSS chosen
    at.button(key="swf_save").click()
    at.run()
    assert not at.exception
    assert "Not saved" in errors(at) and "HDSS" in errors(at)
    assert store.entries(p.id) == []


def test_normal_day_today_and_another_day(store: Store) -> None:
    p = store.create_profile("Me", ["sweating"])
    at = open_page(PAGE, p.id)
    at.button(key="sweat_normal_today").click()
    at.run()
    (row,) = store.entries(p.id, ["sweat_day"])
    assert row.day == TODAY and row.entry.normal_day
    at.button(key="sweat_normal_today").click()
    at.run()
    assert any("already recorded as a normal day" in i.value for i in at.info)
    assert len(store.entries(p.id)) == 1
    other = TODAY - dt.timedelta(days=4)
    at.date_input(key="sweat_normal_day").set_value(other)
    at.button(key="sweat_normal_save").click()
    at.run()
    assert [r.day for r in store.entries(p.id)] == [other, TODAY]
    # unlogged days stay unlogged: nothing was added for the days in between
    assert len(store.entries(p.id)) == 2


def test_baseline_answered_once_then_edited(store: Store) -> None:
    p = store.create_profile("Me", ["sweating"])
    at = open_page(PAGE, p.id)
    at.number_input(key="swb_onset").set_value(13)
    at.radio(key="swb_stops_during_sleep").set_value("yes")
    at.button(key="swb_save").click()
    at.run()
    assert not at.exception
    (row,) = store.entries(p.id, ["sweat_baseline"])
    assert row.entry.onset_age == 13 and row.entry.stops_during_sleep == "yes"
    assert at.number_input(key="swb_onset").value == 13
    at.radio(key="swb_family_history").set_value("no")
    at.button(key="swb_save").click()
    at.run()
    (row,) = store.entries(p.id, ["sweat_baseline"])
    assert row.version == 2 and row.entry.family_history == "no" and row.entry.onset_age == 13


def test_sample_profile_edit_and_delete(store: Store) -> None:
    p = sample.load_sample(store, "sweating")
    at = open_page(PAGE, p.id)
    assert at.title[0].value == "Sweating diary"
    assert any("days logged" in m.value for m in at.markdown)
    assert at.radio(key="swb_stops_during_sleep").value == "yes"  # baseline loaded for editing
    last = store.entries(p.id, ["sweat_day"])[-1]
    at.button(key=f"sweat_edit_{last.id}").click()
    at.run()
    assert at.date_input(key="sweat_pick_day").value == last.day
    at.radio(key="swf_hdss").set_value(4)
    at.multiselect(key="swf_sites").set_value(["palms"])
    at.button(key="swf_save").click()
    at.run()
    assert not at.exception and not at.error
    edited = store.get(p.id, last.id)
    assert edited.version == 2 and edited.entry.hdss == 4 and not edited.entry.normal_day
    at.button(key=f"sweat_del_{last.id}").click()
    at.run()
    assert last.id not in [r.id for r in store.entries(p.id)]
    assert last.id in [r.id for r in store.entries(p.id, deleted=True)]
