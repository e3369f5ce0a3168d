"""Spasticity diary at phone width in Chromium: a new diary for spasticity, the day's stiffness
in two taps, a detail, the clinician's grade, warning signs get "seek care now"."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import shot
from tests.browser.flows import choose_option, open_expander, open_menu_page, wait_ready

pytestmark = pytest.mark.browser

LABELS = {
    "Headache / migraine": False,
    "Sweating (hyperhidrosis)": False,
    "Jaw (TMJ / bruxism)": False,
    "Spasticity (arm or leg stiffness)": True,
}


def _start_spasticity_diary(page: Page, base_url: str) -> None:
    page.goto(base_url)
    expect(page.get_by_role("button", name="Start my diary")).to_be_visible()
    for label, wanted in LABELS.items():
        box = page.get_by_role("checkbox", name=label)
        if wanted != box.is_checked():
            page.get_by_text(label, exact=True).click()
    page.get_by_role("button", name="Start my diary").click()
    expect(page.get_by_role("heading", name="Your case", level=1)).to_be_visible()
    wait_ready(page)


def test_spasticity_day_on_a_phone(app_server, page) -> None:
    page.set_viewport_size({"width": 400, "height": 800})
    _start_spasticity_diary(page, app_server.url)
    open_menu_page(page, "Spasticity diary")
    expect(page.get_by_text(re.compile("Nothing logged in this period"))).to_be_visible()
    shot(page, "spasticity-empty-400")
    # Two taps: the stiffness, then Save.
    page.get_by_role("radiogroup", name=re.compile("Stiffness today")).get_by_text(
        "6", exact=True
    ).click()
    page.get_by_role("button", name="Save day").click()
    expect(page.get_by_text(re.compile("saved")).first).to_be_visible()
    wait_ready(page)
    expect(page.get_by_text(re.compile(r"Stiffness 6/10")).first).to_be_visible()
    shot(page, "spasticity-day-400")
    # The clinician's grade, copied from their form.
    open_expander(page, "From the clinician (grades and goal scores)", "Muscle group")
    choose_option(page, "Muscle group", "elbow", "elbow flexors")
    page.get_by_role("radiogroup", name="Grade").get_by_text("1+", exact=True).click()
    page.get_by_role("button", name="Save grade").click()
    expect(page.get_by_text(re.compile("Grade saved")).first).to_be_visible()
    wait_ready(page)
    expect(
        page.get_by_text(re.compile(r"Modified Ashworth 1\+: left elbow flexors")).first
    ).to_be_visible()
    shot(page, "spasticity-clinician-400")


def test_warning_signs_say_seek_care_now(app_server, page) -> None:
    page.set_viewport_size({"width": 400, "height": 800})
    _start_spasticity_diary(page, app_server.url)
    open_menu_page(page, "Spasticity diary")
    page.get_by_role("radiogroup", name=re.compile("Stiffness today")).get_by_text(
        "3", exact=True
    ).click()
    page.get_by_text("Details (optional)").click()
    page.wait_for_timeout(500)  # the expander opens
    signs = page.get_by_label(re.compile("Since the last Botox session"))
    signs.scroll_into_view_if_needed()
    signs.click()
    signs.fill("swallow")
    page.get_by_role("option", name="trouble swallowing").click()
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Save day").click()
    wait_ready(page)
    expect(page.get_by_text(re.compile("Get medical help now")).first).to_be_visible()
    shot(page, "spasticity-warning-400")
