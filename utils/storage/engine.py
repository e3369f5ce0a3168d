"""The database engine: its URL, SQLite's pragmas, and the Alembic migrations runner."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event, text

ENV_URL = "COVERAGE_DIARY_DATABASE_URL"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The lock every process takes to create or migrate the schema (PostgreSQL advisory lock key).
MIGRATION_LOCK_KEY = 0x0C0DE_D1A7


def default_database_url() -> str:
    """The URL from the environment, or a SQLite file in the user's data directory."""
    url = os.environ.get(ENV_URL, "").strip()
    if url:
        return url
    folder = Path(user_data_dir("coverage-diary", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'diary.sqlite3'}"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 15, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            # SQLAlchemy, not the driver, starts transactions (below): a write can then take
            # the database's write lock at its start (BEGIN IMMEDIATE) instead of failing
            # with "database is locked" when it upgrades a read halfway.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA busy_timeout=15000")
            if ":memory:" not in url:
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Any) -> None:
            mode = conn.get_execution_options().get("sqlite_begin", "")
            conn.exec_driver_sql(f"BEGIN {mode}".strip())

        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the database schema up to ``revision`` (run at every start; cheap when current).

    Several processes may start at once: each takes a lock first (an advisory lock on
    PostgreSQL, SQLite's write lock), so one creates or migrates the schema and the others
    then find it current.
    """
    cfg = alembic_config()
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # A migration that rebuilds a table (SQLite cannot drop a constraint in place) drops
            # the old one: with foreign keys on, that would cascade to every entry. The pragma
            # only takes effect outside a transaction, so it is set on the driver's connection.
            conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.execution_options(sqlite_begin="EXCLUSIVE").begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
                    )
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration left dangling references: {broken[:3]}")
        finally:
            if sqlite:
                conn.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")
