"""Import a headache diary from any spreadsheet: the file's own columns mapped to diary fields.

A patient's own spreadsheet (or a paper diary typed into Excel, or another app's export) rarely
has the template's columns. This module reads the file (``.csv`` or ``.xlsx``, the latter through
pandas and openpyxl), finds the header row (also under a title line or a row of merged group
headers), proposes a ``Mapping`` from its columns to diary fields, guesses the date order
(day-first, month-first or year-first; ``None`` when the file cannot tell, and the page asks),
and turns each row into the import template's cells. The rows then go through the existing
import rules of ``utils.exchange`` (``preview_csv``: validation, every problem with its row
number, duplicates skipped; the save is one transaction, all or nothing), with the row numbers
of the original spreadsheet.

Rows become headache attacks; a row that says there was no headache (pain 0 or ``none``, or a
yes/no headache column with ``no``) becomes a "no headache today" check-in. Pain written as
words or on a 1-3 scale is stored on the diary's 0-10 scale as mild = 2, moderate = 5,
severe = 8 (the middle of 1-3, 4-6 and 7-10), extreme = 10, and the original word is kept in
the attack's notes.

Saved mappings live in the profile's settings (``import_mappings``), keyed by the file's
column names, so the next import of the same spreadsheet starts from the mapping used before.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from utils import catalog, exchange, models
from utils.exchange import ExchangeError, ImportPreview, PreviewRow
from utils.store import Store, StoredEntry

# Diary fields a column can be mapped to (id -> label shown on the page).
FIELDS: dict[str, str] = {
    "date": "Date",
    "start_time": "Start time",
    "end_time": "End time",
    "duration": "Duration",
    "pain": "Pain or severity",
    "headache": "Headache yes/no",
    "medicine": "Medicine taken",
    "notes": "Notes",
    "triggers": "Triggers",
    "nausea_vomiting": "Nausea or vomiting (yes/no)",
    "light_sensitivity": "Light bothers (yes/no)",
    "sound_sensitivity": "Noise bothers (yes/no)",
    "pulsating": "Throbbing (yes/no)",
    "worse_with_activity": "Worse with activity (yes/no)",
    "aura": "Aura (yes/no)",
}
FEATURES = (
    "nausea_vomiting",
    "light_sensitivity",
    "sound_sensitivity",
    "pulsating",
    "worse_with_activity",
    "aura",
)
IGNORE = ""
SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": ("date", "day", "datum", "fecha", "start date", "date of attack", "headache date"),
    "start_time": (
        "start time",
        "time",
        "start",
        "started",
        "onset",
        "time started",
        "began",
        "begin",
        "from",
    ),
    "end_time": ("end time", "end", "ended", "finish", "finished", "stopped", "until", "to"),
    "duration": (
        "duration",
        "duration minutes",
        "how long",
        "length",
        "lasted",
        "hours",
        "minutes",
    ),
    "pain": (
        "pain",
        "severity",
        "intensity",
        "pain level",
        "pain score",
        "pain intensity",
        "headache severity",
        "migraine severity",
        "how bad",
        "rating",
        "level",
    ),
    "headache": ("headache", "migraine", "had headache", "headache today"),
    "medicine": (
        "medicine",
        "medicines",
        "medication",
        "medications",
        "meds",
        "drug",
        "drugs",
        "tablets",
        "pills",
        "painkiller",
        "painkillers",
        "took",
        "acute medication",
        "medications taken",
    ),
    "notes": ("notes", "note", "comments", "comment", "remarks", "description", "details"),
    "triggers": ("triggers", "trigger", "possible triggers", "cause", "causes"),
    "nausea_vomiting": ("nausea", "vomiting", "nausea vomiting", "nauseous", "felt sick", "sick"),
    "light_sensitivity": ("light", "light sensitivity", "photophobia", "sensitive to light"),
    "sound_sensitivity": (
        "sound",
        "noise",
        "sound sensitivity",
        "phonophobia",
        "noise sensitivity",
    ),
    "pulsating": ("throbbing", "pulsating", "pounding"),
    "worse_with_activity": ("worse with activity", "worse with movement", "activity"),
    "aura": ("aura", "visual aura"),
}
PAIN_SCALES = {
    "0-10": "0 to 10",
    "1-3": "1 mild, 2 moderate, 3 severe (0 none)",
}
PAIN_WORDS = {
    "none": 0,
    "no": 0,
    "no pain": 0,
    "mild": 2,
    "light": 2,
    "low": 2,
    "moderate": 5,
    "medium": 5,
    "mod": 5,
    "severe": 8,
    "bad": 8,
    "high": 8,
    "strong": 8,
    "extreme": 10,
    "very severe": 10,
    "unbearable": 10,
}
SCALE_1_3 = {0: ("none", 0), 1: ("mild", 2), 2: ("moderate", 5), 3: ("severe", 8)}
DATE_ORDERS = {
    "ymd": "year first (2025-03-04)",
    "dmy": "day first (04/03/2025 is 4 March)",
    "mdy": "month first (03/04/2025 is March 4)",
}
_NUMERIC_FORMATS = {
    "ymd": ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"),
    "dmy": ("%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%y", "%d.%m.%y", "%d-%m-%y"),
    "mdy": ("%m/%d/%Y", "%m-%d-%Y", "%m.%d.%Y", "%m/%d/%y", "%m-%d-%y"),
}
_WORD_FORMATS = (
    "%d %b %Y",
    "%d %B %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%a %d %b %Y",
    "%A %d %B %Y",
    "%a %b %d %Y",
    "%A %B %d %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
)
_YES = {"yes", "y", "true", "1", "x", "✓", "✔", "ja", "oui", "si", "sí"}
_NO = {"no", "n", "false", "0", "nein", "non", "-"}
_NOTHING = {"", "-", "none", "no", "n/a", "na", "nil", "nothing", "0"}
MAX_SAVED = 20
PREVIEW_ROWS = 10


# ---------------------------------------------------------------- reading the file


@dataclass(frozen=True)
class Sheet:
    """A spreadsheet read as text: the header row found and the rows below it."""

    name: str
    header_row: int  # the header's row number as the spreadsheet shows it (first row is 1)
    columns: tuple[str, ...]  # unique column names
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (row number, cells), blank rows left out

    def values(self, column: str) -> list[str]:
        i = self.columns.index(column)
        return [cells[i] for _, cells in self.rows if cells[i]]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, dt.datetime):  # pandas Timestamp too
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    text = str(value).strip()
    return "" if text.lower() == "nan" else text


def _read_xlsx(data: bytes) -> list[list[str]]:
    import pandas as pd

    if len(data) > exchange.MAX_CSV_BYTES:
        raise ExchangeError(["The file is too large (at most 10 MB)."])
    try:
        frame = pd.read_excel(io.BytesIO(data), header=None, dtype=object, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ExchangeError(
            [f"The file is not a readable Excel workbook (.xlsx): {exc}. Save it again as .xlsx."]
        ) from None
    if len(frame) > exchange.MAX_CSV_ROWS + 20:
        raise ExchangeError([f"The file has more than {exchange.MAX_CSV_ROWS} rows; split it."])
    return [[_cell_text(v) for v in row] for row in frame.itertuples(index=False)]


def _read_text(data: bytes) -> list[list[str]]:
    text = exchange._decode(data, "file", exchange.MAX_CSV_BYTES)
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    delimiter = max((",", ";", "\t"), key=lambda d: sum(line.count(d) for line in lines))
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ExchangeError([f"The file is not a readable CSV: {exc}."]) from None
    if len(records) > exchange.MAX_CSV_ROWS + 20:
        raise ExchangeError([f"The file has more than {exchange.MAX_CSV_ROWS} rows; split it."])
    return [[c.strip() for c in r] for r in records]


def _normal(label: str) -> str:
    return " ".join(re.sub(r"[^0-9a-zäöüéèáíóúñ]+", " ", label.lower()).split())


def _base(label: str) -> str:
    """The label without a bracketed part: 'Pain (0-10)' -> 'pain'."""
    return _normal(re.sub(r"\(.*?\)|\[.*?\]", " ", label))


def guess_field(label: str) -> str:
    """The diary field a column name stands for, or '' when it is not recognised."""
    for candidate in (_normal(label), _base(label)):
        for fid, names in SYNONYMS.items():
            if candidate in names:
                return fid
    words = f" {_base(label)} "
    best = ("", 0)
    for fid, names in SYNONYMS.items():
        for name in names:
            if f" {name} " in words and len(name) > best[1]:
                best = (fid, len(name))
    return best[0]


def _header_index(table: Sequence[Sequence[str]]) -> int:
    best, best_score = 0, -1
    for i, row in enumerate(table[:15]):
        score = sum(bool(guess_field(c)) for c in row if c)
        if score > best_score:
            best, best_score = i, score
    if best_score <= 0:
        best = next((i for i, r in enumerate(table) if any(r)), 0)
    return best


def _column_names(table: Sequence[Sequence[str]], index: int, width: int) -> list[str]:
    lower = list(table[index]) + [""] * (width - len(table[index]))
    upper: list[str] = [""] * width
    if index > 0 and sum(bool(c) for c in table[index - 1]) >= 2:  # a row of group headers
        last = ""
        for i, c in enumerate(list(table[index - 1]) + [""] * (width - len(table[index - 1]))):
            last = c or last  # merged cells: the label stands in the first cell only
            upper[i] = last
    names: list[str] = []
    for i in range(width):
        name = lower[i]
        if not name:
            name = upper[i]
        elif upper[i] and upper[i] != name and not guess_field(name):
            joined = f"{upper[i]} {name}"
            name = joined if guess_field(joined) else name
        name = name or f"Column {i + 1}"
        unique, n = name, 2
        while unique in names:
            unique, n = f"{name} ({n})", n + 1
        names.append(unique)
    return names


def read_sheet(data: bytes, filename: str = "") -> Sheet:
    """Read a .csv or .xlsx file; raises ExchangeError with a readable message."""
    is_xlsx = filename.lower().endswith(".xlsx") or data[:4] == b"PK\x03\x04"
    table = _read_xlsx(data) if is_xlsx else _read_text(data)
    while table and not any(table[-1]):
        table.pop()
    if not any(any(r) for r in table):
        raise ExchangeError(["The file is empty."])
    index = _header_index(table)
    width = max(len(r) for r in table)
    names = _column_names(table, index, width)
    rows = []
    for number, record in enumerate(table[index + 1 :], start=index + 2):
        cells = tuple(list(record) + [""] * (width - len(record)))
        if any(cells):
            rows.append((number, cells))
    if not rows:
        raise ExchangeError(["The file has a header row but no diary rows."])
    return Sheet(filename, index + 1, tuple(names), tuple(rows))


def is_template(data: bytes, filename: str = "") -> bool:
    """Whether a CSV has the columns of one of the app's own templates (the plain import)."""
    if filename.lower().endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        return False
    try:
        table = _read_text(data)
    except ExchangeError:
        return True  # let the plain import say what is wrong
    first = next((r for r in table if any(r)), None)
    return first is not None and exchange.detect_kind(first) is not None


