"""Your data page: downloads, spreadsheet import with preview, backup restore, the bin."""

from __future__ import annotations

import datetime as dt
import json

from streamlit.testing.v1 import AppTest

from tests.pages.helpers import APP
from utils import exchange, sample
from utils.models import HeadacheCheckin
from utils.store import Store

PAGE = "pages/data.py"


def open_data_page(profile_id: int) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["profile_id"] = profile_id
    at.run()
    assert not at.exception, at.exception
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> str:
    return "\n".join(
        [e.value for e in at.markdown] + [e.value for e in at.info] + [e.value for e in at.error]
    )


def test_empty_profile_explains_itself(store: Store, db_url: str) -> None:
    p = store.create_profile("Me")
    at = open_data_page(p.id)
    assert at.title[0].value == "Your data"
    assert "nothing to download yet" in texts(at)
    assert "The bin is empty" in texts(at)


def test_sample_profile_offers_downloads(store: Store, db_url: str) -> None:
    prof = sample.load_sample(store, "migraine", days=120)
    at = open_data_page(prof.id)
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert any(label.startswith("Headache attack (") for label in labels)
    assert "Download backup" in labels
    assert "Download FHIR file" in labels


def test_bin_restore_and_empty(store: Store, db_url: str) -> None:
    p = store.create_profile("Me")
    a = store.add(p.id, HeadacheCheckin(date=dt.date(2025, 1, 1)))
    b = store.add(p.id, HeadacheCheckin(date=dt.date(2025, 1, 2)))
    store.delete(p.id, a)
    store.delete(p.id, b)
    at = open_data_page(p.id)
    at.button(key=f"bin_restore_{a}").click().run()
    assert not at.exception
    assert [e.id for e in store.entries(p.id)] == [a]
    assert "Restored" in at.success[0].value
    at.button(key="bin_empty").click().run()
    assert "cannot be undone" in at.warning[0].value
    at.button(key="bin_empty_no").click().run()
    assert len(store.entries(p.id, deleted=True)) == 1
    at.button(key="bin_empty").click().run()
    at.button(key="bin_empty_yes").click().run()
    assert not at.exception
    assert store.entries(p.id, deleted=True) == []
    assert [e.id for e in store.entries(p.id)] == [a]


def test_import_with_a_bad_row_shows_it_and_saves_nothing(store: Store, db_url: str) -> None:
    p = store.create_profile("Me")
    at = open_data_page(p.id)
    bad = b"date,notes\n2025-01-01,fine\n2025-13-01,bad month\n"
    at.file_uploader(key="import_file_0").set_value(("diary.csv", bad, "text/csv")).run()
    assert not at.exception
    assert "Row 3: date: '2025-13-01' is not a date" in at.error[0].value
    assert not [b for b in at.button if b.key == "import_go"]
    assert store.raw_rows(p.id) == []


def test_import_good_file_after_preview(store: Store, db_url: str) -> None:
    p = store.create_profile("Me")
    store.add(p.id, HeadacheCheckin(date=dt.date(2025, 1, 1)))
    at = open_data_page(p.id)
    good = b"date,notes\n2025-01-01,\n2025-01-02,\n2025-01-03,calm\n"
    at.file_uploader(key="import_file_0").set_value(("diary.csv", good, "text/csv")).run()
    assert not at.exception
    assert "1 duplicate rows will be skipped" in at.info[0].value
    go = at.button(key="import_go")
    assert go.label == "Import 2 rows"
    go.click().run()
    assert not at.exception
    assert "Imported 2 rows" in at.success[0].value
    assert len(store.entries(p.id)) == 3
    assert {e.source for e in store.entries(p.id)} == {"entered", "import"}


def test_restore_backup_into_new_profile(store: Store, db_url: str) -> None:
    prof = sample.load_sample(store, "jaw", days=120)
    data = exchange.backup_bytes(store, prof.id)
    at = open_data_page(prof.id)
    at.file_uploader(key="restore_file_0").set_value(("b.json", data, "application/json")).run()
    assert not at.exception
    assert at.text_input[0].value == "Sample: jaw (restored)"
    at.text_input[0].input("Jaw copy")
    at.button(key="restore_go").click().run()
    assert not at.exception
    copy = store.profile_by_name("Jaw copy")
    assert copy is not None and store.count(copy.id) == store.count(prof.id)
    assert at.session_state["profile_id"] == copy.id


def test_damaged_backup_is_refused(store: Store, db_url: str) -> None:
    p = store.create_profile("Me")
    at = open_data_page(p.id)
    broken = json.dumps({"format": "coverage-diary-backup", "schema_version": 1})[:-5].encode()
    at.file_uploader(key="restore_file_0").set_value(("b.json", broken, "application/json")).run()
    assert not at.exception
    assert "cannot be restored" in at.error[0].value
    assert len(store.profiles()) == 1


def test_own_spreadsheet_asks_previews_imports_and_remembers(store: Store, db_url: str) -> None:
    from pathlib import Path

    p = store.create_profile("Me")
    data = (Path(__file__).resolve().parents[1] / "data" / "us_month_first.csv").read_bytes()
    at = open_data_page(p.id)
    at.file_uploader(key="import_file_0").set_value(("us.csv", data, "text/csv")).run()
    assert not at.exception
    assert "can be read two ways" in at.warning[0].value
    assert any("Say how the dates are written" in i.value for i in at.info)
    assert not [b for b in at.button if b.key == "import_map_go"]
    (order,) = [r for r in at.radio if r.label == "How are the dates written?"]
    assert order.options == [
        "day first (04/03/2025 is 4 March)",
        "month first (03/04/2025 is March 4)",
    ]
    order.set_value("mdy").run()
    assert not at.exception
    assert not at.warning
    assert "the first 5 of 5 rows as they will be saved" in texts(at)
    go = at.button(key="import_map_go")
    assert go.label == "Import 5 rows"
    go.click().run()
    assert not at.exception
    assert "Imported 5 rows" in at.success[0].value
    days = sorted(e.day for e in store.entries(p.id))
    assert days[0] == dt.date(2025, 2, 3)  # month first: February, not March
    saved = store.profile(p.id).settings["import_mappings"]
    (mapping,) = saved.values()
    assert mapping["date_order"] == "mdy" and mapping["file"] == "us.csv"


def test_own_spreadsheet_errors_show_cell_text_literally(store: Store, db_url: str) -> None:
    p = store.create_profile("Me")
    bad = b"Day,Severity (1-3),Meds\n2025-03-01,2,*magic* [pill]\n2025-03-02,4,\n"
    at = open_data_page(p.id)
    at.file_uploader(key="import_file_0").set_value(("mine.csv", bad, "text/csv")).run()
    assert not at.exception
    error = at.error[0].value
    assert "Row 2: medications: '\\*magic\\* \\[pill\\]' is not in the medicine list" in error
    assert "Row 3: Severity (1-3): '4' is not on the 1-3 scale" in error
    assert not [b for b in at.button if b.key == "import_map_go"]
    assert store.raw_rows(p.id) == []
