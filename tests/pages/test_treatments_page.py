"""Treatments & Botox page: treatment ledger, sessions, side effects, urgent warning, bad input."""

from __future__ import annotations

import datetime as dt

from tests import clock
from tests.pages.helpers import open_entry_buttons, open_page
from utils import sample
from utils.models import BotoxSession, SideEffect, Treatment
from utils.store import Store

PAGE = "pages/treatments.py"
TODAY = clock.TODAY
URGENT = "Get medical help now"


def errors(at) -> str:
    return " ".join(e.value for e in at.error)


def test_empty_profile(store: Store) -> None:
    p = store.create_profile("Me", ["headache"])
    at = open_page(PAGE, p.id)
    assert at.title[0].value == "Treatments & Botox"
    assert any("No treatments recorded yet" in c.value for c in at.caption)
    assert URGENT not in errors(at)


def test_treatment_persists_and_short_trial_is_flagged(store: Store) -> None:
    p = store.create_profile("Me", ["headache"])
    at = open_page(PAGE, p.id)
    at.selectbox(key="trf_medicine_headache").set_value("propranolol (Inderal)")
    at.text_input(key="trf_dose").set_value("80 mg daily")
    at.date_input(key="trf_start").set_value(TODAY - dt.timedelta(days=50))
    at.date_input(key="trf_stop").set_value(TODAY - dt.timedelta(days=21))
    at.radio(key="trf_outcome").set_value("side_effects")
    at.text_input(key="trf_side").set_value("tiredness")
    at.selectbox(key="trf_specialty").set_value("neurologist")
    at.button(key="trf_save").click()
    at.run()
    assert not at.exception and not at.error
    (row,) = store.entries(p.id, ["treatment"])
    t = row.entry
    assert (t.name, t.treatment_class, t.days_on(), t.outcome, t.specialty) == (
        "propranolol",
        "beta_blocker",
        30,
        "side_effects",
        "neurologist",
    )
    assert any("short of the usual minimum of 60 days" in w.value for w in at.warning)


def test_own_treatment_still_taking(store: Store) -> None:
    p = store.create_profile("Me", ["sweating"])
    at = open_page(PAGE, p.id)
    at.selectbox(key="trf_medicine_sweating").set_value("Another treatment (type its name)")
    at.text_input(key="trf_own_name").set_value("Carpe lotion")
    at.selectbox(key="trf_own_class_sweating").set_value("aluminium_chloride")
    at.text_input(key="trf_strength").set_value("15%")
    at.date_input(key="trf_start").set_value(TODAY - dt.timedelta(days=9))
    at.checkbox(key="trf_still").check()
    at.button(key="trf_save").click()
    at.run()
    assert not at.exception and not at.error
    (row,) = store.entries(p.id, ["treatment"])
    assert row.entry.outcome == "ongoing" and row.entry.strength == "15%"
    assert any("short of the usual minimum of 30 days" in w.value for w in at.warning)


def test_stop_before_start_is_refused(store: Store) -> None:
    p = store.create_profile("Me", ["headache"])
    at = open_page(PAGE, p.id)
    at.date_input(key="trf_start").set_value(TODAY - dt.timedelta(days=10))
    at.date_input(key="trf_stop").set_value(TODAY - dt.timedelta(days=20))
    at.button(key="trf_save").click()
    at.run()
    assert not at.exception
    assert "Not saved" in errors(at) and "before the start date" in errors(at)
    assert store.entries(p.id) == []


