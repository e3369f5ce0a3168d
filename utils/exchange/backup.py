"""The complete JSON backup of a profile, and its restore into a new or empty profile."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from utils import models
from utils.core.bulk import collector_paused
from utils.core.entries import Entry, EntryError, friendly_errors, parse_entry
from utils.exchange.common import (
    BACKUP_FORMAT,
    MAX_BACKUP_BYTES,
    MAX_REPORTED,
    SCHEMA_VERSION,
    ExchangeError,
    _decode,
    _slug,
)
from utils.storage.errors import StoreError
from utils.storage.rows import Profile
from utils.storage.store import Store


def backup_filename(profile_name: str, when: dt.datetime | None = None) -> str:
    return f"coverage-diary_{_slug(profile_name)}_backup_{(when or models.now()):%Y-%m-%d}.json"


def backup(store: Store, profile_id: int, *, exported_at: dt.datetime | None = None) -> dict:
    """The complete profile: settings, every entry (bin included) and every entry's history."""
    profile = store.profile(profile_id)
    entries = []
    histories = store.all_history(profile_id)
    for row in store.raw_rows(profile_id):
        history = [
            {
                "version": h.version,
                "day": h.day.isoformat(),
                "data": h.data,
                "action": h.action,
                "changed_at": h.changed_at.isoformat(),
            }
            for h in histories.get(row["id"], [])
        ]
        entries.append({**row, "history": history})
    return {
        "format": BACKUP_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "exported_at": (exported_at or models.now()).replace(microsecond=0).isoformat(),
        "profile": {
            "name": profile.name,
            "conditions": list(profile.conditions),
            "settings": profile.settings,
        },
        "entries": entries,
    }


def backup_bytes(store: Store, profile_id: int, *, exported_at: dt.datetime | None = None) -> bytes:
    doc = backup(store, profile_id, exported_at=exported_at)
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def _iso_datetime(value: Any) -> dt.datetime:
    if not isinstance(value, str):
        raise ValueError("must be a date and time in ISO form (YYYY-MM-DDTHH:MM:SS)")
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is not None:
        raise ValueError("must not carry a time zone")
    return moment


def _iso_date(value: Any) -> dt.date:
    if not isinstance(value, str):
        raise ValueError("must be a date in ISO form (YYYY-MM-DD)")
    return dt.date.fromisoformat(value)


IsoDateTime = Annotated[dt.datetime, BeforeValidator(_iso_datetime)]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class BackupHistory(_Strict):
    version: Annotated[int, Field(ge=1)]
    day: IsoDate
    data: dict[str, Any]
    action: Annotated[str, Field(min_length=1, max_length=20)]
    changed_at: IsoDateTime


class BackupEntry(_Strict):
    id: int | None = None
    kind: str
    day: IsoDate | None = None  # informative; recomputed from the data on restore
    data: dict[str, Any]
    recorded_at: IsoDateTime
    updated_at: IsoDateTime
    version: Annotated[int, Field(ge=1)]
    deleted_at: IsoDateTime | None = None
    source: Annotated[str, Field(min_length=1, max_length=20)]
    history: list[BackupHistory] = []


class BackupProfile(_Strict):
    name: Annotated[str, Field(min_length=1, max_length=80)]
    # The registered conditions (models.CONDITIONS comes from the condition registry).
    conditions: list[Literal[tuple(models.CONDITIONS)]]  # type: ignore[valid-type]
    settings: dict[str, Any] = {}


class Backup(_Strict):
    model_config = ConfigDict(extra="ignore", strict=True)
    format: Literal["coverage-diary-backup"]
    schema_version: Literal[1]
    exported_at: IsoDateTime | None = None
    profile: BackupProfile
    entries: list[BackupEntry]


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a backup")


def read_backup(data: bytes) -> Backup:
    """Parse and check a whole backup (every entry too) before anything is written."""
    return _read_backup(data)[0]


