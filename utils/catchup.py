"""Catching up on missed days: which days of a month are logged, and the one-tap entries that
mark several missed days at once (headache-free, or a normal day). No Streamlit here."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence

from utils.core.dates import add_months
from utils.core.diary_rows import rows_between
from utils.core.entries import Entry
from utils.storage.rows import StoredEntry

NOT_LOGGED, FREE, EVENT = "not logged", "free", "logged"
DEFAULT_FREE_LABEL = "a normal day"


def _forms(condition: str):
    """The condition's ``forms`` part (registry); ``ValueError`` for an unknown condition."""
    from utils import conditions

    try:
        part = conditions.part(condition, "forms")
    except KeyError:
        part = None
    if part is None or not hasattr(part, "free_day"):
        raise ValueError(f"unknown condition {condition!r}")
    return part


def kinds(condition: str) -> tuple[str, ...]:
    """What the condition's diary holds: its day-entry kinds (``ConditionSpec.entry_kinds``)."""
    from utils import conditions

    return conditions.get(condition).entry_kinds


def free_label(condition: str) -> str:
    """What "nothing happened" is called in the condition's diary (its forms part's
    ``FREE_LABEL``, else "a normal day")."""
    return getattr(_forms(condition), "FREE_LABEL", DEFAULT_FREE_LABEL)


def free_entry(condition: str, day: dt.date) -> Entry:
    """The one-tap entry that records ``day`` as headache-free / normal for ``condition``
    (the condition's ``forms.free_day``)."""
    return _forms(condition).free_day(day)


def day_states(
    rows: Iterable[StoredEntry], condition: str, days: Sequence[dt.date]
) -> dict[dt.date, str]:
    """Each day: 'not logged', 'free' (headache-free / normal day only) or 'logged' (anything
    else: an attack, a day with symptoms)."""
    wanted = set(kinds(condition))
    found: dict[dt.date, list[StoredEntry]] = {}
    if not days:
        return {}
    first, last = min(days), max(days)
    for r in rows_between(rows, first, last):  # indexed rows: only these days are read
        if r.kind in wanted and first <= r.day <= last:
            found.setdefault(r.day, []).append(r)
    out = {}
    for day in days:
        items = found.get(day, [])
        if not items:
            out[day] = NOT_LOGGED
        elif all(
            r.kind == "headache_checkin" or getattr(r.entry, "normal_day", False) for r in items
        ):
            out[day] = FREE
        else:
            out[day] = EVENT
    return out


def month_days(year: int, month: int, today: dt.date) -> list[dt.date]:
    """The days of a month up to today."""
    n = calendar.monthrange(year, month)[1]
    return [d for i in range(1, n + 1) if (d := dt.date(year, month, i)) <= today]


def recent_months(today: dt.date, count: int = 3) -> list[tuple[int, int]]:
    """(year, month) of this month and the ``count - 1`` before it, newest first."""
    first = today.replace(day=1)
    return [(d.year, d.month) for d in (add_months(first, -i) for i in range(count))]


def month_grid(year: int, month: int) -> list[list[dt.date | None]]:
    """Weeks of the month, Monday first; None outside the month."""
    return [
        [d if d.month == month else None for d in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]


def unlogged_this_week(
    rows: Iterable[StoredEntry], condition: str, today: dt.date
) -> list[dt.date]:
    """Days from this week's Monday up to yesterday that have no entry for ``condition``."""
    monday = today - dt.timedelta(days=today.weekday())
    days = [monday + dt.timedelta(days=i) for i in range((today - monday).days)]
    states = day_states(rows, condition, days)
    return [d for d in days if states[d] == NOT_LOGGED]


def days_text(days: Sequence[dt.date]) -> str:
    """'Mon 23, Tue 24 and Thu 26'."""
    names = [f"{d:%a} {d.day}" for d in days]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
