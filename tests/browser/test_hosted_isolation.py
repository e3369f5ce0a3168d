"""Hosted mode in a real browser: two people sign in through a real OpenID Connect provider
(oidc-provider-mock, started by a fixture on loopback) to one app server and one database; each
sees only their own profiles on the pages and in the downloads, and a visitor who is not signed in
sees no diary at all."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, AppServer, _free_port, shot
from tests.browser.flows import wait_ready
from utils.models import Treatment
from utils.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.both_databases]

ALICE_DIARY = "Alice Zebra diary"
BOB_DIARY = "Bob Quokka diary"
# A treatment only each person's diary holds: it is printed in their PDF and letters.
ALICE_MEDICINE = "Alicezolol"
BOB_MEDICINE = "Bobtriptamab"


@pytest.fixture(scope="module")
def oidc_provider() -> Iterator[str]:
    """A real OpenID Connect provider on loopback: any client id, the user types a subject."""
    oidc_provider_mock = pytest.importorskip("oidc_provider_mock")
    with oidc_provider_mock.run_server_in_thread(port=0) as server:
        yield f"http://localhost:{server.server_port}"


class HostedServer(AppServer):
    """The app in hosted mode, signing in through ``issuer``."""

    def __init__(self, db_url: str, issuer: str, secrets_file: str) -> None:
        super().__init__(db_url)
        self.issuer = issuer
        self.secrets_file = secrets_file

    def start(self) -> None:
        with open(self.secrets_file, "w", encoding="utf-8") as f:
            f.write(
                "[auth]\n"
                f'redirect_uri = "{self.url}/oauth2callback"\n'
                'cookie_secret = "test-cookie-secret-0123456789abcdef"\n'
                'client_id = "coverage-diary"\n'
                'client_secret = "not-a-secret"\n'
                f'server_metadata_url = "{self.issuer}/.well-known/openid-configuration"\n'
            )
        env = dict(
            os.environ, COVERAGE_DIARY_DATABASE_URL=self.db_url, COVERAGE_DIARY_MODE="hosted"
        )
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.port",
                str(self.port),
                "--server.headless",
                "true",
                "--server.address",
                "localhost",
                "--browser.gatherUsageStats",
                "false",
                "--secrets.files",
                self.secrets_file,
                # As deploy/ runs a hosted server: no file watcher, no full GC after every run.
                "--server.fileWatcherType",
                "none",
                "--runner.postScriptGC",
                "false",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self._new_log(),
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("streamlit exited: " + self.log_tail())
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("the app did not answer its health check within 60 s")


@pytest.fixture
def hosted_server(db_url, oidc_provider, tmp_path) -> Iterator[HostedServer]:
    server = HostedServer(db_url, oidc_provider, str(tmp_path / "secrets.toml"))
    server.port = _free_port()
    server.start()
    yield server
    server.stop()


def sign_in(page, server: HostedServer, subject: str) -> None:
    page.goto(server.url)
    expect(page.get_by_text("Sign in to open your own diaries")).to_be_visible()
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/oauth2/authorize**")
    page.locator("input[name=sub]").fill(subject)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{server.url}/**")
    expect(page.get_by_text("Signed in as")).to_be_visible()


def start_diary(page, name: str) -> None:
    expect(page.get_by_text("Welcome to Coverage Diary")).to_be_visible()
    box = page.get_by_role("textbox", name="Name for this diary (optional)")
    box.fill(name)
    page.get_by_role("button", name="Start my diary").click()
    expect(page.get_by_text(name).first).to_be_visible()
    page.get_by_role("button", name="No headache today").click()
    expect(page.get_by_role("button", name="No headache today")).to_have_count(0)


def give_treatment(server: HostedServer, subject: str, medicine: str) -> None:
    """Add a failed preventive to the person's own diary (as the app would store it)."""
    owner = Store(server.db_url)
    (row,) = [
        (o, p)
        for o in _owners(server)
        if o.endswith(f"#{subject}")
        for p in owner.for_owner(o).profiles()
    ]
    start = dt.date.today() - dt.timedelta(days=120)
    owner.for_owner(row[0]).add(
        row[1].id,
        Treatment(
            condition="headache",
            name=medicine,
            treatment_class="beta_blocker",
            start=start,
            stop=start + dt.timedelta(days=70),
            outcome="inadequate_response",
        ),
    )


