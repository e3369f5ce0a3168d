"""CSV export/import, JSON backup/restore and Store.restore_rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from utils import exchange as ex
from utils import sample
from utils.models import Attack, BotoxSession, HeadacheCheckin, MedicationDose, SideEffect
from utils.store import Store, StoreError

pytestmark = pytest.mark.both_databases

END = dt.date(2025, 6, 30)
HEADER = ",".join(ex.csv_columns("attack"))


def snapshot(store: Store) -> list:
    """Everything in the database that an import or restore could touch."""
    return [(p, store.raw_rows(p.id)) for p in store.profiles()]


def comparable(doc: dict) -> dict:
    """A backup without what legitimately differs after a restore: ids, name, export time."""
    doc = json.loads(json.dumps(doc))
    doc.pop("exported_at")
    doc["profile"].pop("name")
    index = {e["id"]: i for i, e in enumerate(doc["entries"])}
    for e in doc["entries"]:
        e.pop("id")
        for d in [e["data"]] + [h["data"] for h in e["history"]]:
            if d.get("session_id") is not None:
                d["session_id"] = index.get(d["session_id"], "missing")
    return doc


def rows_csv(*lines: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode()


def attack_row(**cells: str) -> str:
    values = {c: "" for c in ex.csv_columns("attack")}
    values.update(cells)
    buf = io.StringIO()
    csv.writer(buf).writerow(values.values())
    return buf.getvalue().removesuffix("\r\n")


@pytest.fixture
def profile(store):
    return store.create_profile("Alex", ["headache", "sweating", "jaw"])


# ---------------------------------------------------------------- CSV export


def test_attack_csv_columns_are_spreadsheet_friendly(store, profile):
    attack = Attack(
        start_date=dt.date(2025, 3, 1),
        start_time=dt.time(14, 30),
        end=dt.datetime(2025, 3, 1, 20, 0),
        pain=7,
        pulsating=True,
        nausea_vomiting=False,
        aura=True,
        aura_types=["visual", "sensory"],
        medications=[
            MedicationDose(
                name="sumatriptan", drug_class="triptan", dose="50 mg", relief_2h="partial"
            ),
            MedicationDose(
                name="ibuprofen", drug_class="nsaid", dose="400 mg", time=dt.time(15, 0)
            ),
        ],
        lost_work_hours=4.0,
        triggers=["stress", "poor sleep"],
        notes="=not a formula",
    )
    store.add(profile.id, attack, recorded_at=dt.datetime(2025, 3, 2, 9, 5))
    data = ex.csv_bytes("attack", store.entries(profile.id))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == ex.csv_columns("attack") + ["recorded_at", "source"]
    row = rows[0]
    assert row["start_date"] == "2025-03-01"
    assert row["start_time"] == "14:30"
    assert row["end"] == "2025-03-01 20:00"
    assert (row["pulsating"], row["nausea_vomiting"], row["light_sensitivity"]) == ("yes", "no", "")
    assert row["aura_types"] == "visual; sensory"
    assert row["medications"] == (
        "sumatriptan (triptan) 50 mg, relief partial; ibuprofen (nsaid) 400 mg, at 15:00"
    )
    assert row["lost_work_hours"] == "4"
    assert row["triggers"] == "stress; poor sleep"
    assert row["notes"] == "'=not a formula"
    assert row["recorded_at"] == "2025-03-02 09:05"
    assert row["source"] == "entered"


def test_export_csvs_one_file_per_kind_the_profile_has(store):
    prof = sample.load_sample(store, "jaw", days=60, end=END)
    files = ex.export_csvs(store, prof.id)
    kinds = {n.removeprefix("coverage-diary_sample-jaw_").removesuffix(".csv") for n in files}
    assert kinds == {e.kind for e in store.entries(prof.id)}
    assert all(name.endswith(".csv") for name in files)


@pytest.mark.parametrize("which", ["migraine", "sweating", "jaw"])
def test_csv_round_trip_gives_the_same_entries(store, which):
    prof = sample.load_sample(store, which, days=200, end=END)
    entries = store.entries(prof.id)
    for data in ex.export_csvs(store, prof.id).values():
        preview = ex.preview_csv(data)
        assert preview.ok, preview.error_lines()
        originals = [e.entry for e in entries if e.kind == preview.kind]
        assert [r.entry for r in preview.rows] == originals


# ---------------------------------------------------------------- templates


@pytest.mark.parametrize("kind", ex.TEMPLATE_KINDS)
def test_templates_are_detected_and_documented(kind):
    data = ex.template_csv(kind)
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header == ex.csv_columns(kind)
    assert ex.detect_kind(header) == kind
    preview = ex.preview_csv(data)
    assert preview.kind == kind
    assert preview.file_errors == ["The file has a header row but no diary rows."]
    guide = ex.column_guide(kind)
    assert [g["column"] for g in guide] == header
    assert all(g["what to write"] for g in guide)


# ---------------------------------------------------------------- CSV import


def test_import_csv_saves_rows_with_import_source(store, profile):
    data = rows_csv(
        attack_row(
            start_date="2025-03-01",
            start_time="9:15",
            duration_minutes="90",
            pain="6",
            medications="sumatriptan 50 mg, relief full; naproxen (NSAID) 500 mg",
        ),
        attack_row(start_date="2025-03-03", pain="3", pulsating="Yes", triggers="stress;  weather"),
    )
    result = ex.import_csv(store, profile.id, data)
    assert (result.kind, result.imported, result.duplicates) == ("attack", 2, 0)
    saved = store.entries(profile.id)
    assert {e.source for e in saved} == {"import"}
    first, second = (e.entry for e in saved)
    assert first.start_time == dt.time(9, 15)
    assert [(m.name, m.drug_class, m.dose, m.relief_2h) for m in first.medications] == [
        ("sumatriptan", "triptan", "50 mg", "full"),
        ("naproxen", "nsaid", "500 mg", None),
    ]
    assert second.pulsating is True and second.triggers == ["stress", "weather"]


def test_one_bad_row_refuses_the_whole_file_with_row_numbers(store, profile):
    data = rows_csv(
        attack_row(start_date="2025-03-01", pain="6"),
        attack_row(start_date="03/02/2025", pain="6"),
        attack_row(start_date="2025-03-04", pain="11", pulsating="maybe"),
        attack_row(start_date="2025-03-05", medications="mysterypill 5 mg"),
    )
    preview = ex.preview_csv(data)
    assert not preview.ok
    lines = preview.error_lines()
    assert any(line.startswith("Row 3: start_date: '03/02/2025' is not a date") for line in lines)
    assert any(line.startswith("Row 4: pulsating: 'maybe' is not yes or no") for line in lines)
    assert any(line.startswith("Row 5: medications: 'mysterypill'") for line in lines)
    assert [r.status for r in preview.rows] == ["ok", "error", "error", "error"]
    before = snapshot(store)
    with pytest.raises(ex.ExchangeError) as err:
        ex.import_csv(store, profile.id, data)
    assert "Row 3" in str(err.value)
    assert snapshot(store) == before


def test_validation_errors_of_the_model_name_the_row(store, profile):
    data = rows_csv(attack_row(start_date="2025-03-01", pain="11"), attack_row(pain="3"))
    lines = ex.preview_csv(data).error_lines()
    assert any(line.startswith("Row 2: pain:") for line in lines)
    assert any(line.startswith("Row 3: start date:") for line in lines)


def test_row_numbers_follow_the_spreadsheet_with_blank_and_multiline_rows():
    data = rows_csv(
        attack_row(start_date="2025-03-01", notes="line one\nline two"),
        "," * (len(ex.csv_columns("attack")) - 1),
        attack_row(start_date="2099-01-01"),
    )
    preview = ex.preview_csv(data)
    assert [(r.row, r.status) for r in preview.rows] == [(2, "ok"), (4, "error")]
    assert "in the future" in preview.error_lines()[0]


def test_duplicates_are_reported_and_skipped(store, profile):
    store.add(profile.id, HeadacheCheckin(date=dt.date(2025, 3, 1)))
    binned = store.add(profile.id, HeadacheCheckin(date=dt.date(2025, 3, 2)))
    store.delete(profile.id, binned)
    data = b"date,notes\n2025-03-01,\n2025-03-02,\n2025-03-03,\n2025-03-03,\n2025-03-04,fine\n"
    preview = ex.preview_csv(data, existing=ex.existing_entries(store, profile.id))
    assert preview.ok
    assert [(r.row, r.status) for r in preview.rows] == [
        (2, "duplicate"),
        (3, "duplicate"),
        (4, "ok"),
        (5, "duplicate"),
        (6, "ok"),
    ]
    assert "already in your diary" in preview.rows[0].duplicate_of
    assert "in the bin" in preview.rows[1].duplicate_of
    assert preview.rows[3].duplicate_of == "same as row 4"
    result = ex.import_csv(store, profile.id, data)
    assert (result.imported, result.duplicates) == (2, 3)
    again = ex.import_csv(store, profile.id, data)
    assert (again.imported, again.duplicates) == (0, 5)
    assert store.count(profile.id) == 3


def test_semicolon_separated_file_with_friendly_headers(store, profile):
    data = "Date;Normal day;Pain;Symptoms;Night guard\n2025-03-01;no;5;locking; clicking or popping;yes\n"
    # a list cell with ';' inside a ';'-separated file must be quoted
    data = data.replace("locking; clicking or popping", '"locking; clicking or popping"')
    preview = ex.preview_csv(data.encode("utf-8-sig"))
    assert preview.kind == "jaw_day" and preview.ok, preview.error_lines()
    assert preview.rows[0].entry.symptoms == ["locking", "clicking or popping"]


def test_sweat_day_template_import(store, profile):
    header = ",".join(ex.csv_columns("sweat_day"))
    cols = ex.csv_columns("sweat_day")
    cells = dict.fromkeys(cols, "")
    cells.update(date="2025-02-01", hdss="3", sites="underarms; palms", episodes="4")
    line = ",".join(f'"{v}"' for v in cells.values())
    result = ex.import_csv(store, profile.id, f"{header}\n{line}\n".encode())
    assert result.imported == 1
    assert store.entries(profile.id)[0].entry.sites == ["underarms", "palms"]


def test_kind_can_be_forced_and_unknown_columns_are_refused():
    preview = ex.preview_csv(b"date,notes\n2025-01-01,\n", kind="jaw_day")
    assert preview.kind == "jaw_day"
    assert "give the jaw pain" in preview.error_lines()[0].lower()
    preview = ex.preview_csv(b"date,notes,colour\n2025-01-01,,red\n", kind="headache_checkin")
    assert any("Unknown column 'colour'" in m for m in preview.file_errors)


HAND_MADE_BAD_FILES = {
    "empty": b"",
    "blank": b"  \n\n",
    "utf16": "date,notes\n2025-01-01,ok\n".encode("utf-16"),
    "utf16le no bom": "date,notes\n2025-01-01,ok\n".encode("utf-16-le"),
    "latin1": "date,notes\n2025-01-01,caf\u00e9 \u00e0 Z\u00fcrich\n".encode("latin-1"),
    "truncated quote": b'date,notes\n2025-01-01,"cut sho',
    "huge field": b"date,notes\n2025-01-01," + b"x" * 200_000 + b"\n",
    "too long note": b"date,notes\n2025-01-01," + b"x" * 5_000 + b"\n",
    "missing column": b"notes\nhello\n",
    "no matching columns": b"foo,bar\n1,2\n",
    "duplicate column": b"date,date\n2025-01-01,2025-01-02\n",
    "wrong cell count": b"date,notes\n2025-01-01\n",
    "bad date": b"date,notes\n2025-02-30,\n",
    "future date": b"date,notes\n2999-01-01,\n",
    "wrong type": b"start_date,pain\n2025-01-01,lots\n",
    "nan": b"start_date,lost_work_hours\n2025-01-01,nan\n",
    "tz datetime": b"start_date,start_time,end\n2025-01-01,10:00,2025-01-01T12:00+02:00\n",
    "header only": b"date,notes\n",
    "binary": bytes(range(256)) * 4,
}


@pytest.mark.parametrize("name", list(HAND_MADE_BAD_FILES))
def test_malformed_csv_is_refused_and_nothing_changes(store, profile, name):
    data = HAND_MADE_BAD_FILES[name]
    preview = ex.preview_csv(data)
    assert not preview.ok
    assert len(preview.error_lines()) >= 1
    before = snapshot(store)
    with pytest.raises(ex.ExchangeError) as err:
        ex.import_csv(store, profile.id, data)
    # The refusal says nothing was imported, then lists the same problems as the preview.
    assert err.value.messages[0] == "Nothing was imported. Please fix:"
    assert err.value.messages[1:] == preview.error_lines()
    assert snapshot(store) == before


def test_encoding_messages_say_what_to_do():
    assert "UTF-16" in ex.preview_csv(HAND_MADE_BAD_FILES["utf16"]).file_errors[0]
    assert "Latin-1" in ex.preview_csv(HAND_MADE_BAD_FILES["latin1"]).file_errors[0]
    assert "row 2" in ex.preview_csv(HAND_MADE_BAD_FILES["truncated quote"]).file_errors[0]
    assert "longer than" in ex.preview_csv(HAND_MADE_BAD_FILES["huge field"]).file_errors[0]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_never_crash_and_never_write(store, profile, data):
    before = store.count(profile.id)
    preview = ex.preview_csv(data)
    try:
        result = ex.import_csv(store, profile.id, data)
    except ex.ExchangeError:
        assert not preview.ok
        assert store.count(profile.id) == before  # a refused file writes nothing
    else:
        # A file that happens to be a valid diary adds exactly the rows it previewed.
        assert preview.ok
        assert store.count(profile.id) == before + result.imported == before + len(result.ids)


cell = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["", "yes", "no", "2025-01-01", "12:00", "5", "-1", "1e309", "2025-01-01 10:00"]
    ),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.lists(cell, min_size=0, max_size=25), min_size=1, max_size=5))
def test_arbitrary_attack_rows_are_previewed_or_refused(store, profile, rows):
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(ex.csv_columns("attack"))
    writer.writerows(rows)
    data = buf.getvalue().encode()
    before = snapshot(store)
    preview = ex.preview_csv(data)
    for r in preview.rows:
        assert r.row >= 2
        assert (r.entry is None) == bool(r.errors)
    try:
        ex.import_csv(store, profile.id, data)
    except ex.ExchangeError:
        assert snapshot(store) == before
    else:
        assert preview.ok


# ---------------------------------------------------------------- JSON backup


def busy_profile(store: Store, days: int) -> int:
    """A sample diary with edits, a bin, a restore, settings and a side effect reference."""
    prof = sample.load_sample(store, "migraine", days=days, end=END)
    store.update_profile(prof.id, settings={"payer": "Acme Health", "reminders": [1, 2]})
    rows = store.entries(prof.id)
    store.update(prof.id, rows[5].id, rows[5].entry.model_copy(update={"notes": "edited"}))
    store.delete(prof.id, rows[3].id)
    store.delete(prof.id, rows[7].id)
    store.restore(prof.id, rows[7].id)
    session = next(e for e in rows if isinstance(e.entry, BotoxSession))
    effect = SideEffect(
        session_id=session.id, effect="headache", start=session.day, severity="mild"
    )
    effect_id = store.add(prof.id, effect)
    store.update(prof.id, effect_id, effect.model_copy(update={"severity": "moderate"}))
    return prof.id


def test_backup_has_schema_version_profile_bin_and_history(store):
    pid = busy_profile(store, 200)
    doc = ex.backup(store, pid, exported_at=dt.datetime(2025, 7, 1, 8, 0))
    assert doc["format"] == "coverage-diary-backup" and doc["schema_version"] == 1
    assert doc["exported_at"] == "2025-07-01T08:00:00"
    assert doc["profile"] == {
        "name": "Sample: migraine",
        "conditions": ["headache"],
        "settings": {"payer": "Acme Health", "reminders": [1, 2]},
    }
    entries = doc["entries"]
    assert len(entries) == len(store.raw_rows(pid))
    assert sum(e["deleted_at"] is not None for e in entries) == 1
    assert {h["action"] for e in entries for h in e["history"]} == {"update", "delete", "restore"}
    keys = {
        "id",
        "kind",
        "day",
        "data",
        "recorded_at",
        "updated_at",
        "version",
        "deleted_at",
        "source",
        "history",
    }
    assert all(set(e) == keys for e in entries)
    json.loads(ex.backup_bytes(store, pid))


def test_ten_year_backup_restores_identically(store):
    pid = busy_profile(store, 3650)
    first = ex.backup_bytes(store, pid)
    restored = ex.restore_backup(store, first, name="Restored")
    assert restored.name == "Restored"
    second = ex.backup_bytes(store, restored.id)
    assert comparable(json.loads(second)) == comparable(json.loads(first))
    assert store.count(restored.id) == store.count(pid)
    assert len(store.entries(restored.id, deleted=True)) == 1
    effect = next(
        e for e in store.entries(restored.id) if e.kind == "side_effect" and e.entry.session_id
    )
    assert store.get(restored.id, effect.entry.session_id).kind == "botox_session"


def test_restore_into_an_empty_profile_and_refuse_a_non_empty_one(store, profile):
    pid = busy_profile(store, 200)
    data = ex.backup_bytes(store, pid)
    empty = store.create_profile("Empty", ["jaw"])
    restored = ex.restore_backup(store, data, into=empty.id)
    assert restored.conditions == ("headache",)
    assert restored.settings["payer"] == "Acme Health"
    assert comparable(ex.backup(store, empty.id)) == comparable(ex.backup(store, pid))
    store.add(profile.id, HeadacheCheckin(date=dt.date(2025, 1, 1)))
    before = snapshot(store)
    with pytest.raises(ex.ExchangeError, match="already has entries"):
        ex.restore_backup(store, data, into=profile.id)
    with pytest.raises(ex.ExchangeError, match="exists already"):
        ex.restore_backup(store, data, name="Alex")
    assert snapshot(store) == before


def test_bin_only_profile_counts_as_not_empty(store, profile):
    eid = store.add(profile.id, HeadacheCheckin(date=dt.date(2025, 1, 1)))
    store.delete(profile.id, eid)
    data = ex.backup_bytes(store, profile.id)
    with pytest.raises(ex.ExchangeError, match="already has entries"):
        ex.restore_backup(store, data, into=profile.id)


def small_backup(store: Store) -> dict:
    prof = store.create_profile("Small", ["headache"])
    store.add(prof.id, HeadacheCheckin(date=dt.date(2025, 1, 1), notes="calm"))
    eid = store.add(prof.id, Attack(start_date=dt.date(2025, 1, 2), pain=5))
    store.update(prof.id, eid, Attack(start_date=dt.date(2025, 1, 2), pain=6))
    doc = ex.backup(store, prof.id)
    store.delete_profile(prof.id)
    return doc


def encoded(doc) -> bytes:
    return json.dumps(doc).encode()


def test_hand_made_bad_backups_are_refused(store, profile):
    good = small_backup(store)
    cases: dict[str, bytes] = {
        "empty": b"",
        "truncated": encoded(good)[:-40],
        "not json": b"{hello",
        "list": b"[]",
        "utf16": json.dumps(good).encode("utf-16"),
        "latin1": json.dumps({**good, "x": "\u00e9"}, ensure_ascii=False).encode("latin-1"),
        "nan": encoded(good).replace(b'"version": 1', b'"version": NaN', 1),
        "deep": b"[" * 100_000 + b"]" * 100_000,
    }
    mutations = {
        "other format": lambda d: d.update(format="something-else"),
        "newer schema": lambda d: d.update(schema_version=2),
        "schema as text": lambda d: d.update(schema_version="1"),
        "no entries": lambda d: d.pop("entries"),
        "bad condition": lambda d: d["profile"].update(conditions=["knees"]),
        "unknown kind": lambda d: d["entries"][0].update(kind="dream"),
        "bad data": lambda d: d["entries"][1]["data"].update(pain=42),
        "bad date": lambda d: d["entries"][0].update(recorded_at="yesterday"),
        "tz date": lambda d: d["entries"][0].update(recorded_at="2025-01-01T10:00:00+00:00"),
        "number date": lambda d: d["entries"][0].update(recorded_at=1700000000),
        "version text": lambda d: d["entries"][0].update(version="2"),
        "version zero": lambda d: d["entries"][0].update(version=0),
        "long source": lambda d: d["entries"][0].update(source="x" * 50),
        "huge note": lambda d: d["entries"][0]["data"].update(notes="x" * 100_000),
        "history not list": lambda d: d["entries"][1].update(history={}),
        "tz in data": lambda d: d["entries"][1]["data"].update(start_time="10:00:00Z"),
        "duplicate ids": lambda d: d["entries"][1].update(id=d["entries"][0]["id"]),
        "extra key in entry": lambda d: d["entries"][0].update(colour="red"),
    }
    for name, mutate in mutations.items():
        doc = json.loads(json.dumps(good))
        mutate(doc)
        cases[name] = encoded(doc)
    before = snapshot(store)
    for name, data in cases.items():
        with pytest.raises(ex.ExchangeError) as err:
            ex.restore_backup(store, data, name=f"R {name}")
        assert err.value.messages, name
        assert snapshot(store) == before, name
    with pytest.raises(ex.ExchangeError, match="newer version"):
        ex.read_backup(cases["newer schema"])
    assert ex.restore_backup(store, encoded(good), name="Fine").name == "Fine"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=10,
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_mutated_backups_restore_whole_or_not_at_all(store, data):
    doc = json.loads(json.dumps(small_backup_cache(store)))
    # walk to a random dict in the document and replace or drop one of its keys
    node = doc
    for _ in range(data.draw(st.integers(0, 4))):
        children = [
            v
            for v in (node.values() if isinstance(node, dict) else node)
            if isinstance(v, dict | list) and v
        ]
        if not children:
            break
        node = data.draw(st.sampled_from(children))
    if isinstance(node, dict) and node:
        key = data.draw(st.sampled_from(sorted(node)))
        if data.draw(st.booleans()):
            node[key] = data.draw(json_values)
        else:
            del node[key]
    elif isinstance(node, list) and node:
        node[data.draw(st.integers(0, len(node) - 1))] = data.draw(json_values)
    before = snapshot(store)
    name = f"H{len(before)}"
    try:
        restored = ex.restore_backup(store, encoded(doc), name=name)
    except ex.ExchangeError:
        assert snapshot(store) == before
    else:
        assert len(store.raw_rows(restored.id)) == len(doc["entries"])
        store.delete_profile(restored.id)


_SMALL: dict = {}


def small_backup_cache(store: Store) -> dict:
    if store.url not in _SMALL:
        _SMALL.clear()
        _SMALL[store.url] = small_backup(store)
    return _SMALL[store.url]


def test_detect_format():
    assert ex.detect_format(b'\xef\xbb\xbf \n{"format": 1}') == "backup"
    assert ex.detect_format(b"date,notes\n") == "csv"


# ---------------------------------------------------------------- Store.restore_rows


def test_restore_rows_keeps_metadata_and_history(store, profile):
    t = dt.datetime(2024, 5, 1, 21, 0)
    ids = store.restore_rows(
        profile.id,
        [
            {
                "id": 70,
                "kind": "botox_session",
                "data": {"date": "2024-05-01", "condition": "headache", "units": 155},
                "recorded_at": t,
                "updated_at": t,
                "version": 1,
                "deleted_at": None,
                "source": "entered",
            },
            {
                "id": 71,
                "kind": "side_effect",
                "data": {
                    "session_id": 70,
                    "effect": "neck pain",
                    "start": "2024-05-02",
                    "severity": "moderate",
                },
                "recorded_at": t,
                "updated_at": t + dt.timedelta(days=1),
                "version": 2,
                "deleted_at": t + dt.timedelta(days=2),
                "source": "import",
                "history": [
                    {
                        "version": 1,
                        "day": dt.date(2024, 5, 2),
                        "action": "update",
                        "changed_at": t,
                        "data": {
                            "session_id": 70,
                            "effect": "neck pain",
                            "start": "2024-05-02",
                            "severity": "mild",
                        },
                    },
                ],
            },
        ],
    )
    effect = store.get(profile.id, ids[1], include_deleted=True)
    assert effect.entry.session_id == ids[0]
    assert (effect.version, effect.source, effect.updated_at) == (
        2,
        "import",
        t + dt.timedelta(days=1),
    )
    assert effect.deleted_at == t + dt.timedelta(days=2)
    (hist,) = store.history(profile.id, ids[1])
    assert (hist.version, hist.action, hist.data["session_id"]) == (1, "update", ids[0])


def test_restore_rows_is_all_or_nothing_and_only_into_an_empty_profile(store, profile):
    t = dt.datetime(2024, 5, 1, 21, 0)
    good = {
        "kind": "headache_checkin",
        "data": {"date": "2024-05-01"},
        "recorded_at": t,
        "updated_at": t,
        "version": 1,
        "deleted_at": None,
        "source": "entered",
    }
    bad = {**good, "data": {"date": "2999-01-01"}}
    rev = store.revision(profile.id)
    with pytest.raises(ValueError):
        store.restore_rows(profile.id, [good, bad])
    assert store.raw_rows(profile.id) == [] and store.revision(profile.id) == rev
    store.restore_rows(profile.id, [good])
    with pytest.raises(StoreError, match="already has 1 entries"):
        store.restore_rows(profile.id, [good])


# ---------------------------------------------------------------- command line


def test_cli_export_then_import_backup_and_csv(store, tmp_path, capsys):
    from utils.cli import main

    prof = sample.load_sample(store, "migraine", days=150, end=END)
    out = tmp_path / "out"
    assert main(["export", "--profile", prof.name, "--out", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert any(n.endswith("_attack.csv") for n in names)
    (backup_file,) = [out / n for n in names if n.endswith(".json")]
    assert main(["import", str(backup_file), "--profile", "Copy"]) == 0
    copy = store.profile_by_name("Copy")
    assert comparable(ex.backup(store, copy.id)) == comparable(ex.backup(store, prof.id))
    assert main(["import", str(backup_file), "--profile", "Copy"]) == 1
    assert "already has entries" in capsys.readouterr().err

    store.create_profile("Fresh")
    attack_csv = next(out / n for n in names if n.endswith("_attack.csv"))
    assert main(["import", str(attack_csv), "--profile", "Fresh"]) == 0
    assert "Imported" in capsys.readouterr().out
    assert main(["import", str(attack_csv), "--profile", "Fresh"]) == 0
    assert "Imported 0 attack entries" in capsys.readouterr().out

    bad = tmp_path / "bad.csv"
    bad.write_bytes(rows_csv(attack_row(start_date="2025-01-01"), attack_row(start_date="x")))
    before = snapshot(store)
    assert main(["import", str(bad), "--profile", "Fresh"]) == 1
    assert "Row 3: start_date" in capsys.readouterr().err
    assert snapshot(store) == before
    assert main(["import", str(bad), "--profile", "Nobody"]) == 1
    assert main(["import", str(tmp_path / "missing.csv"), "--profile", "Fresh"]) == 1
    assert main(["export", "--profile", "Nobody", "--out", str(out)]) == 1


def test_restore_rows_dangling_references(store, profile):
    t = dt.datetime(2024, 5, 1, 21, 0)
    base = {
        "recorded_at": t,
        "updated_at": t,
        "version": 1,
        "deleted_at": None,
        "source": "entered",
    }
    effect = {
        **base,
        "id": 1,
        "kind": "side_effect",
        "data": {
            "session_id": 999,
            "effect": "neck pain",
            "start": "2024-05-02",
            "severity": "mild",
        },
    }
    call = {
        **base,
        "id": 2,
        "kind": "case_call",
        "data": {"case_id": 999, "date": "2024-05-02", "said": "under review"},
    }
    with pytest.raises(StoreError, match="refers to entry 999"):
        store.restore_rows(profile.id, [effect, call])
    assert store.raw_rows(profile.id) == []
    (eid,) = store.restore_rows(profile.id, [effect])
    assert store.get(profile.id, eid).entry.session_id is None
