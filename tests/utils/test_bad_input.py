"""Bad input gets a clear message and nothing breaks later: settings, references, dates, nesting,
spreadsheet formulas, medicine names with commas; and every backup the app writes restores."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import clock
from utils import criteria
from utils import exchange as ex
from utils.cases import CaseCall, CoverageCase
from utils.models import Attack, BotoxSession, EntryError, MedicationDose, SideEffect, build
from utils.store import Store, StoreError

pytestmark = pytest.mark.both_databases

DAY = dt.date(2026, 10, 1)


def backup_with(store: Store, change) -> bytes:
    p = store.profile_by_name("Src") or store.create_profile("Src")
    if not store.raw_rows(p.id):
        store.add(p.id, Attack(start_date=DAY, pain=5))
    doc = json.loads(ex.backup_bytes(store, p.id))
    change(doc)
    return json.dumps(doc).encode()


# ---------------------------------------------------------------- settings


@pytest.mark.parametrize(
    "bad",
    [
        {"thresholds": [1, 2]},
        {"thresholds": "15"},
        {"thresholds": {"history_months": "many"}},
        {"migraine_day_rule": 3},
        {"x": json.loads("[" * 25 + "]" * 25)},
    ],
)
def test_bad_settings_are_refused_on_restore_and_on_save(store: Store, bad) -> None:
    data = backup_with(store, lambda d: d["profile"].update(settings=bad))
    with pytest.raises(ex.ExchangeError, match="settings"):
        ex.restore_backup(store, data, name="Copy")
    assert store.profile_by_name("Copy") is None
    p = store.profile_by_name("Src")
    with pytest.raises(StoreError, match="settings"):
        store.update_profile(p.id, settings=bad)
    assert store.profile(p.id).settings == {}


def test_non_finite_numbers_are_refused(store: Store) -> None:
    p = store.create_profile("Me")
    for value in (float("nan"), float("inf"), float("-inf")):
        with pytest.raises(StoreError, match="finite"):
            store.update_profile(p.id, settings={"thresholds": {"x": value}})
    with pytest.raises(EntryError, match="finite"):
        build(Attack, start_date=DAY, lost_work_hours=float("nan"))
    rows = "start_date,start_time,end,duration_minutes,ongoing,pain,lost_work_hours\n"
    with pytest.raises(ex.ExchangeError):
        ex.import_csv(store, p.id, (rows + "2026-10-01,,,60,,5,nan\n").encode())
    assert store.entries(p.id) == []


def test_settings_stored_before_validation_do_not_crash_the_thresholds() -> None:
    used = criteria.resolve_thresholds({"thresholds": [1, 2]})
    assert used.values == criteria.default_thresholds()
    assert used.ignored and "thresholds" in used.ignored[0]["key"]


# ---------------------------------------------------------------- references


def test_csv_may_not_refer_to_an_entry_that_does_not_exist(store: Store) -> None:
    p = store.create_profile("Me")
    header = ",".join(ex.csv_columns("case_call"))
    row = {c: "" for c in ex.csv_columns("case_call")}
    row.update(case_id="424242", date=DAY.isoformat(), said="They will call back")
    line = ",".join(row[c] for c in ex.csv_columns("case_call"))
    with pytest.raises(ex.ExchangeError, match="424242"):
        ex.import_csv(store, p.id, f"{header}\n{line}\n".encode(), kind="case_call")
    assert store.entries(p.id) == []
    # Pointing at a real case of this profile is fine.
    case_id = store.add(p.id, build(CoverageCase, condition="headache", insurer="Acme", opened=DAY))
    row["case_id"] = str(case_id)
    line = ",".join(row[c] for c in ex.csv_columns("case_call"))
    ex.import_csv(store, p.id, f"{header}\n{line}\n".encode(), kind="case_call")
    (call,) = store.entries(p.id, ["case_call"])
    assert call.entry.case_id == case_id
    # ... and the profile's backup restores.
    ex.restore_backup(store, ex.backup_bytes(store, p.id), name="Copy")


def test_store_refuses_references_to_other_profiles_entries(store: Store) -> None:
    a = store.create_profile("A")
    b = store.create_profile("B")
    sess = store.add(
        a.id, BotoxSession(date=DAY, condition="headache", units=155, areas=["corrugator"])
    )
    with pytest.raises(StoreError, match="does not exist"):
        store.add(b.id, SideEffect(start=DAY, effect="neck pain", severity="mild", session_id=sess))
    with pytest.raises(StoreError, match="does not exist"):
        store.add(a.id, build(CaseCall, case_id=sess + 999, date=DAY, said="x"))
    store.add(a.id, SideEffect(start=DAY, effect="neck pain", severity="mild", session_id=sess))


# ---------------------------------------------------------------- dates and nesting


@pytest.mark.parametrize(("day", "ok"), [("1899-12-31", False), ("1900-01-01", True)])
def test_dates_before_1900_are_refused_on_import(store: Store, day: str, ok: bool) -> None:
    p = store.create_profile("Me")
    data = f"start_date,start_time,end,duration_minutes,ongoing,pain\n{day},,,60,,5\n".encode()
    if ok:
        ex.import_csv(store, p.id, data)
        assert len(store.entries(p.id)) == 1
    else:
        with pytest.raises(ex.ExchangeError, match="1900"):
            ex.import_csv(store, p.id, data)
        assert store.entries(p.id) == []


def test_year_one_in_a_backup_is_refused_not_an_overflow(store: Store) -> None:
    def year_one(doc):
        doc["entries"][0]["data"]["start_date"] = "0001-01-01"

    with pytest.raises(ex.ExchangeError, match="1900"):
        ex.restore_backup(store, backup_with(store, year_one), name="Copy")
    assert store.profile_by_name("Copy") is None


@pytest.mark.parametrize("depth", [30, 5000, 200_000])
def test_deeply_nested_json_is_refused_with_a_message(store: Store, depth: int) -> None:
    nested = "[" * depth + "]" * depth
    data = backup_with(store, lambda d: None).replace(
        b'"settings": {}', b'"settings": {"x": ' + nested.encode() + b"}"
    )
    with pytest.raises(ex.ExchangeError, match="nested too deeply"):
        ex.restore_backup(store, data, name="Copy")
    assert store.profile_by_name("Copy") is None


# ---------------------------------------------------------------- spreadsheet export


def cells(data: bytes) -> list[str]:
    return [c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for c in row]


def test_export_neutralises_formulas_in_every_cell_and_reimports_them(store: Store) -> None:
    p = store.create_profile("Me")
    hostile = Attack(
        start_date=DAY,
        pain=5,
        triggers=["=1+1", "@SUM(A1)"],
        medications=[
            MedicationDose(name='=HYPERLINK("http://x")', drug_class="triptan", dose="+50 mg"),
            MedicationDose(name="-cmd", drug_class="triptan"),
        ],
        notes="-2+3",
    )
    store.add(p.id, hostile)
    data = ex.csv_bytes("attack", store.entries(p.id))
    risky = [c for c in cells(data) if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert risky == []
    q = store.create_profile("Copy")
    ex.import_csv(store, q.id, data)
    (row,) = store.entries(q.id)
    assert row.entry == hostile


def test_medicine_names_with_commas_and_semicolons_survive_export_and_import(
    store: Store,
) -> None:
    p = store.create_profile("Me")
    meds = [
        MedicationDose(
            name="Tylenol, extra strength", drug_class="simple_analgesic", dose="500 mg"
        ),
        MedicationDose(name='Ibu "200"; night (blue)', drug_class="nsaid", dose="200 mg, twice"),
    ]
    entry = Attack(start_date=DAY, pain=4, medications=meds, triggers=["wine; red", "stress"])
    store.add(p.id, entry)
    data = ex.csv_bytes("attack", store.entries(p.id))
    q = store.create_profile("Copy")
    ex.import_csv(store, q.id, data)
    (row,) = store.entries(q.id)
    assert row.entry.medications == entry.medications
    assert row.entry.triggers == entry.triggers


# ---------------------------------------------------------------- every backup restores

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
)
days = st.dates(min_value=dt.date(1990, 1, 1), max_value=clock.TODAY)


@st.composite
def diaries(draw):
    entries = []
    for _ in range(draw(st.integers(0, 6))):
        entries.append(
            Attack(
                start_date=draw(days),
                pain=draw(st.none() | st.integers(0, 10)),
                triggers=draw(st.lists(text.filter(str.strip), max_size=3)),
                medications=[
                    MedicationDose(name=n, drug_class="triptan", dose=draw(text))
                    for n in draw(st.lists(text.filter(str.strip), max_size=2))
                ],
                notes=draw(text),
            )
        )
    sessions = draw(st.lists(days, max_size=2))
    return entries, sessions, draw(st.booleans()), draw(st.booleans())


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(diary=diaries())
def test_every_backup_the_app_writes_restores(store: Store, diary) -> None:
    entries, sessions, edit, delete = diary
    for p in store.profiles():
        store.delete_profile(p.id)
    p = store.create_profile("Src", settings={"thresholds": {"history_months": 12}})
    ids = [store.add(p.id, e) for e in entries]
    for day in sessions:
        sid = store.add(
            p.id, BotoxSession(date=day, condition="headache", units=155, areas=["corrugator"])
        )
        store.add(p.id, SideEffect(start=day, effect="neck pain", severity="mild", session_id=sid))
    if ids and edit:
        store.update(p.id, ids[0], entries[0].model_copy(update={"pain": 3}))
    if ids and delete:
        store.delete(p.id, ids[-1])
    before = json.loads(ex.backup_bytes(store, p.id))
    restored = ex.restore_backup(store, ex.backup_bytes(store, p.id), name="Copy")
    after = json.loads(ex.backup_bytes(store, restored.id))
    assert len(after["entries"]) == len(before["entries"])
    assert after["profile"]["settings"] == before["profile"]["settings"]
    assert sorted(
        json.dumps(e["data"], sort_keys=True)
        for e in after["entries"]
        if "session_id" not in e["data"]
    ) == sorted(
        json.dumps(e["data"], sort_keys=True)
        for e in before["entries"]
        if "session_id" not in e["data"]
    )
