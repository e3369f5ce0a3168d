"""Profiles & settings page."""

from __future__ import annotations

from tests import clock
from tests.pages.helpers import open_page
from utils.store import Store

PAGE = "pages/profiles.py"


def test_change_conditions_and_name(store: Store) -> None:
    p = store.create_profile("Me")
    at = open_page(PAGE, p.id)
    at.checkbox(key="cond_jaw").check()
    at.text_input(key="profile_name").input("Me (2026)")
    at.button[0].click().run()
    assert not at.exception
    again = store.profile(p.id)
    assert again.name == "Me (2026)" and again.conditions == ("headache", "jaw")


def test_year_of_birth_is_saved_kept_and_cleared(store: Store) -> None:
    p = store.create_profile("Me")
    store.update_profile(p.id, settings={"thresholds": {"history_months": 6}})
    at = open_page(PAGE, p.id)
    at.text_input(key="profile_year_of_birth").input("1990")
    at.button[0].click().run()
    assert not at.exception
    # The year joins the settings; the plan's thresholds stay as they were.
    assert store.profile(p.id).settings == {
        "thresholds": {"history_months": 6},
        "year_of_birth": 1990,
    }
    at = open_page(PAGE, p.id)
    assert at.text_input(key="profile_year_of_birth").value == "1990"
    # A year that is not 4 digits up to this year is refused and changes nothing.
    for bad in ("199", "abcd", str(clock.TODAY.year + 1)):
        at.text_input(key="profile_year_of_birth").input(bad)
        at.button[0].click().run()
        assert "year of birth" in at.error[0].value
        assert store.profile(p.id).settings["year_of_birth"] == 1990
    at.text_input(key="profile_year_of_birth").input("")
    at.button[0].click().run()
    assert store.profile(p.id).settings == {"thresholds": {"history_months": 6}}


def test_cannot_save_without_any_condition(store: Store) -> None:
    p = store.create_profile("Me")
    at = open_page(PAGE, p.id)
    at.checkbox(key="cond_headache").uncheck()
    at.button[0].click().run()
    assert "at least one" in at.error[0].value
    assert store.profile(p.id).conditions == ("headache",)


def test_add_profile_refuses_duplicate_name(store: Store) -> None:
    p = store.create_profile("Me")
    at = open_page(PAGE, p.id)
    at.text_input(key="new_profile_name").input("Me")
    [b for b in at.button if b.label == "Create profile"][0].click().run()
    assert "exists already" in at.error[0].value
    assert len(store.profiles()) == 1
    at.text_input(key="new_profile_name").input("Sam")
    [b for b in at.button if b.label == "Create profile"][0].click().run()
    assert sorted(x.name for x in store.profiles()) == ["Me", "Sam"]
    assert at.session_state["profile_id"] == store.profile_by_name("Sam").id


def test_load_and_remove_sample(store: Store) -> None:
    p = store.create_profile("Me")
    at = open_page(PAGE, p.id)
    at.button(key="load_sample_sweating").click().run()
    sample_profile = store.profile_by_name("Sample: sweating")
    assert sample_profile is not None
    # Loading shows the sample's case; come back to remove it.
    assert at.title[0].value == "Your case"
    assert at.session_state["profile_id"] == sample_profile.id
    at.switch_page("pages/profiles.py").run()
    at.button(key="rm_sample_sweating").click().run()
    assert store.profile_by_name("Sample: sweating") is None


def test_delete_profile_needs_its_name(store: Store) -> None:
    p = store.create_profile("Me")
    store.create_profile("Other")
    at = open_page(PAGE, p.id)
    delete = [b for b in at.button if b.label == "Delete profile"][0]
    assert delete.disabled
    at.text_input(key="delete_confirm").input("Me").run()
    [b for b in at.button if b.label == "Delete profile"][0].click().run()
    assert [x.name for x in store.profiles()] == ["Other"]


def test_plan_thresholds_are_saved_per_profile(store: Store) -> None:
    p = store.create_profile("Me")
    other = store.create_profile("Other")
    at = open_page(PAGE, p.id)
    at.number_input(key="th_headache_days_per_month").set_value(14)
    [b for b in at.button if b.label == "Save thresholds"][0].click().run()
    assert not at.exception
    assert store.profile(p.id).settings["thresholds"] == {"headache_days_per_month": 14}
    assert store.profile(other.id).settings == {}
    [b for b in at.button if b.label == "Back to the common defaults"][0].click().run()
    assert store.profile(p.id).settings["thresholds"] == {}
