"""The insurance guide page in AppTest."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent.parent


def open_guide(store, conditions=("headache",)) -> AppTest:
    profile = store.create_profile("Reader", list(conditions))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.session_state["profile_id"] = profile.id
    at.run()
    at.switch_page("pages/guide.py")
    at.run()
    assert not at.exception
    return at


def test_not_advice_notice_on_top(store) -> None:
    at = open_guide(store)
    assert at.title[0].value == "Insurance guide"
    notice = at.warning[0].value
    assert "not medical or legal advice" in notice
    assert "insurer's own documents" in notice
    assert at.header[0].value == "Start here"


def test_appeal_step_links_to_cases_and_gives_deadlines(store) -> None:
    at = open_guide(store)
    at.segmented_control(key="guide_section").set_value("Steps").run()
    at.selectbox(key="guide_topic_Steps").set_value("25-step-appeal").run()
    assert not at.exception
    body = " ".join(m.value for m in at.markdown)
    assert "180 days" in body and "4 months" in body
    links = [el.proto.page for el in at.get("page_link")]
    assert any("cases" in p for p in links)


def test_links_to_pages_outside_the_menu_are_skipped(store) -> None:
    # A headache-only profile has no jaw diary in its menu: the link is left out, no error.
    at = open_guide(store, ("headache",))
    at.segmented_control(key="guide_section").set_value("Conditions").run()
    at.selectbox(key="guide_topic_Conditions").set_value("13-jaw").run()
    assert not at.exception
    assert not [el for el in at.get("page_link") if "jaw" in el.proto.page]
    assert "not in your menu yet" in " ".join(c.value for c in at.caption)


def test_codes_step_shows_a_table_per_condition(store) -> None:
    at = open_guide(store)
    at.segmented_control(key="guide_section").set_value("Steps").run()
    at.selectbox(key="guide_topic_Steps").set_value("23-step-codes").run()
    assert len(at.table) == 6
    codes = {c for table in at.table for c in table.value.index}
    assert {"64615", "J0585", "G43.709", "L74.510", "52287", "G24.3"} <= codes
