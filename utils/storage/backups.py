"""Restoring a backup: entries inserted exactly as the backup describes them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from utils.core.entries import EntryError, parse_entry
from utils.storage.checks import (
    _check_conditions,
    _checked_entry,
    _is_ref,
    _remap_refs,
    _version,
    check_settings,
)
from utils.storage.core import StoreCore
from utils.storage.errors import StoreError
from utils.storage.rows import Profile
from utils.storage.schema import EntryHistoryRow, EntryRow


class BackupOps(StoreCore):
    """Needs ``create_profile`` and ``_set_profile`` (``ProfileOps``) on the same store."""

    def restore_rows(self, profile_id: int, rows: Sequence[dict[str, Any]]) -> list[int]:
        """Insert entries exactly as a backup describes them, in one transaction.

        Each row gives ``kind``, ``data``, ``recorded_at``, ``updated_at``, ``version``,
        ``deleted_at`` (or None), ``source`` and ``history`` (a list of ``version``, ``day``,
        ``data``, ``action``, ``changed_at``), with dates and times as Python objects. The
        original times, versions, bin state and history are kept, so a restore is complete.
        A row may give its ``id`` in the backup: ``*_id`` fields in the data (a side effect's
        ``session_id``) that point at another restored row are moved to that row's new id, and
        to None when the row they named is not in the backup (refused when the reference is
        required). Only a profile without entries (bin included) can receive a restore.
        """
        with self._write(profile_id) as s:
            return self._restore_rows(s, profile_id, rows)

    def restore_profile(
        self,
        name: str,
        conditions: Sequence[str],
        settings: dict[str, Any],
        rows: Sequence[dict[str, Any]],
        *,
        into: int | None = None,
    ) -> Profile:
        """Restore a backup in one transaction: a new profile ``name`` (or the empty profile
        ``into``) with ``rows`` (as ``restore_rows`` takes them), its conditions and settings.
        A crash or a refusal at any point leaves no trace."""
        _check_conditions(conditions)
        settings = check_settings(settings)
        with self.transaction() as tx:
            target = into if into is not None else tx.create_profile(name, conditions).id
            s = self._tx.get()
            self._lock_profile(s, target)
            self._restore_rows(s, target, rows)
            return self._set_profile(s, target, None, conditions, settings)

    def _restore_rows(
        self, s: Session, profile_id: int, rows: Sequence[dict[str, Any]]
    ) -> list[int]:
        prof = self._profile_row(s, profile_id)
        existing = s.scalar(
            select(func.count(EntryRow.id)).where(EntryRow.profile_id == profile_id)
        )
        if existing:
            raise StoreError(
                f"the profile '{prof.name}' already has {existing} entries (bin included); "
                "restore a backup into a new or empty profile"
            )
        items = list(rows)
        known = dict.fromkeys((i["id"] for i in items if i.get("id") is not None), 1)
        made: list[dict[str, Any]] = []
        referring: list[bool] = []  # does the row name another entry?
        for item in items:
            checked = _checked_entry(item)
            refs = [v for k, v in item["data"].items() if k.endswith("_id") and _is_ref(k, v)]
            dangling = [v for v in refs if v not in known]
            if dangling:
                try:  # a reference that may be empty becomes None; a required one refuses
                    parse_entry(item["kind"], _remap_refs(item["data"], known))
                except EntryError:
                    raise StoreError(
                        f"a {checked.LABEL.lower()} entry refers to entry {dangling[0]}, "
                        "which is not in the backup"
                    ) from None
            referring.append(bool(refs))
            made.append(
                {
                    "profile_id": profile_id,
                    "kind": checked.KIND,
                    "day": checked.day(),
                    "data": checked.model_dump(mode="json"),
                    "recorded_at": item["recorded_at"],
                    "updated_at": item["updated_at"],
                    "version": _version(item["version"]),
                    "deleted_at": item.get("deleted_at"),
                    "source": item.get("source") or "entered",
                }
            )
        revision = self._bump(s, profile_id, reset=True)  # a new diary: kept reads read whole
        for row in made:
            row["changed_rev"] = revision
        ids = self._insert_entries(s, profile_id, made)
        new_id = {
            item["id"]: row_id
            for row_id, item in zip(ids, items, strict=True)
            if item.get("id") is not None
        }
        moved = [
            {"id": row_id, "data": _remap_refs(row["data"], new_id)}
            for row_id, row, refers in zip(ids, made, referring, strict=True)
            if refers
        ]
        if moved:
            s.execute(update(EntryRow), moved)
        history = [
            {
                "entry_id": row_id,
                "profile_id": profile_id,
                "version": _version(h["version"]),
                "day": h["day"],
                "data": _remap_refs(h["data"], new_id),
                "action": h["action"],
                "changed_at": h["changed_at"],
                "note": h.get("note", ""),
            }
            for row_id, item in zip(ids, items, strict=True)
            for h in item.get("history", ())
        ]
        if history:
            s.execute(insert(EntryHistoryRow.__table__), history)
        s.flush()
        return ids

    def _insert_entries(self, s: Session, profile_id: int, rows: list[dict[str, Any]]) -> list[int]:
        """Insert ``rows`` (entries of the empty profile ``profile_id``) in bulk, in this
        transaction; their new ids in the rows' order."""
        if not rows:
            return []
        table = EntryRow.__table__
        if s.get_bind().dialect.name == "sqlite":
            # One executemany; SQLite numbers rows one after another (the write lock is held
            # since BEGIN IMMEDIATE) and the profile had no entries, so its ids in order are
            # the rows' ids in order. (RETURNING in the rows' order costs a statement a row.)
            s.execute(insert(table), rows)
            ids = list(
                s.scalars(
                    select(EntryRow.id)
                    .where(EntryRow.profile_id == profile_id)
                    .order_by(EntryRow.id)
                )
            )
        else:
            ids = list(
                s.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
            )
        if len(ids) != len(rows):
            raise StoreError("the restore could not number its entries; nothing was restored")
        return ids
