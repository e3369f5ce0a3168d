"""Entry operations of the store: add, edit, bin, read, history and the rows of a backup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from utils.core.entries import Entry, parse_entry
from utils.storage.core import StoreCore
from utils.storage.errors import StoreError
from utils.storage.rows import (
    HistoryItem,
    StoredEntry,
    _entry_select,
    _stored,
    _stored_entry,
    _utcnow,
)
from utils.storage.schema import EntryHistoryRow, EntryRow


class EntryOps(StoreCore):
    """Entries of one profile; every write bumps the profile's revision."""

    def add(
        self,
        profile_id: int,
        entry: Entry,
        *,
        recorded_at: dt.datetime | None = None,
        source: str = "entered",
        one_per_day: bool = False,
    ) -> int:
        """Add one entry. ``one_per_day``: refuse it when its day already has an entry of its
        kind (checked inside the write, so two windows cannot both add one)."""
        return self.add_many(
            profile_id, [(entry, recorded_at)], source=source, one_per_day=one_per_day
        )[0]

    def add_many(
        self,
        profile_id: int,
        items: Iterable[tuple[Entry, dt.datetime | None]],
        *,
        source: str = "entered",
        one_per_day: bool = False,
    ) -> list[int]:
        """Add entries in one transaction: all are saved, or none."""
        now = _utcnow()
        checked_items = [
            (parse_entry(entry.KIND, entry.model_dump(mode="json")), recorded_at)
            for entry, recorded_at in items
        ]
        with self._write(profile_id) as s:
            if one_per_day:
                for checked, _ in checked_items:
                    taken = s.scalar(
                        select(EntryRow.id).where(
                            EntryRow.profile_id == profile_id,
                            EntryRow.kind == checked.KIND,
                            EntryRow.day == checked.day(),
                            EntryRow.deleted_at.is_(None),
                        )
                    )
                    if taken is not None:
                        raise StoreError(
                            f"{checked.day():%d %b %Y} already has an entry: select it in the "
                            "diary and edit it instead"
                        )
            self._check_references(s, profile_id, [c for c, _ in checked_items])
            rows = []
            for checked, recorded_at in checked_items:
                when = recorded_at or now
                rows.append(
                    EntryRow(
                        profile_id=profile_id,
                        kind=checked.KIND,
                        day=checked.day(),
                        data=checked.model_dump(mode="json"),
                        recorded_at=when,
                        updated_at=when,
                        version=1,
                        source=source,
                    )
                )
            s.add_all(rows)
            s.flush()
            self._bump(s, profile_id)
            return [r.id for r in rows]

    def get(self, profile_id: int, entry_id: int, *, include_deleted: bool = False) -> StoredEntry:
        with self._read() as s:
            row = self._entry_row(s, profile_id, entry_id, include_deleted=include_deleted)
            return _stored(row)

    def update(
        self,
        profile_id: int,
        entry_id: int,
        entry: Entry,
        expected_version: int | None = None,
    ) -> StoredEntry:
        """Replace an entry's content; the previous version is kept in the history.

        ``expected_version``: the version the edit was based on; when the entry has changed
        since (another window), ``StaleEntryError`` refuses the edit and carries the latest.
        """
        checked = parse_entry(entry.KIND, entry.model_dump(mode="json"))
        with self._write(profile_id) as s:
            row = self._entry_row(s, profile_id, entry_id)
            self._check_version(row, expected_version)
            if row.kind != checked.KIND:
                raise StoreError("an entry cannot change its kind")
            self._check_references(s, profile_id, [checked])
            self._keep_history(s, row, "update")
            self._change_entry(
                s,
                row,
                data=checked.model_dump(mode="json"),
                day=checked.day(),
                version=EntryRow.version + 1,
                updated_at=_utcnow(),
            )
            self._bump(s, profile_id)
            return _stored(row)

    def delete(self, profile_id: int, entry_id: int, expected_version: int | None = None) -> None:
        """Move an entry to the bin (recoverable until the bin is emptied)."""
        self.delete_many(
            profile_id, [entry_id], None if expected_version is None else [expected_version]
        )

    def delete_many(
        self,
        profile_id: int,
        entry_ids: Sequence[int],
        expected_versions: Sequence[int] | None = None,
    ) -> None:
        """Move several entries to the bin in one transaction (a case with its calls)."""
        with self._write(profile_id) as s:
            versions = list(expected_versions or [None] * len(entry_ids))
            for entry_id, expected in zip(entry_ids, versions, strict=True):
                row = self._entry_row(s, profile_id, entry_id)
                self._check_version(row, expected)
                self._keep_history(s, row, "delete")
                self._change_entry(s, row, deleted_at=_utcnow())
            self._bump(s, profile_id)

    def restore(self, profile_id: int, entry_id: int) -> None:
        with self._write(profile_id) as s:
            row = self._entry_row(s, profile_id, entry_id, include_deleted=True)
            if row.deleted_at is None:
                raise StoreError("this entry is not in the bin")
            self._keep_history(s, row, "restore")
            self._change_entry(s, row, deleted_at=None)
            self._bump(s, profile_id)

    def empty_bin(self, profile_id: int) -> int:
        with self._write(profile_id) as s:
            ids = list(
                s.scalars(
                    select(EntryRow.id).where(
                        EntryRow.profile_id == profile_id, EntryRow.deleted_at.is_not(None)
                    )
                )
            )
            if ids:
                s.execute(
                    EntryHistoryRow.__table__.delete().where(EntryHistoryRow.entry_id.in_(ids))
                )
                s.execute(EntryRow.__table__.delete().where(EntryRow.id.in_(ids)))
                self._bump(s, profile_id)
            return len(ids)

    def entries(
        self,
        profile_id: int,
        kinds: Sequence[str] | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        *,
        deleted: bool = False,
    ) -> list[StoredEntry]:
        """Entries of a profile, oldest day first; ``deleted=True`` lists the bin instead."""
        t = EntryRow.__table__.c
        q = _entry_select().where(t.profile_id == profile_id)
        q = q.where(t.deleted_at.is_not(None) if deleted else t.deleted_at.is_(None))
        if kinds:
            q = q.where(t.kind.in_(list(kinds)))
        if start is not None:
            q = q.where(t.day >= start)
        if end is not None:
            q = q.where(t.day <= end)
        q = q.order_by(t.day, t.id)
        with self._read() as s:
            self._check_owned(s, profile_id)
            return [_stored_entry(r) for r in s.execute(q)]

    def entries_refreshed(
        self, profile_id: int, previous: Sequence[StoredEntry]
    ) -> list[StoredEntry]:
        """``entries(profile_id)``, reusing the rows of an earlier read ``previous`` that did not
        change since (same id, version, last change, kind and day): after a save only the saved
        entry is read and validated again, not the whole diary."""
        known = {(r.id, r.version, r.updated_at, r.kind, r.day): r for r in previous}
        t = EntryRow.__table__.c
        q = (
            select(t.id, t.version, t.updated_at, t.kind, t.day)
            .where(t.profile_id == profile_id, t.deleted_at.is_(None))
            .order_by(t.day, t.id)
        )
        with self._read() as s:
            self._check_owned(s, profile_id)
            keys = [tuple(r) for r in s.execute(q)]
            missing = [k[0] for k in keys if k not in known]
            fresh: dict[int, StoredEntry] = {}
            for i in range(0, len(missing), 500):
                chunk = missing[i : i + 500]
                fresh.update((r.id, r) for r in self._entry_rows(s, profile_id, chunk))
        out = []
        for k in keys:
            row = known.get(k) or fresh.get(k[0])
            if row is None or (row.id, row.version, row.updated_at, row.kind, row.day) != k:
                return self.entries(profile_id)  # changed between the two reads: read it whole
            out.append(row)
        return out

    def _entry_rows(self, s: Session, profile_id: int, ids: Sequence[int]) -> list[StoredEntry]:
        t = EntryRow.__table__.c
        q = _entry_select().where(
            t.profile_id == profile_id, t.id.in_(list(ids)), t.deleted_at.is_(None)
        )
        return [_stored_entry(r) for r in s.execute(q)]

    def count(self, profile_id: int) -> int:
        with self._read() as s:
            self._check_owned(s, profile_id)
            return s.scalar(
                select(func.count(EntryRow.id)).where(
                    EntryRow.profile_id == profile_id, EntryRow.deleted_at.is_(None)
                )
            )

    def history(self, profile_id: int, entry_id: int) -> list[HistoryItem]:
        """Earlier versions of an entry, oldest first."""
        with self._read() as s:
            self._entry_row(s, profile_id, entry_id, include_deleted=True)
            rows = s.scalars(
                select(EntryHistoryRow)
                .where(
                    EntryHistoryRow.profile_id == profile_id,
                    EntryHistoryRow.entry_id == entry_id,
                )
                .order_by(EntryHistoryRow.id)
            )
            return [HistoryItem(r.version, r.day, r.data, r.action, r.changed_at) for r in rows]

    def all_history(self, profile_id: int) -> dict[int, list[HistoryItem]]:
        """Every earlier version of every entry of the profile, by entry id, oldest first.

        One query, for backups: the per-entry ``history`` would cost two queries an entry.
        """
        out: dict[int, list[HistoryItem]] = {}
        with self._read() as s:
            self._check_owned(s, profile_id)
            rows = s.scalars(
                select(EntryHistoryRow)
                .where(EntryHistoryRow.profile_id == profile_id)
                .order_by(EntryHistoryRow.entry_id, EntryHistoryRow.id)
            )
            for r in rows:
                out.setdefault(r.entry_id, []).append(
                    HistoryItem(r.version, r.day, r.data, r.action, r.changed_at)
                )
        return out

    def raw_rows(self, profile_id: int) -> list[dict[str, Any]]:
        """Every entry (bin included) with its metadata, for a complete backup."""
        with self._read() as s:
            self._check_owned(s, profile_id)
            rows = s.scalars(
                select(EntryRow).where(EntryRow.profile_id == profile_id).order_by(EntryRow.id)
            )
            return [
                {
                    "id": r.id,
                    "kind": r.kind,
                    "day": r.day.isoformat(),
                    "data": r.data,
                    "recorded_at": r.recorded_at.isoformat(),
                    "updated_at": r.updated_at.isoformat(),
                    "version": r.version,
                    "deleted_at": r.deleted_at.isoformat() if r.deleted_at else None,
                    "source": r.source,
                }
                for r in rows
            ]