def test_session_persists_with_next_date(store: Store) -> None:
    p = store.create_profile("Me", ["headache"])
    at = open_page(PAGE, p.id)
    day = TODAY - dt.timedelta(days=7)
    at.date_input(key="bsf_date").set_value(day)
    at.number_input(key="bsf_units").set_value(155.0)
    at.checkbox(key="bsf_protocol").check()
    at.number_input(key="bsf_cost").set_value(45.0)
    assert at.selectbox(key="bsf_specialty").value == "dont_know"  # the default
    at.selectbox(key="bsf_specialty").set_value("headache_specialist")
    at.button(key="bsf_save").click()
    at.run()
    assert not at.exception and not at.error
    (row,) = store.entries(p.id, ["botox_session"])
    s = row.entry
    assert s.units == 155 and len(s.areas) == 7 and s.cost == 45.0
    assert s.specialty == "headache_specialist"
    due = day + dt.timedelta(weeks=12)
    assert any(f"{due:%d %B %Y}" in i.value for i in at.info)


def test_bad_sessions_are_refused(store: Store) -> None:
    p = store.create_profile("Me", ["headache"])
    at = open_page(PAGE, p.id)
    at.date_input(key="bsf_date").set_value(TODAY + dt.timedelta(days=3))
    at.number_input(key="bsf_units").set_value(155.0)
    at.button(key="bsf_save").click()
    at.run()
    assert "Not saved" in errors(at) and "future" in errors(at)
    at.date_input(key="bsf_date").set_value(TODAY)
    at.number_input(key="bsf_units").set_value(5000.0)
    at.button(key="bsf_save").click()
    at.run()
    assert "Not saved" in errors(at) and "units" in errors(at)
    at.number_input(key="bsf_units").set_value(0.0)
    at.button(key="bsf_save").click()
    at.run()
    assert "greater than 0" in errors(at)
    assert store.entries(p.id) == []


def test_urgent_side_effect_shows_emergency_message(store: Store) -> None:
    p = store.create_profile("Me", ["headache"])
    sid = store.add(
        p.id, BotoxSession(date=TODAY - dt.timedelta(days=2), condition="headache", units=155)
    )
    at = open_page(PAGE, p.id)
    assert URGENT not in errors(at)
    at.selectbox(key="sef_session").set_value(sid)
    at.selectbox(key="sef_effect").set_value("trouble swallowing")
    at.radio(key="sef_severity").set_value("severe")
    at.button(key="sef_save").click()
    at.run()
    assert not at.exception
    (row,) = store.entries(p.id, ["side_effect"])
    assert row.entry.session_id == sid and row.entry.end is None
    assert URGENT in errors(at) and "emergency" in errors(at)
    # still shown on every later visit while it is ongoing
    again = open_page(PAGE, p.id)
    assert URGENT in errors(again)


def test_urgent_side_effect_entered_as_over_still_warns_once(store: Store) -> None:
    p = store.create_profile("Me", ["headache"])
    at = open_page(PAGE, p.id)
    at.selectbox(key="sef_effect").set_value("trouble breathing")
    at.date_input(key="sef_start").set_value(TODAY - dt.timedelta(days=5))
    at.date_input(key="sef_end").set_value(TODAY - dt.timedelta(days=4))
    at.checkbox(key="sef_ongoing").uncheck()
    at.button(key="sef_save").click()
    at.run()
    assert store.entries(p.id, ["side_effect"])[0].entry.end == TODAY - dt.timedelta(days=4)
    assert URGENT in errors(at)
    assert URGENT not in errors(open_page(PAGE, p.id))


