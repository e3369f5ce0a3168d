"""Issue 14 flows in Chromium: entries land in the profile on screen; one tap saves once."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import shot
from tests.browser.flows import open_menu_page, save_attack, start_diary, wait_ready
from utils.store import Store

pytestmark = pytest.mark.browser


def _on_profile(page: Page, name: str) -> None:
    """The sidebar and the heading both show ``name`` as the active profile."""
    sidebar = page.get_by_test_id("stSidebar")
    shown = re.compile("^" + re.escape(name) + r"( \(sample\))?$")
    expect(sidebar.get_by_role("combobox", name="Profile")).to_have_value(shown)
    expect(page.get_by_text(f"Diary of {name}", exact=False).first).to_be_visible()


def _switch(page: Page, name: str) -> None:
    page.get_by_test_id("stSidebar").get_by_role("combobox", name="Profile").click()
    page.get_by_role("option", name=re.compile("^" + re.escape(name) + r"( \(sample\))?$")).click()
    wait_ready(page)
    _on_profile(page, name)


def _quick_log(page: Page, severity: str) -> None:
    page.get_by_role("radio", name=severity).click()
    save_attack(page)
    expect(page.get_by_text(re.compile(f"{severity} attack saved"))).to_be_visible()
    wait_ready(page)


def test_entries_land_in_the_profile_on_screen(app_server, page) -> None:
    start_diary(page, app_server.url, ["headache"])
    _on_profile(page, "My diary")
    open_menu_page(page, "Profiles & settings")
    page.get_by_placeholder("e.g. Sam").fill("Sam")
    page.get_by_role("button", name="Create profile").click()
    expect(page.get_by_text("Profile 'Sam' created and selected.")).to_be_visible()
    wait_ready(page)
    _on_profile(page, "Sam")
    open_menu_page(page, "Your case")
    _on_profile(page, "Sam")
    page.get_by_role("button", name="No headache today").click()
    expect(page.get_by_text("Headache-free day recorded.")).to_be_visible()
    wait_ready(page)
    _on_profile(page, "Sam")

    open_menu_page(page, "Profiles & settings")
    page.get_by_role("button", name="Load").first.click()
    expect(page.get_by_role("heading", name="Your case", level=1)).to_be_visible(timeout=60_000)
    wait_ready(page)
    _on_profile(page, "Sample: migraine")
    shot(page, "profiles-01-sample-selected")
    store = Store(app_server.db_url)
    sample = store.profile_by_name("Sample: migraine")
    sample_before = {r.id for r in store.entries(sample.id)}
    _quick_log(page, "Mild")
    _on_profile(page, "Sample: migraine")

    _switch(page, "My diary")
    _quick_log(page, "Severe")
    _switch(page, "Sam")
    _quick_log(page, "Moderate")
    shot(page, "profiles-02-sam")
    _switch(page, "My diary")
    page.get_by_role("button", name="No headache today").click()
    expect(page.get_by_text("Headache-free day recorded.")).to_be_visible()

    mine = store.profile_by_name("My diary")
    sam = store.profile_by_name("Sam")
    assert sorted(
        (r.kind, r.entry.pain if r.kind == "attack" else None) for r in store.entries(mine.id)
    ) == [("attack", 8), ("headache_checkin", None)]
    assert sorted(
        (r.kind, r.entry.pain if r.kind == "attack" else None) for r in store.entries(sam.id)
    ) == [("attack", 5), ("headache_checkin", None)]
    new_in_sample = [r for r in store.entries(sample.id) if r.id not in sample_before]
    assert [(r.kind, r.entry.pain) for r in new_in_sample] == [("attack", 3)]

    # A new visit opens the profile used last.
    page.goto(app_server.url)
    wait_ready(page)
    _on_profile(page, "My diary")


def test_a_second_tap_on_save_saves_no_second_attack(app_server, page) -> None:
    start_diary(page, app_server.url, ["headache"])
    page.get_by_role("radio", name="Severe").click()
    wait_ready(page)
    page.get_by_role("button", name="Save attack").dblclick()
    expect(page.get_by_text(re.compile("Severe attack saved"))).to_be_visible()
    wait_ready(page)
    # Nothing is left to tap again: no enabled Save attack button.
    save = page.get_by_role("button", name="Save attack")
    for i in range(save.count()):
        expect(save.nth(i)).to_be_disabled()
    store = Store(app_server.db_url)
    (profile,) = store.profiles()
    assert [r.kind for r in store.entries(profile.id)] == ["attack"]
    # The quick log offers to end the attack instead; logging another starts afresh.
    expect(page.get_by_role("button", name="It has ended now")).to_be_visible()
    page.get_by_text("Log a separate, new attack").click()
    wait_ready(page)
    expect(page.get_by_role("button", name="Save attack")).to_be_disabled()
    shot(page, "quicklog-after-save")
    page.get_by_role("button", name="It has ended now").click()
    expect(page.get_by_text(re.compile(r"Attack since .* ended"))).to_be_visible()
    (row,) = store.entries(profile.id)
    assert not row.entry.ongoing and row.entry.end is not None


_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || ["BODY", "MAIN", "HTML"].includes(e.tagName)) return [];
  const lines = (e.innerText || "").split("\\n").map((x) => x.trim()).filter((x) => x);
  return [e.getAttribute("aria-label") || "", e.value || "", ...lines];
}"""


