"""The seed of the end-to-end suite: a newcomer quick-logs an attack that survives a restart."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.browser.flows import save_attack

pytestmark = [pytest.mark.browser, pytest.mark.both_databases]


def test_quick_logged_attack_survives_restart(app_server, page) -> None:
    page.goto(app_server.url)
    expect(page.get_by_role("button", name="Start my diary")).to_be_visible()
    shot(page, "01-welcome")
    page.get_by_role("button", name="Start my diary").click()
    expect(page.get_by_role("heading", name="Your case")).to_be_visible()
    page.get_by_role("radio", name="Moderate").click()
    save_attack(page)
    expect(page.get_by_text(re.compile("Moderate attack saved"))).to_be_visible()
    shot(page, "02-quick-logged")

    app_server.restart()

    # A deep link is the first visit to the restarted server: it still runs inside the app
    # (menu with titles, profile picker), not as a bare page file.
    page.goto(app_server.url + "/headache")
    expect(page.get_by_role("heading", name="Headache diary")).to_be_visible()
    expect(page.get_by_role("link", name="Your case")).to_be_visible()
    expect(page.get_by_role("link", name="app", exact=True)).to_have_count(0)
    expect(page.get_by_text("Profile", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile(r"1 of \d+ days logged"))).to_be_visible()
    shot(page, "03-after-restart")
