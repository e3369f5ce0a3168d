"""Writes the foreign spreadsheets in this folder (run: python tests/data/make_spreadsheets.py).

Six realistic files whose columns are not the app's template, for the spreadsheet import tests.
The .csv files are plain text and can be edited by hand; the .xlsx files are made here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent


def paper_diary() -> None:
    """A paper diary typed into Excel: real date and time cells, severity 1-3, tablets."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Diary"
    ws.append(["Date", "Time", "Severity (1-3)", "How long (hours)", "Tablets", "Notes"])
    rows = [
        (dt.date(2025, 3, 3), dt.time(7, 30), 2, 5, "Ibuprofen 400 mg", "woke up with it"),
        (dt.date(2025, 3, 5), dt.time(16, 0), 3, 9, "Sumatriptan 50mg", "had to lie down"),
        (dt.date(2025, 3, 8), None, 1, 2, None, None),
        (dt.date(2025, 3, 11), dt.time(13, 15), 3, 12, "sumatriptan 50 mg, paracetamol 1 g", None),
        (dt.date(2025, 3, 12), dt.time(9, 0), 2, 3.5, "paracetamol 1g", "after bad sleep"),
        (dt.date(2025, 3, 17), dt.time(18, 45), 3, 6, "Sumatriptan 50mg", "period"),
        (dt.date(2025, 3, 20), dt.time(11, 0), 1, 1.5, None, None),
        (dt.date(2025, 3, 24), dt.time(6, 0), 2, 4, "Ibuprofen 400 mg", None),
    ]
    for r in rows:
        ws.append(list(r))
    for row in ws.iter_rows(min_row=2, max_col=2):
        row[0].number_format = "DD/MM/YYYY"
        row[1].number_format = "HH:MM"
    wb.save(HERE / "paper_diary.xlsx")


def merged_headers() -> None:
    """A title, a blank line, merged group headers over the real ones, blank lines between."""
    wb = Workbook()
    ws = wb.active
    ws.append(["My migraine log 2025"])
    ws.merge_cells("A1:G1")
    ws.append([])
    ws.append(["When", None, "Headache", None, None, "Treatment", "Notes"])
    ws.merge_cells("A3:B3")
    ws.merge_cells("C3:E3")
    ws.merge_cells("G3:G4")
    ws.append(["Date", "Start", "Pain (0-10)", "Duration (min)", "Nausea", "Medicine", None])
    data = [
        ("2025-06-02", "08:00", 6, 240, "yes", "rizatriptan 10 mg", "started at work"),
        None,
        ("2025-06-04", "21:30", 4, 90, "no", None, None),
        ("2025-06-07", None, 0, None, None, None, "good day"),
        None,
        None,
        ("2025-06-09", "14:00", 8, 600, "yes", "rizatriptan 10 mg; naproxen 500 mg", None),
        ("2025-06-13", "10:15", 5, 180, "no", "naproxen 500 mg", None),
    ]
    for r in data:
        if r is None:
            ws.append([])
            continue
        day, *rest = r
        ws.append([dt.date.fromisoformat(day), *rest])
    wb.save(HERE / "merged_headers.xlsx")


if __name__ == "__main__":
    paper_diary()
    merged_headers()
