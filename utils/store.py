"""The only module that talks to the database.

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
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from platformdirs import user_data_dir
from sqlalchemy import Engine, Text, cast, create_engine, event, func, insert, select, text, update
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

from utils.models import (
    CONDITIONS,
    ENTRY_KINDS,
    Entry,
    EntryError,
    check_plain_data,
    local_now,
    parse_entry,
    parse_entry_json,
)
from utils.schema import EntryHistoryRow, EntryRow, ProfileRow

ENV_URL = "COVERAGE_DIARY_DATABASE_URL"
# The owner of every profile in local mode (one person, this computer).
LOCAL_OWNER = "local"
MAX_OWNER = 400
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
    # Stored naive in local time: a diary describes the patient's own days (in hosted mode, the
    # time in the person's own time zone).
    return local_now().replace(microsecond=0)


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


class StaleEntryError(StoreError):
    """An edit or delete based on a version that is no longer the latest one."""

    def __init__(self, latest: StoredEntry):
        self.latest = latest
        super().__init__(
            "this entry was changed in another window; here is the latest "
            f"(version {latest.version}). Nothing was saved: make your change again."
        )


# What an entry's ``*_id`` field must point at (another entry of the same profile).
REFERENCE_KINDS = {"session_id": "botox_session", "case_id": "coverage_case"}

# Larger ids and versions than any database column holds: refused before they reach one.
MAX_INT = 2**31 - 1
# The lock every process takes to create or migrate the schema (PostgreSQL advisory lock key).
MIGRATION_LOCK_KEY = 0x0C0DE_D1A7


@contextlib.contextmanager
def database_errors() -> Iterator[None]:
    """Turn the database's refusals into ``StoreError`` messages (nothing is saved then)."""
    try:
        yield
    except sa_exc.IntegrityError as exc:
        text_ = str(exc.orig).lower()
        if "name" in text_ and ("unique" in text_ or "duplicate" in text_):
            raise StoreError("a profile with that name exists already") from None
        raise StoreError(
            "the database refused the change because it would leave the diary inconsistent "
            "(it may have changed in another window); nothing was saved, please reload"
        ) from None
    except sa_exc.DataError:
        raise StoreError(
            "the database refused a value (text with a NUL character, or a number or date out "
            "of range); nothing was saved"
        ) from None
    except OverflowError:
        raise StoreError("a number is too large to store; nothing was saved") from None
    except sa_exc.OperationalError as exc:
        if "locked" in str(exc.orig).lower() or "deadlock" in str(exc.orig).lower():
            raise StoreError(
                "the diary is busy in another window; nothing was saved, please try again"
            ) from None
        raise


