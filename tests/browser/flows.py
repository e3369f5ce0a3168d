"""Small steps shared by the browser flows (what a person does, in Playwright terms)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def wait_ready(page: Page) -> None:
    """Wait until Streamlit has finished the current run (no 'running' indicator)."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000
    )


def save_attack(page: Page) -> None:
    """Tap "Save attack" once the run started by choosing the severity has ended: while it runs,
    the page can briefly hold the old disabled button next to the new one."""
    wait_ready(page)
    page.get_by_role("button", name="Save attack", disabled=False).click()


def open_expander(page: Page, title: str, inside: str, tries: int = 3) -> None:
    """Open the expander ``title`` until the field labelled ``inside`` shows: a click that lands
    while a run redraws the page can leave it closed (CI, a phone-width flow)."""
    field = page.get_by_label(inside)
    for attempt in range(tries):
        wait_ready(page)
        if field.is_visible():
            return
        page.get_by_text(title).click()
        try:
            field.wait_for(state="visible", timeout=5_000)
            return
        except Exception:
            if attempt == tries - 1:
                raise


def choose_option(page: Page, label: str, typed: str, option: str, tries: int = 3) -> None:
    """Pick ``option`` in the select box ``label`` by typing ``typed``; a rerun that redraws the
    box while its list is open closes the list, so open it again (up to ``tries`` times)."""
    box = page.get_by_label(label)
    for attempt in range(tries):
        wait_ready(page)
        box.scroll_into_view_if_needed()
        box.click()
        box.fill(typed)
        choice = page.get_by_role("option", name=option)
        try:
            choice.wait_for(state="visible", timeout=10_000)
            choice.click()
            return
        except Exception:
            if attempt == tries - 1:
                raise
            page.keyboard.press("Escape")


def open_menu_page(page: Page, title: str, heading: str | None = None) -> None:
    """Follow a link in the sidebar menu (on a phone the menu opens first)."""
    expand = page.get_by_test_id("stExpandSidebarButton")
    phone = bool(expand.count() and expand.is_visible())  # the menu is folded away on a phone
    if phone:
        expand.click()
    page.get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", name=heading or title, level=1)).to_be_attached()
    wait_ready(page)
    if phone:  # fold the menu again to see the page
        page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
        page.wait_for_timeout(400)


def start_diary(page: Page, base_url: str, conditions: list[str]) -> None:
    """A newcomer picks what they track and starts the diary."""
    page.goto(base_url)
    expect(page.get_by_role("button", name="Start my diary")).to_be_visible()
    labels = {
        "headache": "Headache / migraine",
        "sweating": "Sweating (hyperhidrosis)",
        "jaw": "Jaw (TMJ / bruxism)",
        "bladder": "Bladder (overactive or neurogenic)",
        "neck": "Neck (cervical dystonia)",
    }
    for key, label in labels.items():
        box = page.get_by_role("checkbox", name=label)
        if (key in conditions) != box.is_checked():
            page.get_by_text(label, exact=True).click()
    wait_ready(page)  # a click on a widget the running rerun is replacing can be lost
    page.get_by_role("button", name="Start my diary").click()
    expect(page.get_by_role("heading", name="Your case", level=1)).to_be_visible(timeout=30_000)
    wait_ready(page)


def select_grid_row(page: Page, row: int, grid: int = 0) -> None:
    """Tick the selection box of a row in an st.dataframe (a canvas grid), and wait until the
    page shows that row's actions (a busy machine may need a second click)."""
    for _ in range(3):
        frame = page.get_by_test_id("stDataFrame").nth(grid)
        frame.scroll_into_view_if_needed()
        box = frame.bounding_box()
        assert box is not None
        header, row_height = 35, 35
        page.mouse.click(box["x"] + 18, box["y"] + header + row * row_height + row_height / 2)
        wait_ready(page)
        try:
            expect(page.get_by_role("button", name="Delete").first).to_be_visible(timeout=10_000)
            return
        except AssertionError:
            continue
    raise AssertionError(f"row {row} of grid {grid} could not be selected")


def success_text(page: Page, pattern: str) -> None:
    expect(page.get_by_text(re.compile(pattern)).first).to_be_visible()
