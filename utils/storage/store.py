"""The ``Store``: the only object that talks to the database.

Every public method takes the profile id and filters on it, so no call can return another
profile's rows. Every write runs in one transaction: it either happens whole or not at all.
Edits and deletes first copy the previous version into ``entry_history``.

Concurrency (two browser tabs, the CLI next to the app): counters are incremented in SQL, a
write locks its profile first (``SELECT ... FOR UPDATE`` on PostgreSQL, ``BEGIN IMMEDIATE`` on
SQLite), so checks made inside a write (one entry a day, import duplicates, an empty restore
target) still hold when it commits. An edit may name the version it was based on
(``expected_version``); a newer version refuses it with ``StaleEntryError``. Several calls run as
one transaction inside ``with store.transaction():``. Database errors reach callers as
``StoreError`` with a message for the person.

Ownership: every profile has an owner (``LOCAL_OWNER`` in local mode, the signed-in person's
issuer and subject in hosted mode). A ``Store`` acts for one owner (``store.for_owner(owner)``
gives a view for another, sharing the connection pool), and every read and write checks that the
profile belongs to it: a profile of another owner is refused with the very message a missing
one gets, so no call reveals that it exists. Names are unique per owner.

The operations are mixins, one module each: ``core`` (transactions, owner checks),
``profiles``, ``entries`` and ``backups`` (restore); ``engine`` makes the engine and runs the
migrations; ``rows`` and ``errors`` hold what the store returns and raises.
"""

from __future__ import annotations

import copy
from contextvars import ContextVar
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from utils.storage.backups import BackupOps
from utils.storage.checks import LOCAL_OWNER, check_owner
from utils.storage.engine import default_database_url, make_engine, migrate
from utils.storage.entries import EntryOps
from utils.storage.profiles import ProfileOps


@dataclass
class Store(ProfileOps, EntryOps, BackupOps):
    url: str = field(default_factory=default_database_url)
    owner: str = LOCAL_OWNER

    def __post_init__(self) -> None:
        check_owner(self.owner)
        self.engine: Engine = make_engine(self.url)
        migrate(self.engine)
        self._session = sessionmaker(self.engine, expire_on_commit=False)
        self._write_session = sessionmaker(
            self.engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False
        )
        # The session of the transaction this thread (Streamlit session) is inside, if any.
        self._tx: ContextVar[Session | None] = ContextVar(f"store_tx_{id(self)}", default=None)

    def for_owner(self, owner: str) -> Store:
        """This store acting for ``owner`` (same database and connection pool)."""
        view = copy.copy(self)
        view.owner = check_owner(owner)
        return view
