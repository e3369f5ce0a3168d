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

