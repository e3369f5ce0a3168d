"""Rows of a mapped spreadsheet turned into diary entries, through the CSV import's rules.

Each row becomes the import template's cells (``convert_row``), which ``csv_import.preview_csv``
reads again: validation, every problem with the original row number, duplicates skipped; the
save is one transaction, all or nothing.
"""

from __future__ import annotations

import csv
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
from utils.exchange.sheet_fields import PREVIEW_ROWS, vocabulary
from utils.exchange.sheet_mapping import ColumnMapping
from utils.exchange.sheet_read import Sheet
from utils.storage.rows import StoredEntry
from utils.storage.store import Store

# ---------------------------------------------------------------- rows to diary entries


@dataclass(frozen=True)
class Converted:
    row: int
    kind: str | None  # one of the condition's SHEET_KINDS, or None when the row has errors
    cells: dict[str, str]
    errors: tuple[str, ...] = ()


def convert_row(
    number: int, cells: Sequence[str], mapping: ColumnMapping, columns: Sequence[str]
) -> Converted:
    """One spreadsheet row as the import template's cells (text, read again by the CSV import),
    by the condition's ``sheet_convert_row``."""
    return vocabulary().sheet_convert_row(number, cells, mapping, columns)


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
    for kind, columns in vocabulary().SHEET_KINDS:
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
    # Duplicates across kinds cannot happen (entries of two kinds are never equal).
    kinds = {c.kind for c in converted if c.kind}
    return ImportPreview(
        next((kind for kind, _ in vocabulary().SHEET_KINDS if kind in kinds), None),
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
    kind = result.kind or vocabulary().SHEET_KINDS[0][0]
    return ImportResult(kind, len(ids), len(result.duplicates), tuple(ids))
