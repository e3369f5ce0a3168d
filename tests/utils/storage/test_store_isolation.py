"""Store isolation harness: every write method run on profile A leaves profile B (its row, its
entries, its bin and its history) byte-for-byte unchanged. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest
import sqlalchemy as sa

from utils import exchange as ex
from utils import sample
from utils.models import Attack, BotoxSession, HeadacheCheckin, SideEffect
from utils.store import Store, StoreError

pytestmark = pytest.mark.both_databases

DAY = dt.date(2026, 10, 1)

READS = {
    "profiles",
    "profile",
    "profile_by_name",
    "revision",
    "get",
    "entries",
    "entries_refreshed",
    "count",
    "history",
    "all_history",
    "raw_rows",
    "transaction",
    "last_used",
    "for_owner",
}


def attack(pain: int = 5, day: dt.date = DAY) -> Attack:
    return Attack(start_date=day, start_time=dt.time(8, 0), duration_minutes=60, pain=pain)


def fill(store: Store, profile_id: int) -> dict[str, int]:
    """A profile with live, edited, binned and linked entries (history of each action)."""
    live = store.add(profile_id, attack(5))
    edited = store.add(profile_id, attack(6, DAY - dt.timedelta(days=1)))
    store.update(profile_id, edited, attack(7, DAY - dt.timedelta(days=1)))
    binned = store.add(profile_id, HeadacheCheckin(date=DAY - dt.timedelta(days=2)))
    store.delete(profile_id, binned)
    back = store.add(profile_id, HeadacheCheckin(date=DAY - dt.timedelta(days=3)))
    store.delete(profile_id, back)
    store.restore(profile_id, back)
    session = store.add(
        profile_id, BotoxSession(date=DAY, condition="headache", units=155, areas=["corrugator"])
    )
    store.add(profile_id, SideEffect(start=DAY, effect="sore", severity="mild", session_id=session))
    store.update_profile(profile_id, settings={"thresholds": {"history_months": 6}})
    return {"live": live, "edited": edited, "binned": binned, "session": session}


def snapshot(store: Store, profile_id: int) -> list:
    """Every column of the profile's row, entries (bin included) and history, as stored."""
    out = []
    with store.engine.connect() as conn:
        for table, key in (
            ("profiles", "id"),
            ("entries", "profile_id"),
            ("entry_history", "profile_id"),
        ):
            rows = conn.execute(
                sa.text(f"SELECT * FROM {table} WHERE {key} = :p ORDER BY id"), {"p": profile_id}
            )
            out.append((table, [tuple(map(repr, r)) for r in rows]))
    return out


def writes(store: Store, a: int, ids: dict[str, int]):
    """(name, call) for every write the store offers, each aimed at profile A."""
    backup = ex.backup_bytes(store, a)
    csv = ex.csv_bytes("attack", store.entries(a))
    rows = [
        {
            **r,
            "day": dt.date.fromisoformat(r["day"]),
            "recorded_at": dt.datetime.fromisoformat(r["recorded_at"]),
            "updated_at": dt.datetime.fromisoformat(r["updated_at"]),
            "deleted_at": None,
            "history": [],
        }
        for r in store.raw_rows(a)
        if r["kind"] == "attack"
    ]

    def restore_into_empty():
        empty = store.create_profile("Empty A")
        store.restore_rows(empty.id, rows)
        store.restore_profile("ignored", ["headache"], {}, [], into=store.create_profile("E2").id)

    def failing_transaction():
        with pytest.raises(RuntimeError):
            with store.transaction(a):
                store.add(a, attack(1, DAY - dt.timedelta(days=9)))
                raise RuntimeError("crash")

    return [
        ("create_profile", lambda: store.create_profile("Another")),
        ("mark_used", lambda: store.mark_used(a)),
        (
            "update_profile",
            lambda: store.update_profile(
                a, name="A2", conditions=["headache", "jaw"], settings={"k": 1}
            ),
        ),
        ("add", lambda: store.add(a, attack(2, DAY - dt.timedelta(days=5)))),
        ("add_many", lambda: store.add_many(a, [(attack(3, DAY - dt.timedelta(days=6)), None)])),
        (
            "add one_per_day refused",
            lambda: pytest.raises(
                StoreError,
                store.add,
                a,
                HeadacheCheckin(date=DAY - dt.timedelta(days=3)),
                one_per_day=True,
            ),
        ),
        ("update", lambda: store.update(a, ids["live"], attack(9))),
        (
            "update stale refused",
            lambda: pytest.raises(
                StoreError, store.update, a, ids["live"], attack(1), expected_version=1
            ),
        ),
        ("delete", lambda: store.delete(a, ids["edited"])),
        ("delete_many", lambda: store.delete_many(a, [ids["live"]])),
        ("restore", lambda: store.restore(a, ids["binned"])),
        ("empty_bin", lambda: store.empty_bin(a)),
        ("bump", lambda: store.bump(a)),
        ("restore_rows/restore_profile", restore_into_empty),
        ("restore backup", lambda: ex.restore_backup(store, backup, name="Copy of A")),
        ("import csv", lambda: ex.import_csv(store, a, csv)),
        ("load sample", lambda: sample.load_sample(store, "jaw", days=20)),
        ("failing transaction", failing_transaction),
        ("delete_profile", lambda: store.delete_profile(a)),
    ]


def test_every_write_on_one_profile_leaves_the_other_untouched(store: Store) -> None:
    a = store.create_profile("A").id
    b = store.create_profile("B").id
    ids = fill(store, a)
    fill(store, b)
    before = snapshot(store, b)
    assert all(rows for _, rows in before)
    done = []
    for name, call in writes(store, a, ids):
        call()
        assert snapshot(store, b) == before, f"{name} changed profile B"
        done.append(name)
    assert store.profile_by_name("A2") is None  # the last write deleted A


def test_the_harness_covers_every_write_method(store: Store) -> None:
    public = {n for n, f in inspect.getmembers(Store, inspect.isfunction) if not n.startswith("_")}
    a = store.create_profile("A").id
    covered = {
        name.split()[0] for name, _ in writes(store, a, {"live": 0, "edited": 0, "binned": 0})
    }
    covered |= {"restore_rows", "restore_profile"}
    assert public - READS <= covered, f"add to the harness: {public - READS - covered}"
