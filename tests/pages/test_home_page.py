"""Home page: first run, sample loading, quick log, check-in."""

from __future__ import annotations

from tests import clock
from tests.pages.helpers import by_key, open_page
from utils.store import Store


def test_empty_install_welcomes_and_creates_a_profile(store: Store) -> None:
    at = open_page()
    assert at.title[0].value == "Welcome to Coverage Diary"
    at.checkbox(key="onb_sweating").check()
    at.text_input[0].input("Alex")
    at.button[0].click().run()
    assert not at.exception
    profiles = store.profiles()
    assert [(p.name, p.conditions) for p in profiles] == [("Alex", ("headache", "sweating"))]
    assert at.title[0].value == "Your case"


def test_onboarding_without_a_condition_saves_nothing(store: Store) -> None:
    at = open_page()
    at.checkbox(key="onb_headache").uncheck()
    at.button[0].click().run()
    assert "Choose at least one" in at.error[0].value
    assert store.profiles() == []


def test_sample_loads_in_one_click(store: Store) -> None:
    at = open_page()
    at.button(key="load_migraine").click().run()
    assert not at.exception
    (p,) = store.profiles()
    assert p.is_sample and p.name == "Sample: migraine"
    assert store.count(p.id) > 150
    assert at.title[0].value == "Your case"


def test_quick_log_saves_an_ongoing_attack(store: Store) -> None:
    p = store.create_profile("Me")
    at = open_page(profile_id=p.id)
    by_key(at.segmented_control, "quick_severity").set_value("Moderate").run()
    by_key(at.button, "quick_save").click().run()
    assert not at.exception
    (row,) = store.entries(p.id)
    assert row.kind == "attack" and row.entry.ongoing and row.entry.pain == 5
    assert "saved" in at.success[0].value


def test_no_headache_today_check_in(store: Store) -> None:
    p = store.create_profile("Me")
    at = open_page(profile_id=p.id)
    at.button(key="checkin_today").click().run()
    assert [r.kind for r in store.entries(p.id)] == ["headache_checkin"]
    # The button disappears once today is recorded.
    assert not [b for b in at.button if b.key == "checkin_today"]


def test_home_with_sample_data_renders(store: Store) -> None:
    from utils.sample import load_sample

    p = load_sample(store, "migraine")
    at = open_page(profile_id=p.id)
    assert at.title[0].value == "Your case"
    assert any("made-up diary" in i.value for i in at.info)


def test_your_case_shows_the_engine_checklist(store: Store) -> None:
    from utils import casefile
    from utils.evidence import build_evidence
    from utils.sample import load_sample

    p = load_sample(store, "migraine")
    rows = store.entries(p.id)
    at = open_page(profile_id=p.id)
    text = "\n".join(m.value for m in at.markdown)
    assert "Chronic migraine: first Botox authorization" in text
    start, end = casefile.case_window(clock.TODAY, casefile.first_diary_day(rows))
    ev = build_evidence(rows, p.conditions, start, end, p.settings, clock.NOW)
    first = ev.checklists[0]
    assert f"**{first.title}**: {first.summary}" in text
    for c in first.criteria:
        assert c.evidence in text
    # The history of more than 3 months is the clinician's statement: shown as such, with the
    # summary counting it apart from met and not met.
    assert ":material/stethoscope: **For the clinician**: Has the chronic pattern lasted" in text
    assert first.summary.endswith("for the clinician")
    # The key numbers table holds the engine's last three months.
    table = at.dataframe[0].value
    assert list(table["Headache days"]) == [m.counts.headache for m in ev.months[-3:]]


def test_your_case_for_an_empty_diary_explains_itself(store: Store) -> None:
    p = store.create_profile("Me", ["headache", "sweating"])
    at = open_page(profile_id=p.id)
    assert any("Your diary is empty" in i.value for i in at.info)
    text = "\n".join(m.value for m in at.markdown)
    assert "Missing data" in text
