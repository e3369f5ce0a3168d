"""The store's transactions and the internal steps its operations share.

``StoreCore`` holds what every operation needs: ``transaction`` (public), the read and write
sessions, the owner checks (``_profile_row``, ``_check_owned``, ``_lock_profile``), the revision
counter and an entry's row, reference and version checks and history. The operations themselves
are mixins (``profiles.ProfileOps``, ``entries.EntryOps``, ``backups.BackupOps``) combined by
``utils.storage.store.Store``, which sets the attributes declared here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session, sessionmaker

from utils.core.entries import Entry
from utils.storage.checks import (
    MAX_INT,
    REFERENCE_KINDS,
    _check_id,
    _is_ref,
    _profile_id,
)
from utils.storage.errors import StaleEntryError, StoreError, database_errors
from utils.storage.rows import _stored, _utcnow
from utils.storage.schema import EntryHistoryRow, EntryRow, ProfileRow, new_epoch

if TYPE_CHECKING:
    from utils.storage.store import Store


class StoreCore:
    """Transactions and shared internals (attributes are set by ``Store.__post_init__``)."""

    url: str
    owner: str
    engine: Engine
    _session: sessionmaker[Session]
    _write_session: sessionmaker[Session]
    _tx: ContextVar[Session | None]

    # ------------------------------------------------------------ transactions

    @contextlib.contextmanager
    def transaction(self, profile_id: int | None = None) -> Iterator[Store]:
        """Run several store calls as one transaction: all of them happen, or none.

        With ``profile_id``, the profile is locked first: checks made inside (duplicates, one
        entry a day) hold until the transaction commits. Nested use joins the outer transaction.
        """
        if self._tx.get() is not None:
            if profile_id is not None:
                self._lock_profile(self._tx.get(), profile_id)
            yield self
            return
        with database_errors(), self._write_session.begin() as s:
            token = self._tx.set(s)
            try:
                if profile_id is not None:
                    self._lock_profile(s, profile_id)
                yield self
            finally:
                self._tx.reset(token)

    @contextlib.contextmanager
    def _write(self, profile_id: int | None = None) -> Iterator[Session]:
        with self.transaction(profile_id):
            yield self._tx.get()  # type: ignore[misc]

    @contextlib.contextmanager
    def _read(self) -> Iterator[Session]:
        current = self._tx.get()
        if current is not None:
            yield current
            return
        with database_errors(), self._session() as s:
            yield s

    def _profile_row(self, s: Session, profile_id: int) -> ProfileRow:
        row = s.get(ProfileRow, _profile_id(profile_id))
        if row is None or row.owner != self.owner:
            raise StoreError(f"no profile with id {profile_id}")
        return row

    def _check_owned(self, s: Session, profile_id: int) -> None:
        """Refuse a profile that does not exist or belongs to another owner (same message)."""
        found = s.scalar(
            select(ProfileRow.id).where(
                ProfileRow.id == _profile_id(profile_id), ProfileRow.owner == self.owner
            )
        )
        if found is None:
            raise StoreError(f"no profile with id {profile_id}")

    def _lock_profile(self, s: Session, profile_id: int) -> None:
        """Hold the profile's row until the transaction ends (PostgreSQL; SQLite's
        ``BEGIN IMMEDIATE`` already serialises every write)."""
        found = s.scalar(
            select(ProfileRow.id)
            .where(ProfileRow.id == _profile_id(profile_id), ProfileRow.owner == self.owner)
            .with_for_update()
        )
        if found is None:
            raise StoreError(f"no profile with id {profile_id}")

    def _bump(self, s: Session, profile_id: int, *, reset: bool = False) -> int:
        """Raise the profile's revision (the profile is locked by the write) and return it: the
        rows the write changes carry it in ``changed_rev``. ``reset``: the rows changed in a way
        a reader cannot follow change by change (rows removed for good, a restore), so the
        entries epoch changes too and every kept read is read again whole."""
        values: dict[str, Any] = {"revision": ProfileRow.revision + 1}
        if reset:
            values["entries_epoch"] = new_epoch()
        s.execute(
            update(ProfileRow)
            .where(ProfileRow.id == profile_id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        return s.scalar(select(ProfileRow.revision).where(ProfileRow.id == profile_id))

    def _entry_row(
        self, s: Session, profile_id: int, entry_id: int, *, include_deleted: bool = False
    ) -> EntryRow:
        _check_id(entry_id)
        self._check_owned(s, profile_id)
        row = s.scalar(
            select(EntryRow).where(
                EntryRow.id == entry_id, EntryRow.profile_id == _profile_id(profile_id)
            )
        )
        if row is None or (row.deleted_at is not None and not include_deleted):
            raise StoreError("that entry does not exist in this profile")
        return row

    def _check_references(self, s: Session, profile_id: int, entries: Sequence[Entry]) -> None:
        """Refuse entries whose ``*_id`` fields name no entry of this profile (of the right
        kind): such a reference could never be restored from a backup."""
        refs = [(e, k, v) for e in entries for k, v in e.model_dump().items() if _is_ref(k, v)]
        if not refs:
            return
        ids = {v for _, _, v in refs if 0 < v <= MAX_INT}
        kinds = (
            dict(
                s.execute(
                    select(EntryRow.id, EntryRow.kind).where(
                        EntryRow.profile_id == profile_id, EntryRow.id.in_(ids)
                    )
                ).all()
            )
            if ids
            else {}
        )
        for entry, key, value in refs:
            want = REFERENCE_KINDS.get(key)
            found = kinds.get(value)
            if found is None or (want is not None and found != want):
                what = want.replace("_", " ") if want else "entry"
                raise StoreError(
                    f"the {entry.LABEL.lower()} refers to {what} {value}, "
                    "which does not exist in this profile"
                )

    def _check_version(self, row: EntryRow, expected: int | None) -> None:
        if expected is not None and row.version != expected:
            raise StaleEntryError(_stored(row))

    def _change_entry(self, s: Session, row: EntryRow, **values: Any) -> None:
        """Change an entry's row in SQL (counters incremented there) and reload it."""
        s.execute(
            update(EntryRow)
            .where(EntryRow.id == row.id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        s.refresh(row)

    def _keep_history(self, s: Session, row: EntryRow, action: str) -> None:
        s.add(
            EntryHistoryRow(
                entry_id=row.id,
                profile_id=row.profile_id,
                version=row.version,
                day=row.day,
                data=row.data,
                action=action,
                changed_at=_utcnow(),
                note="",
            )
        )

    def bump(self, profile_id: int) -> None:
        with self._write(profile_id) as s:
            self._bump(s, profile_id)
