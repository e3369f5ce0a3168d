"""Import: a CSV diary previewed row by row, then saved in one transaction (all or nothing)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from utils.core.bulk import collector_paused
from utils.exchange.cells import _convert
from utils.exchange.columns import csv_columns, field_shape, required_columns, template_kinds
from utils.exchange.common import (
    EXPORT_META_COLUMNS,
    IMPORT_SOURCE,
    MAX_CELL_CHARS,
    MAX_CSV_BYTES,
    MAX_CSV_ROWS,
    MAX_REPORTED,
    ExchangeError,
    _decode,
)
from utils.models import ENTRY_KINDS, Entry, EntryError, parse_entry
from utils.storage.checks import REFERENCE_KINDS
from utils.storage.errors import StoreError
from utils.storage.rows import StoredEntry
from utils.storage.store import Store


@dataclass(frozen=True)
class PreviewRow:
    row: int  # as a spreadsheet shows it: the header is row 1
    entry: Entry | None
    errors: tuple[str, ...] = ()
    duplicate_of: str = ""  # what the row repeats, when it is a duplicate

    @property
    def status(self) -> Literal["ok", "duplicate", "error"]:
        if self.errors:
            return "error"
        return "duplicate" if self.duplicate_of else "ok"


@dataclass
class ImportPreview:
    kind: str | None
    rows: list[PreviewRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.file_errors and not any(r.errors for r in self.rows)

    @property
    def to_import(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.status == "ok"]

    @property
    def duplicates(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.status == "duplicate"]

    def error_lines(self) -> list[str]:
        """Every problem as one sentence: file problems first, then 'Row 7: ...'."""
        lines = list(self.file_errors)
        for r in self.rows:
            lines.extend(f"Row {r.row}: {m}" for m in r.errors)
        if len(lines) > MAX_REPORTED:
            lines = lines[:MAX_REPORTED] + [f"... and {len(lines) - MAX_REPORTED} more problems."]
        return lines

    def table(self) -> list[dict[str, Any]]:
        """Rows for a preview table: row number, status, day, what it is, the problem."""
        out = []
        for r in self.rows:
            out.append(
                {
                    "row": r.row,
                    "status": {"ok": "will import", "duplicate": "duplicate: skipped"}.get(
                        r.status, "error"
                    ),
                    "day": r.entry.day().isoformat() if r.entry else "",
                    "entry": r.entry.summary() if r.entry else "",
                    "problem": "; ".join(r.errors) or r.duplicate_of,
                }
            )
        return out


def _normal_header(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def detect_kind(header: Sequence[str]) -> str | None:
    """The kind whose columns fit the header best; None when nothing fits or it is a tie."""
    cols = {_normal_header(h) for h in header if h.strip()} - set(EXPORT_META_COLUMNS)
    best: list[tuple[float, str]] = []
    for kind in ENTRY_KINDS:
        allowed = set(csv_columns(kind))
        if not cols <= allowed or not set(required_columns(kind)) <= cols:
            continue
        best.append((len(cols) / len(allowed), kind))
    best.sort(reverse=True)
    if not best or (len(best) > 1 and best[0][0] == best[1][0]):
        return None
    return best[0][1]


def _fingerprint(kind: str, entry: Entry) -> str:
    return kind + "|" + json.dumps(entry.model_dump(mode="json"), sort_keys=True)


def _read_csv(data: bytes) -> list[list[str]]:
    text = _decode(data, "file", MAX_CSV_BYTES)
    first = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    old_limit = csv.field_size_limit()
    records: list[list[str]] = []
    try:
        csv.field_size_limit(MAX_CELL_CHARS)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        for record in reader:
            records.append(record)
            if len(records) > MAX_CSV_ROWS + 1:
                raise ExchangeError([f"The file has more than {MAX_CSV_ROWS} rows; split it."])
    except csv.Error as exc:
        row = len(records) + 1
        reason = str(exc)
        if "field larger" in reason:
            reason = f"a cell is longer than {MAX_CELL_CHARS} characters"
        raise ExchangeError(
            [f"The file is not a readable CSV at row {row}: {reason}. Is it cut short?"]
        ) from None
    finally:
        csv.field_size_limit(old_limit)
    while records and not any(c.strip() for c in records[0]):
        records.pop(0)
    return records


def preview_csv(
    data: bytes, *, kind: str | None = None, existing: Iterable[StoredEntry] | None = None
) -> ImportPreview:
    """Parse a spreadsheet diary without saving anything.

    ``existing`` are the profile's entries (live and bin) for the duplicate check and for the
    entries a row may refer to (``case_id``, ``session_id``; not checked without). File-level
    problems (encoding, columns) are in ``file_errors``; row problems on each row.
    """
    try:
        records = _read_csv(data)
    except ExchangeError as exc:
        return ImportPreview(kind, file_errors=exc.messages)
    if not records:
        return ImportPreview(kind, file_errors=["The file has no header row."])
    header = [_normal_header(h) for h in records[0]]
    if kind is None:
        kind = detect_kind(records[0])
        if kind is None:
            names = ", ".join(template_kinds())
            return ImportPreview(
                None,
                file_errors=[
                    "The columns do not match a diary template "
                    f"(found: {', '.join(h for h in header if h) or 'none'}). "
                    f"Download a template ({names}) and keep its header row."
                ],
            )
    elif kind not in ENTRY_KINDS:
        return ImportPreview(None, file_errors=[f"Unknown diary kind '{kind}'."])
    preview = ImportPreview(kind)
    allowed = set(csv_columns(kind)) | set(EXPORT_META_COLUMNS)
    seen_cols: set[str] = set()
    for h in header:
        if not h:
            preview.file_errors.append("A column in the header row has no name.")
        elif h not in allowed:
            preview.file_errors.append(
                f"Unknown column '{h}' for {ENTRY_KINDS[kind].LABEL.lower()} entries; "
                f"the columns are: {', '.join(csv_columns(kind))}."
            )
        elif h in seen_cols:
            preview.file_errors.append(f"The column '{h}' appears twice.")
        seen_cols.add(h)
    missing = [c for c in required_columns(kind) if c not in seen_cols]
    if missing:
        preview.file_errors.append(f"Missing required column(s): {', '.join(missing)}.")
    if preview.file_errors:
        return preview

    shapes = {h: field_shape(kind, h) for h in header if h not in EXPORT_META_COLUMNS}
    existing = None if existing is None else list(existing)
    known = {_fingerprint(e.kind, e.entry): e for e in existing or () if e.kind == kind}
    kinds_by_id = None if existing is None else {e.id: e.kind for e in existing}
    in_file: dict[str, int] = {}
    for index, record in enumerate(records[1:], start=2):
        if not any(c.strip() for c in record):
            continue  # blank spreadsheet rows are ignored
        if len(record) != len(header):
            preview.rows.append(
                PreviewRow(
                    index,
                    None,
                    (f"has {len(record)} cells but the header has {len(header)} columns",),
                )
            )
            continue
        values: dict[str, Any] = {}
        errors: list[str] = []
        for col, cell in zip(header, record, strict=True):
            text = cell.strip()
            if col in EXPORT_META_COLUMNS or not text:
                continue
            try:
                values[col] = _convert(shapes[col], text)
            except ValueError as exc:
                errors.append(f"{col}: {exc}")
        entry: Entry | None = None
        if not errors:
            try:
                entry = parse_entry(kind, values)
            except EntryError as exc:
                errors.extend(exc.messages)
            except (TypeError, ValueError, OverflowError) as exc:  # pragma: no cover - defensive
                errors.append(f"could not be read: {exc}")
        if entry is not None and kinds_by_id is not None:
            errors.extend(dangling_references(entry, kinds_by_id))
        if errors or entry is None:
            preview.rows.append(PreviewRow(index, None, tuple(errors)))
            continue
        fp = _fingerprint(kind, entry)
        dup = ""
        if fp in known:
            where = "in the bin" if known[fp].deleted_at else "in your diary"
            dup = f"same as an entry already {where} ({known[fp].day.isoformat()})"
        elif fp in in_file:
            dup = f"same as row {in_file[fp]}"
        else:
            in_file[fp] = index
        preview.rows.append(PreviewRow(index, entry, (), dup))
    if not preview.rows:
        preview.file_errors.append("The file has a header row but no diary rows.")
    return preview


def dangling_references(entry: Entry, kinds_by_id: dict[int, str]) -> list[str]:
    """What an entry's ``*_id`` fields point at that is not an entry of the profile (of the
    right kind): a spreadsheet may not create such a reference."""
    out = []
    for key, value in entry.model_dump().items():
        if not (key.endswith("_id") and isinstance(value, int)) or isinstance(value, bool):
            continue
        want = REFERENCE_KINDS.get(key)
        found = kinds_by_id.get(value)
        if found is None or (want is not None and found != want):
            what = want.replace("_", " ") if want else "entry"
            out.append(f"{key}: there is no {what} with id {value} in this profile")
    return out


@dataclass(frozen=True)
class ImportResult:
    kind: str
    imported: int
    duplicates: int
    ids: tuple[int, ...]


def existing_entries(store: Store, profile_id: int) -> list[StoredEntry]:
    """Live and binned entries: what an import compares against for duplicates."""
    return store.entries(profile_id) + store.entries(profile_id, deleted=True)


def import_csv(
    store: Store, profile_id: int, data: bytes, *, kind: str | None = None
) -> ImportResult:
    """Save a spreadsheet diary in one transaction; any problem refuses the whole file.

    The duplicate check runs inside the write, with the profile locked: two imports of one
    file at once add its rows once.
    """
    with collector_paused(), store.transaction(profile_id):
        preview = preview_csv(data, kind=kind, existing=existing_entries(store, profile_id))
        if not preview.ok or preview.kind is None:
            raise ExchangeError(["Nothing was imported. Please fix:"] + preview.error_lines())
        rows = preview.to_import
        try:
            ids = store.add_many(
                profile_id,
                [(r.entry, None) for r in rows if r.entry is not None],
                source=IMPORT_SOURCE,
            )
        except StoreError as exc:
            raise ExchangeError([f"Nothing was imported: {exc}"]) from None
    return ImportResult(preview.kind, len(ids), len(preview.duplicates), tuple(ids))
