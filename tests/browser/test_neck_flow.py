"""Neck diary on a phone (400 px): a day in two taps, a normal day in one, an urgent symptom."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.browser.flows import open_menu_page, start_diary, wait_ready
from utils.store import Store

pytestmark = pytest.mark.browser


def test_neck_diary_on_a_phone(app_server, page) -> None:
    page.set_viewport_size({"width": 400, "height": 800})
    start_diary(page, app_server.url, ["neck"])
    open_menu_page(page, "Neck diary")
    expect(page.get_by_text(re.compile("Nothing logged in this period"))).to_be_visible()
    shot(page, "neck-01-empty-400")

    # Today: pain 6 and a moderate pull, then Save: two taps and the button.
    form = page.get_by_test_id("stForm").first
    form.get_by_role("radiogroup", name=re.compile("Worst neck pain")).get_by_text(
        "6", exact=True
    ).click()
    form.get_by_role("radiogroup", name=re.compile("How far did your head pull")).get_by_text(
        "moderate", exact=True
    ).click()
    form.get_by_role("button", name="Save day").click()
    expect(page.get_by_text(re.compile(r"saved\.")).first).to_be_visible()
    wait_ready(page)
    shot(page, "neck-02-saved-400")

    store = Store(app_server.db_url)
    (profile,) = store.profiles()
    (row,) = store.entries(profile.id, ["neck_day"])
    assert (row.entry.pain, row.entry.pull) == (6, "moderate")
