"""Six foreign spreadsheets, each imported through the Your data page and checked in the database."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import shot
from tests.browser.flows import open_menu_page, start_diary, wait_ready
from utils.store import Store

pytestmark = pytest.mark.browser
DATA = Path(__file__).resolve().parents[1] / "data"


def upload(page: Page, path: Path) -> None:
    open_menu_page(page, "Your data")
    page.get_by_role("tab", name="Import a spreadsheet").click()
    uploader = page.get_by_role("region", name="Spreadsheet (.csv or .xlsx)")
    with page.expect_file_chooser() as chooser:
        uploader.get_by_role("button", name="Upload", exact=True).click()
    chooser.value.set_files(str(path))
    expect(page.get_by_text(re.compile(r"rows under the header on row \d+"))).to_be_visible()
    wait_ready(page)


def import_rows(page: Page, n: int, shot_name: str) -> None:
    expect(page.get_by_text(re.compile(r"Preview.*rows as they will be saved"))).to_be_visible()
    shot(page, shot_name)
    page.get_by_role("button", name=f"Import {n} rows").click()
    expect(page.get_by_text(re.compile(rf"Imported {n} rows"))).to_be_visible()


def diary(app_server) -> tuple[list, list]:
    store = Store(app_server.db_url)
    (profile,) = store.profiles()
    rows = store.entries(profile.id)
    attacks = sorted((r.entry for r in rows if r.kind == "attack"), key=lambda a: a.start_date)
    free = sorted(r.entry.date for r in rows if r.kind == "headache_checkin")
    assert {r.source for r in rows} <= {"import"}
    return attacks, free


@pytest.mark.parametrize(
    ("name", "rows", "attacks", "free", "check"),
    [
        (
            "paper_diary.xlsx",
            8,
            8,
            [],
            # severity 3 of 3 -> pain 8; real Excel date and time cells; hours
            lambda a: (
                (a[1].start_date, a[1].start_time, a[1].pain, a[1].duration_minutes)
                == (dt.date(2025, 3, 5), dt.time(16, 0), 8, 540)
            ),
        ),
        (
            "bearable_export.csv",
            7,
            4,
            [dt.date(2025, 5, 2), dt.date(2025, 5, 4), dt.date(2025, 5, 7)],
            lambda a: (
                (a[0].pain, a[0].light_sensitivity, a[0].medications[0].drug_class)
                == (5, True, "nsaid")
            ),
        ),
        (
            "european_day_first.csv",
            5,
            4,
            [dt.date(2025, 1, 22)],
            lambda a: (
                (a[1].start_date, a[1].duration_minutes, a[1].pulsating)
                == (dt.date(2025, 1, 15), 150, False)
            ),
        ),
        (
            "merged_headers.xlsx",
            5,
            4,
            [dt.date(2025, 6, 7)],
            lambda a: (
                (a[2].start_date, a[2].pain, a[2].duration_minutes, len(a[2].medications))
                == (dt.date(2025, 6, 9), 8, 600, 2)
            ),
        ),
    ],
)
def test_foreign_spreadsheet_imports_through_the_page(
    app_server, page, name, rows, attacks, free, check
) -> None:
    start_diary(page, app_server.url, ["headache"])
    upload(page, DATA / name)
    import_rows(page, rows, f"import-map-{name.split('.')[0]}")
    got_attacks, got_free = diary(app_server)
    assert len(got_attacks) == attacks
    assert got_free == free
    assert check(got_attacks)


def test_month_first_file_asks_then_the_saved_mapping_is_reused(app_server, page) -> None:
    start_diary(page, app_server.url, ["headache"])
    upload(page, DATA / "us_month_first.csv")
    expect(page.get_by_text("can be read two ways")).to_be_visible()
    shot(page, "import-map-us-question")
    page.get_by_text("month first (03/04/2025 is March 4)").click()
    wait_ready(page)
    import_rows(page, 5, "import-map-us_month_first")
    attacks, _ = diary(app_server)
    assert [a.start_date for a in attacks] == [
        dt.date(2025, 2, 3),
        dt.date(2025, 2, 5),
        dt.date(2025, 2, 6),
        dt.date(2025, 2, 9),
        dt.date(2025, 2, 11),
    ]
    assert attacks[2].end == dt.datetime(2025, 2, 7, 3, 0)  # 11 PM to 3 AM
    # The next import of the same spreadsheet starts from the saved mapping: no question, and
    # every row is already in the diary.
    open_menu_page(page, "Your case")
    upload(page, DATA / "us_month_first.csv")
    expect(page.get_by_text("Using the mapping you saved")).to_be_visible()
    expect(page.get_by_text("can be read two ways")).to_have_count(0)
    expect(page.get_by_text("5 duplicate rows will be skipped")).to_be_visible()
    assert len(diary(app_server)[0]) == 5


def test_file_with_one_bad_row_imports_nothing(app_server, page) -> None:
    start_diary(page, app_server.url, ["headache"])
    upload(page, DATA / "one_bad_row.csv")
    expect(
        page.get_by_text(re.compile(r"Row 4: Pain level: '12' is not between 0 and 10"))
    ).to_be_visible()
    shot(page, "import-map-one_bad_row")
    expect(page.get_by_role("button", name=re.compile(r"^Import \d+ rows$"))).to_have_count(0)
    assert diary(app_server) == ([], [])


def test_fhir_file_downloads_from_the_page_and_validates(app_server, page) -> None:
    from fhir.resources.R4B.bundle import Bundle

    from utils import fhir_export

    start_diary(page, app_server.url, ["headache"])
    page.get_by_role("button", name="No headache today").click()
    expect(page.get_by_text("Headache-free day recorded.")).to_be_visible()
    open_menu_page(page, "Your data")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download FHIR file").click()
    data = open(info.value.path(), "rb").read()
    assert Bundle.model_validate_json(data).type == "collection"
    assert info.value.suggested_filename.startswith("coverage-diary_my-diary_fhir_")
    # The sidebar's period (the last 3 months): today's check-in is one logged day.
    counts = fhir_export.read_monthly_counts(data)
    this_month = dt.date.today().strftime("%Y-%m")
    assert counts[this_month]["logged"] == 1 and counts[this_month]["headache"] == 0
    assert sum(c["logged"] for c in counts.values()) == 1
