"""Entry operations of the store: add, edit, bin, read, history and the rows of a backup."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, select

from utils.core.bulk import collector_paused
from utils.core.entries import Entry, parse_entry
from utils.storage.checks import _profile_id
from utils.storage.core import StoreCore
from utils.storage.errors import StoreError
from utils.storage.rows import (
    EntriesRead,
    HistoryItem,
    StoredEntry,
    _entry_select,
    _stored,
    _stored_entry,
    _utcnow,
)
from utils.storage.schema import EntryHistoryRow, EntryRow, ProfileRow


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
            revision = self._bump(s, profile_id)
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
                        changed_rev=revision,
                    )
                )
            s.add_all(rows)
            s.flush()
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
                changed_rev=self._bump(s, profile_id),
            )
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
            revision = self._bump(s, profile_id)
            for entry_id, expected in zip(entry_ids, versions, strict=True):
                row = self._entry_row(s, profile_id, entry_id)
                self._check_version(row, expected)
                self._keep_history(s, row, "delete")
                self._change_entry(s, row, deleted_at=_utcnow(), changed_rev=revision)

    def restore(self, profile_id: int, entry_id: int) -> None:
        with self._write(profile_id) as s:
            row = self._entry_row(s, profile_id, entry_id, include_deleted=True)
            if row.deleted_at is None:
                raise StoreError("this entry is not in the bin")
            self._keep_history(s, row, "restore")
            self._change_entry(s, row, deleted_at=None, changed_rev=self._bump(s, profile_id))

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
                self._bump(s, profile_id, reset=True)  # rows gone: kept reads are read whole
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
        with collector_paused(), self._read() as s:  # a whole diary: thousands of entries
            self._check_owned(s, profile_id)
            return [_stored_entry(r) for r in s.execute(q)]

    def entries_refreshed(
        self, profile_id: int, previous: EntriesRead | None = None
    ) -> EntriesRead:
        """``entries(profile_id)`` with the revision it stands for. Given ``previous`` (an earlier
        result for this profile), only the rows changed since its revision are read (an index
        on the change revision): live ones replace or join the kept rows, binned ones drop out,
        and every other row is the very object ``previous`` held. After a save that costs the
        saved entries, not the diary. A full read whenever the kept rows cannot be trusted: no
        ``previous``, another entries epoch (rows removed for good by emptying the bin, a
        restore, a profile made again under the same id) or a revision that went backwards.

        The revision and epoch are read first, in the same transaction as the rows, and read
        again after them: a write that lands meanwhile is then either in the rows or above the
        kept revision (read next time), and a bin emptied meanwhile means a full read.
        """
        p = ProfileRow.__table__.c
        mark = select(p.revision, p.entries_epoch).where(
            p.id == _profile_id(profile_id), p.owner == self.owner
        )
        with self._read() as s:
            before = s.execute(mark).first()
            if before is None:
                raise StoreError(f"no profile with id {profile_id}")
            revision, epoch = before
            if previous is not None and previous.epoch == epoch and (
                previous.revision <= revision
            ):
                t = EntryRow.__table__.c
                q = _entry_select().where(
                    t.profile_id == profile_id, t.changed_rev > previous.revision
                )
                changed = list(s.execute(q))
                after = s.execute(mark).first()
                if after is not None and after.entries_epoch == epoch:
                    rows = _patched(previous.rows, changed)
                    return EntriesRead(rows, revision, epoch)
        return self._entries_read(profile_id)

    def _entries_read(self, profile_id: int) -> EntriesRead:
        """A full read: the revision and epoch first, then every live row (one statement)."""
        p = ProfileRow.__table__.c
        t = EntryRow.__table__.c
        q = (
            _entry_select()
            .where(t.profile_id == profile_id, t.deleted_at.is_(None))
            .order_by(t.day, t.id)
        )
        with self._read() as s:
            mark = s.execute(
                select(p.revision, p.entries_epoch).where(
                    p.id == _profile_id(profile_id), p.owner == self.owner
                )
            ).first()
            if mark is None:
                raise StoreError(f"no profile with id {profile_id}")
            rows = tuple(_stored_entry(r) for r in s.execute(q))
        return EntriesRead(rows, mark.revision, mark.entries_epoch)

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


def _day_id(row: StoredEntry) -> tuple[dt.date, int]:
    return (row.day, row.id)


def _patched(kept: tuple[StoredEntry, ...], changed: Sequence[Any]) -> tuple[StoredEntry, ...]:
    """``kept`` (ordered by day, then id) with the ``changed`` rows (plain rows of
    ``_entry_select``) applied: a binned row drops out, a live one replaces its old version or
    joins, in its place in that order. Unchanged rows stay the same objects."""
    if not changed:
        return kept
    gone = {r.id for r in changed}
    out = [r for r in kept if r.id not in gone]
    for r in sorted((r for r in changed if r.deleted_at is None), key=lambda r: (r.day, r.id)):
        bisect.insort(out, _stored_entry(r), key=_day_id)
    return tuple(out)
