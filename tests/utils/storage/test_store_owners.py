"""Ownership: a store acting for owner B can neither read nor change owner A's profiles by id,
through any public store method; the refusal is the message a missing profile gets, so nothing
tells B that A's profile exists. Names, samples and the last-used profile are per owner.
Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest
import sqlalchemy as sa

from tests.utils.storage.test_store_isolation import attack, fill, snapshot
from utils import exchange as ex
from utils import sample
from utils.models import HeadacheCheckin
from utils.store import LOCAL_OWNER, Store, StoreError

pytestmark = pytest.mark.both_databases

ALICE = "https://idp.example/#alice"
BOB = "https://idp.example/#bob"
DAY = dt.date(2026, 10, 1)


def by_id_calls(store: Store, pid: int, ids: dict[str, int]):
    """(name, call) for every public store method that names a profile, aimed at ``pid``."""
    rows = [
        {
            "kind": "attack",
            "data": attack(4).model_dump(mode="json"),
            "recorded_at": dt.datetime(2026, 10, 1, 9),
            "updated_at": dt.datetime(2026, 10, 1, 9),
            "version": 1,
            "deleted_at": None,
            "source": "entered",
            "history": [],
        }
    ]

    def in_transaction():
        with store.transaction(pid):
            pass

    return [
        ("profile", lambda: store.profile(pid)),
        ("revision", lambda: store.revision(pid)),
        ("entries", lambda: store.entries(pid)),
        ("entries bin", lambda: store.entries(pid, deleted=True)),
        ("entries_refreshed", lambda: store.entries_refreshed(pid)),
        ("count", lambda: store.count(pid)),
        ("get", lambda: store.get(pid, ids["live"])),
        ("get bin", lambda: store.get(pid, ids["binned"], include_deleted=True)),
        ("history", lambda: store.history(pid, ids["edited"])),
        ("all_history", lambda: store.all_history(pid)),
        ("raw_rows", lambda: store.raw_rows(pid)),
        ("transaction", in_transaction),
        ("mark_used", lambda: store.mark_used(pid)),
        ("update_profile", lambda: store.update_profile(pid, name="Taken over")),
        ("add", lambda: store.add(pid, attack(2, DAY - dt.timedelta(days=5)))),
        ("add_many", lambda: store.add_many(pid, [(attack(3), None)])),
        ("update", lambda: store.update(pid, ids["live"], attack(9))),
        ("delete", lambda: store.delete(pid, ids["live"])),
        ("delete_many", lambda: store.delete_many(pid, [ids["live"]])),
        ("restore", lambda: store.restore(pid, ids["binned"])),
        ("empty_bin", lambda: store.empty_bin(pid)),
        ("bump", lambda: store.bump(pid)),
        ("restore_rows", lambda: store.restore_rows(pid, rows)),
        (
            "restore_profile",
            lambda: store.restore_profile("x", ["headache"], {}, rows, into=pid),
        ),
        ("delete_profile", lambda: store.delete_profile(pid)),
        ("import csv", lambda: ex.import_csv(store, pid, ex.csv_bytes("attack", []))),
    ]


# Methods that name no profile: each only sees or makes the acting owner's profiles.
SCOPED = {"profiles", "profile_by_name", "last_used", "create_profile", "for_owner"}


def test_every_method_refuses_another_owners_profile_as_if_missing(store: Store) -> None:
    alice = store.for_owner(ALICE)
    bob = store.for_owner(BOB)
    a = alice.create_profile("Diary").id
    ids = fill(alice, a)
    alice.mark_used(a)
    with store.engine.connect() as conn:
        missing = conn.execute(sa.text("SELECT max(id) FROM profiles")).scalar() + 1000
    before = snapshot(store, a)
    for name, call in by_id_calls(bob, a, ids):
        with pytest.raises(StoreError) as refused:
            call()
        assert snapshot(store, a) == before, f"{name} changed another owner's profile"
        # The same call on a profile id nobody has gives the same words (with its id).
        missing_call = dict(by_id_calls(bob, missing, ids))[name]
        with pytest.raises(StoreError) as absent:
            missing_call()
        assert str(refused.value) == str(absent.value).replace(str(missing), str(a)), name
        assert "Diary" not in str(refused.value)
    # Alice herself still reads her profile, unchanged.
    assert alice.profile(a).name == "Diary" and alice.count(a) == store.for_owner(ALICE).count(a)


def test_scoped_methods_see_only_the_owners_profiles(store: Store) -> None:
    alice = store.for_owner(ALICE)
    bob = store.for_owner(BOB)
    a = alice.create_profile("Me").id
    alice.mark_used(a)
    assert bob.profiles() == [] and bob.last_used() is None
    assert bob.profile_by_name("Me") is None
    # Names are unique per owner only: Bob may call his diary "Me" too, Alice may not twice.
    b = bob.create_profile("Me").id
    with pytest.raises(StoreError, match="exists already"):
        alice.create_profile("Me")
    with pytest.raises(StoreError, match="exists already"):
        bob.update_profile(bob.create_profile("Other").id, name="Me")
    assert [p.id for p in alice.profiles()] == [a]
    assert {p.name for p in bob.profiles()} == {"Me", "Other"}
    assert bob.profile_by_name("Me").id == b and alice.profile_by_name("Me").id == a
    # Last used per owner.
    bob.mark_used(b)
    assert alice.last_used().id == a and bob.last_used().id == b
    # Local mode's owner sees neither.
    assert store.owner == LOCAL_OWNER and store.profiles() == []


def test_samples_and_backups_are_per_owner(store: Store) -> None:
    alice = store.for_owner(ALICE)
    bob = store.for_owner(BOB)
    mine = sample.load_sample(alice, "jaw", days=20)
    theirs = sample.load_sample(bob, "jaw", days=20)
    assert mine.id != theirs.id and mine.name == theirs.name
    assert sample.remove_sample(bob, "jaw")
    assert alice.profile(mine.id).is_sample and bob.profiles() == []
    # A backup restored by Bob lands in a profile of Bob's, never into Alice's.
    backup = ex.backup_bytes(alice, mine.id)
    with pytest.raises(StoreError, match=f"no profile with id {mine.id}"):
        ex.restore_backup(bob, backup, into=mine.id)
    copy = ex.restore_backup(bob, backup, name="Copy")
    assert bob.count(copy.id) == alice.count(mine.id)
    assert [p.id for p in alice.profiles()] == [mine.id]


def test_entry_ids_of_another_owner_cannot_be_reached_through_own_profile(store: Store) -> None:
    alice = store.for_owner(ALICE)
    bob = store.for_owner(BOB)
    a = alice.create_profile("A").id
    entry = alice.add(a, HeadacheCheckin(date=DAY))
    b = bob.create_profile("B").id
    for call in (
        lambda: bob.get(b, entry),
        lambda: bob.update(b, entry, HeadacheCheckin(date=DAY, notes="x")),
        lambda: bob.delete(b, entry),
        lambda: bob.history(b, entry),
    ):
        with pytest.raises(StoreError, match="does not exist in this profile"):
            call()
    assert alice.get(a, entry).version == 1


def test_the_owner_harness_covers_every_public_method(store: Store) -> None:
    public = {n for n, f in inspect.getmembers(Store, inspect.isfunction) if not n.startswith("_")}
    covered = {n.split()[0] for n, _ in by_id_calls(store, 1, {})} | SCOPED
    assert public <= covered, f"add to the owner harness: {public - covered}"


@pytest.mark.parametrize("owner", ["", " ", "x" * 401, "a\nb", None])
def test_an_owner_must_be_plain_text(store: Store, owner) -> None:
    with pytest.raises(StoreError):
        store.for_owner(owner)


def test_migration_gives_existing_profiles_the_local_owner(db_url) -> None:
    from utils.store import make_engine, migrate

    engine = make_engine(db_url)
    migrate(engine, "0003_last_profile")
    now = dt.datetime(2026, 10, 2, 9, 0)
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO profiles (id, name, conditions, settings, is_sample, created_at, "
                "revision) VALUES (7, 'Old', '[\"headache\"]', '{}', false, :t, 3)"
            ),
            {"t": now},
        )
        conn.execute(
            sa.text(
                "INSERT INTO entries (profile_id, kind, day, data, recorded_at, updated_at, "
                "version) VALUES (7, 'headache_checkin', '2026-10-01', :d, :t, :t, 1)"
            ),
            {"d": '{"date": "2026-10-01", "notes": "kept"}', "t": now},
        )
    engine.dispose()
    store = Store(db_url)  # upgrades to head on open
    assert [p.name for p in store.profiles()] == ["Old"]
    assert store.entries(7)[0].entry.notes == "kept" and store.revision(7) == 3
    with pytest.raises(StoreError, match="no profile with id 7"):
        store.for_owner(ALICE).entries(7)
    # The old database-wide unique name is gone; the per-owner one holds.
    store.for_owner(ALICE).create_profile("Old")
    with pytest.raises(StoreError, match="exists already"):
        store.create_profile("Old")
    store.engine.dispose()


def test_cli_owner_option_reads_and_writes_only_that_owners_profiles(db_url, capsys) -> None:
    from utils.cli import main

    assert main(["--owner", ALICE, "sample", "load", "jaw"]) == 0
    name = sample.SAMPLES["jaw"].name
    capsys.readouterr()
    assert main(["--owner", BOB, "summary", "--profile", name]) == 1
    assert f"There is no profile named '{name}'" in capsys.readouterr().err
    assert main(["summary", "--profile", name]) == 1  # the local user has none either
    capsys.readouterr()
    assert main(["--owner", ALICE, "summary", "--profile", name, "--compact"]) == 0
    assert '"name": ' in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--owner", "", "summary", "--profile", name])


class _NoSessionState:
    """Stands in for st.session_state: any use fails the test."""

    def __getattr__(self, name):
        raise AssertionError(f"a cached function used session state ({name})")

    def __getitem__(self, key):
        raise AssertionError(f"a cached function read session state ({key})")

    def __contains__(self, key):
        raise AssertionError(f"a cached function read session state ({key})")

    def get(self, key, default=None):
        raise AssertionError(f"a cached function read session state ({key})")


def test_shared_caches_take_the_owner_and_never_read_session_state(store, monkeypatch) -> None:
    import streamlit as st

    from utils import cached, ui

    alice = store.for_owner(ALICE)
    profile = sample.load_sample(alice, "jaw", days=20)
    monkeypatch.setattr(st, "session_state", _NoSessionState())
    monkeypatch.setattr(ui.st, "session_state", _NoSessionState())
    start, end = DAY - dt.timedelta(days=30), DAY
    args = (
        store.url,
        profile.id,
        alice.revision(profile.id),
        start,
        end,
        cached.settings_key(profile.settings),
        tuple(profile.conditions),
        dt.datetime(2026, 10, 1, 9),
        profile,
        ALICE,
    )
    monkeypatch.setattr(ui, "_store_for", lambda url: store)
    rows = ui._entries_for.__wrapped__(store.url, profile.id, args[2], ALICE)
    assert len(rows) == alice.count(profile.id) and isinstance(rows, tuple)
    evidence = cached._evidence.__wrapped__(*args)
    assert evidence is not None
    # The same call for another owner is refused: the cache key's owner is checked, too.
    with pytest.raises(StoreError, match=f"no profile with id {profile.id}"):
        ui._entries_for.__wrapped__(store.url, profile.id, args[2], BOB)
