"""Shared fixtures: a fresh database per test, reachable by the app through the environment.

A test module that sets ``pytestmark = pytest.mark.both_databases`` runs each of its tests that
use ``db_url`` (or ``store``) twice: on SQLite and on PostgreSQL. The PostgreSQL run needs a
server: ``COVERAGE_DIARY_TEST_PG_URL`` (``postgresql+psycopg://user@host:port/db``; .ci/run starts
a throwaway cluster and sets it); without it the PostgreSQL runs are skipped. Each PostgreSQL
test gets a database of its own, dropped afterwards. A test that only makes sense on SQLite says
so with ``@pytest.mark.sqlite_only``.

Slow property tests carry ``@pytest.mark.slow``: a default run skips them; ``--run-slow``, or the
``CI`` environment variable (``.ci/run`` sets it), runs them too.
"""

from __future__ import annotations

import os
import shutil
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from utils.store import ENV_URL, Store  # noqa: E402


def pytest_addoption(parser) -> None:
    parser.addoption(
        "--run-slow", action="store_true", help="also run the tests marked slow (CI does)"
    )


def _run_slow(config) -> bool:
    ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
    return ci or config.getoption("--run-slow") or "slow" in (config.getoption("-m") or "")


def pytest_collection_modifyitems(config, items) -> None:
    if _run_slow(config):
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow or CI=true (.ci/run does)")
    for item in items:
        if item.get_closest_marker("slow") is not None:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def session_clock(monkeypatch):
    """Every test (and the app code it runs) sees the same "now": tests/clock.py. The one clock
    is ``utils.core.entries.now`` (``utils.models.now`` reads and writes the same one)."""
    from tests import clock
    from utils.core import entries

    monkeypatch.setattr(entries, "now", lambda: clock.NOW)


PG_ENV = "COVERAGE_DIARY_TEST_PG_URL"
DATABASES = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc) -> None:
    if "db_url" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("both_databases") is None:
        return
    if metafunc.definition.get_closest_marker("sqlite_only") is not None:
        return
    metafunc.parametrize("db_url", DATABASES, indirect=True)


def pg_admin_url() -> str | None:
    return os.environ.get(PG_ENV, "").strip() or None


def make_pg_database() -> tuple[str, object]:
    """A new, empty PostgreSQL database: (its URL, a function that drops it)."""
    import sqlalchemy as sa

    base = sa.engine.make_url(pg_admin_url())
    name = f"cd_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()

    return base.set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture
def db_url(request, tmp_path, monkeypatch):
    which = getattr(request, "param", "sqlite")
    if which == "postgresql":
        if pg_admin_url() is None:
            pytest.skip(f"PostgreSQL run: set {PG_ENV} (.ci/run does)")
        url, drop = make_pg_database()
        monkeypatch.setenv(ENV_URL, url)
        yield url
        drop()
        return
    url = f"sqlite:///{tmp_path / 'diary.sqlite3'}"
    monkeypatch.setenv(ENV_URL, url)
    yield url


@pytest.fixture(scope="session")
def _empty_sqlite_store(tmp_path_factory) -> Path:
    """A SQLite database as ``Store`` creates it (every migration applied, no rows), made once
    per session: each test's ``store`` starts from a copy instead of running the migrations on
    a new file again (the same schema, without hundreds of schema builds and disk syncs)."""
    path = tmp_path_factory.mktemp("empty-store") / "diary.sqlite3"
    made = Store(f"sqlite:///{path}")
    made.engine.dispose()
    return path


@pytest.fixture
def store(db_url, request) -> Store:
    if db_url.startswith("sqlite:///"):
        target = Path(db_url.removeprefix("sqlite:///"))
        if not target.exists():  # a test that made the file itself keeps it
            shutil.copyfile(request.getfixturevalue("_empty_sqlite_store"), target)
    return Store(db_url)
