"""Facade: the store lives in the ``utils.storage`` package (see ``utils/storage/store.py``).

The public names keep working from here: ``from utils.store import Store, StoreError``.
"""

from utils.storage.checks import (  # noqa: F401
    LOCAL_OWNER,
    MAX_INT,
    MAX_OWNER,
    REFERENCE_KINDS,
    check_owner,
    check_settings,
)
from utils.storage.engine import (  # noqa: F401
    ENV_URL,
    MIGRATION_LOCK_KEY,
    MIGRATIONS_DIR,
    alembic_config,
    default_database_url,
    make_engine,
    migrate,
)
from utils.storage.errors import StaleEntryError, StoreError, database_errors  # noqa: F401
from utils.storage.rows import HistoryItem, Profile, StoredEntry  # noqa: F401
from utils.storage.store import Store  # noqa: F401

__all__ = [
    "ENV_URL",
    "LOCAL_OWNER",
    "MAX_INT",
    "MAX_OWNER",
    "MIGRATIONS_DIR",
    "MIGRATION_LOCK_KEY",
    "REFERENCE_KINDS",
    "HistoryItem",
    "Profile",
    "StaleEntryError",
    "Store",
    "StoreError",
    "StoredEntry",
    "alembic_config",
    "check_owner",
    "check_settings",
    "database_errors",
    "default_database_url",
    "make_engine",
    "migrate",
]
