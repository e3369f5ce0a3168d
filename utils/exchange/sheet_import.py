"""Rows of a mapped spreadsheet turned into diary entries, through the CSV import's rules.

Each row becomes the import template's cells (``convert_row``), which ``csv_import.preview_csv``
reads again: validation, every problem with the original row number, duplicates skipped; the
save is one transaction, all or nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from utils.exchange.common import IMPORT_SOURCE, ExchangeError
from utils.exchange.csv_import import (
    ImportPreview,
    ImportResult,
    PreviewRow,
    existing_entries,
    preview_csv,
)
from utils.exchange.sheet_fields import FEATURES, FIELDS, PREVIEW_ROWS
from utils.exchange.sheet_mapping import ColumnMapping
from utils.exchange.sheet_read import Sheet, _normal
from utils.exchange.sheet_values import (
    _NO,
    _medicine_cell,
    _yes_no,
    parse_date,
    parse_duration,
    parse_pain,
    parse_time,
    split_date_time,
)
from utils.storage.rows import StoredEntry
from utils.storage.store import Store

# ---------------------------------------------------------------- rows to diary entries

ATTACK_COLUMNS = ("start_date", "start_time", "end", "duration_minutes", "pain", "medications")
ATTACK_COLUMNS += FEATURES + ("triggers", "notes")
CHECKIN_COLUMNS = ("date", "notes")


@dataclass(frozen=True)
class Converted:
    row: int
    kind: str | None  # 'attack', 'headache_checkin', or None when the row has errors
    cells: dict[str, str]
    errors: tuple[str, ...] = ()


def convert_row(
    number: int, cells: Sequence[str], mapping: ColumnMapping, columns: Sequence[str]
) -> Converted:
    """One spreadsheet row as the import template's cells (text, read again by exchange)."""
    index = {c: i for i, c in enumerate(columns)}
    get = {
        fid: cells[index[col]].strip()
        for col, fid in mapping.columns.items()
        if fid and col in index
    }
    errors: list[str] = []
    out: dict[str, str] = {}

    def col(fid: str) -> str:  # errors name the spreadsheet's own column
        return mapping.column_for(fid) or FIELDS[fid]

    day = None
    time_in_date = ""
    if not get.get("date"):
        errors.append(f"{col('date')}: the date is empty")
    else:
        try:
            day = parse_date(get["date"], mapping.date_order)
            # A time in the date cell is the start only when the column says so ('Start',
            # 'Date and time'); an app's export stamps the time the entry was written.
            label = f" {_normal(mapping.column_for('date') or '')} "
            if " time " in label or " start " in label:
                time_in_date = split_date_time(get["date"])[1]
        except ValueError as exc:
            errors.append(f"{col('date')}: {exc}")
    start = None
    start_text = get.get("start_time") or time_in_date
    if start_text:
        try:
            start = parse_time(start_text)
        except ValueError as exc:
            errors.append(f"{mapping.column_for('start_time') or col('date')}: {exc}")
    pain, pain_word = None, ""
    if get.get("pain"):
        try:
            pain, pain_word = parse_pain(get["pain"], mapping.pain_scale)
        except ValueError as exc:
            errors.append(f"{col('pain')}: {exc}")
    headache = None
    if get.get("headache"):
        try:
            headache = _yes_no(get["headache"])
        except ValueError as exc:
            errors.append(f"{col('headache')}: {exc}")
    medicine = _medicine_cell(get.get("medicine", ""))
    if errors:
        return Converted(number, None, {}, tuple(errors))

    no_headache = headache is False or (pain == 0 and headache is not True)
    notes = get.get("notes", "")
    if no_headache:
        if pain:
            errors.append(f"the headache column says no but the pain is {get['pain']}")
        if medicine:
            errors.append("a medicine is given on a day marked as no headache")
        extra = [FIELDS[f] for f in ("start_time", "end_time", "duration") if get.get(f)]
        if extra:
            errors.append(f"{' and '.join(extra).lower()} given on a day marked as no headache")
        if errors:
            return Converted(number, None, {}, tuple(errors))
        # Other answers of the row are kept in the check-in's notes rather than lost.
        kept = [
            f"{col(f)}: {get[f]}"
            for f in (*FEATURES, "triggers")
            if get.get(f) and get[f].strip().lower() not in _NO
        ]
        if kept:
            notes = (
                notes + " " if notes else ""
            ) + f"(Also in the spreadsheet: {'; '.join(kept)}.)"
        return Converted(number, "headache_checkin", {"date": day.isoformat(), "notes": notes})

    out["start_date"] = day.isoformat()
    if start is not None:
        out["start_time"] = start.strftime("%H:%M")
    if get.get("end_time"):
        try:
            end_time = parse_time(get["end_time"])
        except ValueError as exc:
            errors.append(f"{col('end_time')}: {exc}")
        else:
            if start is None:
                errors.append("an end time needs a start time; give a duration instead")
            else:
                end = dt.datetime.combine(day, end_time)
                if end_time <= start:
                    end += dt.timedelta(days=1)  # ended after midnight
                out["end"] = end.strftime("%Y-%m-%d %H:%M")
    if get.get("duration"):
        try:
            out["duration_minutes"] = str(parse_duration(get["duration"], mapping.duration_unit))
        except ValueError as exc:
            errors.append(f"{col('duration')}: {exc}")
    if pain is not None:
        out["pain"] = str(pain)
    if medicine:
        out["medications"] = medicine
    for fid in FEATURES:
        if get.get(fid):
            try:
                answer = _yes_no(get[fid])
            except ValueError as exc:
                errors.append(f"{col(fid)}: {exc}")
            else:
                if answer is not None:
                    out[fid] = "yes" if answer else "no"
    if get.get("triggers"):
        out["triggers"] = "; ".join(p.strip() for p in re.split(r"[;,/]", get["triggers"]) if p)
    if pain_word:
        notes = (notes + " " if notes else "") + f"(Pain in the spreadsheet: {pain_word}.)"
    if notes:
        out["notes"] = notes
    if errors:
        return Converted(number, None, {}, tuple(errors))
    return Converted(number, "attack", out)