def _check_id(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_INT:
        raise StoreError("that entry does not exist in this profile")
    return value


def _check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise StoreError("give the profile a name")
    if len(name) > 80:
        raise StoreError("a profile name has at most 80 characters")
    if "\x00" in name or any(ord(c) < 32 for c in name):
        raise StoreError("a profile name may not contain NUL or other control characters")
    return name


def check_owner(owner: Any) -> str:
    """An owner as stored: non-empty text of at most 400 characters without control characters."""
    if (
        not isinstance(owner, str)
        or not owner.strip()
        or len(owner) > MAX_OWNER
        or any(ord(c) < 32 for c in owner)
    ):
        raise StoreError("the owner must be a non-empty text of at most 400 characters")
    return owner


def check_settings(settings: Any) -> dict[str, Any]:
    """Profile settings as stored: a JSON object of plain values, finite numbers, no NUL, and a
    ``thresholds`` object whose values have the shape the thresholds need.

    Refused with ``StoreError`` (nothing saved) rather than stored and crashing pages later.
    """
    if not isinstance(settings, dict):
        raise StoreError("the profile settings must be a set of named values")
    try:
        check_plain_data(settings, "settings")
    except ValueError as exc:
        raise StoreError(str(exc)) from None
    thresholds = settings.get("thresholds")
    if thresholds is not None:
        if not isinstance(thresholds, dict):
            raise StoreError(
                "settings: 'thresholds' must name each threshold with its value "
                '(for example {"chronic_migraine_headache_days": 15})'
            )
        from utils import criteria

        used = criteria.resolve_thresholds({"thresholds": thresholds})
        bad = [
            i
            for i in used.ignored
            if i["reason"] not in ("unknown threshold", "ambiguous: name the rule set")
        ]
        if bad:
            raise StoreError(
                "settings: "
                + "; ".join(f"threshold {i['key']} = {i['value']}: {i['reason']}" for i in bad)
            )
    rule = settings.get("migraine_day_rule")
    if rule is not None and not isinstance(rule, str):
        raise StoreError("settings: 'migraine_day_rule' must be the name of a rule")
    return dict(settings)


@dataclass
class Store:
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

    # ------------------------------------------------------------ profiles

    def profiles(self) -> list[Profile]:
        with self._read() as s:
            rows = s.scalars(
                select(ProfileRow)
                .where(ProfileRow.owner == self.owner)
                .order_by(ProfileRow.is_sample, ProfileRow.name)
            )
            return [_profile(r) for r in rows]

    def profile(self, profile_id: int) -> Profile:
        with self._read() as s:
            return _profile(self._profile_row(s, profile_id))

    def profile_by_name(self, name: str) -> Profile | None:
        with self._read() as s:
            row = s.scalar(
                select(ProfileRow).where(ProfileRow.owner == self.owner, ProfileRow.name == name)
            )
            return _profile(row) if row else None

    def create_profile(
        self,
        name: str,
        conditions: Sequence[str] = ("headache",),
        is_sample: bool = False,
        settings: dict[str, Any] | None = None,
    ) -> Profile:
        name = _check_name(name)
        _check_conditions(conditions)
        settings = check_settings(settings or {})
        with self._write() as s:
            clash = s.scalar(
                select(ProfileRow.id).where(ProfileRow.owner == self.owner, ProfileRow.name == name)
            )
            if clash is not None:
                raise StoreError(f"a profile named '{name}' exists already")
            row = ProfileRow(
                owner=self.owner,
                name=name,
                conditions=list(conditions),
                settings=settings,
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
        if name is not None:
            name = _check_name(name)
        if conditions is not None:
            _check_conditions(conditions)
        if settings is not None:
            settings = check_settings(settings)
        with self._write(profile_id) as s:
            if name is not None:
                clash = s.scalar(
                    select(ProfileRow.id).where(
                        ProfileRow.owner == self.owner,
                        ProfileRow.name == name,
                        ProfileRow.id != profile_id,
                    )
                )
                if clash is not None:
                    raise StoreError(f"a profile named '{name}' exists already")
            return self._set_profile(s, profile_id, name, conditions, settings)

    def _set_profile(
        self,
        s: Session,
        profile_id: int,
        name: str | None,
        conditions: Sequence[str] | None,
        settings: dict[str, Any] | None,
    ) -> Profile:
        values: dict[str, Any] = {"revision": ProfileRow.revision + 1}
        if name is not None:
            values["name"] = name
        if conditions is not None:
            values["conditions"] = list(conditions)
        if settings is not None:
            values["settings"] = dict(settings)
        s.execute(
            update(ProfileRow)
            .where(ProfileRow.id == profile_id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        row = self._profile_row(s, profile_id)
        s.refresh(row)
        return _profile(row)

    def delete_profile(self, profile_id: int) -> None:
        with self._write(profile_id) as s:
            row = self._profile_row(s, profile_id)
            s.execute(
                EntryHistoryRow.__table__.delete().where(EntryHistoryRow.profile_id == profile_id)
            )
            s.execute(EntryRow.__table__.delete().where(EntryRow.profile_id == profile_id))
            s.delete(row)
            s.flush()

    def mark_used(self, profile_id: int) -> None:
        """Remember that this profile was chosen last (does not change its diary's revision)."""
        with self._write() as s:
            done = s.execute(
                update(ProfileRow)
                .where(ProfileRow.id == _profile_id(profile_id), ProfileRow.owner == self.owner)
                .values(last_used_at=dt.datetime.now())
                .execution_options(synchronize_session=False)
            )
            if done.rowcount != 1:
                raise StoreError(f"no profile with id {profile_id}")

    def last_used(self) -> Profile | None:
        """The profile chosen most recently, or None when none was ever chosen."""
        with self._read() as s:
            row = s.scalar(
                select(ProfileRow)
                .where(ProfileRow.owner == self.owner, ProfileRow.last_used_at.is_not(None))
                .order_by(ProfileRow.last_used_at.desc(), ProfileRow.id.desc())
                .limit(1)
            )
            return _profile(row) if row else None

    def revision(self, profile_id: int) -> int:
        with self._read() as s:
            rev = s.scalar(
                select(ProfileRow.revision).where(
                    ProfileRow.id == _profile_id(profile_id), ProfileRow.owner == self.owner
                )
            )
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
        self._bump(s, profile_id)
        return ids

    # ------------------------------------------------------------ internals

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

    def _bump(self, s: Session, profile_id: int) -> None:
        s.execute(
            update(ProfileRow)
            .where(ProfileRow.id == profile_id)
            .values(revision=ProfileRow.revision + 1)
            .execution_options(synchronize_session=False)
        )

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


def _profile_id(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_INT:
        raise StoreError(f"no profile with id {value}")
    return value


def _version(value: Any) -> int:
    version = int(value)
    if not 0 < version <= MAX_INT:
        raise StoreError(f"a version number is out of range ({str(value)[:20]})")
    return version


def _checked_entry(item: dict[str, Any]) -> Entry:
    """The validated entry of a restore row: ``item["entry"]`` when the caller already parsed
    ``item["data"]`` into an entry of that kind (a backup is checked whole before a restore),
    otherwise ``item["data"]`` parsed here."""
    entry = item.get("entry")
    if entry is not None and type(entry) is ENTRY_KINDS.get(item["kind"]):
        return entry
    return parse_entry(item["kind"], item["data"])


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


def _entry_select():
    """Plain entry rows (no ORM objects) with the entry's JSON as text, parsed by pydantic in one
    step: a ten-year diary loads in a fraction of the time ORM objects would take."""
    t = EntryRow.__table__.c
    return select(
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
    )


def _stored_entry(r: Any) -> StoredEntry:
    return StoredEntry(
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
