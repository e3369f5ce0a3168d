"""Diary helpers shared by every condition: entry order, averages, response labels, completeness.

Nothing here names a condition. ``completeness`` learns the conditions and their daily entry
kinds from the registry at run time; a condition whose logged days are not simply "days with one
of its entries" (headache: a day touched by an attack, or a headache-free check-in) gives its
metrics part a ``logged_days(days) -> int`` over the classified days in the period.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter, itemgetter
from typing import Any

LATE_AFTER_DAYS = 2

__all__ = [
    "LATE_AFTER_DAYS",
    "Completeness",
    "Recorded",
    "by_recording",
    "completeness",
    "daily_kinds",
    "mean",
    "pct_change",
    "recorded_of",
    "responder_label",
]


class Recorded(tuple):
    """A profile's entries (in the store's order: by day, then id) that group themselves by entry
    type once and sort into their recorded order only as far as asked: the evidence builder
    wraps its entries in it (and the cached diary read is one, shared by every build of its
    revision), so the many ``by_recording`` calls of one build (the ledger, each questionnaire,
    each condition's section) share one pass over the whole diary.

    Every answer is kept and shared: a caller iterates it and never changes it."""

    _order: tuple[Any, ...]
    _groups: dict[type, list[tuple[int, Any, Any]]]  # type -> (position, item, entry), store order
    _sortable: bool
    _of_class: dict[Any, list[tuple[Any, Any]]]
    _in_store: dict[Any, list[tuple[int, Any, Any]]]
    _day_facts: dict[Any, Any]

    def recorded_order(self) -> tuple[Any, ...]:
        try:
            return self._order
        except AttributeError:
            self._order = tuple(_by_recording(self))
            return self._order

    def _grouped(self) -> dict[type, list[tuple[int, Any, Any]]]:
        try:
            return self._groups
        except AttributeError:
            pass
        groups: dict[type, list[tuple[int, Any, Any]]] = {}
        for i, item in enumerate(self):
            e = getattr(item, "entry", item)
            t = type(e)
            g = groups.get(t)
            if g is None:
                g = groups[t] = []
            g.append((i, item, e))
        self._sortable = all(hasattr(x, "recorded_at") for x in self)
        self._of_class, self._in_store, self._day_facts = {}, {}, {}
        self._groups = groups
        return groups

    def in_store_order(self, cls: type | tuple[type, ...]) -> list[tuple[int, Any, Any]]:
        """``(position, item, entry)`` of every entry that is a ``cls``, in the store's order
        (``position``: the item's place in the whole diary)."""
        groups = self._grouped()
        found = self._in_store.get(cls)
        if found is None:
            parts = [g for t, g in groups.items() if issubclass(t, cls)]
            found = parts[0] if len(parts) == 1 else sorted(x for g in parts for x in g)
            self._in_store[cls] = found
        return found

    def types(self) -> tuple[type, ...]:
        """The entry types present, in the order first met."""
        return tuple(self._grouped())

    def day_facts(
        self, cls: type, late_after: int
    ) -> tuple[list[dt.date], list[int], list[int]] | None:
        """For ``in_store_order(cls)``: each item's stored ``day``, whether it has a recording
        time (1 or 0) and whether it was recorded more than ``late_after`` days after its day
        (1 or 0), kept per class; None when the items carry no stored day or do not come in
        day order (as the store gives them)."""
        self._grouped()
        key = (cls, late_after)
        kept = self._day_facts.get(key, False)
        if kept is False:
            kept = None
            items = list(map(_ITEM, self.in_store_order(cls)))
            days = [getattr(x, "day", None) for x in items]
            if all(type(d) is dt.date for d in days) and days == sorted(days):
                stamps = [getattr(x, "recorded_at", None) for x in items]
                recorded = [int(r is not None) for r in stamps]
                lateness = [
                    int(r is not None and (r.date() - d).days > late_after)
                    for r, d in zip(stamps, days, strict=True)
                ]
                kept = (days, recorded, lateness)
            self._day_facts[key] = kept
        return kept

    def of_class(self, cls: type | tuple[type, ...]) -> list[tuple[Any, Any]]:
        """``(item, entry)`` of every entry that is a ``cls``, in the recorded order: the same
        as filtering ``recorded_order()`` (a stable sort of the store's order by the recording
        time and id), from the type's group alone."""
        self._grouped()
        found = self._of_class.get(cls)
        if found is None:
            group = self.in_store_order(cls)
            if self._sortable:  # a stable sort by (recorded_at, id), keys read in C
                keys = list(map(_RECORDING_KEY, (item for _, item, _ in group)))
                group = [group[j] for j in sorted(range(len(group)), key=keys.__getitem__)]
            found = self._of_class[cls] = [(item, e) for _, item, e in group]
        return found


def by_recording(entries: Iterable[Any]) -> list[Any]:
    """Entries in the order they were recorded (then by id), so that of two daily entries of
    one kind for one day the latest recorded wins, whatever order they were read in."""
    if isinstance(entries, Recorded):
        return list(entries.recorded_order())
    return _by_recording(entries)


_RECORDING_KEY = attrgetter("recorded_at", "id")
_ITEM = itemgetter(1)  # the item of a (position, item, entry)


def _by_recording(entries: Iterable[Any]) -> list[Any]:
    items = list(entries)
    if not all(hasattr(x, "recorded_at") for x in items):
        return items
    return sorted(items, key=_RECORDING_KEY)


def recorded_of(entries: Iterable[Any], cls: type | tuple[type, ...]) -> list[tuple[Any, Any]]:
    """``(item, entry)`` of every entry that is a ``cls`` (a class or a tuple of classes), in the
    recorded order: from the shared grouping when ``entries`` is ``Recorded`` (one pass over the
    diary per evidence build, not one per caller), else by sorting and filtering."""
    if isinstance(entries, Recorded):
        return entries.of_class(cls)
    out = []
    for item in _by_recording(entries):
        e = getattr(item, "entry", item)
        if isinstance(e, cls):
            out.append((item, e))
    return out


def mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def pct_change(before: float | None, after: float | None) -> float | None:
    if before is None or after is None or before == 0:
        return None
    return round((after - before) / before * 100, 1)


def responder_label(reduction: float | None, thresholds: Sequence[float], what: str) -> str:
    if reduction is None:
        return "not enough data"
    for t in sorted(thresholds, reverse=True):
        if reduction >= t:
            return f"{t:g}% responder ({what})"
    return f"below {min(thresholds):g}% ({what})"


def daily_kinds() -> tuple[str, ...]:
    """Every condition's day-entry kinds, in the registry's order."""
    from utils import conditions

    return tuple(k for spec in conditions.all_specs() for k in spec.entry_kinds)


@dataclass(frozen=True)
class Completeness:
    days_in_period: int
    logged_days: dict[str, int]  # per condition
    logged_share: dict[str, float | None]
    daily_entries: int
    late_entries: int  # recorded more than LATE_AFTER_DAYS days after the day described
    late_share: float | None
    headache_days: int
    missing_duration: int
    missing_pain: int
    missing_features: int
    missing_duration_dates: tuple[dt.date, ...]


def _daily_counts_grouped(
    entries: Recorded, kinds: Sequence[str], start: dt.date, end: dt.date
) -> tuple[dict[str, set[dt.date]], int, int] | None:
    """``completeness``'s day sets per kind, daily entries and late entries of ``start..end``
    from a ``Recorded``: each daily kind's days, recording flags and lateness, kept per revision
    (``Recorded.day_facts``), bisected to the period. None when a kind's items do not come in
    day order or carry no stored day (then every entry is looked at)."""
    kind_days: dict[str, set[dt.date]] = defaultdict(set)
    daily_n = late = 0
    for t in entries.types():
        kind = getattr(t, "KIND", "")
        if kind not in kinds:
            continue
        facts = entries.day_facts(t, LATE_AFTER_DAYS)
        if facts is None:
            return None
        days, recorded, lateness = facts
        lo, hi = bisect_left(days, start), bisect_right(days, end)
        if lo < hi:
            kind_days[kind].update(days[lo:hi])
            daily_n += sum(recorded[lo:hi])
            late += sum(lateness[lo:hi])
    return kind_days, daily_n, late


def completeness(
    entries: Sequence[Any],
    days: Mapping[dt.date, Any],
    start: dt.date,
    end: dt.date,
    conditions: Sequence[str],
) -> Completeness:
    """How much of ``start..end`` the diary covers, per condition, and how late it was written.

    ``days`` are the classified diary days (``HeadacheDay``-like: ``logged``, ``headache``,
    ``missing``, ``date``)."""
    from utils import conditions as registry

    specs = registry.all_specs()
    kinds = daily_kinds()
    n = (end - start).days + 1 if end >= start else 0
    grouped = (
        _daily_counts_grouped(entries, kinds, start, end) if isinstance(entries, Recorded) else None
    )
    if grouped is not None:
        kind_days, daily_n, late = grouped
    else:
        daily_n = late = 0
        kind_days = defaultdict(set)
        for item in entries:
            kind = getattr(item, "kind", None) or getattr(getattr(item, "entry", item), "KIND", "")
            day = getattr(item, "day", None)
            if not isinstance(day, dt.date):
                day = getattr(item, "entry", item).day()
            if kind not in kinds or not start <= day <= end:
                continue
            kind_days[kind].add(day)
            recorded = getattr(item, "recorded_at", None)
            if recorded is not None:
                daily_n += 1
                late += (recorded.date() - day).days > LATE_AFTER_DAYS
    hd = [r for d, r in days.items() if start <= d <= end]
    logged: dict[str, int] = {}
    for spec in specs:
        if spec.key not in conditions:
            continue
        count = getattr(registry.part(spec.key, "metrics"), "logged_days", None)
        if count is not None:
            logged[spec.key] = count(hd)
        else:
            logged[spec.key] = len(set().union(*(kind_days[k] for k in spec.entry_kinds)))
    heads = [r for r in hd if r.headache]
    miss_dur = [r.date for r in heads if "duration" in r.missing]
    return Completeness(
        n,
        logged,
        {c: (round(v / n, 4) if n else None) for c, v in logged.items()},
        daily_n,
        late,
        round(late / daily_n, 4) if daily_n else None,
        len(heads),
        len(miss_dur),
        sum("pain" in r.missing for r in heads),
        sum("features" in r.missing for r in heads),
        tuple(miss_dur),
    )