def _template_bytes(columns: Sequence[str], rows: Sequence[Converted]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow([r.cells.get(c, "") for c in columns])
    return buf.getvalue().encode("utf-8")


_SAME_ROW = re.compile(r"same as row (\d+)")


def preview(
    sheet: Sheet, mapping: ColumnMapping, existing: Iterable[StoredEntry] = ()
) -> ImportPreview:
    """Every row as it would be saved, through the existing import rules (nothing is saved).

    Row numbers are the original spreadsheet's; a mapping that is not settled yet
    (``mapping.problems()``) gives file errors only.
    """
    problems = mapping.problems()
    if problems:
        return ImportPreview(None, file_errors=problems)
    converted = [convert_row(n, cells, mapping, sheet.columns) for n, cells in sheet.rows]
    existing = list(existing)
    rows: list[PreviewRow] = [PreviewRow(c.row, None, c.errors) for c in converted if c.errors]
    file_errors: list[str] = []
    for kind, columns in (("attack", ATTACK_COLUMNS), ("headache_checkin", CHECKIN_COLUMNS)):
        part = [c for c in converted if c.kind == kind]
        if not part:
            continue
        result = preview_csv(_template_bytes(columns, part), kind=kind, existing=existing)
        file_errors.extend(result.file_errors)
        numbers = {i: c.row for i, c in enumerate(part, start=2)}  # template row -> sheet row
        for r in result.rows:
            dup = _SAME_ROW.sub(
                lambda m, n=numbers: f"same as row {n[int(m.group(1))]}", r.duplicate_of
            )
            rows.append(PreviewRow(numbers[r.row], r.entry, r.errors, dup))
    rows.sort(key=lambda r: r.row)
    # Duplicates across kinds cannot happen (an attack never equals a check-in).
    kinds = {c.kind for c in converted if c.kind}
    return ImportPreview(
        "attack" if "attack" in kinds else ("headache_checkin" if kinds else None),
        rows=rows,
        file_errors=file_errors,
    )


def preview_table(result: ImportPreview, limit: int = PREVIEW_ROWS) -> list[dict[str, Any]]:
    """The first rows of a preview as a table (row, status, day, entry, problem)."""
    return result.table()[:limit]


def import_sheet(
    store: Store, profile_id: int, sheet: Sheet, mapping: ColumnMapping
) -> ImportResult:
    """Save every row in one transaction; any problem refuses the whole file."""
    result = preview(sheet, mapping, existing_entries(store, profile_id))
    if not result.ok:
        raise ExchangeError(["Nothing was imported. Please fix:"] + result.error_lines())
    rows = [r for r in result.to_import if r.entry is not None]
    ids = store.add_many(profile_id, [(r.entry, None) for r in rows], source=IMPORT_SOURCE)
    return ImportResult(result.kind or "attack", len(ids), len(result.duplicates), tuple(ids))
