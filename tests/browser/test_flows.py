"""End-to-end flows in Debian's Chromium: what a patient does, step by step, with screenshots."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import shot
from tests.browser.flows import open_menu_page, save_attack, start_diary, wait_ready
from utils.store import Store

pytestmark = pytest.mark.browser


def test_newcomer_loads_the_sample_and_sees_the_case(app_server, page) -> None:
    start_diary(page, app_server.url, ["headache", "sweating"])
    shot(page, "newcomer-01-started")
    # The menu follows the conditions chosen.
    expect(page.get_by_role("link", name="Sweating diary")).to_be_visible()
    expect(page.get_by_role("link", name="Jaw diary")).to_have_count(0)
    open_menu_page(page, "Profiles & settings")
    page.get_by_role("button", name="Load").first.click()
    expect(page.get_by_role("heading", name="Your case", level=1)).to_be_visible(timeout=60_000)
    wait_ready(page)
    expect(page.get_by_text("Chronic migraine: first Botox authorization").first).to_be_visible()
    expect(page.get_by_text(re.compile(r"made-up diary"))).to_be_visible()
    shot(page, "newcomer-02-sample-case")


def test_quick_log_then_find_it_in_diary_and_trends(app_server, page) -> None:
    start_diary(page, app_server.url, ["headache"])
    page.get_by_role("radio", name="Severe").click()
    save_attack(page)
    expect(page.get_by_text(re.compile("Severe attack saved"))).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"Attack from \d\d:\d\d \(still going\) pain 8/10"))
    ).to_be_visible()
    shot(page, "quicklog-01-home")
    open_menu_page(page, "Headache diary")
    expect(page.get_by_text(re.compile(r"1 of \d+ days logged"))).to_be_visible()
    shot(page, "quicklog-02-diary")
    open_menu_page(page, "Trends")
    expect(page.get_by_text(re.compile(r"1 headache day")).first).to_be_visible()
    shot(page, "quicklog-03-trends")


def test_edit_then_delete_an_attack(app_server, page) -> None:
    start_diary(page, app_server.url, ["headache"])
    page.get_by_role("radio", name="Mild").click()
    save_attack(page)
    expect(page.get_by_text(re.compile("Mild attack saved"))).to_be_visible()
    open_menu_page(page, "Headache diary")
    # The entry's own button (no grid selection): a quick log still lacks details.
    page.get_by_role("button", name="Complete").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("Complete the attack")).to_be_visible()
    wait_ready(page)
    dialog.get_by_label("Duration (hours)").fill("3.5")
    dialog.get_by_test_id("stRadio").get_by_text("Duration", exact=True).first.click()
    dialog.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text(re.compile("Changes saved"))).to_be_visible()
    store = Store(app_server.db_url)
    (profile,) = store.profiles()
    (row,) = store.entries(profile.id)
    assert row.version == 2 and row.entry.duration_minutes == 210 and not row.entry.ongoing
    shot(page, "edit-01-saved")
    page.get_by_role("button", name="Delete").click()
    expect(page.get_by_text(re.compile("Moved to the bin"))).to_be_visible()
    assert store.entries(profile.id) == []
    assert len(store.entries(profile.id, deleted=True)) == 1
    shot(page, "edit-02-deleted")


def test_csv_with_one_bad_row_imports_nothing(app_server, page, tmp_path) -> None:
    start_diary(page, app_server.url, ["headache"])
    good = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    csv = tmp_path / "diary.csv"
    csv.write_text(f"date,notes\n{good},fine day\n{future},from the future\n", encoding="utf-8")
    open_menu_page(page, "Your data")
    page.get_by_role("tab", name="Import a spreadsheet").click()
    uploader = page.get_by_role("region", name="Spreadsheet (.csv or .xlsx)")
    with page.expect_file_chooser() as chooser:
        uploader.get_by_role("button", name="Upload", exact=True).click()
    chooser.value.set_files(str(csv))
    expect(page.get_by_text("diary.csv")).to_be_visible()
    wait_ready(page)
    expect(page.get_by_text(re.compile(r"[Rr]ow 3")).first).to_be_visible(timeout=20_000)
    shot(page, "import-01-bad-row")
    store = Store(app_server.db_url)
    (profile,) = store.profiles()
    assert store.entries(profile.id) == []


@pytest.mark.parametrize("width", [400])
def test_newcomer_at_phone_width(app_server, browser, width) -> None:
    context = browser.new_context(viewport={"width": width, "height": 860}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        start_diary(page, app_server.url, ["headache"])
        page.get_by_role("radio", name="Moderate").click()
        save_attack(page)
        expect(page.get_by_text(re.compile("Moderate attack saved"))).to_be_visible()
        shot(page, "phone-01-home")
        # Nothing is wider than the screen.
        overflow = page.evaluate("() => document.documentElement.scrollWidth")
        assert overflow <= width + 1
        open_menu_page(page, "Headache diary")
        shot(page, "phone-02-diary")
    finally:
        context.close()


def test_log_a_sweating_day(app_server, page) -> None:
    start_diary(page, app_server.url, ["sweating"])
    open_menu_page(page, "Sweating diary")
    page.get_by_test_id("stRadio").get_by_text(re.compile("^3: ")).first.click()
    page.get_by_label("Where did you sweat?").click()
    page.get_by_role("option", name="underarms").click()
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Save day").click()
    expect(page.get_by_text(re.compile(r"\d{2} \w{3} \d{4} saved\.")).first).to_be_visible()
    store = Store(app_server.db_url)
    (profile,) = store.profiles()
    (row,) = store.entries(profile.id)
    assert row.kind == "sweat_day" and row.entry.hdss == 3 and row.entry.sites == ["underarms"]
    expect(page.get_by_text(re.compile(r"1 of \d+ days logged"))).to_be_visible()
    shot(page, "sweating-01-logged")


def test_add_a_treatment_trial(app_server, page) -> None:
    start_diary(page, app_server.url, ["headache"])
    open_menu_page(page, "Treatments & Botox")
    started = dt.date.today() - dt.timedelta(days=100)
    stopped = dt.date.today() - dt.timedelta(days=20)
    form = page.get_by_test_id("stForm").filter(has_text="Save treatment")
    for label, day in (("Started on", started), ("Stopped on", stopped)):
        # The date field is made of year / month / day segments: type into them in turn.
        group = form.get_by_role("group", name=label, exact=True)
        group.get_by_role("spinbutton", name=re.compile("^year")).click()
        page.keyboard.type(day.strftime("%Y%m%d"))
        page.keyboard.press("Tab")
    form.get_by_label("Dose (e.g. 50 mg twice daily)").fill("50 mg twice daily")
    form.get_by_role("button", name="Save treatment").click()
    expect(page.get_by_text(re.compile(r"saved\.$")).first).to_be_visible()
    store = Store(app_server.db_url)
    (profile,) = store.profiles()
    (row,) = store.entries(profile.id)
    t = row.entry
    assert (t.start, t.stop, t.outcome, t.dose) == (
        started,
        stopped,
        "inadequate_response",
        "50 mg twice daily",
    )
    assert t.days_on() == 81
    expect(page.get_by_test_id("stDataFrame").get_by_text("81", exact=True).first).to_be_attached()
    shot(page, "treatment-01-saved")


def test_download_the_doctor_summary_pdf(app_server, page, tmp_path) -> None:
    """The PDF for "since the diary began" shows the verdicts the home page shows."""
    import io

    from pypdf import PdfReader

    from utils import casefile, report
    from utils.evidence import build_evidence
    from utils.sample import load_sample

    store = Store(app_server.db_url)
    profile = load_sample(store, "migraine")
    rows = store.entries(profile.id)
    today = dt.date.today()
    start, end = casefile.report_window(casefile.SINCE_START, today, casefile.first_diary_day(rows))
    ev = build_evidence(rows, profile.conditions, start, end, profile.settings, dt.datetime.now())
    words = {
        "met": "Met",
        "not_met": "Not met",
        "missing_data": "Missing data",
        "for_clinician": "For the clinician",
    }
    shown = [c for rs in ev.checklists if rs.applies for c in rs.criteria]

    page.goto(app_server.url)
    expect(page.get_by_role("heading", name="Your case", level=1)).to_be_visible()
    wait_ready(page)
    expect(page.get_by_text(shown[-1].question).last).to_be_visible()
    expect(page.get_by_text("What to do next")).to_be_visible()
    home = re.sub(r"\s+", " ", page.get_by_test_id("stMain").inner_text())
    assert f"{start:%d %b %Y}" in home  # the home page's window is the same period
    for c in shown:
        assert f"{words.get(c.status, c.status)}: {c.question}" in home, c.id
    shot(page, "report-00-home-verdicts")

    open_menu_page(page, "Reports & letters")
    expect(page.get_by_role("radio", name="Since the diary began")).to_be_checked()
    page.get_by_role("button", name="Build the PDF").click()
    download_button = page.get_by_role("button", name="Download the summary (PDF)")
    expect(download_button).to_be_visible(timeout=60_000)
    with page.expect_download() as info:
        download_button.click()
    pdf = tmp_path / "summary.pdf"
    info.value.save_as(pdf)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    assert round(float(reader.pages[0].mediabox.width)) == 612  # US Letter
    text = "\n".join(p.extract_text() for p in reader.pages[:2])
    flat = re.sub(r"\s+", " ", text)
    assert f"{start:%d %b %Y} to {end:%d %b %Y}" in flat
    for c in shown:  # the same verdict, with the same evidence, as on the home page
        assert report.status_text(c.status) in flat
        assert re.sub(r"\s+", " ", c.evidence)[:60] in flat, c.id
    for m in ev.months:  # each row of the key numbers is the engine's
        k = m.counts
        row = rf"{m.label}\*? {k.logged}/{m.days_in_period} {k.headache} {k.migraine} {k.long} "
        assert re.search(row, text), row
    assert "Self-reported" in text or "self-reported" in text
    shot(page, "report-01-built")


def test_downloads_are_written_on_click(app_server, page, tmp_path) -> None:
    import json

    start_diary(page, app_server.url, ["headache"])
    page.get_by_role("button", name="No headache today").click()
    expect(page.get_by_text("Headache-free day recorded.")).to_be_visible()
    open_menu_page(page, "Your data")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download backup").click()
    backup = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert backup["format"] == "coverage-diary-backup"
    assert [e["kind"] for e in backup["entries"]] == ["headache_checkin"]
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile(r"No headache today \(1 rows\)")).click()
    text = open(info.value.path(), encoding="utf-8-sig").read()
    assert text.splitlines()[1].startswith(dt.date.today().isoformat())
    open_menu_page(page, "Reports & letters")
    page.get_by_role("tab", name="Letter drafts").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download as Word (DOCX)").click()
    assert open(info.value.path(), "rb").read(2) == b"PK"  # a DOCX is a zip file


def test_backup_of_the_sample_restores_identically(app_server, page, tmp_path) -> None:
    from utils import exchange
    from utils.sample import load_sample

    store = Store(app_server.db_url)
    original = load_sample(store, "migraine")
    page.goto(app_server.url)
    expect(page.get_by_role("heading", name="Your case", level=1)).to_be_visible()
    open_menu_page(page, "Your data")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download backup").click()
    backup = tmp_path / "backup.json"
    info.value.save_as(backup)
    page.get_by_role("tab", name="Restore a backup").click()
    uploader = page.get_by_role("region", name="Backup (.json)")
    with page.expect_file_chooser() as chooser:
        uploader.get_by_role("button", name="Upload", exact=True).click()
    chooser.value.set_files(str(backup))
    expect(page.get_by_text(re.compile(r"Backup of 'Sample: migraine'"))).to_be_visible()
    page.get_by_role("button", name="Restore", exact=True).click()
    expect(page.get_by_text(re.compile("Backup restored into the profile"))).to_be_visible()
    shot(page, "restore-01-done")
    restored = store.profile_by_name("Sample: migraine (restored)")
    assert restored is not None

    def comparable(profile_id: int) -> list[tuple]:
        rows = store.raw_rows(profile_id)
        day_of = {r["id"]: r["day"] for r in rows}
        out = []
        for r in rows:
            data = dict(r["data"])
            if data.get("session_id") is not None:  # ids are new; the session they name is not
                data["session_id"] = day_of[data["session_id"]]
            out.append((r["kind"], r["day"], data, r["recorded_at"], r["version"], r["deleted_at"]))
        return out

    assert comparable(restored.id) == comparable(original.id)
    assert len(exchange.backup(store, restored.id)["entries"]) == store.count(original.id)
