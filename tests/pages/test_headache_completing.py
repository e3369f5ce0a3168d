"""Headache diary: no silent defaults, one-tap features, start presets, ended now (issue 14)."""

from __future__ import annotations

import datetime as dt

from tests import clock
from tests.pages.helpers import by_key, open_page
from utils import forms
from utils.store import Store

PAGE = "pages/headache.py"


def _log_minimal(at, hours: float = 2.0) -> None:
    by_key(at.time_input, "a_start_time_").set_value(dt.time(0, 0))
    by_key(at.number_input, "a_duration_hours_").set_value(hours)
    by_key(at.button, "a_save_").click().run()
    assert not at.exception, at.exception


def test_a_new_attack_saves_no_pain_function_or_features_it_was_not_given(store: Store) -> None:
    p = store.create_profile("Me")
    at = open_page(PAGE, p.id)
    _log_minimal(at)
    (row,) = store.entries(p.id)
    a = row.entry
    assert a.pain is None and a.function is None
    assert a.pulsating is None and a.nausea_vomiting is None and a.aura is None


def test_completing_a_severe_quick_log_keeps_effect_unrecorded(store: Store) -> None:
    p = store.create_profile("Me")
    eid = store.add(p.id, forms.quick_attack("Severe", at=clock.NOW - dt.timedelta(hours=2)))
    at = open_page(PAGE, p.id)
    at.session_state["headache_edit_id"] = eid
    at.run()
    # The form opens pre-filled (in a dialog), its widgets keyed by the entry.
    by_key(at.radio, f"a_end_mode_{eid}").set_value("Duration")
    by_key(at.number_input, f"a_duration_hours_{eid}").set_value(1.5)
    by_key(at.button, f"a_save_{eid}").click().run()
    assert not at.exception, at.exception
    a = store.get(p.id, eid).entry
    assert a.pain == 8 and a.function is None and a.duration_minutes == 90


def test_features_are_one_tap_yes_no_not_sure(store: Store) -> None:
    p = store.create_profile("Me")
    at = open_page(PAGE, p.id)
    by_key(at.segmented_control, "a_pulsating_").set_value("Yes")
    by_key(at.segmented_control, "a_nausea_vomiting_").set_value("No")
    by_key(at.segmented_control, "a_aura_").set_value("Not sure")
    by_key(at.pills, "a_pain_").set_value(6)
    _log_minimal(at)
    (row,) = store.entries(p.id)
    a = row.entry
    assert (a.pulsating, a.nausea_vomiting, a.aura, a.light_sensitivity) == (
        True,
        False,
        None,
        None,
    )
    assert a.pain == 6


def test_start_time_preset_one_hour_ago(store: Store) -> None:
    p = store.create_profile("Me")
    at = open_page(PAGE, p.id)
    by_key(at.segmented_control, "a_start_preset_").set_value("1 h ago")
    by_key(at.radio, "a_end_mode_").set_value("Still going")
    by_key(at.button, "a_save_").click().run()
    assert not at.exception, at.exception
    (row,) = store.entries(p.id)
    assert row.entry.start_datetime() == clock.NOW - dt.timedelta(hours=1)
    assert row.entry.ongoing


def test_ended_now_on_an_open_attack_being_edited(store: Store) -> None:
    p = store.create_profile("Me")
    eid = store.add(p.id, forms.quick_attack("Mild", at=clock.NOW - dt.timedelta(hours=2)))
    at = open_page(PAGE, p.id)
    at.session_state["headache_edit_id"] = eid
    at.run()
    at.button(key=f"edit_end_now_{eid}").click().run()
    assert not at.exception, at.exception
    a = store.get(p.id, eid).entry
    assert not a.ongoing and a.end == clock.NOW


def test_every_entry_in_the_listing_has_its_own_buttons(store: Store) -> None:
    from utils.models import Attack

    p = store.create_profile("Me")
    day = clock.TODAY - dt.timedelta(days=2)
    full = forms.attack_from_form(
        {
            "start_date": day,
            "start_time": dt.time(8),
            "end_mode": "Duration",
            "duration_hours": 3,
            "pain": 6,
            "pulsating": "Yes",
        }
    )
    done = store.add(p.id, full)
    bare = store.add(p.id, Attack(start_date=day, start_time=dt.time(18), duration_minutes=60))
    going = store.add(p.id, forms.quick_attack("Mild", at=clock.NOW - dt.timedelta(hours=1)))
    at = open_page(PAGE, p.id)  # no row selection anywhere
    labels = {b.key: b.label for b in at.button if b.key}
    assert labels[f"headache_edit_{done}"] == "Edit"
    assert labels[f"headache_edit_{bare}"] == "Complete"  # pain and features missing
    assert labels[f"headache_edit_{going}"] == "Complete"
    assert {f"headache_del_{i}" for i in (done, bare, going)} <= set(labels)
    assert f"headache_endnow_{going}" in labels and f"headache_endnow_{done}" not in labels
    assert any("missing: pain, features" in m.value for m in at.markdown)
    at.button(key=f"headache_edit_{bare}").click().run()
    assert at.session_state["headache_edit_id"] == bare
    at.button(key=f"headache_endnow_{going}").click().run()
    assert not store.get(p.id, going).entry.ongoing


def test_one_submission_of_the_attack_form_saves_once(store: Store) -> None:
    p = store.create_profile("Me")
    at = open_page(PAGE, p.id)
    first_save = by_key(at.button, "a_save_").key
    _log_minimal(at)
    assert len(store.entries(p.id)) == 1
    # The next form is a new round: a late second tap on the first Save matches no button.
    assert by_key(at.button, "a_save_").key != first_save
    assert by_key(at.number_input, "a_duration_hours_").value == 0.0  # and it starts empty
