"""Calendar arithmetic and the small text helpers every layer shares (no I/O, no conditions).

A month is keyed ``"YYYY-MM"``; ``add_months`` is the one month-arithmetic function of the app
(deadlines, look-back windows and renewal dates all use it). A period is an inclusive pair of
dates.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

DAY = dt.timedelta(days=1)
DAY_SECONDS = 86400
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

__all__ = [
    "DAY",
    "DAY_SECONDS",
    "MONTH_NAMES",
    "add_months",
    "days_between",
    "fmt_hours",
    "join_and",
    "longest_run",
    "month_bounds",
    "month_key",
    "month_label",
    "months_text",
    "next_month_key",
    "per_month",
    "runs",
]


def days_between(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    d = start
    while d <= end:
        yield d
        d += DAY


def month_key(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{MONTH_NAMES[int(month) - 1]} {year}"


def month_bounds(key: str) -> tuple[dt.date, dt.date]:
    year, month = (int(x) for x in key.split("-"))
    first = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - DAY


def next_month_key(key: str) -> str:
    return month_key(month_bounds(key)[1] + DAY)


def add_months(d: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (or earlier), clamped to the month's last day."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    last = month_bounds(f"{year:04d}-{month + 1:02d}")[1].day
    return dt.date(year, month + 1, min(d.day, last))


def months_text(keys: Sequence[str]) -> str:
    """'Mar, Apr, May 2026' or 'Dec 2025, Jan 2026'."""
    if not keys:
        return ""
    years = {k[:4] for k in keys}
    if len(years) == 1:
        return ", ".join(MONTH_NAMES[int(k[5:]) - 1] for k in keys) + f" {keys[0][:4]}"
    return ", ".join(month_label(k) for k in keys)


def join_and(items: Sequence[Any]) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def fmt_hours(h: float) -> str:
    return f"{h:.1f}".rstrip("0").rstrip(".")


def runs(keys: Sequence[str]) -> list[list[str]]:
    """Runs of consecutive calendar months among sorted month keys."""
    out: list[list[str]] = []
    for k in sorted(keys):
        if out and next_month_key(out[-1][-1]) == k:
            out[-1].append(k)
        else:
            out.append([k])
    return out


def longest_run(keys: Sequence[str]) -> list[str]:
    """The longest run of consecutive months; the most recent one on a tie."""
    best: list[str] = []
    for r in runs(keys):
        if len(r) >= len(best):
            best = r
    return best


def per_month(days: Iterable[dt.date]) -> dict[str, int]:
    """How many of ``days`` fall in each calendar month ("YYYY-MM"), in month order."""
    out: dict[str, int] = defaultdict(int)
    for d in days:
        out[month_key(d)] += 1
    return dict(sorted(out.items()))
