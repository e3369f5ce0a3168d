"""Spasticity diary page: a day in two taps, a normal day in one, details, refused input,
the clinician's grade and goal score, warning signs get 'seek care now'."""

from __future__ import annotations

import datetime as dt

from tests import clock
from tests.pages.helpers import open_page
from utils.store import Store

PAGE = "pages/spasticity.py"
TODAY = clock.TODAY


def test_empty_profile_explains_what_to_do(store: Store) -> None:
    p = store.create_profile("Me", ["spasticity"])
    at = open_page(PAGE, p.id)
    assert not at.exception
    assert at.title[0].value == "Spasticity diary"
    assert any("Nothing logged in this period" in i.value for i in at.info)
    assert any("Stiffness today" in r.label for r in at.radio)
    assert not at.error  # no warning without warning signs


def test_stiffness_alone_saves_a_day(store: Store) -> None:
    p = store.create_profile("Me", ["spasticity"])
    at = open_page(PAGE, p.id)
    at.radio(key="spf_stiffness").set_value(6)
    at.button(key="spf_save").click()
    at.run()
    assert not at.exception and not at.error
    (row,) = store.entries(p.id, ["spasticity_day"])
    assert (row.day, row.entry.stiffness, row.entry.normal_day) == (TODAY, 6, False)


def test_details_persist(store: Store) -> None:
    p = store.create_profile("Me", ["spasticity"])
    at = open_page(PAGE, p.id)
    day = TODAY - dt.timedelta(days=3)
    at.date_input(key="spas_pick_day").set_value(day).run()
    at.radio(key="spf_stiffness").set_value(7)
    at.number_input(key="spf_spasms").set_value(12)
    at.radio(key="spf_pain").set_value(5)
    at.multiselect(key="spf_tasks").set_value(["dressing", "walking"])
    at.number_input(key="spf_falls").set_value(1)
    at.number_input(key="spf_splint").set_value(6.5)
    at.number_input(key="spf_therapy").set_value(30)
    at.button(key="spf_save").click()
    at.run()
    assert not at.exception and not at.error
    (row,) = store.entries(p.id, ["spasticity_day"])
    e = row.entry
    assert (row.day, e.spasms, e.pain, e.falls, e.splint_hours, e.therapy_minutes) == (
        day,
        12,
        5,
        1,
        6.5,
        30,
    )
    assert e.hard_tasks == ["dressing", "walking"]


def test_missing_stiffness_is_refused_and_saves_nothing(store: Store) -> None:
    p = store.create_profile("Me", ["spasticity"])
    at = open_page(PAGE, p.id)
    at.radio(key="spf_pain").set_value(4)
    at.button(key="spf_save").click()
    at.run()
    assert not at.exception
    assert any("Not saved" in e.value and "stiffness" in e.value for e in at.error)
    assert store.entries(p.id) == []


def test_normal_day_in_one_tap(store: Store) -> None:
    p = store.create_profile("Me", ["spasticity"])
    at = open_page(PAGE, p.id)
    at.button(key="spasticity_normal_today").click()
    at.run()
    (row,) = store.entries(p.id, ["spasticity_day"])
    assert row.day == TODAY and row.entry.normal_day


def test_warning_signs_say_seek_care_now(store: Store) -> None:
    p = store.create_profile("Child", ["spasticity"])
    at = open_page(PAGE, p.id)
    at.radio(key="spf_stiffness").set_value(4)
    at.multiselect(key="spf_warning").set_value(["trouble swallowing"])
    at.button(key="spf_save").click()
    at.run()
    assert not at.exception
    assert any("Get medical help now" in e.value and "Children" in e.value for e in at.error)


def test_clinician_grade_and_goal_score(store: Store) -> None:
    p = store.create_profile("Me", ["spasticity"])
    at = open_page(PAGE, p.id)
    at.selectbox(key="spm_muscle").set_value("elbow flexors")
    at.radio(key="spm_side").set_value("left")
    at.radio(key="spm_grade").set_value("1+")
    at.checkbox(key="spm_target").check()
    at.button(key="spm_save").click()
    at.run()
    assert not at.exception and not at.error
    (mas,) = store.entries(p.id, ["ashworth_grade"])
    assert (mas.entry.grade, mas.entry.side, mas.entry.target) == ("1+", "left", True)
    at.text_input(key="spg_goal").set_value("put on a shirt without help")
    at.radio(key="spg_score").set_value(-1)
    at.button(key="spg_save").click()
    at.run()
    assert not at.exception and not at.error
    (goal,) = store.entries(p.id, ["goal_score"])
    assert (goal.entry.goal, goal.entry.score) == ("put on a shirt without help", -1)


