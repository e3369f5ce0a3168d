"""The bladder diary on a phone (400 px): one tap per void and leak, the day check-in marks the
day complete, and the per-24-hour table shows the counts of that complete day."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.browser.flows import open_menu_page, start_diary, wait_ready

pytestmark = pytest.mark.browser


def test_bladder_diary_on_a_phone(app_server, page) -> None:
    # A phone from the first page on: resizing an open page folds the menu away with an
    # animation, and CI once clicked a menu link that was sliding out of view.
    page.set_viewport_size({"width": 400, "height": 800})
    start_diary(page, app_server.url, ["bladder"])
    open_menu_page(page, "Bladder diary")
    expect(page.get_by_text(re.compile("Nothing logged in this period yet"))).to_be_visible()
    shot(page, "bladder-empty-400")
    after = ("1 void, 0 leaks", "2 voids, 0 leaks", "2 voids, 1 leak")
    for name, counts in zip(("Void now", "Void now", "Leak now"), after, strict=True):
        page.get_by_role("button", name=name).click()
        expect(page.get_by_text(f"Today so far: {counts}", exact=False)).to_be_visible()
        wait_ready(page)
    expect(page.get_by_text("Today so far: 2 voids, 1 leak, 0 drinks", exact=False)).to_be_visible()
    # Just after a run the page can briefly hold the old copy of a widget beside the new one.
    complete = page.get_by_text("This day is complete: every void")
    expect(complete).to_have_count(1)
    complete.click()
    page.get_by_role("button", name="Save check-in").click()
    wait_ready(page)
    expect(page.get_by_text(re.compile(r"1\s*complete of 1 logged days"))).to_be_visible()
    shot(page, "bladder-complete-400")
    page.set_viewport_size({"width": 1280, "height": 900})
    wait_ready(page)
    shot(page, "bladder-complete-1280")