def _owners(server: HostedServer) -> list[str]:
    import sqlalchemy as sa

    engine = sa.create_engine(server.db_url)
    try:
        with engine.connect() as c:
            return [r[0] for r in c.execute(sa.text("SELECT DISTINCT owner FROM profiles"))]
    finally:
        engine.dispose()


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def download(page, button, reopen=None) -> bytes:
    """Click a download button once the app has finished its run, and read the file.

    Letters are built on click (Streamlit's deferred download). A click that still holds the
    previous run's file id does nothing (Streamlit drops that id when the page runs again), so a
    person clicks again: so does this test. CI twice saw the button's spinner never end on a
    busy machine (PostgreSQL run); a person then reloads the page: so does this test, and
    ``reopen`` brings the page back to the button (a tab, an expander)."""
    for attempt in range(3):
        wait_ready(page)
        expect(button).to_be_visible()
        try:
            with page.expect_download(timeout=30_000) as info:
                button.click(timeout=30_000)
            return open(info.value.path(), "rb").read()
        except PlaywrightTimeoutError:
            if attempt == 2:
                shot(page, "hosted-download-timeout")
                raise
            page.reload()
            wait_ready(page)
            if reopen is not None:
                reopen()
    raise AssertionError("unreachable")


def visible_text(page) -> str:
    page.wait_for_timeout(500)
    return page.locator("body").inner_text()


def test_two_signed_in_people_never_see_each_others_diaries(browser, hosted_server) -> None:
    outsider = browser.new_context(viewport={"width": 1280, "height": 900})
    alice = browser.new_context(viewport={"width": 1280, "height": 900})
    bob = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        # Not signed in: only the sign-in page, no diary, no navigation.
        p0 = outsider.new_page()
        p0.goto(hosted_server.url)
        expect(p0.get_by_role("button", name="Sign in")).to_be_visible()
        shot(p0, "hosted-sign-in")
        assert "Your case" not in visible_text(p0)

        pa = alice.new_page()
        sign_in(pa, hosted_server, "alice")
        start_diary(pa, ALICE_DIARY)
        shot(pa, "hosted-alice-home")

        pb = bob.new_page()
        sign_in(pb, hosted_server, "bob")
        # Bob starts with no diary: he does not land on Alice's.
        expect(pb.get_by_text("Welcome to Coverage Diary")).to_be_visible()
        assert ALICE_DIARY not in visible_text(pb)
        start_diary(pb, BOB_DIARY)

        give_treatment(hosted_server, "alice", ALICE_MEDICINE)
        give_treatment(hosted_server, "bob", BOB_MEDICINE)

        people = (
            (pa, ALICE_DIARY, BOB_DIARY, ALICE_MEDICINE, BOB_MEDICINE),
            (pb, BOB_DIARY, ALICE_DIARY, BOB_MEDICINE, ALICE_MEDICINE),
        )
        for page, mine, theirs, my_medicine, their_medicine in people:
            for path in (
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
            ):
                page.goto(f"{hosted_server.url}/{path}")
                expect(page.get_by_text(mine).first).to_be_visible()
                text = visible_text(page)
                assert theirs not in text, f"{theirs} seen on /{path}"
                assert their_medicine not in text, f"{their_medicine} seen on /{path}"
            page.goto(f"{hosted_server.url}/treatments")
            # The table is a canvas grid: its cells are in the page, not "visible" text.
            expect(page.locator("td", has_text=my_medicine).first).to_be_attached()
            assert their_medicine not in page.content()
            # The doctor-visit PDF and the letter drafts print this person's diary only.
            page.goto(f"{hosted_server.url}/reports")
            build = page.get_by_role("button", name="Build the PDF")
            build.click()
            summary = pdf_text(
                download(
                    page,
                    page.get_by_role("button", name="Download the summary (PDF)"),
                    reopen=build.click,
                )
            )
            assert my_medicine in summary and their_medicine not in summary
            letter_tab = page.get_by_role("tab", name="Letter drafts")
            letter_tab.click()
            letter = pdf_text(
                download(
                    page,
                    page.get_by_role("button", name="Download as PDF"),
                    reopen=letter_tab.click,
                )
            )
            assert my_medicine in letter and their_medicine not in letter
            checklist_box = page.get_by_text("Checklist for the clinician (not part of the letter)")
            checklist_box.click()

            def reopen_checklist(page=page, tab=letter_tab, box=checklist_box) -> None:
                tab.click()
                wait_ready(page)
                box.click()

            checklist = pdf_text(
                download(
                    page,
                    page.get_by_role("button", name="Download the checklist (PDF)"),
                    reopen=reopen_checklist,
                )
            )
            assert my_medicine in checklist and their_medicine not in checklist
            # The complete backup names the own diary only.
            page.goto(f"{hosted_server.url}/data")
            button = page.get_by_role("button", name="Download backup")
            expect(button).to_be_visible()
            with page.expect_download() as info:
                button.click()
            body = open(info.value.path(), "rb").read().decode("utf-8", "replace")
            assert mine in body and theirs not in body
            # The spreadsheet holds this person's one check-in, never the other's.
            with page.expect_download() as info:
                page.get_by_role("button", name="(1 rows)").first.click()
            csv = open(info.value.path(), "rb").read().decode("utf-8", "replace")
            assert len([line for line in csv.splitlines() if line.strip()]) == 2  # header + 1
        shot(pb, "hosted-bob-data")
    finally:
        for context in (outsider, alice, bob):
            context.close()
