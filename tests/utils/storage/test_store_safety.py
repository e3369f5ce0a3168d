"""Store safety: nothing lost when sessions, threads or processes write at once; multi-step
operations all or nothing; database errors become the app's own message. Runs on SQLite and on
PostgreSQL (see tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from utils import exchange as ex
from utils import sample
from utils.models import Attack, EntryError, HeadacheCheckin, JawDay, build
from utils.store import StaleEntryError, Store, StoreError

pytestmark = pytest.mark.both_databases

DAY = dt.date(2026, 10, 1)


def attack(pain: int = 5, day: dt.date = DAY) -> Attack:
    return Attack(start_date=day, start_time=dt.time(8, 0), duration_minutes=60, pain=pain)


def run_threads(n: int, target, *args) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(n)

    def work(i: int) -> None:
        try:
            start.wait()
            target(i, *args)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


# ---------------------------------------------------------------- increments


def test_no_lost_revision_or_version_increments_under_threads(store: Store) -> None:
    p = store.create_profile("Me")
    eid = store.add(p.id, attack())
    before = store.revision(p.id)
    per_thread = 15

    def hammer(i: int) -> None:
        for k in range(per_thread):
            store.update(p.id, eid, attack(pain=(i + k) % 10))
            store.add(p.id, HeadacheCheckin(date=DAY - dt.timedelta(days=1 + i * 100 + k)))

    errors = run_threads(4, hammer)
    assert errors == []
    writes = 4 * per_thread * 2
    assert store.revision(p.id) == before + writes
    assert store.get(p.id, eid).version == 1 + 4 * per_thread
    # Every earlier version is in the history once.
    versions = [h.version for h in store.history(p.id, eid)]
    assert versions == list(range(1, 1 + 4 * per_thread))


def _process_hammer(url: str, profile_id: int, entry_id: int, rounds: int) -> None:
    store = Store(url)
    for k in range(rounds):
        store.update(profile_id, entry_id, attack(pain=k % 10))
        store.update_profile(profile_id, settings={"k": k})


def test_no_lost_increments_across_processes(store: Store) -> None:
    p = store.create_profile("Me")
    eid = store.add(p.id, attack())
    before = store.revision(p.id)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_process_hammer, args=(store.url, p.id, eid, 12)) for _ in range(3)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
    assert [proc.exitcode for proc in procs] == [0, 0, 0]
    assert store.revision(p.id) == before + 3 * 12 * 2
    assert store.get(p.id, eid).version == 1 + 3 * 12


# ---------------------------------------------------------------- optimistic concurrency


def test_stale_edit_is_refused_with_the_latest_version(store: Store) -> None:
    p = store.create_profile("Me")
    eid = store.add(p.id, attack(pain=5))
    seen = store.get(p.id, eid).version
    store.update(p.id, eid, attack(pain=7), expected_version=seen)  # the other window
    with pytest.raises(StaleEntryError) as caught:
        store.update(p.id, eid, attack(pain=2), expected_version=seen)
    assert caught.value.latest.entry.pain == 7
    assert caught.value.latest.version == seen + 1
    assert "changed in another window" in str(caught.value)
    assert store.get(p.id, eid).entry.pain == 7
    # Without an expected version the old behaviour stays: last write wins.
    store.update(p.id, eid, attack(pain=3))
    assert store.get(p.id, eid).version == seen + 2


def test_stale_delete_is_refused(store: Store) -> None:
    p = store.create_profile("Me")
    eid = store.add(p.id, attack())
    store.update(p.id, eid, attack(pain=9))
    with pytest.raises(StaleEntryError):
        store.delete(p.id, eid, expected_version=1)
    assert store.get(p.id, eid).entry.pain == 9


def test_only_one_of_two_simultaneous_edits_of_one_version_wins(store: Store) -> None:
    p = store.create_profile("Me")
    eid = store.add(p.id, attack(pain=5))
    stale: list[int] = []

    def edit(i: int) -> None:
        try:
            store.update(p.id, eid, attack(pain=i), expected_version=1)
        except StaleEntryError:
            stale.append(i)

    assert run_threads(6, edit) == []
    assert len(stale) == 5
    assert store.get(p.id, eid).version == 2


# ---------------------------------------------------------------- one transaction each


def test_one_entry_per_day_holds_under_simultaneous_saves(store: Store) -> None:
    p = store.create_profile("Me", ["jaw"])
    refused: list[int] = []

    def save(i: int) -> None:
        try:
            store.add(p.id, JawDay(date=DAY, pain=i), one_per_day=True)
        except StoreError:
            refused.append(i)

    assert run_threads(5, save) == []
    assert len(store.entries(p.id, ["jaw_day"])) == 1
    assert len(refused) == 4


def test_simultaneous_imports_of_one_file_do_not_double_it(store: Store) -> None:
    p = store.create_profile("Me")
    rows = "\n".join(f"2026-09-{d:02d},08:00,,60,,5" for d in range(1, 21))
    data = ("start_date,start_time,end,duration_minutes,ongoing,pain\n" + rows).encode()

    def imp(i: int) -> None:
        ex.import_csv(store, p.id, data, kind="attack")

    errors = run_threads(3, imp)
    assert all(isinstance(e, ex.ExchangeError) for e in errors)
    assert len(store.entries(p.id)) == 20


def test_delete_many_is_all_or_nothing(store: Store) -> None:
    p = store.create_profile("Me")
    ids = [store.add(p.id, attack(day=DAY - dt.timedelta(days=i))) for i in range(3)]
    other = store.create_profile("Other")
    foreign = store.add(other.id, attack())
    with pytest.raises(StoreError):
        store.delete_many(p.id, ids + [foreign])
    assert len(store.entries(p.id)) == 3
    store.delete_many(p.id, ids)
    assert store.entries(p.id) == [] and len(store.entries(p.id, deleted=True)) == 3


def test_transaction_rolls_back_every_step(store: Store) -> None:
    p = store.create_profile("Me")
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.add(p.id, attack())
            store.create_profile("Second")
            raise RuntimeError("crash in the middle")
    assert store.entries(p.id) == [] and store.profile_by_name("Second") is None


def test_failed_sample_load_keeps_the_previous_sample(store: Store, monkeypatch) -> None:
    first = sample.load_sample(store, "migraine", days=20)
    count = store.count(first.id)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    # The old sample is deleted and the new profile created before the entries fail.
    monkeypatch.setattr(store, "add_many", broken)
    with pytest.raises(RuntimeError):
        sample.load_sample(store, "migraine", days=30)
    again = store.profile_by_name(first.name)
    assert again is not None and again.id == first.id and store.count(again.id) == count


KILL_RESTORE = """
import sys, time
from utils import exchange as ex
from utils.store import Store
store = Store(sys.argv[1])
data = open(sys.argv[2], "rb").read()
print("go", flush=True)
ex.restore_backup(store, data, name="Copy")
print("done", flush=True)
time.sleep(60)
"""


def test_kill_9_during_restore_leaves_nothing_or_everything(store: Store, tmp_path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    src = sample.load_sample(store, "migraine", days=200)
    store.update_profile(src.id, settings={"thresholds": {}})
    backup = tmp_path / "backup.json"
    backup.write_bytes(ex.backup_bytes(store, src.id))
    want = len(store.raw_rows(src.id))
    root = Path(__file__).resolve().parents[3]
    outcomes = set()
    for trial in range(6):
        proc = subprocess.Popen(
            [sys.executable, "-c", KILL_RESTORE, store.url, str(backup)],
            cwd=root,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout.readline().strip() == "go"
        time.sleep(0.03 * trial)  # from "at once" to "after the restore"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        copy = store.profile_by_name("Copy")
        if copy is None:
            outcomes.add("nothing")
            continue
        assert len(store.raw_rows(copy.id)) == want
        assert copy.settings == {"thresholds": {}}
        outcomes.add("everything")
        store.delete_profile(copy.id)
    assert outcomes  # each trial ended in one of the two whole states


# ---------------------------------------------------------------- schema at start


def _open(url: str) -> None:
    Store(url)


def test_several_processes_can_create_the_schema_at_once(db_url: str) -> None:
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_open, args=(db_url,)) for _ in range(4)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
    assert [proc.exitcode for proc in procs] == [0, 0, 0, 0]
    store = Store(db_url)
    assert store.profiles() == []


# ---------------------------------------------------------------- database errors


def test_huge_numbers_and_nul_bytes_get_a_clear_message(store: Store) -> None:
    p = store.create_profile("Me")
    with pytest.raises(StoreError, match="does not exist"):
        store.get(p.id, 10**30)
    with pytest.raises(StoreError, match="no profile"):
        store.profile(10**30)
    with pytest.raises(StoreError, match="NUL"):
        store.create_profile("A\x00B")
    with pytest.raises(StoreError, match="NUL"):
        store.update_profile(p.id, name="A\x00B")
    with pytest.raises(EntryError, match="NUL"):
        build(Attack, start_date=DAY, notes="before\x00after")
    with pytest.raises(EntryError, match="NUL"):
        build(Attack, start_date=DAY, triggers=["ok", "x\x00"])
    with pytest.raises(ex.ExchangeError, match="NUL"):
        ex.restore_backup(
            store,
            ex.backup_bytes(store, p.id).replace(
                b'"settings": {}', b'"settings": {"x": "a\\u0000"}'
            ),
            name="Copy",
        )


def test_huge_version_in_a_backup_is_refused_cleanly(store: Store) -> None:
    p = store.create_profile("Me")
    store.add(p.id, attack())
    data = ex.backup_bytes(store, p.id).replace(b'"version": 1', b'"version": ' + b"9" * 40)
    with pytest.raises(ex.ExchangeError):
        ex.restore_backup(store, data, name="Copy")
    assert store.profile_by_name("Copy") is None


def test_integrity_error_becomes_a_store_error(store: Store) -> None:
    # Simultaneous creations of one name: the unique index refuses all but one.
    errors = run_threads(4, lambda i: store.create_profile("Same"))
    assert len(errors) == 3
    assert all(isinstance(e, StoreError) and "exists already" in str(e) for e in errors)
    assert [p.name for p in store.profiles()] == ["Same"]


def test_database_refusals_become_the_apps_messages(store: Store) -> None:
    import sqlalchemy.exc as sa_exc

    from utils.store import database_errors

    cases = [
        (sa_exc.DataError("stmt", {}, Exception('invalid byte sequence "\\x00"')), "NUL"),
        (sa_exc.IntegrityError("stmt", {}, Exception("FOREIGN KEY constraint failed")), "reload"),
        (OverflowError("Python int too large to convert to SQLite INTEGER"), "too large"),
        (sa_exc.OperationalError("stmt", {}, Exception("database is locked")), "busy"),
    ]
    for raised, message in cases:
        with pytest.raises(StoreError, match=message):
            with database_errors():
                raise raised
    # A real one: the database itself refuses a value out of its range.
    p = store.create_profile("Me")
    with pytest.raises(StoreError):
        with store.transaction(p.id) as tx:
            tx._tx.get().execute(
                sa.text("UPDATE profiles SET revision = :v WHERE id = :p"), {"v": 2**70, "p": p.id}
            )
    assert store.revision(p.id) == 0
