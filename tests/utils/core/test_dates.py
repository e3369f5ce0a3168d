"""utils.core.dates: month keys, the one add_months, and text helpers."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from utils.core import dates

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2025, 10, 31), 4, dt.date(2026, 2, 28)),  # clamped to the month's last day
        (dt.date(2023, 10, 31), 4, dt.date(2024, 2, 29)),  # leap year
        (dt.date(2026, 8, 31), 1, dt.date(2026, 9, 30)),
        (dt.date(2026, 1, 15), -1, dt.date(2025, 12, 15)),  # back across a year
        (dt.date(2026, 12, 1), 1, dt.date(2027, 1, 1)),  # forward across a year
        (dt.date(2026, 3, 30), -1, dt.date(2026, 2, 28)),
        (dt.date(2026, 3, 28), -1, dt.date(2026, 2, 28)),  # the last day that needs no clamp
        (dt.date(2026, 5, 20), 0, dt.date(2026, 5, 20)),
        (dt.date(2026, 5, 20), -24, dt.date(2024, 5, 20)),
    ],
)
def test_add_months(start: dt.date, months: int, expected: dt.date) -> None:
    assert dates.add_months(start, months) == expected


def test_add_months_is_defined_once() -> None:
    """The month arithmetic lives in utils.core.dates only; other modules import it."""
    found = []
    for path in sorted((ROOT / "utils").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [
            str(path.relative_to(ROOT))
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and node.name == "add_months"
        ]
    assert found == ["utils/core/dates.py"]


def test_old_paths_are_the_same_function() -> None:
    from utils import deadlines, metrics

    assert deadlines.add_months is dates.add_months
    assert metrics.add_months is dates.add_months


def test_month_keys() -> None:
    assert dates.month_key(dt.date(2026, 3, 9)) == "2026-03"
    assert dates.month_label("2026-03") == "Mar 2026"
    assert dates.month_bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert dates.month_bounds("2026-12") == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert dates.next_month_key("2026-12") == "2027-01"
    assert list(dates.days_between(dt.date(2026, 2, 27), dt.date(2026, 3, 1))) == [
        dt.date(2026, 2, 27),
        dt.date(2026, 2, 28),
        dt.date(2026, 3, 1),
    ]
    assert list(dates.days_between(dt.date(2026, 3, 2), dt.date(2026, 3, 1))) == []


def test_runs_of_months() -> None:
    keys = ["2026-01", "2025-11", "2025-12", "2026-03", "2026-04"]
    assert dates.runs(keys) == [["2025-11", "2025-12", "2026-01"], ["2026-03", "2026-04"]]
    assert dates.longest_run(keys) == ["2025-11", "2025-12", "2026-01"]
    assert dates.longest_run(["2026-01", "2026-03"]) == ["2026-03"]  # a tie: the most recent
    assert dates.longest_run([]) == []


def test_per_month() -> None:
    days = [dt.date(2026, 2, 1), dt.date(2026, 1, 31), dt.date(2026, 2, 28)]
    assert dates.per_month(days) == {"2026-01": 1, "2026-02": 2}
    assert list(dates.per_month(days)) == ["2026-01", "2026-02"]


def test_text_helpers() -> None:
    assert dates.months_text(["2026-03", "2026-04"]) == "Mar, Apr 2026"
    assert dates.months_text(["2025-12", "2026-01"]) == "Dec 2025, Jan 2026"
    assert dates.months_text([]) == ""
    assert dates.join_and(["a"]) == "a"
    assert dates.join_and(["a", "b", "c"]) == "a, b and c"
    assert dates.fmt_hours(4.0) == "4"
    assert dates.fmt_hours(2.25) == "2.2"
    assert dates.fmt_hours(1.5) == "1.5"
