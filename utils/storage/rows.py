"""What the store returns: ``Profile``, ``StoredEntry``, ``HistoryItem``, built from rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Text, cast, select

from utils.core.entries import Entry, local_now, parse_entry, parse_entry_json
from utils.storage.schema import EntryRow, ProfileRow


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
class EntriesRead:
    """The live entries of a profile as one read saw them (``Store.entries_refreshed``): the rows
    (oldest day first, as ``entries()``), and the profile's revision and entries epoch read in
    the same transaction before the rows. Pass it to the next ``entries_refreshed`` to read only
    what changed since."""

    rows: tuple[StoredEntry, ...]
    revision: int
    epoch: int


@dataclass(frozen=True)
class HistoryItem:
    version: int
    day: dt.date
    data: dict[str, Any]
    action: str
    changed_at: dt.datetime


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
