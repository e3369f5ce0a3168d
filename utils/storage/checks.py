"""Checks made before anything is written: owners, names, settings, ids, references."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from utils.models import CONDITIONS, ENTRY_KINDS, Entry, check_plain_data, parse_entry
from utils.storage.errors import StoreError

# The owner of every profile in local mode (one person, this computer).
LOCAL_OWNER = "local"
MAX_OWNER = 400

# What an entry's ``*_id`` field must point at (another entry of the same profile).
REFERENCE_KINDS = {"session_id": "botox_session", "case_id": "coverage_case"}

# Larger ids and versions than any database column holds: refused before they reach one.
MAX_INT = 2**31 - 1


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
