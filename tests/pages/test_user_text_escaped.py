"""User text reaches Streamlit's Markdown escaped (utils.safe_text.md): an entry's summary in
the diary, an error that quotes a profile name."""

from __future__ import annotations

from tests import clock
from tests.pages.helpers import open_page
from utils.models import Attack, MedicationDose
from utils.safe_text import md
from utils.store import Store

HOSTILE = "![i](http://127.0.0.2:9/i.png) **b**"


def test_entry_summary_in_the_diary_is_escaped(store: Store) -> None:
    p = store.create_profile("Me", ["headache"])
    dose = MedicationDose(name=HOSTILE, drug_class="triptan")
    eid = store.add(p.id, Attack(start_date=clock.TODAY, pain=4, medications=[dose]))
    assert HOSTILE in store.get(p.id, eid).entry.summary()
    at = open_page("pages/headache.py", p.id)
    at.session_state["headache_days"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    shown = [m.value for m in at.markdown if "took" in m.value]
    assert shown and all(HOSTILE not in v and md(HOSTILE) in v for v in shown)


def test_error_quoting_a_profile_name_is_escaped(store: Store) -> None:
    store.create_profile(HOSTILE)
    p = store.create_profile("Me")
    at = open_page("pages/profiles.py", p.id)
    at.text_input(key="profile_name").set_value(HOSTILE)
    at.button[0].click()
    at.run()
    errors = [e.value for e in at.error]
    assert errors and all(HOSTILE not in e for e in errors)
    assert any(md(HOSTILE) in e for e in errors)