def _read_backup(data: bytes) -> tuple[Backup, list[Entry]]:
    """``read_backup``, with every entry as parsed by the check (a restore reuses them)."""
    text = _decode(data, "backup file", MAX_BACKUP_BYTES)
    try:
        raw = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise ExchangeError(
            [
                f"The backup is not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}. "
                "Is the file complete?"
            ]
        ) from None
    except RecursionError:
        raise ExchangeError(
            ["The backup cannot be read: its data is nested too deeply to be a diary."]
        ) from None
    except ValueError as exc:
        raise ExchangeError([f"The backup cannot be read: {exc}"]) from None
    if not isinstance(raw, dict) or raw.get("format") != BACKUP_FORMAT:
        raise ExchangeError(["This is not a Coverage Diary backup (the 'format' is missing)."])
    version = raw.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise ExchangeError(
            [
                f"This backup was made by a newer version of Coverage Diary (schema {version}); "
                "update the app to restore it."
            ]
        )
    try:
        doc = Backup.model_validate(raw)
    except ValidationError as exc:
        msgs = friendly_errors(exc)
        extra = (
            [f"... and {len(msgs) - MAX_REPORTED} more problems."]
            if len(msgs) > MAX_REPORTED
            else []
        )
        raise ExchangeError(["The backup is damaged:"] + msgs[:MAX_REPORTED] + extra) from None
    problems: list[str] = []
    ids = [e.id for e in doc.entries if e.id is not None]
    if len(ids) != len(set(ids)):
        problems.append("Two entries in the backup have the same id.")
    parsed: list[Entry] = []
    for i, e in enumerate(doc.entries):
        try:
            parsed.append(parse_entry(e.kind, e.data))
        except EntryError as exc:
            problems.extend(f"Entry {i + 1} ({e.kind}): {m}" for m in exc.messages)
        except (TypeError, ValueError, OverflowError) as exc:
            problems.append(f"Entry {i + 1} ({e.kind}): could not be read ({exc})")
        if len(problems) > MAX_REPORTED:
            problems.append("... and possibly more problems.")
            break
    if problems:
        raise ExchangeError(["The backup is damaged:"] + problems)
    return doc, parsed


def _restore_items(doc: Backup, parsed: Sequence[Entry]) -> list[dict[str, Any]]:
    return [
        {
            "id": e.id,
            "kind": e.kind,
            "data": e.data,
            "entry": entry,  # validated once, by _read_backup
            "recorded_at": e.recorded_at,
            "updated_at": e.updated_at,
            "version": e.version,
            "deleted_at": e.deleted_at,
            "source": e.source,
            "history": [h.model_dump() for h in e.history],
        }
        for e, entry in zip(doc.entries, parsed, strict=True)
    ]


def restore_backup(
    store: Store, data: bytes, *, name: str | None = None, into: int | None = None
) -> Profile:
    """Restore a backup into a new profile (``name``, default the backup's) or an empty one.

    Nothing is written unless the whole backup is valid; the target must have no entries.
    """
    with collector_paused():  # thousands of entries read, checked and written at once
        return _restore_backup(store, data, name=name, into=into)


def _restore_backup(store: Store, data: bytes, *, name: str | None, into: int | None) -> Profile:
    doc, parsed = _read_backup(data)
    items = _restore_items(doc, parsed)
    wanted = (name or doc.profile.name).strip()
    if into is not None:
        target = store.profile(into)
        if store.raw_rows(into):
            raise ExchangeError(
                [
                    f"The profile '{target.name}' already has entries (or entries in its bin). "
                    "Restore the backup into a new profile instead."
                ]
            )
    elif store.profile_by_name(wanted) is not None:
        raise ExchangeError(
            [f"A profile named '{wanted}' exists already; choose another name for the restore."]
        )
    try:  # one transaction: a crash or a refusal at any point leaves nothing behind
        return store.restore_profile(
            wanted, doc.profile.conditions, doc.profile.settings, items, into=into
        )
    except (StoreError, EntryError) as exc:
        raise ExchangeError([f"Nothing was restored: {exc}"]) from None
