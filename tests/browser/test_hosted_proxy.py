"""Hosted mode as deployed: two app servers behind Debian's nginx (deploy/nginx.conf.template:
sticky sessions by cookie, WebSocket upgrade) on one database, sign-in through a real OpenID
Connect provider (oidc-provider-mock) with the proxy's address as redirect URI.

Alice and Bob each sign in through the proxy and open every page and every download (PDF
summary, letter, clinician checklist, CSV, backup, calendar .ics), each page on the other app
server than the one before (the sticky cookie is switched between visits, so both servers
serve both people and hold both people's caches). Neither sees any trace of the other: diary
name, medicine (Alicezolol / Bobtriptamab) or insurer.

One deployment per database for the whole module (PostgreSQL when COVERAGE_DIARY_TEST_PG_URL
is set, and SQLite). Skipped when nginx is not installed (CI installs it: .ci/run)."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.browser.flows import wait_ready
from tests.browser.test_hosted_isolation import (
    ALICE_DIARY,
    ALICE_MEDICINE,
    BOB_DIARY,
    BOB_MEDICINE,
    _owners,
    download,
    give_treatment,
    pdf_text,
    sign_in,
    start_diary,
    visible_text,
)
from tests.conftest import make_pg_database, pg_admin_url
from utils.cases import CoverageCase
from utils.store import Store

pytestmark = [pytest.mark.browser]

ALICE_INSURER = "Zebracare Mutual"
BOB_INSURER = "Quokkashield Health"
PAGES = (
    "",
    "headache",
    "treatments",
    "questionnaires",
    "trends",
    "reports",
    "cases",
    "guide",
    "data",
    "profiles",
)


def nginx_path() -> str | None:
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None


@pytest.fixture(scope="module", params=["postgresql", "sqlite"])
def deployment(request, tmp_path_factory) -> Iterator[object]:
    if nginx_path() is None:
        if os.environ.get("CI"):
            pytest.fail(
                "CI must run the proxied hosted test: install nginx (apt-get install nginx)"
            )
        pytest.skip("nginx is not installed: `sudo apt-get install -y nginx` to run this test")
    pytest.importorskip("oidc_provider_mock")
    from deploy.run import Deployment

    drop = None
    if request.param == "postgresql":
        if pg_admin_url() is None:
            pytest.skip("PostgreSQL run: set COVERAGE_DIARY_TEST_PG_URL (.ci/run does)")
        db_url, drop = make_pg_database()
    else:
        db_url = f"sqlite:///{tmp_path_factory.mktemp('proxy') / 'diary.sqlite3'}"
    # Migrate once before two servers start on the same database.
    Store(db_url).engine.dispose()
    try:
        with Deployment(db_url=db_url) as dep:
            yield dep
    finally:
        if drop is not None:
            drop()


def give_case(dep, subject: str, insurer: str) -> None:
    """A submitted pre-authorization in the person's own diary: it has deadlines, so the
    calendar file names the case (and its insurer)."""
    store = Store(dep.db_url)
    (owner,) = [o for o in _owners(dep) if o.endswith(f"#{subject}")]
    mine = store.for_owner(owner)
    (profile,) = mine.profiles()
    today = dt.date.today()
    mine.add(
        profile.id,
        CoverageCase(
            condition="headache",
            insurer=insurer,
            opened=today - dt.timedelta(days=20),
            stage="pa_submitted",
            pa_submitted_on=today - dt.timedelta(days=3),
        ),
    )
    store.engine.dispose()


def route_to(page, url: str, server: str) -> None:
    """Send the page's next visit to app server ``server`` (the proxy's sticky cookie)."""
    page.context.add_cookies([{"name": "cd_server", "value": server, "url": url}])


def test_two_people_on_two_app_servers_behind_the_proxy_see_only_their_own(
    browser, deployment
) -> None:
    url = deployment.url
    alice = browser.new_context(viewport={"width": 1280, "height": 900})
    bob = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        pa = alice.new_page()
        pb = bob.new_page()
        route_to(pa, url, "app_a")
        route_to(pb, url, "app_b")
        # The redirect URI is the proxy's: the whole sign-in goes through nginx.
        sign_in(pa, deployment, "alice")
        start_diary(pa, ALICE_DIARY)
        sign_in(pb, deployment, "bob")
        expect(pb.get_by_text("Welcome to Coverage Diary")).to_be_visible()
        assert ALICE_DIARY not in visible_text(pb)
        start_diary(pb, BOB_DIARY)

        give_treatment(deployment, "alice", ALICE_MEDICINE)
        give_treatment(deployment, "bob", BOB_MEDICINE)
        give_case(deployment, "alice", ALICE_INSURER)
        give_case(deployment, "bob", BOB_INSURER)

        people = (
            (pa, "app_a", ALICE_DIARY, ALICE_MEDICINE, ALICE_INSURER, BOB_DIARY, BOB_MEDICINE,
             BOB_INSURER),
            (pb, "app_b", BOB_DIARY, BOB_MEDICINE, BOB_INSURER, ALICE_DIARY, ALICE_MEDICINE,
             ALICE_INSURER),
        )  # fmt: skip
        servers_seen = {person[2]: check_person(url, *person) for person in people}
        shot(pa, "hosted-proxy-alice-data")
        # Both people were served by both app servers.
        assert servers_seen == {ALICE_DIARY: {"app_a", "app_b"}, BOB_DIARY: {"app_a", "app_b"}}
    finally:
        alice.close()
        bob.close()


def check_person(
    url: str,
    page,
    first: str,
    mine: str,
    my_medicine: str,
    my_insurer: str,
    *theirs: str,
) -> set[str]:
    """Open every page and every download of the signed-in person, alternating the app server
    from ``first``; fail on any trace of ``theirs``. Returns the app servers used."""
    other = "app_b" if first == "app_a" else "app_a"
    turns = itertools.cycle((first, other))
    served: set[str] = set()

    def goto(path: str) -> None:
        server = next(turns)
        route_to(page, url, server)
        page.goto(f"{url}/{path}")
        expect(page.get_by_text(mine).first).to_be_visible()
        served.add(server)

    def clean(text: str, where: str) -> None:
        for trace in theirs:
            assert trace not in text, f"{trace} seen by the owner of {mine} in {where}"

    for path in PAGES:
        goto(path)
        clean(visible_text(page), f"/{path}")
    goto("treatments")
    # The table is a canvas grid: its cells are in the page, not "visible" text.
    expect(page.locator("td", has_text=my_medicine).first).to_be_attached()
    clean(page.content(), "/treatments (page source)")

    goto("reports")
    build = page.get_by_role("button", name="Build the PDF")
    build.click()
    summary = pdf_text(
        download(
            page, page.get_by_role("button", name="Download the summary (PDF)"), reopen=build.click
        )
    )
    assert my_medicine in summary
    clean(summary, "the summary PDF")
    letter_tab = page.get_by_role("tab", name="Letter drafts")
    letter_tab.click()
    letter = pdf_text(
        download(page, page.get_by_role("button", name="Download as PDF"), reopen=letter_tab.click)
    )
    assert my_medicine in letter
    clean(letter, "the letter PDF")
    checklist_box = page.get_by_text("Checklist for the clinician (not part of the letter)")
    checklist_box.click()

    def reopen_checklist() -> None:
        letter_tab.click()
        wait_ready(page)
        checklist_box.click()

    checklist = pdf_text(
        download(
            page,
            page.get_by_role("button", name="Download the checklist (PDF)"),
            reopen=reopen_checklist,
        )
    )
    assert my_medicine in checklist
    clean(checklist, "the clinician checklist PDF")

    goto("cases")
    calendar = download(
        page, page.get_by_role("button", name="Download all deadlines and appointments (.ics)")
    ).decode("utf-8", "replace")
    assert "BEGIN:VCALENDAR" in calendar and my_insurer in calendar
    clean(calendar, "the calendar file")

    goto("data")
    backup = download(page, page.get_by_role("button", name="Download backup"))
    backup_text = backup.decode("utf-8", "replace")
    assert mine in backup_text and my_medicine in backup_text
    clean(backup_text, "the backup")
    # One spreadsheet per kind of entry: each holds this person's one entry, never the other's.
    for label, own in (
        ("No headache today (1 rows)", None),
        ("Treatment trial (1 rows)", my_medicine),
        ("Coverage case (1 rows)", my_insurer),
    ):
        csv = download(page, page.get_by_role("button", name=label)).decode("utf-8", "replace")
        assert len([line for line in csv.splitlines() if line.strip()]) == 2  # header + 1
        assert own is None or own in csv
        clean(csv, f"the CSV '{label}'")
    return served
