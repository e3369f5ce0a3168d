"""The only module that talks to the database.

Every public method takes the profile id and filters on it, so no call can return another
profile's rows. Every write runs in one transaction: it either happens whole or not at all.
Edits and deletes first copy the previous version into ``entry_history``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from platformdirs import user_data_dir
from sqlalchemy import Engine, Text, cast, create_engine, event, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from utils.models import CONDITIONS, Entry, EntryError, parse_entry, parse_entry_json
from utils.schema import EntryHistoryRow, EntryRow, ProfileRow

ENV_URL = "COVERAGE_DIARY_DATABASE_URL"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def default_database_url() -> str:
    """The URL from the environment, or a SQLite file in the user's data directory."""
    url = os.environ.get(ENV_URL, "").strip()
    if url:
        return url
    folder = Path(user_data_dir("coverage-diary", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'diary.sqlite3'}"


def _utcnow() -> dt.datetime:
    # Stored naive in local time: a diary describes the patient's own days.
    return dt.datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class Profile:
    id: int
    name: str
    conditions: tuple[str, ...]
    settings: dict[str, Any]
    is_sample: bool
    revision: int

    def tracks(self, condition: str) -> bool:
        return condition in self.conditions


@dataclass(frozen=True)
class StoredEntry:
    id: int
    profile_id: int
    kind: str
    day: dt.date
    recorded_at: dt.datetime
    updated_at: dt.datetime
    version: int
    entry: Entry
    source: str = "entered"
    deleted_at: dt.datetime | None = None

    @property
    def late_days(self) -> int:
        """How many days after the described day the entry was first recorded."""
        return max((self.recorded_at.date() - self.day).days, 0)


@dataclass(frozen=True)
class HistoryItem:
    version: int
    day: dt.date
    data: dict[str, Any]
    action: str
    changed_at: dt.datetime


class StoreError(ValueError):
    """A refused store operation, with a message for the person."""


@dataclass
class Store:
    url: str = field(default_factory=default_database_url)

    def __post_init__(self) -> None:
        self.engine: Engine = make_engine(self.url)
        migrate(self.engine)
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    # ------------------------------------------------------------ profiles

    def profiles(self) -> list[Profile]:
        with self._session() as s:
            rows = s.scalars(select(ProfileRow).order_by(ProfileRow.is_sample, ProfileRow.name))
            return [_profile(r) for r in rows]

    def profile(self, profile_id: int) -> Profile:
        with self._session() as s:
            row = s.get(ProfileRow, profile_id)
            if row is None:
                raise StoreError(f"no profile with id {profile_id}")
            return _profile(row)

    def profile_by_name(self, name: str) -> Profile | None:
        with self._session() as s:
            row = s.scalar(select(ProfileRow).where(ProfileRow.name == name))
            return _profile(row) if row else None

    def create_profile(
        self, name: str, conditions: Sequence[str] = ("headache",), is_sample: bool = False
    ) -> Profile:
        name = name.strip()
        if not name:
            raise StoreError("give the profile a name")
        if len(name) > 80:
            raise StoreError("a profile name has at most 80 characters")
        _check_conditions(conditions)
        with self._session.begin() as s:
            if s.scalar(select(ProfileRow.id).where(ProfileRow.name == name)) is not None:
                raise StoreError(f"a profile named '{name}' exists already")
            row = ProfileRow(
                name=name,
                conditions=list(conditions),
                settings={},
                is_sample=is_sample,
                created_at=_utcnow(),
                revision=0,
            )
            s.add(row)
            s.flush()
            return _profile(row)

    def update_profile(
        self,
        profile_id: int,
        *,
        name: str | None = None,
        conditions: Sequence[str] | None = None,
        settings: dict[str, Any] | None = None,
    ) -> Profile:
        with self._session.begin() as s:
            row = self._profile_row(s, profile_id)
            if name is not None:
                name = name.strip()
                if not name:
                    raise StoreError("give the profile a name")
                clash = s.scalar(
                    select(ProfileRow.id).where(
                        ProfileRow.name == name, ProfileRow.id != profile_id
                    )
                )
                if clash is not None:
                    raise StoreError(f"a profile named '{name}' exists already")
                row.name = name
            if conditions is not None:
                _check_conditions(conditions)
                row.conditions = list(conditions)
            if settings is not None:
                row.settings = dict(settings)
            row.revision += 1
            s.flush()
            return _profile(row)

    def delete_profile(self, profile_id: int) -> None:
        with self._session.begin() as s:
            row = self._profile_row(s, profile_id)
            s.execute(
                EntryHistoryRow.__table__.delete().where(EntryHistoryRow.profile_id == profile_id)
            )
            s.execute(EntryRow.__table__.delete().where(EntryRow.profile_id == profile_id))
            s.delete(row)

    def revision(self, profile_id: int) -> int:
        with self._session() as s:
            rev = s.scalar(select(ProfileRow.revision).where(ProfileRow.id == profile_id))
            if rev is None:
                raise StoreError(f"no profile with id {profile_id}")
            return rev

    # ------------------------------------------------------------ entries

    def add(
        self,
        profile_id: int,
        entry: Entry,
        *,
        recorded_at: dt.datetime | None = None,
        source: str = "entered",
    ) -> int:
        return self.add_many(profile_id, [(entry, recorded_at)], source=source)[0]

    def add_many(
        self,
        profile_id: int,
        items: Iterable[tuple[Entry, dt.datetime | None]],
        *,
        source: str = "entered",
    ) -> list[int]:
        """Add entries in one transaction: all are saved, or none."""
        now = _utcnow()
        with self._session.begin() as s:
            prof = self._profile_row(s, profile_id)
            rows = []
            for entry, recorded_at in items:
                checked = parse_entry(entry.KIND, entry.model_dump(mode="json"))
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
            prof.revision += 1
            return [r.id for r in rows]

    def get(self, profile_id: int, entry_id: int, *, include_deleted: bool = False) -> StoredEntry:
        with self._session() as s:
            row = self._entry_row(s, profile_id, entry_id, include_deleted=include_deleted)
            return _stored(row)

    def update(self, profile_id: int, entry_id: int, entry: Entry) -> StoredEntry:
        """Replace an entry's content; the previous version is kept in the history."""
        checked = parse_entry(entry.KIND, entry.model_dump(mode="json"))
        with self._session.begin() as s:
            row = self._entry_row(s, profile_id, entry_id)
            if row.kind != checked.KIND:
                raise StoreError("an entry cannot change its kind")
            self._keep_history(s, row, "update")
            row.data = checked.model_dump(mode="json")
            row.day = checked.day()
            row.version += 1
            row.updated_at = _utcnow()
            self._profile_row(s, profile_id).revision += 1
            s.flush()
            return _stored(row)

    def delete(self, profile_id: int, entry_id: int) -> None:
        """Move an entry to the bin (recoverable until the bin is emptied)."""
        with self._session.begin() as s:
            row = self._entry_row(s, profile_id, entry_id)
            self._keep_history(s, row, "delete")
            row.deleted_at = _utcnow()
            self._profile_row(s, profile_id).revision += 1

    def restore(self, profile_id: int, entry_id: int) -> None:
        with self._session.begin() as s:
            row = self._entry_row(s, profile_id, entry_id, include_deleted=True)
            if row.deleted_at is None:
                raise StoreError("this entry is not in the bin")
            self._keep_history(s, row, "restore")
            row.deleted_at = None
            self._profile_row(s, profile_id).revision += 1

    def empty_bin(self, profile_id: int) -> int:
        with self._session.begin() as s:
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
                self._profile_row(s, profile_id).revision += 1
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
        # Plain rows (no ORM objects) and the entry's JSON as text, parsed by pydantic in one
        # step: a ten-year diary loads in a fraction of the time ORM objects would take.
        t = EntryRow.__table__.c
        q = select(
            t.id,
            t.profile_id,
            t.kind,
            t.day,
            t.recorded_at,
            t.updated_at,
            t.version,
            cast(t.data, Text).label("data"),
            t.source,
            t.deleted_at,
        ).where(t.profile_id == profile_id)
        q = q.where(t.deleted_at.is_not(None) if deleted else t.deleted_at.is_(None))
        if kinds:
            q = q.where(t.kind.in_(list(kinds)))
        if start is not None:
            q = q.where(t.day >= start)
        if end is not None:
            q = q.where(t.day <= end)
        q = q.order_by(t.day, t.id)
        with self._session() as s:
            return [
                StoredEntry(
                    id=r.id,
                    profile_id=r.profile_id,
                    kind=r.kind,
                    day=r.day,
                    recorded_at=r.recorded_at,
                    updated_at=r.updated_at,
                    version=r.version,
                    entry=parse_entry_json(r.kind, r.data),
                    source=r.source,
                    deleted_at=r.deleted_at,
                )
                for r in s.execute(q)
            ]

    def count(self, profile_id: int) -> int:
        with self._session() as s:
            return s.scalar(
                select(func.count(EntryRow.id)).where(
                    EntryRow.profile_id == profile_id, EntryRow.deleted_at.is_(None)
                )
            )

    def history(self, profile_id: int, entry_id: int) -> list[HistoryItem]:
        """Earlier versions of an entry, oldest first."""
        with self._session() as s:
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
        with self._session() as s:
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
        with self._session() as s:
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
        with self._session.begin() as s:
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
            made: list[EntryRow] = []
            for item in items:
                checked = parse_entry(item["kind"], item["data"])
                dangling = [v for k, v in item["data"].items() if _is_ref(k, v) and v not in known]
                if dangling:
                    try:  # a reference that may be empty becomes None; a required one refuses
                        parse_entry(item["kind"], _remap_refs(item["data"], known))
                    except EntryError:
                        raise StoreError(
                            f"a {checked.LABEL.lower()} entry refers to entry {dangling[0]}, "
                            "which is not in the backup"
                        ) from None
                made.append(
                    EntryRow(
                        profile_id=profile_id,
                        kind=checked.KIND,
                        day=checked.day(),
                        data=checked.model_dump(mode="json"),
                        recorded_at=item["recorded_at"],
                        updated_at=item["updated_at"],
                        version=int(item["version"]),
                        deleted_at=item.get("deleted_at"),
                        source=item.get("source") or "entered",
                    )
                )
            s.add_all(made)
            s.flush()
            ids = [r.id for r in made]
            new_id = {
                item["id"]: row.id
                for row, item in zip(made, items, strict=True)
                if item.get("id") is not None
            }
            for row in made:
                if any(_is_ref(k, v) for k, v in row.data.items()):
                    row.data = _remap_refs(row.data, new_id)
            s.flush()
            s.add_all(
                EntryHistoryRow(
                    entry_id=row.id,
                    profile_id=profile_id,
                    version=int(h["version"]),
                    day=h["day"],
                    data=_remap_refs(h["data"], new_id),
                    action=h["action"],
                    changed_at=h["changed_at"],
                    note=h.get("note", ""),
                )
                for row, item in zip(made, items, strict=True)
                for h in item.get("history", ())
            )
            prof.revision += 1
            return ids

    # ------------------------------------------------------------ internals

    def _profile_row(self, s: Session, profile_id: int) -> ProfileRow:
        row = s.get(ProfileRow, profile_id)
        if row is None:
            raise StoreError(f"no profile with id {profile_id}")
        return row

    def _entry_row(
        self, s: Session, profile_id: int, entry_id: int, *, include_deleted: bool = False
    ) -> EntryRow:
        row = s.scalar(
            select(EntryRow).where(EntryRow.id == entry_id, EntryRow.profile_id == profile_id)
        )
        if row is None or (row.deleted_at is not None and not include_deleted):
            raise StoreError("that entry does not exist in this profile")
        return row

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
        with self._session.begin() as s:
            s.execute(
                update(ProfileRow)
                .where(ProfileRow.id == profile_id)
                .values(revision=ProfileRow.revision + 1)
            )


def _is_ref(key: str, value: Any) -> bool:
    return key.endswith("_id") and isinstance(value, int) and not isinstance(value, bool)


def _remap_refs(data: dict[str, Any], new_id: dict[int, int]) -> dict[str, Any]:
    """Entry data with ``*_id`` references moved to new ids (None when not restored)."""
    return {k: (new_id.get(v) if _is_ref(k, v) else v) for k, v in data.items()}


def _check_conditions(conditions: Sequence[str]) -> None:
    unknown = [c for c in conditions if c not in CONDITIONS]
    if unknown:
        raise StoreError(f"unknown condition(s): {', '.join(unknown)}")


def _profile(row: ProfileRow) -> Profile:
    return Profile(
        id=row.id,
        name=row.name,
        conditions=tuple(row.conditions or ()),
        settings=dict(row.settings or {}),
        is_sample=bool(row.is_sample),
        revision=row.revision,
    )


def _stored(row: EntryRow) -> StoredEntry:
    return StoredEntry(
        id=row.id,
        profile_id=row.profile_id,
        kind=row.kind,
        day=row.day,
        recorded_at=row.recorded_at,
        updated_at=row.updated_at,
        version=row.version,
        entry=parse_entry(row.kind, row.data),
        source=row.source,
        deleted_at=row.deleted_at,
    )


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 15, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            if ":memory:" not in url:
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=15000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the database schema up to ``revision`` (run at every start; cheap when current)."""
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
