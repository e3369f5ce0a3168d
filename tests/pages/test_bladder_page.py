"""Bladder diary page: one-tap void and leak, details, the complete-day check-in, bad input
refused, the per-24-hour table from complete days only."""

from __future__ import annotations

import datetime as dt

from tests import clock
from tests.pages.helpers import open_page
from utils.store import Store

PAGE = "pages/bladder.py"
TODAY = clock.TODAY


def test_empty_profile_explains_what_to_do(store: Store) -> None:
    p = store.create_profile("Me", ["bladder"])
    at = open_page(PAGE, p.id)
    assert at.title[0].value == "Bladder diary"
    assert any("Nothing logged in this period" in i.value for i in at.info)
    assert any("No complete day" in i.value for i in at.info)


def test_void_now_and_leak_now_are_one_tap(store: Store) -> None:
    p = store.create_profile("Me", ["bladder"])
    at = open_page(PAGE, p.id)
    at.button(key="bl_void_now").click().run()
    at.button(key="bl_leak_now").click().run()
    assert not at.exception and not at.error
    rows = store.entries(p.id, ["bladder_event"])
    assert sorted(r.entry.event for r in rows) == ["leak", "void"]
    assert all(r.day == TODAY and r.entry.urgency is None for r in rows)
    assert any("Today so far: 1 void, 1 leak, 0 drinks" in c.value for c in at.caption)


def test_event_with_details_persists(store: Store) -> None:
    p = store.create_profile("Me", ["bladder"])
    at = open_page(PAGE, p.id)
    day = TODAY - dt.timedelta(days=1)
    at.radio(key="bl_ev_event").set_value("leak")
    at.date_input(key="bl_ev_date").set_value(day)
    at.time_input(key="bl_ev_time").set_value(dt.time(9, 30))
    at.selectbox(key="bl_ev_amount").set_value("wet clothes")
    at.selectbox(key="bl_ev_urge_first").set_value("Yes")
    at.button(key="bl_ev_save").click().run()
    assert not at.exception and not at.error
    (row,) = store.entries(p.id, ["bladder_event"])
    e = row.entry
    assert (e.at, e.event, e.leak_amount, e.urge_first) == (
        dt.datetime.combine(day, dt.time(9, 30)),
        "leak",
        "wet clothes",
        True,
    )


def test_bad_volume_is_refused_and_saves_nothing(store: Store) -> None:
    p = store.create_profile("Me", ["bladder"])
    at = open_page(PAGE, p.id)
    at.radio(key="bl_ev_event").set_value("void")
    at.number_input(key="bl_ev_volume").set_value(2500)
    at.button(key="bl_ev_save").click().run()
    assert not at.exception
    assert any("Not saved" in e.value and "2000 mL" in e.value for e in at.error)
    assert store.entries(p.id) == []


def test_complete_day_counts_and_shows_per_24_hours(store: Store) -> None:
    p = store.create_profile("Me", ["bladder"])
    at = open_page(PAGE, p.id)
    at.button(key="bl_void_now").click().run()
    at.button(key="bl_void_now").click().run()
    at.time_input(key="bl_day_bed").set_value(dt.time(22, 30))
    at.time_input(key="bl_day_wake").set_value(dt.time(6, 45))
    at.number_input(key="bl_day_pads").set_value(3)
    at.checkbox(key="bl_day_complete").check()
    at.button(key="bl_day_save").click().run()
    assert not at.exception and not at.error
    (row,) = store.entries(p.id, ["bladder_day"])
    assert (row.entry.complete, row.entry.pads, row.entry.wake_time) == (True, 3, dt.time(6, 45))
    assert any("1** complete of 1 logged days" in m.value for m in at.markdown)
    table = at.dataframe[0].value
    voids = table[table["Count"] == "Voids"]["Mean per 24 h"].iloc[0]
    assert float(voids) == 2.0


def test_complete_button_adds_details_to_a_one_tap_void(store: Store) -> None:
    p = store.create_profile("Me", ["bladder"])
    at = open_page(PAGE, p.id)
    at.button(key="bl_void_now").click().run()
    (row,) = store.entries(p.id, ["bladder_event"])
    at.button(key=f"bladder_edit_{row.id}").click().run()
    assert not at.exception
    at.radio(key="bl_ev_urgency").set_value(3)
    at.number_input(key="bl_ev_volume").set_value(150)
    at.button(key="bl_ev_save").click().run()
    assert not at.exception and not at.error
    (row,) = store.entries(p.id, ["bladder_event"])
    assert (row.version, row.entry.urgency, row.entry.volume_ml) == (2, 3, 150)


def test_cannot_pass_urine_shows_seek_care_now(store: Store) -> None:
    from utils.core.treatments import SideEffect

    p = store.create_profile("Me", ["bladder"])
    effect = SideEffect(effect="cannot pass urine at all", start=TODAY, severity="severe")
    assert effect.is_urgent()
    assert not SideEffect(effect="urinary retention", start=TODAY, severity="mild").is_urgent()
    store.add(p.id, effect)
    at = open_page(PAGE, p.id)
    assert any("Get medical help now" in e.value for e in at.error)
    assert any("unable to pass urine at all" in e.value for e in at.error)