# ---------------------------------------------------------------- dates, times, numbers


_TIME_TAIL = re.compile(r"^(.*?)[ T]+(\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?)$", re.I)


def split_date_time(text: str) -> tuple[str, str]:
    """'2025-03-04 08:30' -> ('2025-03-04', '08:30'); no time -> (text, '')."""
    m = _TIME_TAIL.match(text.strip())
    return (m.group(1).strip(), m.group(2).strip()) if m else (text.strip(), "")


def _clean_date(text: str) -> str:
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip(), flags=re.I)
    return " ".join(text.replace(",", " ").split())


def parse_date(text: str, order: str | None) -> dt.date:
    """A date in any common way of writing it; ``order`` ('dmy', 'mdy', 'ymd') settles
    numeric dates such as 03/04/2025. Raises ValueError with a readable message."""
    clean = _clean_date(split_date_time(text)[0])
    for fmt in _NUMERIC_FORMATS["ymd"] + _WORD_FORMATS:
        try:
            return dt.datetime.strptime(clean, fmt).date()
        except ValueError:
            continue
    if order:
        for fmt in _NUMERIC_FORMATS.get(order, ()):
            try:
                return dt.datetime.strptime(clean, fmt).date()
            except ValueError:
                continue
    raise ValueError(f"'{text}' is not a date this file's date format can read")