def test_sample_profile_edit_and_delete(store: Store) -> None:
    p = sample.load_sample(store, "migraine")
    at = open_page(PAGE, p.id)
    assert URGENT not in errors(at)
    assert any("Next headache / migraine session" in i.value for i in at.info)
    trials = store.entries(p.id, [Treatment.KIND])
    assert trials
    # edit the first treatment (table sorted by start date)
    first = min(trials, key=lambda r: (r.entry.start, r.id))
    at.session_state["tr_table_headache"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    open_entry_buttons(at, "tr_table_headache")
    at.button(key=f"trf_edit_{first.id}").click()
    at.run()
    assert at.text_input(key="trf_dose").value == first.entry.dose
    at.text_input(key="trf_prescriber").set_value("Dr. New")
    at.button(key="trf_save").click()
    at.run()
    assert not at.exception and not at.error
    assert store.get(p.id, first.id).version == 2
    # delete the newest session
    newest = max(store.entries(p.id, [BotoxSession.KIND]), key=lambda r: (r.day, r.id))
    at.session_state["bs_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    open_entry_buttons(at, "bs_table")
    at.button(key=f"bsf_del_{newest.id}").click()
    at.run()
    assert newest.id not in [r.id for r in store.entries(p.id)]
    # delete a side effect
    (effect,) = store.entries(p.id, [SideEffect.KIND])
    at.session_state["se_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    open_entry_buttons(at, "se_table")
    at.button(key=f"sef_del_{effect.id}").click()
    at.run()
    assert store.entries(p.id, [SideEffect.KIND]) == []


def _sessions_table(at) -> list[int]:
    (table,) = [d.value for d in at.dataframe if "Units" in d.value.columns]
    return list(table["Units"])


def _button_keys(at, prefix: str) -> set[str]:
    return {b.key for b in at.button if b.key and b.key.startswith(prefix)}


def test_tables_and_their_buttons_follow_each_save_and_the_profile(store: Store) -> None:
    # The page's rows are kept per profile and revision: a save (through the page, or the store
    # as from another window) shows at the next run with its own buttons, and another profile's
    # entries never show.
    me = store.create_profile("Me", ["headache"])
    other = store.create_profile("Other", ["headache"])
    other_sid = store.add(
        other.id, BotoxSession(date=TODAY - dt.timedelta(days=5), condition="headache", units=200)
    )
    first = store.add(
        me.id, BotoxSession(date=TODAY - dt.timedelta(days=100), condition="headache", units=155)
    )
    at = open_entry_buttons(open_page(PAGE, me.id), "bs_table")
    assert _sessions_table(at) == [155]
    assert _button_keys(at, "bsf_edit_") == {f"bsf_edit_{first}"}

    at.selectbox(key="trf_medicine_headache").set_value("propranolol (Inderal)")
    at.date_input(key="trf_start").set_value(TODAY - dt.timedelta(days=90))
    at.button(key="trf_save").click().run()
    assert not at.exception and not at.error
    (trial,) = store.entries(me.id, [Treatment.KIND])
    open_entry_buttons(at, "tr_table_headache")
    assert f"trf_edit_{trial.id}" in _button_keys(at, "trf_edit_")

    second = store.add(
        me.id, BotoxSession(date=TODAY - dt.timedelta(days=10), condition="headache", units=165)
    )
    at.run()
    assert _sessions_table(at) == [165, 155]
    assert _button_keys(at, "bsf_edit_") == {f"bsf_edit_{second}", f"bsf_edit_{first}"}

    at.session_state["profile_id"] = other.id
    at.run()
    assert not at.exception
    assert _sessions_table(at) == [200]
    assert _button_keys(at, "bsf_edit_") == {f"bsf_edit_{other_sid}"}
    assert not _button_keys(at, "trf_edit_")


def test_a_trial_still_going_counts_to_the_new_day(store: Store, monkeypatch) -> None:
    # The tables are kept per revision and day: with nothing saved, the next day's run counts
    # the trial still being taken one day longer.
    from utils.core import entries

    p = store.create_profile("Me", ["headache"])
    store.add(
        p.id,
        Treatment(
            condition="headache",
            name="propranolol",
            treatment_class="beta_blocker",
            start=TODAY - dt.timedelta(days=29),
            outcome="ongoing",
        ),
    )
    at = open_page(PAGE, p.id)

    def days() -> list[int]:
        (table,) = [d.value for d in at.dataframe if "Days" in d.value.columns]
        return list(table["Days"])

    before = days()
    assert before == [30]  # start day included
    monkeypatch.setattr(entries, "now", lambda: clock.NOW + dt.timedelta(days=1))
    at.run()
    assert not at.exception
    assert days() == [31]
