"""Storage: profile isolation, history, bin, transactions, migrations."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from utils.models import Attack, EntryError, HeadacheCheckin
from utils.store import Store, StoreError, make_engine, migrate

pytestmark = pytest.mark.both_databases

DAY = dt.date(2026, 10, 1)


def attack(**kw) -> Attack:
    base = dict(start_date=DAY, start_time=dt.time(8, 0), duration_minutes=240, pain=6)
    base.update(kw)
    return Attack(**base)


def test_profiles_never_see_each_others_rows(store: Store) -> None:
    a = store.create_profile("A")
    b = store.create_profile("B", ["headache", "sweating"])
    ida = store.add(a.id, attack())
    store.add(b.id, HeadacheCheckin(date=DAY))
    assert [r.kind for r in store.entries(a.id)] == ["attack"]
    assert [r.kind for r in store.entries(b.id)] == ["headache_checkin"]
    # Reaching another profile's entry through its id is refused.
    with pytest.raises(StoreError):
        store.get(b.id, ida)
    with pytest.raises(StoreError):
        store.update(b.id, ida, attack(pain=2))
    with pytest.raises(StoreError):
        store.delete(b.id, ida)
    with pytest.raises(StoreError):
        store.history(b.id, ida)
    assert store.get(a.id, ida).entry.pain == 6


def test_profile_names_unique_and_conditions_checked(store: Store) -> None:
    store.create_profile("Me")
    with pytest.raises(StoreError, match="exists already"):
        store.create_profile("Me")
    with pytest.raises(StoreError, match="unknown condition"):
        store.create_profile("X", ["knees"])
    with pytest.raises(StoreError, match="name"):
        store.create_profile("   ")


def test_entry_records_day_and_time_recorded(store: Store) -> None:
    p = store.create_profile("Me")
    when = dt.datetime(2026, 10, 4, 20, 0)
    eid = store.add(p.id, attack(), recorded_at=when)
    row = store.get(p.id, eid)
    assert row.day == DAY
    assert row.recorded_at == when
    assert row.late_days == 3


def test_edit_keeps_previous_version(store: Store) -> None:
    p = store.create_profile("Me")
    eid = store.add(p.id, attack(pain=6))
    store.update(p.id, eid, attack(pain=8))
    store.update(p.id, eid, attack(pain=9, start_date=DAY - dt.timedelta(days=1)))
    row = store.get(p.id, eid)
    assert row.version == 3 and row.entry.pain == 9 and row.day == DAY - dt.timedelta(days=1)
    hist = store.history(p.id, eid)
    assert [(h.version, h.data["pain"], h.action) for h in hist] == [
        (1, 6, "update"),
        (2, 8, "update"),
    ]


def test_delete_goes_to_bin_and_restores(store: Store) -> None:
    p = store.create_profile("Me")
    eid = store.add(p.id, attack())
    store.delete(p.id, eid)
    assert store.entries(p.id) == []
    assert [r.id for r in store.entries(p.id, deleted=True)] == [eid]
    store.restore(p.id, eid)
    assert [r.id for r in store.entries(p.id)] == [eid]
    store.delete(p.id, eid)
    assert store.empty_bin(p.id) == 1
    assert store.entries(p.id, deleted=True) == []
    with pytest.raises(StoreError):
        store.restore(p.id, eid)


def test_bad_entry_in_batch_saves_nothing(store: Store) -> None:
    p = store.create_profile("Me")
    good = attack()
    bad = attack()
    bad.pain = 14  # bypasses construction-time checks; the store validates again
    with pytest.raises(EntryError):
        store.add_many(p.id, [(good, None), (bad, None)])
    assert store.entries(p.id) == []
    assert store.revision(p.id) == 0


def test_update_with_invalid_entry_changes_nothing(store: Store) -> None:
    p = store.create_profile("Me")
    eid = store.add(p.id, attack(pain=6))
    bad = attack()
    bad.notes = "x" * 5000
    with pytest.raises(EntryError, match="too long"):
        store.update(p.id, eid, bad)
    row = store.get(p.id, eid)
    assert row.version == 1 and row.entry.notes == ""
    assert store.history(p.id, eid) == []


def test_revision_changes_on_every_write(store: Store) -> None:
    p = store.create_profile("Me")
    r0 = store.revision(p.id)
    eid = store.add(p.id, attack())
    r1 = store.revision(p.id)
    store.update(p.id, eid, attack(pain=1))
    r2 = store.revision(p.id)
    store.delete(p.id, eid)
    r3 = store.revision(p.id)
    assert r0 < r1 < r2 < r3


def test_delete_profile_removes_its_rows_only(store: Store) -> None:
    a = store.create_profile("A")
    b = store.create_profile("B")
    store.add(a.id, attack())
    store.add(b.id, attack())
    store.delete_profile(a.id)
    assert [p.name for p in store.profiles()] == ["B"]
    assert len(store.entries(b.id)) == 1


@pytest.mark.sqlite_only
def test_sqlite_uses_wal_and_busy_timeout(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar().lower() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15000


def test_upgrade_from_first_migration_keeps_rows(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = make_engine(url)
    migrate(engine, "0001")
    now = dt.datetime(2026, 10, 2, 9, 0)
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO profiles (id, name, conditions, settings, is_sample, created_at, revision)"
                " VALUES (1, 'Old', '[\"headache\"]', '{}', 0, :t, 3)"
            ),
            {"t": now},
        )
        conn.execute(
            sa.text(
                "INSERT INTO entries (profile_id, kind, day, data, recorded_at, updated_at, version)"
                " VALUES (1, 'headache_checkin', '2026-10-01', :d, :t, :t, 1)"
            ),
            {"d": '{"date": "2026-10-01", "notes": "kept"}', "t": now},
        )
        cols = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(entries)")]
        assert "source" not in cols
    engine.dispose()
    store = Store(url)  # upgrades to head on open
    rows = store.entries(1)
    assert len(rows) == 1
    assert rows[0].entry.notes == "kept" and rows[0].source == "entered"
    assert rows[0].recorded_at == now
    with store.engine.connect() as conn:
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    assert version == "0005_entry_changes"
    assert store.profiles()[0].name == "Old" and store.last_used() is None


def test_last_used_profile_is_remembered(store) -> None:
    a = store.create_profile("A")
    b = store.create_profile("B")
    assert store.last_used() is None
    store.mark_used(b.id)
    assert store.last_used().id == b.id
    store.mark_used(a.id)
    assert store.last_used().id == a.id
    # Remembering a choice is not a change to the diary.
    assert store.revision(a.id) == 0


def test_database_url_from_environment(monkeypatch, tmp_path) -> None:
    from utils.store import ENV_URL, default_database_url

    monkeypatch.setenv(ENV_URL, "sqlite:///" + str(tmp_path / "x.db"))
    assert default_database_url().endswith("x.db")
    monkeypatch.delenv(ENV_URL)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_database_url().startswith("sqlite:///")
    assert "coverage-diary" in default_database_url()


def test_all_history_matches_per_entry_history(store: Store) -> None:
    a = store.create_profile("A")
    b = store.create_profile("B")
    e1 = store.add(a.id, attack(pain=1))
    e2 = store.add(a.id, attack(pain=2))
    other = store.add(b.id, attack(pain=3))
    store.update(a.id, e1, attack(pain=4))
    store.update(a.id, e1, attack(pain=5))
    store.delete(a.id, e2)
    store.update(b.id, other, attack(pain=6))
    everything = store.all_history(a.id)
    assert set(everything) == {e1, e2}
    assert everything[e1] == store.history(a.id, e1)
    assert [h.action for h in everything[e2]] == ["delete"]


def test_an_entry_saved_where_it_is_already_tomorrow_still_reads(store: Store, monkeypatch) -> None:
    """A day saved by someone whose clock is ahead (a hosted user east of the server, or a run
    that crosses midnight) is stored data: reading it never fails as "in the future". Saving a
    day after today is still refused."""
    from utils import models

    p = store.create_profile("Me")
    today = dt.datetime(2026, 11, 30, 0, 5)
    monkeypatch.setattr(models, "now", lambda: today)
    store.add(
        p.id,
        attack(
            start_date=today.date(), start_time=dt.time(0, 0), duration_minutes=None, ongoing=True
        ),
    )
    store.add(p.id, HeadacheCheckin(date=today.date()))
    monkeypatch.setattr(models, "now", lambda: today - dt.timedelta(hours=1))  # the reader's clock
    assert sorted(r.kind for r in store.entries(p.id)) == ["attack", "headache_checkin"]
    assert len(store.entries_refreshed(p.id).rows) == 2
    with pytest.raises(EntryError, match="in the future"):
        models.parse_entry("headache_checkin", {"date": today.date().isoformat()})