def _order_counts(values: Iterable[str]) -> dict[str, int]:
    vals = [_clean_date(split_date_time(v)[0]) for v in values if v.strip()]
    counts = {}
    for order in ("ymd", "dmy", "mdy"):
        formats = _NUMERIC_FORMATS[order] + _WORD_FORMATS + _NUMERIC_FORMATS["ymd"]
        counts[order] = sum(any(_fits(v, f) for f in formats) for v in vals)
    return counts


def date_orders(values: Iterable[str]) -> list[str]:
    """The date orders ('ymd', 'dmy', 'mdy') under which every value is a date."""
    values = [v for v in values if v.strip()]
    counts = _order_counts(values)
    return [o for o, n in counts.items() if values and n == len(values)]


def _fits(text: str, fmt: str) -> bool:
    try:
        dt.datetime.strptime(text, fmt)
    except ValueError:
        return False
    return True


def guess_date_order(values: Iterable[str]) -> str | None:
    """The order that reads the most values, when the values settle it; None when day-first
    and month-first read them equally well (the page asks) or nothing reads them. A value that
    no order reads (a typo) becomes that row's error, not a reason to ask."""
    counts = _order_counts(values)
    best = max(counts.values())
    if not best:
        return None
    fits = [o for o, n in counts.items() if n == best]
    numeric = [o for o in fits if o != "ymd"]
    if "ymd" in fits and len(numeric) == 2:
        return "ymd"  # ISO dates or month names: any order reads them
    if len(numeric) == 1:
        return numeric[0]
    return None


