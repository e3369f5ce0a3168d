"""Questionnaires page: MIDAS items and grade, HIT-6 total, HDSS; bad input; history; delete.
Also the home page's MIDAS reminder."""

from __future__ import annotations

import datetime as dt

from tests import clock
from tests.pages.helpers import open_entry_buttons, open_page
from utils import sample
from utils.models import Hit6, Midas
from utils.store import Store

PAGE = "pages/questionnaires.py"
TODAY = clock.TODAY


def errors(at) -> str:
    return " ".join(e.value for e in at.error)


def fill_midas(at, values) -> None:
    for key, val in zip(("q1", "q2", "q3", "q4", "q5"), values, strict=True):
        at.number_input(key=f"mqf_{key}").set_value(val)


def test_empty_profile(store: Store) -> None:
    p = store.create_profile("Me", ["headache"])
    at = open_page(PAGE, p.id)
    assert at.title[0].value == "Questionnaires"
    assert [t.label for t in at.tabs] == ["MIDAS", "HIT-6 total", "HDSS (sweating)"]
    assert any("Stewart" in c.value and "Lipton" in c.value for c in at.caption)
    assert sum("None recorded yet" in c.value for c in at.caption) == 3


def test_midas_stores_every_item_and_shows_grade(store: Store) -> None:
    p = store.create_profile("Me", ["headache"])
    at = open_page(PAGE, p.id)
    fill_midas(at, [2, 3, 1, 4, 1])
    at.number_input(key="mqf_headache_days").set_value(45)
    at.number_input(key="mqf_average_pain").set_value(7)
    at.button(key="mqf_save").click()
    at.run()
    assert not at.exception and not at.error
    (row,) = store.entries(p.id, [Midas.KIND])
    m = row.entry
    assert (m.q1, m.q2, m.q3, m.q4, m.q5, m.headache_days, m.average_pain) == (2, 3, 1, 4, 1, 45, 7)
    assert any("score 11, grade III" in s.value for s in at.success)
    assert [x.value for x in at.metric][:2] == ["11", "III: moderate disability"]


def test_midas_too_many_days_is_refused(store: Store) -> None:
    p = store.create_profile("Me", ["headache"])
    at = open_page(PAGE, p.id)
    fill_midas(at, [100, 0, 0, 0, 0])
    at.button(key="mqf_save").click()
    at.run()
    assert "Not saved" in errors(at) and "92 days in three months" in errors(at)
    assert store.entries(p.id) == []


def test_hit6_total_bounds(store: Store) -> None:
    p = store.create_profile("Me", ["headache"])
    at = open_page(PAGE, p.id)
    at.number_input(key="hqf_total").set_value(30)
    at.button(key="hqf_save").click()
    at.run()
    assert "Not saved" in errors(at) and "between 36 and 78" in errors(at)
    assert store.entries(p.id) == []
    at.number_input(key="hqf_total").set_value(62)
    at.button(key="hqf_save").click()
    at.run()
    assert not at.error
    (row,) = store.entries(p.id, [Hit6.KIND])
    assert row.entry.total == 62
    assert any("severe impact" in s.value for s in at.success)


def test_hdss_assessment(store: Store) -> None:
    p = store.create_profile("Me", ["sweating"])
    at = open_page(PAGE, p.id)
    assert at.tabs[0].label == "HDSS (sweating)"
    at.button(key="dqf_save").click()
    at.run()
    assert "choose the statement" in errors(at)
    at.radio(key="dqf_score").set_value(4)
    at.selectbox(key="dqf_timing").set_value("before treatment")
    at.button(key="dqf_save").click()
    at.run()
    (row,) = store.entries(p.id, ["hdss_assessment"])
    assert (row.entry.score, row.entry.timing) == (4, "before treatment")


def test_sample_history_edit_and_delete(store: Store) -> None:
    p = sample.load_sample(store, "migraine")
    at = open_page(PAGE, p.id)
    midas = sorted(store.entries(p.id, [Midas.KIND]), key=lambda r: (r.day, r.id), reverse=True)
    assert len(at.dataframe) >= 2  # MIDAS and HIT-6 histories
    select = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.session_state["midas_table"] = select
    open_entry_buttons(at, "mqf")
    at.button(key=f"mqf_edit_{midas[0].id}").click()
    at.run()
    assert at.number_input(key="mqf_q1").value == midas[0].entry.q1
    at.number_input(key="mqf_q5").set_value(20)
    at.button(key="mqf_save").click()
    at.run()
    assert not at.exception and not at.error
    assert store.get(p.id, midas[0].id).entry.q5 == 20
    at.session_state["midas_table"] = select
    at.run()
    at.button(key=f"mqf_del_{midas[0].id}").click()
    at.run()
    assert midas[0].id not in [r.id for r in store.entries(p.id)]


