"""Data out and in: CSV per diary kind, a complete JSON backup, and spreadsheet imports.

Everything here works on bytes (what ``st.file_uploader`` gives and what downloads need) and
never imports streamlit, so the CLI, the page and the tests share it.

CSV files (one per diary kind)
    Columns are the entry's field names, in the model's order (``csv_columns``), then
    ``recorded_at`` and ``source`` on export. Dates are ``YYYY-MM-DD``, times ``HH:MM``, date-times
    ``YYYY-MM-DD HH:MM``; lists are joined with ``"; "``; yes/no questions are ``yes``, ``no`` or
    blank (not answered); numbers are plain (``2`` rather than ``2.0``). An attack's medicines are
    one cell, one medicine per ``;``: ``sumatriptan (triptan) 50 mg, at 14:30, relief partial``.
    Text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) is written
    with a leading ``'``, which an import removes again. Files are UTF-8 with a byte-order mark
    so that spreadsheet programs show accents correctly.

Imports
    ``preview_csv`` parses a file and reports every problem with the row number a spreadsheet
    shows (the header is row 1). ``import_csv`` saves the rows in one transaction, and only when
    the file has no problem at all: a file with one bad row changes nothing. The header may use
    spaces or capitals (``Start date`` for ``start_date``); ``recorded_at`` and ``source`` columns
    are accepted and ignored (imported entries are recorded at import time, source ``import``).
    Commas, semicolons and tabs are recognised as separators.

Duplicates policy
    A row with the same kind and the same content as an entry already in the profile (live or in
    the bin) or as an earlier row of the same file is *not* an error: the preview marks it
    "duplicate" and says of what, and the import skips it. Importing the same spreadsheet twice
    therefore adds nothing the second time, and a kept-up spreadsheet can be re-imported to add
    only its new rows. An entry deliberately moved to the bin is not brought back by a re-import.

JSON backup
    ``{"format": "coverage-diary-backup", "schema_version": 1, "exported_at", "profile": {name,
    conditions, settings}, "entries": [{id, kind, day, data, recorded_at, updated_at, version,
    deleted_at, source, history: [{version, day, data, action, changed_at}]}]}``. The bin and
    every entry's history are included. ``restore_backup`` puts it into a new or empty profile
    with the original times, versions, bin state and history; references between entries
    (``session_id``) are mapped to the new ids.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from utils import catalog, models
from utils.models import (
    ENTRY_KINDS,
    Entry,
    EntryError,
    MedicationDose,
    friendly_errors,
    parse_entry,
)
from utils.store import REFERENCE_KINDS, Profile, Store, StoredEntry, StoreError

BACKUP_FORMAT = "coverage-diary-backup"
SCHEMA_VERSION = 1
MAX_CSV_BYTES = 10 * 1024 * 1024
MAX_BACKUP_BYTES = 100 * 1024 * 1024
MAX_CSV_ROWS = 50_000
MAX_CELL_CHARS = 10_000
MAX_REPORTED = 200  # problems listed before "... and N more"
TEMPLATE_KINDS = ("attack", "headache_checkin", "sweat_day", "jaw_day")
EXPORT_META_COLUMNS = ("recorded_at", "source")
IMPORT_SOURCE = "import"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_YES = {"yes", "y", "true", "1", "x"}
_NO = {"no", "n", "false", "0"}


class ExchangeError(ValueError):
    """A refused file: nothing was changed. ``messages`` says what is wrong, one per line."""

    def __init__(self, messages: Sequence[str]):
        self.messages = list(messages)
        super().__init__("; ".join(self.messages))


# ---------------------------------------------------------------- field shapes


Shape = Literal["text", "number", "bool", "date", "time", "datetime", "list", "medications"]


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The annotation without ``| None``, and whether None was allowed."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        inner = args[0] if len(args) == 1 else annotation
        return inner, len(args) != len(typing.get_args(annotation))
    return annotation, False


def field_shape(kind: str, name: str) -> Shape:
    inner, _ = _unwrap(ENTRY_KINDS[kind].model_fields[name].annotation)
    if typing.get_origin(inner) is list:
        (arg,) = typing.get_args(inner) or (str,)
        return "medications" if arg is MedicationDose else "list"
    if inner is bool:
        return "bool"
    if inner is dt.datetime:
        return "datetime"
    if inner is dt.date:
        return "date"
    if inner is dt.time:
        return "time"
    if inner in (int, float):
        return "number"
    return "text"


def _choices(kind: str, name: str) -> tuple[str, ...]:
    inner, _ = _unwrap(ENTRY_KINDS[kind].model_fields[name].annotation)
    if typing.get_origin(inner) is list:
        (inner,) = typing.get_args(inner) or (str,)
    if typing.get_origin(inner) is Literal:
        return tuple(str(a) for a in typing.get_args(inner))
    return ()


def csv_columns(kind: str) -> list[str]:
    """The columns of a kind's CSV template (export adds ``recorded_at`` and ``source``)."""
    return list(ENTRY_KINDS[kind].model_fields)


