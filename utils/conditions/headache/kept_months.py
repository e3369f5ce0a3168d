"""Classified headache months kept for the next evidence build (issue 21).

After a save only the months the change touches are classified again. A month's days depend only
on the attacks that can touch it (in the diary's order), its headache-free check-ins, the
migraine-day rule, the month's part of the period and, when one of those attacks is still going,
the reference time: the key holds all of that. Attacks are keyed by identity: the cached diary
reuses the objects of unchanged rows, and the kept value holds them, so an id is never reused
while it is part of a key. Every value is shared: never modify it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from utils.conditions.headache.models import Attack, HeadacheCheckin
from utils.core.dates import DAY
from utils.core.diary import Recorded

_MONTHS: OrderedDict[tuple[Any, ...], tuple[tuple[Attack, ...], dict[dt.date, Any]]] = OrderedDict()
MONTHS_MAX = 4096  # about 34 years of months (several profiles and periods share it)
_LOCK = threading.Lock()


def _month_index(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def _month_of_index(i: int) -> tuple[dt.date, dt.date]:
    first = dt.date(i // 12, i % 12 + 1, 1)
    nxt = dt.date((i + 1) // 12, (i + 1) % 12 + 1, 1)
    return first, nxt - DAY


def classified(
    entries: Iterable[Any],
    start: dt.date,
    end: dt.date,
    at: dt.datetime,
    rule: str,
    classify: Callable[..., dict[dt.date, Any]],
    last_day: Callable[[Attack, dt.datetime], dt.date],
) -> dict[dt.date, Any]:
    """``classify(items, free_days, lo, hi, at, rule)`` month by month over ``start..end``,
    each month from the attacks that can touch it (``last_day``: an upper bound of the last day
    an attack touches) and its check-in days, reusing a month whose key was seen before."""
    if end < start:
        return {}
    first_month, last_month = _month_index(start), _month_index(end)
    attacks: dict[int, list[tuple[int, Attack]]] = defaultdict(list)
    checkins: dict[int, set[dt.date]] = defaultdict(set)
    if isinstance(entries, Recorded):  # the diary's attacks and check-ins, grouped once
        found = entries.in_store_order(Attack)
        free_days = [e.date for _, _, e in entries.in_store_order(HeadacheCheckin)]
    else:
        found, free_days = [], []
        for i, item in enumerate(entries):
            entry = getattr(item, "entry", item)
            if isinstance(entry, Attack):
                found.append((i, item, entry))
            elif isinstance(entry, HeadacheCheckin):
                free_days.append(entry.date)
    for i, item, entry in found:
        eid = getattr(item, "id", -1 - i)
        lo = max(_month_index(entry.start_date), first_month)
        hi = min(_month_index(last_day(entry, at)), last_month)
        for m in range(lo, hi + 1):
            attacks[m].append((eid, entry))
    for d in free_days:
        if start <= d <= end:
            checkins[_month_index(d)].add(d)
    out: dict[dt.date, Any] = {}
    for m in range(first_month, last_month + 1):
        m_first, m_last = _month_of_index(m)
        lo, hi = max(m_first, start), min(m_last, end)
        items = attacks.get(m, [])
        free = checkins.get(m, set())
        key = (
            lo,
            hi,
            rule,
            tuple((eid, id(a)) for eid, a in items),
            tuple(sorted(free)),
            at if any(a.ongoing for _, a in items) else None,
        )
        with _LOCK:
            kept = _MONTHS.get(key)
            if kept is not None:
                _MONTHS.move_to_end(key)
        if kept is None:
            days = classify(items, free, lo, hi, at, rule)
            with _LOCK:
                _MONTHS[key] = (tuple(a for _, a in items), days)
                while len(_MONTHS) > MONTHS_MAX:
                    _MONTHS.popitem(last=False)
        else:
            days = kept[1]
        out.update(days)
    return out


def forget() -> None:
    """Drop every kept month."""
    with _LOCK:
        _MONTHS.clear()
