"""The ``ColumnMapping`` from a spreadsheet's columns to diary fields: proposed from the names
and cells, checked, and saved in the profile's settings (``import_mappings``) by signature.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from utils import models
from utils.exchange.sheet_fields import IGNORE, MAX_SAVED, PAIN_SCALES, fields, vocabulary
from utils.exchange.sheet_read import Sheet, _normal, guess_field
from utils.exchange.sheet_values import (
    _NO,
    _YES,
    DATE_ORDERS,
    date_orders,
    guess_date_order,
    parse_time,
)


@dataclass
class ColumnMapping:
    """Which column feeds which diary field, and how to read the cells."""

    columns: dict[str, str] = field(default_factory=dict)  # column name -> field id or ''
    date_order: str | None = None  # 'ymd' | 'dmy' | 'mdy'; None: not known yet (ask)
    pain_scale: str = "0-10"
    duration_unit: str = "hours"

    def column_for(self, fid: str) -> str | None:
        return next((c for c, f in self.columns.items() if f == fid), None)

    def problems(self) -> list[str]:
        """What must be settled before a preview: a date column, a date order, no field twice."""
        out = []
        if not self.column_for("date"):
            out.append("Choose the column that holds the date.")
        elif self.date_order is None:
            out.append("Say how the dates are written (day first or month first).")
        seen: dict[str, str] = {}
        for col, fid in self.columns.items():
            if fid and fid in seen:
                out.append(f"'{fields()[fid]}' is chosen for two columns: {seen[fid]} and {col}.")
            seen.setdefault(fid, col)
        return out

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _looks_yes_no(values: Sequence[str]) -> bool:
    return bool(values) and all(v.strip().lower() in _YES | _NO for v in values)


def _readable(fid: str, value: str) -> bool:
    try:
        if fid == "date":
            return bool(date_orders([value]))
        parse_time(value)
    except ValueError:
        return False
    return True


def propose_mapping(sheet: Sheet) -> ColumnMapping:
    """The mapping the app proposes from the column names and what the cells look like."""
    columns: dict[str, str] = {}
    used: set[str] = set()
    presence = vocabulary().SHEET_PRESENCE_FIELD
    for col in sheet.columns:
        fid = guess_field(col)
        values = sheet.values(col)[:200]
        if fid == presence and values and not _looks_yes_no(values) and "pain" not in used:
            fid = "pain"  # 'Headache: none / mild / severe' is a severity, not yes/no
        if fid in ("start_time", "end_time", "date") and values:
            readable = sum(_readable(fid, v) for v in values)
            if readable < len(values) / 2:  # 'time of day: morning' is not a clock time
                fid = IGNORE
        if fid in used:
            fid = IGNORE
        columns[col] = fid
        if fid:
            used.add(fid)
    mapping = ColumnMapping(columns=columns)
    date_col = mapping.column_for("date")
    if date_col:
        mapping.date_order = guess_date_order(sheet.values(date_col)[:500])
    pain_col = mapping.column_for("pain")
    if pain_col:
        label = _normal(pain_col)
        numbers = [v for v in sheet.values(pain_col) if re.fullmatch(r"\d+", v.strip())]
        if re.search(r"\b1 3\b|\b0 3\b", label) or (
            numbers and max(int(v) for v in numbers) <= 3 and "10" not in label
        ):
            mapping.pain_scale = "1-3"
    dur_col = mapping.column_for("duration")
    if dur_col:
        label = _normal(dur_col)
        numbers = []
        for v in sheet.values(dur_col):
            try:
                numbers.append(float(v.replace(",", ".")))
            except ValueError:
                continue
        if "min" in label or (numbers and max(numbers) > 24 and "hour" not in label):
            mapping.duration_unit = "minutes"
    return mapping


def signature(sheet: Sheet) -> str:
    """Names the spreadsheet by its columns: the same spreadsheet next month has the same."""
    text = "|".join(_normal(c) for c in sheet.columns)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def saved_mapping(settings: dict[str, Any] | None, sheet: Sheet) -> ColumnMapping | None:
    """The mapping saved for this spreadsheet's columns in a profile's settings, if any."""
    saved = ((settings or {}).get("import_mappings") or {}).get(signature(sheet))
    if not isinstance(saved, dict):
        return None
    cols = {c: f for c, f in (saved.get("columns") or {}).items() if c in sheet.columns}
    cols = {c: (f if f in fields() else IGNORE) for c, f in cols.items()}
    for c in sheet.columns:
        cols.setdefault(c, IGNORE)
    return ColumnMapping(
        columns=cols,
        date_order=saved.get("date_order") if saved.get("date_order") in DATE_ORDERS else None,
        pain_scale=saved.get("pain_scale") if saved.get("pain_scale") in PAIN_SCALES else "0-10",
        duration_unit="minutes" if saved.get("duration_unit") == "minutes" else "hours",
    )


def settings_with_mapping(
    settings: dict[str, Any] | None, sheet: Sheet, mapping: ColumnMapping
) -> dict[str, Any]:
    """The profile settings with this spreadsheet's mapping saved (the newest 20 are kept)."""
    new = dict(settings or {})
    saved = dict(new.get("import_mappings") or {})
    saved.pop(signature(sheet), None)
    saved[signature(sheet)] = {
        **mapping.to_dict(),
        "file": sheet.name[:120],
        "saved_at": models.now().replace(microsecond=0).isoformat(),
    }
    while len(saved) > MAX_SAVED:
        saved.pop(next(iter(saved)))
    new["import_mappings"] = saved
    return new