def required_columns(kind: str) -> list[str]:
    return [n for n, f in ENTRY_KINDS[kind].model_fields.items() if f.is_required()]


_SHAPE_HELP = {
    "text": "text",
    "number": "a number",
    "bool": "yes, no, or blank if not known",
    "date": "a date: YYYY-MM-DD",
    "time": "a time: HH:MM (24 hours)",
    "datetime": "date and time: YYYY-MM-DD HH:MM",
    "list": "several values separated by ;",
    "medications": (
        "medicines separated by ;, each 'name (class) dose, at HH:MM, relief none|partial|full' "
        "(class, time and relief optional for known medicines)"
    ),
}


def column_guide(kind: str) -> list[dict[str, str]]:
    """One row per column of a kind's template: what to write, whether it is required."""
    required = set(required_columns(kind))
    out = []
    for name in csv_columns(kind):
        shape = field_shape(kind, name)
        what = _SHAPE_HELP[shape]
        choices = _choices(kind, name)
        if choices:
            what = ("one of: " if shape == "text" else "any of (separated by ;): ") + ", ".join(
                choices
            )
        out.append(
            {"column": name, "required": "yes" if name in required else "", "what to write": what}
        )
    return out


# ---------------------------------------------------------------- export: CSV


def _num(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _hhmm(value: str) -> str:
    t = dt.time.fromisoformat(value)
    return t.strftime("%H:%M") if not (t.second or t.microsecond) else t.isoformat()


_SPECIAL = ',;()"'


def _quote(text: str) -> str:
    """A name or dose as written in a list cell: in double quotes when it holds a separator."""
    if any(c in text for c in _SPECIAL):
        return '"' + text.replace('"', '""') + '"'
    return text


def _split_outside_quotes(text: str, sep: str) -> list[str]:
    parts, buf, quoted = [], [], False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == sep and not quoted:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts


def _unquote(text: str) -> str:
    t = text.strip()
    if len(t) >= 2 and t[0] == t[-1] == '"':
        return t[1:-1].replace('""', '"')
    return t


def _safe(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (import removes the mark)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def format_medication(m: dict[str, Any]) -> str:
    """``sumatriptan (triptan) 50 mg, at 14:30, relief partial``; a name or dose holding
    ``, ; ( ) "`` is written in double quotes: ``"Tylenol, extra" (simple_analgesic) 500 mg``."""
    text = f"{_quote(m['name'])} ({m['drug_class']})"
    if m.get("dose"):
        text += f" {_quote(m['dose'])}"
    if m.get("time"):
        text += f", at {_hhmm(m['time'])}"
    if m.get("relief_2h"):
        text += f", relief {m['relief_2h']}"
    return text


def _cell(shape: Shape, value: Any) -> str:
    if value is None:
        return ""
    if shape == "bool":
        return "yes" if value else "no"
    if shape == "medications":
        return _safe("; ".join(format_medication(m) for m in value))
    if shape == "list":
        return _safe("; ".join(_quote(str(v)) for v in value))
    if shape == "time":
        return _hhmm(value)
    if shape == "datetime":
        return dt.datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")
    if shape == "number":
        return _num(value)
    return _safe(str(value))


def _csv_text(rows: Iterable[Sequence[str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8-sig")


def csv_bytes(kind: str, entries: Iterable[StoredEntry]) -> bytes:
    """A spreadsheet of one kind's entries, one row per entry, oldest day first."""
    cols = csv_columns(kind)
    shapes = [field_shape(kind, c) for c in cols]
    rows: list[list[str]] = [cols + list(EXPORT_META_COLUMNS)]
    for e in entries:
        if e.kind != kind:
            continue
        data = e.entry.model_dump(mode="json")
        rows.append(
            [_cell(s, data.get(c)) for c, s in zip(cols, shapes, strict=True)]
            + [e.recorded_at.strftime("%Y-%m-%d %H:%M"), e.source]
        )
    return _csv_text(rows)


def template_csv(kind: str) -> bytes:
    """An empty spreadsheet for ``kind``: just the header row."""
    return _csv_text([csv_columns(kind)])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "diary"


def csv_filename(profile_name: str, kind: str) -> str:
    return f"coverage-diary_{_slug(profile_name)}_{kind}.csv"


def backup_filename(profile_name: str, when: dt.datetime | None = None) -> str:
    return f"coverage-diary_{_slug(profile_name)}_backup_{(when or models.now()):%Y-%m-%d}.json"


@dataclass(frozen=True)
class ExportFile:
    kind: str
    label: str
    rows: int
    filename: str
    data: bytes


def csv_kinds(entries: Sequence[StoredEntry]) -> list[tuple[str, str, int]]:
    """(kind, label, rows) for each diary kind present, in the registry's order."""
    counts: dict[str, int] = {}
    for e in entries:
        counts[e.kind] = counts.get(e.kind, 0) + 1
    order = list(ENTRY_KINDS)
    return [
        (kind, ENTRY_KINDS[kind].LABEL, counts[kind])
        for kind in sorted(counts, key=lambda k: order.index(k) if k in order else len(order))
    ]


def csv_exports(store: Store, profile_id: int) -> list[ExportFile]:
    """One CSV per diary kind the profile has (bin excluded), in the registry's order."""
    profile = store.profile(profile_id)
    entries = store.entries(profile_id)
    return [
        ExportFile(kind, label, rows, csv_filename(profile.name, kind), csv_bytes(kind, entries))
        for kind, label, rows in csv_kinds(entries)
    ]


def export_csvs(store: Store, profile_id: int) -> dict[str, bytes]:
    """File name -> CSV bytes, one file per kind the profile has (bin excluded)."""
    return {f.filename: f.data for f in csv_exports(store, profile_id)}


# ---------------------------------------------------------------- export: JSON backup


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


# ---------------------------------------------------------------- reading bytes


def _decode(data: bytes, what: str, limit: int) -> str:
    if not data or not data.strip():
        raise ExchangeError([f"The {what} is empty."])
    if len(data) > limit:
        raise ExchangeError(
            [f"The {what} is too large ({len(data) / 1e6:.1f} MB; at most {limit / 1e6:.0f} MB)."]
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise ExchangeError(
            [
                f"The {what} is saved as UTF-16 (or is not a text file). "
                "Save it as 'CSV UTF-8' (spreadsheets) or as UTF-8 text, then try again."
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ExchangeError(
            [
                f"The {what} is not UTF-8 text (first unreadable byte on line {line}); it may be "
                "saved as Latin-1 / Windows-1252. Save it as 'CSV UTF-8' and try again."
            ]
        ) from None
    if "\x00" in text:
        raise ExchangeError([f"The {what} contains NUL characters; it is not a text file."])
    return text


def detect_format(data: bytes) -> Literal["backup", "csv"]:
    """A JSON backup starts with ``{``; anything else is treated as a CSV diary."""
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return "backup" if head.startswith(b"{") else "csv"


# ---------------------------------------------------------------- import: CSV


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


_MED_CLASS_LABELS: dict[str, str] = {}


def _med_class(text: str) -> str | None:
    classes = catalog.acute_classes()
    key = text.strip().lower()
    if key in classes:
        return key
    if not _MED_CLASS_LABELS:
        _MED_CLASS_LABELS.update({c["label"].lower(): cid for cid, c in classes.items()})
    return _MED_CLASS_LABELS.get(key) or _MED_CLASS_LABELS.get(key.replace("_", " "))


def parse_medications(cell: str) -> list[dict[str, Any]]:
    """Read the medicines cell written by ``format_medication``; raises ValueError."""
    out: list[dict[str, Any]] = []
    for item in (p.strip() for p in _split_outside_quotes(cell, ";")):
        if not item:
            continue
        head, *extras = (p.strip() for p in _split_outside_quotes(item, ","))
        m = re.fullmatch(r'("(?:[^"]|"")*"|[^()]+?)\s*\(([^()]*)\)\s*(.*)', head)
        if m:
            name, cls_text, dose = _unquote(m.group(1)), m.group(2), _unquote(m.group(3))
            drug_class = _med_class(cls_text)
            if drug_class is None:
                known = ", ".join(catalog.acute_classes())
                raise ValueError(
                    f"unknown medicine class '{cls_text}' in '{item}'; use one of: {known}"
                )
        else:
            words = head.split()
            cut = next((i for i, w in enumerate(words) if w[:1].isdigit()), len(words))
            name, dose = " ".join(words[:cut]), " ".join(words[cut:])
            found = catalog.acute_medicine_names().get(name.lower())
            if found is None:
                raise ValueError(
                    f"'{name}' is not in the medicine list: add its class in brackets, "
                    f"e.g. '{name} (triptan) {dose or '50 mg'}'"
                )
            drug_class = found
        med: dict[str, Any] = {"name": name, "drug_class": drug_class, "dose": dose}
        for extra in extras:
            low = extra.lower()
            if low.startswith("at "):
                med["time"] = _parse_time(extra[3:].strip()).isoformat()
            elif low.startswith("relief"):
                med["relief_2h"] = low[len("relief") :].strip(" :")
            elif extra:
                raise ValueError(
                    f"did not understand '{extra}' in '{item}'; write 'at HH:MM' or 'relief partial'"
                )
        out.append(med)
    return out


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is not None and moment.time() == dt.time(0) and moment.tzinfo is None:
        return moment.date()
    raise ValueError(f"'{text}' is not a date written as YYYY-MM-DD (for example 2024-03-14)")


def _parse_time(text: str) -> dt.time:
    m = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", text)
    if m:
        h, mi, s = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
        if h < 24 and mi < 60 and s < 60:
            return dt.time(h, mi, s)
    raise ValueError(f"'{text}' is not a time written as HH:MM (for example 14:30)")


def _parse_datetime(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is not None:
        raise ValueError(
            f"'{text}' is not a date and time written as YYYY-MM-DD HH:MM (no time zone)"
        )
    return moment


def _parse_number(text: str) -> int | float:
    try:
        value = float(text.replace(",", ".")) if "." in text or "," in text else int(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a number") from None
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"'{text}' is not a number")
        if value.is_integer():
            value = int(value)
    return value


def _convert(shape: Shape, text: str) -> Any:
    if shape == "bool":
        low = text.lower()
        if low in _YES:
            return True
        if low in _NO:
            return False
        raise ValueError(f"'{text}' is not yes or no (leave the cell blank if not known)")
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        text = text[1:]  # the mark export puts before a cell that looks like a formula
    if shape == "list":
        return [_unquote(p) for p in _split_outside_quotes(text, ";") if p.strip()]
    if shape == "medications":
        return parse_medications(text)
    if shape == "date":
        return _parse_date(text).isoformat()
    if shape == "time":
        return _parse_time(text).isoformat()
    if shape == "datetime":
        return _parse_datetime(text).isoformat()
    if shape == "number":
        return _parse_number(text)
    return text


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
            names = ", ".join(TEMPLATE_KINDS)
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
    with store.transaction(profile_id):
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


# ---------------------------------------------------------------- import: JSON backup


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
    conditions: list[Literal["headache", "sweating", "jaw"]]
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