def test_goal_without_text_is_refused(store: Store) -> None:
    p = store.create_profile("Me", ["spasticity"])
    at = open_page(PAGE, p.id)
    at.radio(key="spg_score").set_value(1)
    at.button(key="spg_save").click()
    at.run()
    assert not at.exception
    assert any("Not saved" in e.value for e in at.error)
    assert store.entries(p.id) == []


def test_home_page_offers_the_one_tap_normal_day_and_the_checklist(store: Store) -> None:
    p = store.create_profile("Me", ["spasticity"])
    at = open_page(None, p.id)
    assert not at.exception
    assert any(s.value == "Spasticity today" for s in at.subheader)
    at.button(key="home_spasticity_normal_today").click().run()
    assert not at.exception
    (row,) = store.entries(p.id, ["spasticity_day"])
    assert row.day == TODAY and row.entry.normal_day
    text = "\n".join(m.value for m in at.markdown)
    assert "Spasticity (arm or leg): first Botox authorization" in text


def test_an_ongoing_urgent_side_effect_shows_on_the_diary(store: Store) -> None:
    from utils.core.treatments import SideEffect

    p = store.create_profile("Me", ["spasticity"])
    store.add(
        p.id,
        SideEffect(
            effect="generalized muscle weakness",
            start=TODAY - dt.timedelta(days=2),
            severity="severe",
        ),
    )
    at = open_page(PAGE, p.id)
    assert any("Get medical help now" in e.value for e in at.error)


def test_reports_page_builds_the_spasticity_documents(store: Store) -> None:
    from utils.sample import load_sample

    p = load_sample(store, "spasticity", days=120)
    at = open_page("pages/reports.py", p.id)
    assert not at.exception
    assert not any("diary is empty" in i.value for i in at.info)
    at.button(key="rep_build").click().run()
    assert not at.exception, at.exception
    assert len(at.get("download_button")) == 4
    text = at.text_area[0].value
    assert "spasticity of the arm or leg" in text


def test_every_page_works_for_a_spasticity_only_profile(store: Store) -> None:
    import re
    from pathlib import Path

    from tests.pages.helpers import APP
    from utils.sample import load_sample

    p = load_sample(store, "spasticity", days=60)
    pages = re.findall(r'\("(pages/[a-z]+\.py)"', Path(APP).read_text()) + [PAGE]
    at = open_page(None, p.id)
    for page in pages:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)


# ---------------------------------------------------------------- a child's profile (issue 18)


def _texts(at) -> str:
    return "\n".join(
        [m.value for m in at.markdown] + [i.value for i in at.info] + [c.value for c in at.caption]
    )


def test_a_childs_profile_says_a_parent_keeps_it_and_shows_the_labels_dosing_as_information(
    store: Store,
) -> None:
    p = store.create_profile("Sam", ["spasticity"], settings={"date_of_birth": "2018-03-01"})
    at = open_page(PAGE, p.id)
    assert not at.exception
    text = _texts(at)
    age = TODAY.year - 2018 - ((TODAY.month, TODAY.day) < (3, 1))
    assert f"A child's diary (age {age}), kept by a parent or carer" in text
    assert "Information only, not a dose for this child" in text
    assert "3-6 units per kg" in text


def test_an_adults_profile_has_no_child_note(store: Store) -> None:
    p = store.create_profile("Ann", ["spasticity"], settings={"date_of_birth": "1970-03-01"})
    text = _texts(open_page(PAGE, p.id))
    assert "kept by a parent or carer (age" not in text
    assert "units per kg" not in text


def test_no_age_asks_for_the_date_of_birth(store: Store) -> None:
    p = store.create_profile("Me", ["spasticity"])
    text = _texts(open_page(PAGE, p.id))
    assert "Add the date of birth" in text
    assert "units per kg" not in text