def test_home_offers_void_now_and_leak_now_to_a_bladder_profile(store: Store) -> None:
    p = store.create_profile("Me", ["bladder"])
    at = open_page(profile_id=p.id)
    assert not at.exception
    assert any(s.value == "Bladder today" for s in at.subheader)
    at.button(key="home_bladder_void").click().run()
    at.button(key="home_bladder_leak").click().run()
    at.button(key="home_bladder_void").click().run()
    assert not at.exception and not at.error
    rows = store.entries(p.id, ["bladder_event"])
    assert sorted(r.entry.event for r in rows) == ["leak", "void", "void"]
    assert all(r.day == TODAY and r.entry.urgency is None for r in rows)
    assert any("Today so far: Void: 2, Leak: 1." in c.value for c in at.caption)


def test_home_has_no_bladder_buttons_without_bladder(store: Store) -> None:
    p = store.create_profile("Me", ["headache"])
    at = open_page(profile_id=p.id)
    assert not at.exception
    keys = {b.key for b in at.button}
    assert "home_bladder_void" not in keys and "home_bladder_leak" not in keys
    assert not any(s.value == "Bladder today" for s in at.subheader)


def test_fever_in_the_day_check_in_shows_seek_care_now(store: Store) -> None:
    p = store.create_profile("Me", ["bladder"])
    at = open_page(PAGE, p.id)
    assert not any("seek care now" in e.value for e in at.error)
    at.multiselect(key="bl_day_infection").select("burning").select("fever")
    at.button(key="bl_day_save").click().run()
    assert not at.exception
    (row,) = store.entries(p.id, ["bladder_day"])
    assert row.entry.infection_signs == ["burning", "fever"]
    assert any("fever or chills" in e.value and "seek care now" in e.value for e in at.error)


def test_a_catheterization_with_its_volume_is_saved(store: Store) -> None:
    p = store.create_profile("Me", ["bladder"])
    at = open_page(PAGE, p.id)
    at.radio(key="bl_ev_event").set_value("catheter")
    at.number_input(key="bl_ev_volume").set_value(400)
    at.button(key="bl_ev_save").click().run()
    assert not at.exception and not at.error
    (row,) = store.entries(p.id, ["bladder_event"])
    assert (row.entry.event, row.entry.volume_ml) == ("catheter", 400)
    assert row.entry.summary().endswith("catheterization (400 mL)")


def test_neurogenic_setting_swaps_the_home_checklist(store: Store) -> None:
    p = store.create_profile("Me", ["bladder"])
    home = open_page(profile_id=p.id)
    text = "\n".join(m.value for m in home.markdown)
    assert "overactive bladder with urge leaks): first Botox authorization" in text
    assert "neurogenic detrusor overactivity): first Botox" not in text
    at = open_page("pages/profiles.py", p.id)
    at.selectbox(key="th_bladder_type").set_value("neurogenic")
    [b for b in at.button if b.label == "Save thresholds"][0].click().run()
    assert not at.exception
    assert store.profile(p.id).settings["thresholds"] == {"bladder_type": "neurogenic"}
    home = open_page(profile_id=p.id)
    text = "\n".join(m.value for m in home.markdown)
    assert "neurogenic detrusor overactivity): first Botox authorization" in text
    assert "overactive bladder with urge leaks): first Botox authorization" not in text
    assert "self-catheterization recorded" in text


# ---------------------------------------------------------------- catheterized now (issue 18)

NEUROGENIC = {"thresholds": {"bladder_type": "neurogenic"}}


def test_catheterized_now_is_one_tap_for_a_neurogenic_profile(store: Store) -> None:
    p = store.create_profile("Me", ["bladder"], settings=NEUROGENIC)
    at = open_page(PAGE, p.id)
    at.button(key="bl_catheter_now").click().run()
    assert not at.exception and not at.error
    (row,) = store.entries(p.id, ["bladder_event"])
    assert (row.day, row.entry.event, row.entry.volume_ml) == (TODAY, "catheter", None)
    assert any("1 catheterization" in c.value for c in at.caption)


def test_an_overactive_profile_has_no_catheter_button(store: Store) -> None:
    p = store.create_profile("Me", ["bladder"])
    at = open_page(PAGE, p.id)
    assert "bl_catheter_now" not in [b.key for b in at.button]
    home = open_page(profile_id=p.id)
    assert "Catheterized now" not in [b.label for b in home.button]


def test_catheterized_now_on_home_for_a_neurogenic_profile(store: Store) -> None:
    p = store.create_profile("Me", ["bladder"], settings=NEUROGENIC)
    home = open_page(profile_id=p.id)
    [b for b in home.button if b.label == "Catheterized now"][0].click().run()
    assert not home.exception and not home.error
    (row,) = store.entries(p.id, ["bladder_event"])
    assert row.entry.event == "catheter"
    assert any("Catheterization: 1" in c.value for c in home.caption)
