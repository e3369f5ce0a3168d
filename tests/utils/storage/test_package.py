"""The storage package: the old ``utils.store`` names, the Store's public API, the migrations."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory

from utils import schema, store
from utils.storage import engine
from utils.storage import schema as storage_schema
from utils.storage.store import Store

ROOT = Path(__file__).resolve().parents[3]

# The public API of Store before the package split (utils/store.py, one class): its methods
# and the ``owner`` field (``url`` has a default factory, so it is no class attribute).
STORE_API = {
    "add",
    "add_many",
    "all_history",
    "bump",
    "count",
    "create_profile",
    "delete",
    "delete_many",
    "delete_profile",
    "empty_bin",
    "entries",
    "entries_refreshed",
    "for_owner",
    "get",
    "history",
    "last_used",
    "mark_used",
    "owner",
    "profile",
    "profile_by_name",
    "profiles",
    "raw_rows",
    "restore",
    "restore_profile",
    "restore_rows",
    "revision",
    "transaction",
    "update",
    "update_profile",
}


def test_the_facade_gives_the_package_objects() -> None:
    from utils.storage import checks, errors, rows

    homes = [checks, engine, errors, rows]
    for name in store.__all__:
        if name == "Store":
            continue
        found = [m for m in homes if name in vars(m)]
        assert found and getattr(store, name) is getattr(found[0], name), name
    assert store.Store is Store
    assert schema.EntryRow is storage_schema.EntryRow
    assert store.migrate is engine.migrate


def test_store_keeps_its_public_api() -> None:
    public = {n for n in dir(Store) if not n.startswith("_")}
    assert public == STORE_API


def test_no_storage_module_is_longer_than_500_lines() -> None:
    for path in (ROOT / "utils" / "storage").glob("*.py"):
        assert len(path.read_text().splitlines()) <= 500, path.name


def test_the_migrations_live_in_the_package_and_reach_the_tables(tmp_path) -> None:
    scripts = ScriptDirectory.from_config(engine.alembic_config())
    assert Path(scripts.dir) == ROOT / "utils" / "storage" / "migrations"
    assert scripts.get_heads() == ["0005_entry_changes"]
    eng = engine.make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    engine.migrate(eng, "0002")
    assert "owner" not in {c["name"] for c in sa.inspect(eng).get_columns("profiles")}
    engine.migrate(eng)
    cols = {c["name"] for c in sa.inspect(eng).get_columns("profiles")}
    assert {"owner", "last_used_at"} <= cols
    assert set(sa.inspect(eng).get_table_names()) >= set(storage_schema.Base.metadata.tables)
    eng.dispose()


def test_a_store_from_the_facade_and_one_from_the_package_share_a_database(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    made = store.Store(url).create_profile("Ann")
    assert [p.name for p in Store(url).profiles()] == ["Ann"]
    with pytest.raises(store.StoreError, match="exists already"):
        Store(url).create_profile("Ann")
    assert made.id == Store(url).profile_by_name("Ann").id