def parse_time(text: str) -> dt.time:
    """'14:30', '2:30 pm', '2pm', '14.30', '1430' -> a time; raises ValueError."""
    low = text.strip().lower().replace(".", ":").replace(" ", "")
    m = re.fullmatch(r"(\d{1,2})(?::?(\d{2}))?(?::(\d{2}))?(am|pm|a:m:|p:m:)?", low)
    if m and (m.group(2) or m.group(4)):
        h, mi = int(m.group(1)), int(m.group(2) or 0)
        suffix = (m.group(4) or "").replace(":", "")
        if suffix:
            if not 1 <= h <= 12:
                raise ValueError(f"'{text}' is not a time")
            h = h % 12 + (12 if suffix == "pm" else 0)
        if h < 24 and mi < 60:
            return dt.time(h, mi)
    raise ValueError(f"'{text}' is not a time (write it as 14:30 or 2:30 pm)")


def parse_duration(text: str, unit: str) -> int:
    """Minutes from '2', '2.5', '90 min', '2h', '2 h 30', '1:30' (``unit`` for bare numbers)."""
    low = text.strip().lower().replace(",", ".")
    m = re.fullmatch(r"(\d+):(\d{2})", low)
    if m:
        return int(m.group(1)) * 60 + int(m.group(2))
    m = re.fullmatch(
        r"(?:(\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hour|hours|std|stunden))?\s*"
        r"(?:(\d+(?:\.\d+)?)\s*(?:m|min|mins|minute|minutes)?)?",
        low,
    )
    if m and (m.group(1) or m.group(2)):
        hours = float(m.group(1) or 0)
        rest = m.group(2)
        if m.group(1) is None:  # a bare number (or one with a minutes unit)
            is_minutes = unit == "minutes" or bool(re.search(r"m", low))
            minutes = float(rest) if is_minutes else float(rest) * 60
        else:
            minutes = hours * 60 + float(rest or 0)
        if minutes >= 1:
            return round(minutes)
    raise ValueError(f"'{text}' is not a duration (write 2.5, 2h 30 or 90 min)")