def _focused(page: Page) -> list[str]:
    """The focused control's accessible label, value and lines of text."""
    return page.evaluate(_FOCUSED)


def _press_on(page: Page, pattern: str, key: str = "Enter", max_tabs: int = 250) -> None:
    """Move the keyboard focus with Tab (never the mouse) to the control whose label or text
    is exactly ``pattern`` (a regular expression), then press ``key`` there."""
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if any(re.fullmatch(pattern, x) for x in _focused(page)):
            page.keyboard.press(key)
            return
    raise AssertionError(f"no control matching {pattern!r} reachable with Tab")


def test_keyboard_only_log_complete_edit_delete(app_server, page) -> None:
    start_diary(page, app_server.url, ["headache"])  # the mouse only starts the diary
    store = Store(app_server.db_url)
    (profile,) = store.profiles()
    page.locator("body").focus()
    # A choice group takes one Tab stop; the arrow keys move between its options.
    _press_on(page, r"Mild", "ArrowRight")
    page.keyboard.press("Space")  # Moderate
    wait_ready(page)
    _press_on(page, r"Save attack")
    expect(page.get_by_text(re.compile("Moderate attack saved"))).to_be_visible()
    wait_ready(page)
    (row,) = store.entries(profile.id)
    assert row.entry.ongoing and row.entry.pain == 5

    _press_on(page, r"Headache diary")
    expect(page.get_by_role("heading", name="Headache diary", level=1)).to_be_visible()
    wait_ready(page)
    _press_on(page, r"Complete")
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("Complete the attack")).to_be_visible()
    wait_ready(page)
    _press_on(page, r"Yes", "Space")  # the first feature in reading order: throbbing
    _press_on(page, r"Save changes")
    expect(page.get_by_text(re.compile("Changes saved"))).to_be_visible()
    wait_ready(page)
    row = store.get(profile.id, row.id)
    assert row.version == 2 and row.entry.pulsating is True and row.entry.ongoing
    shot(page, "keyboard-01-completed")

    _press_on(page, r"It ended now")
    expect(page.get_by_text(re.compile(r"Attack since .* ended"))).to_be_visible()
    wait_ready(page)
    row = store.get(profile.id, row.id)
    assert not row.entry.ongoing and row.entry.end is not None

    _press_on(page, r"Edit")
    expect(page.get_by_role("dialog").get_by_text("Edit attack")).to_be_visible()
    wait_ready(page)
    _press_on(page, r"0", "ArrowRight")  # the pain scale's Tab stop is its first option
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")  # 7
    _press_on(page, r"Save changes")
    expect(page.get_by_text(re.compile("Changes saved"))).to_be_visible()
    wait_ready(page)
    assert store.get(profile.id, row.id).entry.pain == 7

    _press_on(page, r"Delete")
    expect(page.get_by_text(re.compile("Moved to the bin"))).to_be_visible()
    assert store.entries(profile.id) == []
    shot(page, "keyboard-02-deleted")


def test_edit_in_a_day_diary_opens_the_form_in_view(app_server, page) -> None:
    start_diary(page, app_server.url, ["jaw"])
    page.get_by_role("button", name="Normal day today").click()  # the home page's quick action
    expect(page.get_by_text(re.compile("recorded as a normal day"))).to_be_visible()
    open_menu_page(page, "Jaw diary")
    page.set_viewport_size({"width": 400, "height": 700})
    edit = page.get_by_role("button", name="Edit")
    edit.scroll_into_view_if_needed()
    edit.click()
    wait_ready(page)
    expect(
        page.get_by_text(re.compile("already has an entry: change it below"))
    ).to_be_in_viewport()
    shot(page, "jaw-edit-in-view-400")