def test_home_reminds_when_midas_is_old(store: Store) -> None:
    p = store.create_profile("Me", ["headache"])
    store.add(
        p.id,
        Midas(date=TODAY - dt.timedelta(days=120), q1=1, q2=1, q3=1, q4=1, q5=1),
    )
    at = open_page(None, p.id)
    assert any("more than three months ago" in w.value for w in at.warning)
    store.add(p.id, Midas(date=TODAY, q1=1, q2=1, q3=1, q4=1, q5=1))
    at = open_page(None, p.id)
    assert not any("MIDAS" in w.value for w in at.warning)


def test_home_has_no_midas_reminder_without_headache(store: Store) -> None:
    p = store.create_profile("Me", ["sweating"])
    at = open_page(None, p.id)
    assert not any("MIDAS" in w.value for w in at.warning)


def test_edit_buttons_of_a_long_history_come_fourteen_at_a_time(store: Store) -> None:
    # Every entry stays in the table; the buttons under it are drawn once their expander is
    # opened, then come in pages of 14 (ten years of entries would slow every visit).
    p = store.create_profile("Me", ["headache"])
    for i in range(15):
        store.add(p.id, Hit6(date=TODAY - dt.timedelta(days=7 * i), total=50 + i))
    at = open_page(PAGE, p.id)

    def edit_buttons() -> list[str]:
        return [b.key for b in at.button if b.key and b.key.startswith("hqf_edit_")]

    assert edit_buttons() == []  # closed: no buttons drawn
    open_entry_buttons(at, "hqf")
    assert len(edit_buttons()) == 14
    more = [b for b in at.button if b.key == "hqf_more_entries"]
    assert [b.label for b in more] == ["Show 1 more entry"]
    more[0].click().run()
    assert len(edit_buttons()) == 15
    assert not [b for b in at.button if b.key == "hqf_more_entries"]


def _hit6_totals(at) -> list[int]:
    (table,) = [d.value for d in at.dataframe if "Total" in d.value.columns]
    return list(table["Total"])


def _edit_keys(at, prefix: str) -> set[str]:
    return {b.key for b in at.button if b.key and b.key.startswith(prefix)}


def test_history_and_its_buttons_follow_each_save_and_the_profile(store: Store) -> None:
    # The page's rows are kept per profile and revision: a save (through the page, or the store
    # as from another window) shows at the next run with its own Edit button, and another
    # profile's entries never show.
    me = store.create_profile("Me", ["headache"])
    other = store.create_profile("Other", ["headache"])
    other_id = store.add(other.id, Hit6(date=TODAY, total=70))
    first = store.add(me.id, Hit6(date=TODAY - dt.timedelta(days=14), total=50))
    at = open_entry_buttons(open_page(PAGE, me.id), "hqf")
    assert _hit6_totals(at) == [50]
    assert _edit_keys(at, "hqf_edit_") == {f"hqf_edit_{first}"}

    at.number_input(key="hqf_total").set_value(55)
    at.button(key="hqf_save").click().run()
    assert not at.exception and not at.error
    (saved,) = {r.id for r in store.entries(me.id, [Hit6.KIND])} - {first}
    assert _hit6_totals(at) == [55, 50]
    assert _edit_keys(at, "hqf_edit_") == {f"hqf_edit_{saved}", f"hqf_edit_{first}"}

    third = store.add(me.id, Hit6(date=TODAY - dt.timedelta(days=7), total=60))
    at.run()
    assert _hit6_totals(at) == [55, 60, 50]
    assert f"hqf_edit_{third}" in _edit_keys(at, "hqf_edit_")

    at.session_state["profile_id"] = other.id
    at.run()
    assert not at.exception
    assert _hit6_totals(at) == [70]
    assert _edit_keys(at, "hqf_edit_") == {f"hqf_edit_{other_id}"}