def parse_pain(text: str, scale: str) -> tuple[int, str]:
    """(pain 0-10, the original word when it was converted, else '')."""
    low = " ".join(text.strip().lower().split())
    if low in PAIN_WORDS:
        return PAIN_WORDS[low], ("" if low in ("none", "no", "no pain") else low)
    try:
        value = float(low.replace(",", ".").removesuffix("/10").strip())
    except ValueError:
        raise ValueError(
            f"'{text}' is not a pain level (a number, or none, mild, moderate, severe)"
        ) from None
    if not value.is_integer():
        raise ValueError(f"'{text}' is not a whole number")
    n = int(value)
    if scale == "1-3":
        if n not in SCALE_1_3:
            raise ValueError(f"'{text}' is not on the 1-3 scale (1 mild, 2 moderate, 3 severe)")
        word, pain = SCALE_1_3[n]
        return pain, (f"{n} of 3 ({word})" if n else "")
    if not 0 <= n <= 10:
        raise ValueError(f"'{text}' is not between 0 and 10")
    return n, ""


def _yes_no(text: str) -> bool | None:
    low = text.strip().lower()
    if low in _YES:
        return True
    if low in _NO:
        return False
    if not low:
        return None
    raise ValueError(f"'{text}' is not yes or no (leave the cell blank if not known)")


def _medicine_cell(text: str) -> str:
    low = text.strip().lower()
    if low in _NOTHING:
        return ""
    if "(" not in text and not re.search(r",\s*(at |relief)", text, re.I):
        text = re.sub(r"\s*(?:,|\+|&|/|\band\b|\n)\s*", "; ", text)
    aliases = _aliases()
    items = []
    for item in (p.strip() for p in text.split(";")):
        if item and "(" not in item:
            words = item.split()
            cut = next((i for i, w in enumerate(words) if w[:1].isdigit()), len(words))
            name = " ".join(words[:cut]).lower()
            if name not in catalog.acute_medicine_names() and name in aliases:
                item = " ".join([*words[:cut], f"({aliases[name]})", *words[cut:]])
        items.append(item)
    return "; ".join(i for i in items if i)


# ---------------------------------------------------------------- the mapping


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
                out.append(f"'{FIELDS[fid]}' is chosen for two columns: {seen[fid]} and {col}.")
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


def _aliases() -> dict[str, str]:
    """Names a medicine goes by, lower case -> class: 'paracetamol (acetaminophen)' gives both."""
    out: dict[str, str] = {}
    for name, cls in catalog.acute_medicine_names().items():
        out[name] = cls
        m = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
        if m:
            out.setdefault(m.group(1).strip(), cls)
            out.setdefault(m.group(2).strip(), cls)
    return out


def propose_mapping(sheet: Sheet) -> ColumnMapping:
    """The mapping the app proposes from the column names and what the cells look like."""
    columns: dict[str, str] = {}
    used: set[str] = set()
    for col in sheet.columns:
        fid = guess_field(col)
        values = sheet.values(col)[:200]
        if fid == "headache" and values and not _looks_yes_no(values) and "pain" not in used:
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
    cols = {c: (f if f in FIELDS else IGNORE) for c, f in cols.items()}
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
        result = exchange.preview_csv(_template_bytes(columns, part), kind=kind, existing=existing)
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
) -> exchange.ImportResult:
    """Save every row in one transaction; any problem refuses the whole file."""
    result = preview(sheet, mapping, exchange.existing_entries(store, profile_id))
    if not result.ok:
        raise ExchangeError(["Nothing was imported. Please fix:"] + result.error_lines())
    rows = [r for r in result.to_import if r.entry is not None]
    ids = store.add_many(profile_id, [(r.entry, None) for r in rows], source=exchange.IMPORT_SOURCE)
    return exchange.ImportResult(
        result.kind or "attack", len(ids), len(result.duplicates), tuple(ids)
    )
