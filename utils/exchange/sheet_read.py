"""Reading a spreadsheet of the patient's own (``.csv`` or ``.xlsx``): its header row and rows.

The header is found also under a title line or a row of merged group headers; each column's
name is matched to a diary field by ``guess_field``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from utils.exchange.common import MAX_CSV_BYTES, MAX_CSV_ROWS, ExchangeError, _decode
from utils.exchange.csv_import import detect_kind
from utils.exchange.sheet_fields import synonyms


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

    if len(data) > MAX_CSV_BYTES:
        raise ExchangeError(["The file is too large (at most 10 MB)."])
    try:
        frame = pd.read_excel(io.BytesIO(data), header=None, dtype=object, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ExchangeError(
            [f"The file is not a readable Excel workbook (.xlsx): {exc}. Save it again as .xlsx."]
        ) from None
    if len(frame) > MAX_CSV_ROWS + 20:
        raise ExchangeError([f"The file has more than {MAX_CSV_ROWS} rows; split it."])
    return [[_cell_text(v) for v in row] for row in frame.itertuples(index=False)]


def _read_text(data: bytes) -> list[list[str]]:
    text = _decode(data, "file", MAX_CSV_BYTES)
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    delimiter = max((",", ";", "\t"), key=lambda d: sum(line.count(d) for line in lines))
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ExchangeError([f"The file is not a readable CSV: {exc}."]) from None
    if len(records) > MAX_CSV_ROWS + 20:
        raise ExchangeError([f"The file has more than {MAX_CSV_ROWS} rows; split it."])
    return [[c.strip() for c in r] for r in records]


def _normal(label: str) -> str:
    return " ".join(re.sub(r"[^0-9a-zäöüéèáíóúñ]+", " ", label.lower()).split())


def _base(label: str) -> str:
    """The label without a bracketed part: 'Pain (0-10)' -> 'pain'."""
    return _normal(re.sub(r"\(.*?\)|\[.*?\]", " ", label))


def guess_field(label: str) -> str:
    """The diary field a column name stands for, or '' when it is not recognised."""
    for candidate in (_normal(label), _base(label)):
        for fid, names in synonyms().items():
            if candidate in names:
                return fid
    words = f" {_base(label)} "
    best = ("", 0)
    for fid, names in synonyms().items():
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
    return first is not None and detect_kind(first) is not None
