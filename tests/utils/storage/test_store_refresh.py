"""``Store.entries_refreshed``: after a save, only the rows changed since the previous read are
read again, and the result is always what a full ``entries()`` read gives (same ids, versions,
order and data). Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import itertools
import threading

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from utils.models import Attack, HeadacheCheckin
from utils.storage import entries as entries_module
from utils.storage.rows import EntriesRead
from utils.store import Store

pytestmark = pytest.mark.both_databases

DAY = dt.date(2026, 10, 1)
NAMES = itertools.count()


def attack(pain: int = 5, back: int = 0) -> Attack:
    return Attack(
        start_date=DAY - dt.timedelta(days=back),
        start_time=dt.time(8, 0),
        duration_minutes=60,
        pain=pain,
    )


def assert_current(store: Store, pid: int, got: EntriesRead) -> None:
    """``got`` is exactly a full read made now."""
    assert isinstance(got, EntriesRead)
    full = store.entries(pid)
    assert list(got.rows) == full
    assert [(r.id, r.version) for r in got.rows] == [(r.id, r.version) for r in full]
    assert got.revision == store.revision(pid)


def assert_reused(before: EntriesRead, after: EntriesRead, touched: set[int] = frozenset()) -> None:
    """Every row of ``before`` that no save touched since is the very object ``before`` held."""
    old = {r.id: r for r in before.rows}
    for r in after.rows:
        if r.id in old and r.id not in touched:
            assert r is old[r.id], r.id


def test_refresh_reads_only_what_changed_and_reuses_the_rest(store: Store, monkeypatch) -> None:
    p = store.create_profile("Me", ["headache"])
    other = store.create_profile("Other", ["headache"])
    store.add(other.id, attack(3))
    ids = [store.add(p.id, attack(back=i)) for i in range(6)]
    first = store.entries_refreshed(p.id)  # no earlier read: a full read
    assert_current(store, p.id, first)

    parsed: list[int] = []
    real = entries_module._stored_entry

    def counting(r):
        parsed.append(r.id)
        return real(r)

    monkeypatch.setattr(entries_module, "_stored_entry", counting)
    again = store.entries_refreshed(p.id, first)
    assert again.rows is first.rows and parsed == []  # nothing changed: nothing read

    store.update(p.id, ids[0], attack(pain=9, back=20))  # moves to the start
    store.delete(p.id, ids[1])
    new = store.add(p.id, HeadacheCheckin(date=DAY - dt.timedelta(days=3)))
    store.add(other.id, attack(4))  # another profile's save is not read
    refreshed = store.entries_refreshed(p.id, first)
    assert sorted(parsed) == sorted([ids[0], new])  # the edit and the new entry, nothing else
    assert_current(store, p.id, refreshed)
    assert refreshed.rows[0].id == ids[0] and refreshed.rows[0].entry.pain == 9
    assert ids[1] not in {r.id for r in refreshed.rows}
    assert_reused(first, refreshed, {ids[0]})
    assert sum(r is o for r in refreshed.rows for o in first.rows) == 4

    parsed.clear()
    store.restore(p.id, ids[1])  # back from the bin
    back = store.entries_refreshed(p.id, refreshed)
    assert parsed == [ids[1]]
    assert_current(store, p.id, back)


def test_emptying_the_bin_and_reusing_ids_reads_everything_again(store: Store) -> None:
    p = store.create_profile("Me", ["headache"])
    ids = [store.add(p.id, attack(pain=i + 1, back=i)) for i in range(4)]
    before = store.entries_refreshed(p.id)
    for eid in ids[2:]:
        store.delete(p.id, eid)
    store.empty_bin(p.id)  # the rows are gone: no change to read from
    again = store.add(p.id, attack(pain=10))  # SQLite may give it a freed id
    got = store.entries_refreshed(p.id, before)
    assert_current(store, p.id, got)
    assert [r.entry.pain for r in got.rows if r.id == again] == [10]


def test_a_read_of_a_deleted_and_recreated_profile_is_never_reused(store: Store) -> None:
    p = store.create_profile("Me", ["headache"])
    for i in range(3):
        store.add(p.id, attack(pain=i + 1, back=i))
    before = store.entries_refreshed(p.id)
    store.delete_profile(p.id)
    q = store.create_profile("New", ["headache"])  # SQLite may give it the same id
    for i in range(5):  # its revision passes the old read's
        store.add(q.id, attack(pain=9, back=30 + i))
    if q.id == p.id:
        assert_current(store, q.id, store.entries_refreshed(q.id, before))
    assert_current(store, q.id, store.entries_refreshed(q.id))


def test_a_read_newer_than_the_profile_reads_everything_again(store: Store) -> None:
    p = store.create_profile("Me", ["headache"])
    store.add(p.id, attack())
    read = store.entries_refreshed(p.id)
    future = EntriesRead(rows=(), revision=read.revision + 5, epoch=read.epoch)
    assert_current(store, p.id, store.entries_refreshed(p.id, future))


def test_a_restored_backup_reads_everything_again(store: Store) -> None:
    p = store.create_profile("Me", ["headache"])
    ids = [store.add(p.id, attack(pain=i + 1, back=i)) for i in range(3)]
    store.delete(p.id, ids[0])
    target = store.create_profile("Copy", ["headache"])
    before = store.entries_refreshed(target.id)
    rows = [
        {
            "kind": r["kind"],
            "data": r["data"],
            "recorded_at": dt.datetime.fromisoformat(r["recorded_at"]),
            "updated_at": dt.datetime.fromisoformat(r["updated_at"]),
            "version": r["version"],
            "deleted_at": r["deleted_at"] and dt.datetime.fromisoformat(r["deleted_at"]),
            "source": r["source"],
            "history": [],
        }
        for r in store.raw_rows(p.id)
    ]
    store.restore_rows(target.id, rows)
    got = store.entries_refreshed(target.id, before)
    assert_current(store, target.id, got)
    assert len(got.rows) == 2


def test_a_write_that_lands_during_the_read_is_never_lost(store: Store) -> None:
    """Another window saves while the refresh reads: that save shows now or in the next read,
    and a bin emptied meanwhile never leaves a binned row in the result."""
    p = store.create_profile("Me", ["headache"])
    ids = [store.add(p.id, attack(pain=i + 1, back=i)) for i in range(4)]
    before = store.entries_refreshed(p.id)
    store.delete(p.id, ids[0])
    fired = []

    def other_window(conn, cursor, statement, params, context, executemany) -> None:
        if fired or threading.current_thread() is not main or "changed_rev >" not in statement:
            return
        fired.append(True)

        def write() -> None:
            store.empty_bin(p.id)
            store.add(p.id, attack(pain=9, back=10))

        t = threading.Thread(target=write)
        t.start()
        t.join()

    main = threading.current_thread()
    sa.event.listen(store.engine, "before_cursor_execute", other_window)
    try:
        during = store.entries_refreshed(p.id, before)
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", other_window)
    assert fired
    assert ids[0] not in {r.id for r in during.rows}
    assert during.revision <= store.revision(p.id)
    # Whatever the read saw, refreshing from it now gives the current diary.
    assert_current(store, p.id, store.entries_refreshed(p.id, during))


OPS = st.lists(
    st.tuples(
        st.sampled_from(
            ["add", "bulk", "edit", "move", "delete", "restore", "empty", "import", "bump", "tx"]
        ),
        st.integers(0, 50),
        st.booleans(),
    ),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=OPS)
def test_any_sequence_of_saves_refreshes_to_a_full_read(store: Store, ops) -> None:
    p = store.create_profile(f"P{next(NAMES)}", ["headache"])
    for i in range(3):
        store.add(p.id, attack(pain=i + 1, back=i))
    reads = [store.entries_refreshed(p.id)]
    reset = 0  # index of the first read made after the last empty bin
    touched: set[int] = set()  # entries saved since the latest read
    for op, n, refresh_now in ops:
        live = [r.id for r in store.entries(p.id)]
        binned = [r.id for r in store.entries(p.id, deleted=True)]
        pick = live[n % len(live)] if live else None
        if op in ("edit", "move", "delete", "tx"):
            touched.add(pick)
        elif op == "restore" and binned:
            touched.add(binned[n % len(binned)])
        if op == "add":
            store.add(p.id, attack(pain=n % 10 + 1, back=n))
        elif op == "bulk":
            store.add_many(p.id, [(attack(pain=1, back=n + k), None) for k in range(3)])
        elif op == "import":
            store.add_many(
                p.id, [(HeadacheCheckin(date=DAY - dt.timedelta(days=n)), None)], source="imported"
            )
        elif op in ("edit", "move") and live:
            if store.get(p.id, pick).kind == "attack":
                store.update(p.id, pick, attack(pain=n % 10 + 1, back=n if op == "move" else 0))
        elif op == "delete" and live:
            store.delete(p.id, pick)
        elif op == "restore" and binned:
            store.restore(p.id, binned[n % len(binned)])
        elif op == "empty":
            if store.empty_bin(p.id):
                reset = len(reads)
        elif op == "bump":
            store.bump(p.id)
        elif op == "tx" and live:
            with store.transaction(p.id):
                store.add(p.id, attack(pain=2, back=n))
                store.delete(p.id, pick)
        # Refresh from the latest read and from an older one: both give a full read's rows.
        latest = store.entries_refreshed(p.id, reads[-1])
        assert_current(store, p.id, latest)
        if len(reads) - 1 >= reset:
            assert_reused(reads[-1], latest, touched)
        older = store.entries_refreshed(p.id, reads[n % len(reads)])
        assert_current(store, p.id, older)
        if refresh_now:
            reads.append(latest)
            touched.clear()


def test_upgrade_gives_old_rows_a_change_revision_and_refresh_works(db_url) -> None:
    from utils.store import make_engine, migrate

    engine = make_engine(db_url)
    migrate(engine, "0004_owner")
    now = dt.datetime(2026, 10, 2, 9, 0)
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO profiles (id, owner, name, conditions, settings, is_sample, "
                "created_at, revision) VALUES (7, 'local', 'Old', '[\"headache\"]', '{}', false, "
                ":t, 12)"
            ),
            {"t": now},
        )
        for i, day in enumerate(["2026-10-01", "2026-09-30", "2026-09-29"]):
            conn.execute(
                sa.text(
                    "INSERT INTO entries (id, profile_id, kind, day, data, recorded_at, "
                    "updated_at, version, source) VALUES "
                    "(:id, 7, 'headache_checkin', :day, :d, :t, :t, 1, 'entered')"
                ),
                {"id": 40 + i, "day": day, "d": f'{{"date": "{day}", "notes": "n{i}"}}', "t": now},
            )
    engine.dispose()
    store = Store(db_url)  # upgrades to head on open
    first = store.entries_refreshed(7)
    assert_current(store, 7, first)
    assert [r.id for r in first.rows] == [42, 41, 40]
    store.update(7, 41, HeadacheCheckin(date=dt.date(2026, 9, 30), notes="changed"))
    got = store.entries_refreshed(7, first)
    assert_current(store, 7, got)
    assert got.rows[0] is first.rows[0] and got.rows[2] is first.rows[2]
    assert got.rows[1].entry.notes == "changed"
    index = {i["name"]: i["column_names"] for i in sa.inspect(store.engine).get_indexes("entries")}
    assert index["ix_entries_profile_changed"] == ["profile_id", "changed_rev"]
