"""Headache diary page: log, refuse bad input, edit with history, delete to the bin."""

from __future__ import annotations

import datetime as dt

from tests import clock
from tests.pages.helpers import by_key, open_page
from utils.models import Attack
from utils.store import Store

PAGE = "pages/headache.py"


def test_empty_profile_explains_what_to_do(store: Store) -> None:
    p = store.create_profile("Me")
    at = open_page(PAGE, p.id)
    assert at.title[0].value == "Headache diary"
    assert any("Nothing logged in this period" in i.value for i in at.info)


def test_logging_an_attack_persists(store: Store) -> None:
    p = store.create_profile("Me")
    at = open_page(PAGE, p.id)
    yesterday = clock.TODAY - dt.timedelta(days=1)
    by_key(at.date_input, "a_start_date_").set_value(yesterday)
    by_key(at.time_input, "a_start_time_").set_value(dt.time(9, 0))
    by_key(at.number_input, "a_duration_hours_").set_value(6.0)
    by_key(at.pills, "a_pain_").set_value(7)
    by_key(at.selectbox, "a_side_").set_value("left")
    by_key(at.segmented_control, "a_nausea_vomiting_").set_value("Yes")
    by_key(at.multiselect, "a_medicines_").select("sumatriptan (Imitrex)")
    by_key(at.button, "a_save_").click().run()
    assert not at.exception
    (row,) = store.entries(p.id)
    a = row.entry
    assert (a.start_date, a.start_time, a.duration_minutes, a.pain, a.side) == (
        yesterday,
        dt.time(9, 0),
        360,
        7,
        "left",
    )
    assert a.nausea_vomiting is True and a.medications[0].drug_class == "triptan"
    assert "Attack saved" in at.success[0].value


def test_bad_attack_shows_error_and_saves_nothing(store: Store) -> None:
    p = store.create_profile("Me")
    at = open_page(PAGE, p.id)
    today = clock.TODAY
    by_key(at.date_input, "a_start_date_").set_value(today - dt.timedelta(days=1))
    by_key(at.time_input, "a_start_time_").set_value(dt.time(9, 0))
    by_key(at.radio, "a_end_mode_").set_value("End date and time")
    by_key(at.date_input, "a_end_date_").set_value(today - dt.timedelta(days=2))
    by_key(at.button, "a_save_").click().run()
    assert not at.exception
    assert "end is before the start" in at.error[0].value
    assert store.entries(p.id) == []


def test_edit_keeps_history_and_delete_moves_to_bin(store: Store) -> None:
    p = store.create_profile("Me")
    day = clock.TODAY - dt.timedelta(days=3)
    eid = store.add(
        p.id, Attack(start_date=day, start_time=dt.time(8), duration_minutes=120, pain=4)
    )
    at = open_page(PAGE, p.id)
    # What the Edit button does: open the form on that entry.
    at.session_state["headache_edit_id"] = eid
    at.run()
    assert not at.exception
    assert by_key(at.pills, f"a_pain_{eid}").value == 4  # pre-filled
    by_key(at.pills, f"a_pain_{eid}").set_value(9)
    by_key(at.button, f"a_save_{eid}").click().run()
    assert not at.exception
    row = store.get(p.id, eid)
    assert row.version == 2 and row.entry.pain == 9
    assert store.history(p.id, eid)[0].data["pain"] == 4
    # The entry's own Delete button in the listing (no grid selection needed).
    at.button(key=f"headache_del_{eid}").click().run()
    assert not at.exception
    assert store.entries(p.id) == []
    assert [r.id for r in store.entries(p.id, deleted=True)] == [eid]


def test_checkin_for_a_chosen_day(store: Store) -> None:
    p = store.create_profile("Me")
    at = open_page(PAGE, p.id)
    day = clock.TODAY - dt.timedelta(days=2)
    at.date_input(key="checkin_day").set_value(day)
    at.button(key="checkin_save").click().run()
    (row,) = store.entries(p.id)
    assert row.kind == "headache_checkin" and row.day == day


def test_sample_profile_lists_days(store: Store) -> None:
    from utils.sample import load_sample

    p = load_sample(store, "migraine")
    at = open_page(PAGE, p.id)
    assert any("days logged" in m.value for m in at.markdown)
    assert len(at.dataframe) == 1


def test_headache_page_only_for_profiles_that_track_headache() -> None:
    from utils.ui import visible_pages

    pages = [("a.py", "A", "", None), ("h.py", "H", "", "headache"), ("s.py", "S", "", "sweating")]
    assert [p[0] for p in visible_pages(pages, ("sweating",))] == ["a.py", "s.py"]
    assert [p[0] for p in visible_pages(pages, ())] == ["a.py"]
