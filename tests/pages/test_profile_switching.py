"""The active profile is one piece of state: every control reads and writes it (issue 14)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.helpers import APP, by_key, open_page, run_through_app
from utils.store import Store


@pytest.fixture(autouse=True)
def _shell(monkeypatch):
    run_through_app(monkeypatch)


def _sidebar_profile(at: AppTest) -> int:
    return at.sidebar.selectbox(key="sidebar_profile").value


def _create(at: AppTest, name: str) -> None:
    at.text_input(key="new_profile_name").input(name)
    [b for b in at.button if b.label == "Create profile"][0].click().run()
    assert not at.exception, at.exception


def test_created_profile_stays_selected_on_the_next_interaction(store: Store) -> None:
    me = store.create_profile("Me")
    at = open_page("pages/profiles.py", me.id)
    _create(at, "Sam")
    sam = store.profile_by_name("Sam")
    assert _sidebar_profile(at) == sam.id
    # The next interaction (any widget) must not fall back to the old profile.
    at.checkbox(key="cond_jaw").check().run()
    assert at.session_state["profile_id"] == sam.id
    assert _sidebar_profile(at) == sam.id
    at.switch_page("pages/home.py").run()
    at.button(key="checkin_today").click().run()
    assert [r.kind for r in store.entries(sam.id)] == ["headache_checkin"]
    assert store.entries(me.id) == []


def test_loaded_sample_stays_selected_on_the_next_interaction(store: Store) -> None:
    me = store.create_profile("Me")
    at = open_page("pages/profiles.py", me.id)
    at.button(key="load_sample_migraine").click().run()
    sample = store.profile_by_name("Sample: migraine")
    assert _sidebar_profile(at) == sample.id
    at.switch_page("pages/home.py").run()  # where the app went (AppTest keeps its own page)
    assert _sidebar_profile(at) == sample.id
    by_key(at.segmented_control, "quick_severity").set_value("Mild").run()
    assert at.session_state["profile_id"] == sample.id
    by_key(at.button, "quick_save").click().run()
    assert store.entries(me.id) == []


def test_sidebar_switch_back_and_forth(store: Store) -> None:
    me = store.create_profile("Me")
    sam = store.create_profile("Sam")
    at = open_page(None, me.id)
    at.sidebar.selectbox(key="sidebar_profile").set_value(sam.id).run()
    assert at.session_state["profile_id"] == sam.id
    at.button(key="checkin_today").click().run()
    at.sidebar.selectbox(key="sidebar_profile").set_value(me.id).run()
    assert at.session_state["profile_id"] == me.id
    by_key(at.segmented_control, "quick_severity").set_value("Mild").run()
    by_key(at.button, "quick_save").click().run()
    assert [r.kind for r in store.entries(sam.id)] == ["headache_checkin"]
    assert [r.kind for r in store.entries(me.id)] == ["attack"]


def test_a_new_visit_opens_the_last_profile_used(store: Store) -> None:
    store.create_profile("Alex")
    zoe = store.create_profile("Zoe")
    at = open_page(None)
    at.sidebar.selectbox(key="sidebar_profile").set_value(zoe.id).run()
    fresh = AppTest.from_file(APP, default_timeout=60)
    fresh.run()
    assert not fresh.exception
    assert fresh.session_state["profile_id"] == zoe.id


def test_every_page_heading_names_the_active_profile(store: Store) -> None:
    import re
    from pathlib import Path

    from utils import conditions

    pages = re.findall(r'\("(pages/[a-z]+\.py)"', Path(APP).read_text())
    pages += [c.page for c in conditions.all_specs() if c.page]
    assert len(pages) >= 12
    p = store.create_profile("Robin *bold*", list(conditions.keys()))
    at = open_page(None, p.id)
    for page in pages:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        # Shown as data: the asterisks are escaped, never turned into bold text.
        assert any(r"Robin \*bold\*" in c.value for c in at.caption), page


def test_daily_reminder_download_uses_the_chosen_time_and_address(
    store: Store, monkeypatch
) -> None:
    import datetime as dt

    from utils import calendar_export

    made = []
    real = calendar_export.daily_reminder_ics

    def spy(at, url, **kw):
        made.append((at, url))
        return real(at, url, **kw)

    monkeypatch.setattr(calendar_export, "daily_reminder_ics", spy)
    p = store.create_profile("Me")
    at = open_page("pages/profiles.py", p.id)
    assert made[-1] == (dt.time(20, 0), "http://localhost:8501/")
    at.time_input(key="reminder_at").set_value(dt.time(21, 15))
    at.text_input(key="reminder_url").input("http://diary.local:8501/").run()
    assert not at.exception
    assert made[-1] == (dt.time(21, 15), "http://diary.local:8501/")
    assert [b.proto.label for b in at.get("download_button")] == [
        "Download the daily reminder (.ics)"
    ]


def test_md_escape_leaves_no_markdown_in_user_text() -> None:
    from utils.safe_text import WORD_JOINER
    from utils.ui import md_escape

    # One escaping implementation (utils.safe_text.md), on one line for headings and labels.
    assert md_escape("[x](http://e.com) **b** :red[c] <i>d</i>") == (
        rf"\[x\]\(h{WORD_JOINER}ttp\:\/\/e\.com\) \*\*b\*\* \:red\[c\] \<i\>d\<\/i\>"
    )
    assert md_escape("line\nbreak") == "line break"
