"""Two windows editing one entry: the second save is refused with the latest version shown."""

from __future__ import annotations

from tests import clock
from tests.pages.helpers import open_page
from utils.models import JawDay
from utils.store import Store

TODAY = clock.TODAY


def test_edit_of_an_entry_changed_in_another_window_is_refused(store: Store) -> None:
    p = store.create_profile("Me", ["jaw"])
    eid = store.add(p.id, JawDay(date=TODAY, pain=4))
    at = open_page("pages/jaw.py", p.id)
    at.session_state["jaw_days"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    at.button(key=f"jaw_edit_{eid}").click()
    at.run()
    # Meanwhile another window saves the same entry.
    store.update(p.id, eid, JawDay(date=TODAY, pain=7))
    at.radio(key="jwf_pain").set_value(2)
    at.button(key="jwf_save").click()
    at.run()
    assert not at.exception
    assert any("changed in another window" in w.value for w in at.warning)
    assert store.get(p.id, eid).entry.pain == 7  # the other window's save is kept
    assert at.radio(key="jwf_pain").value == 7  # the form now shows the latest
    # Saving again from the latest version works.
    at.radio(key="jwf_pain").set_value(2)
    at.button(key="jwf_save").click()
    at.run()
    assert not at.exception and not at.error
    assert store.get(p.id, eid).entry.pain == 2 and store.get(p.id, eid).version == 3


def test_a_day_opened_from_the_picker_is_guarded_too(store: Store) -> None:
    # No Edit button: picking a day that has an entry opens it; a save from a version another
    # window has replaced is refused, and a version remembered for another day never applies.
    import datetime as dt

    p = store.create_profile("Me", ["jaw"])
    yesterday = TODAY - dt.timedelta(days=1)
    first = store.add(p.id, JawDay(date=yesterday, pain=3))
    store.update(p.id, first, JawDay(date=yesterday, pain=4))  # version 2
    eid = store.add(p.id, JawDay(date=TODAY, pain=4))
    at = open_page("pages/jaw.py", p.id)
    at.date_input(key="jaw_pick_day").set_value(yesterday)
    at.run()
    at.date_input(key="jaw_pick_day").set_value(TODAY)
    at.run()
    store.update(p.id, eid, JawDay(date=TODAY, pain=7))  # another window
    at.radio(key="jwf_pain").set_value(2)
    at.button(key="jwf_save").click()
    at.run()
    assert any("changed in another window" in w.value for w in at.warning)
    assert store.get(p.id, eid).entry.pain == 7
    at.radio(key="jwf_pain").set_value(2)
    at.button(key="jwf_save").click()
    at.run()
    assert store.get(p.id, eid).entry.pain == 2
    assert store.get(p.id, first).entry.pain == 4  # untouched
