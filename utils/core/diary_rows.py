"""A profile's live entries at one revision, indexed once, so that a page rerun which changes
nothing does not scan the whole diary again (issue 21).

``DiaryRows`` is a tuple of ``StoredEntry`` (the store's order: day, then id) with three
indexes, each built on first use and kept with the rows:

- ``on(day)`` / ``between(first, last)``: the rows of one day or of a few days (by day, each
  day's rows in the store's order), without looking at the other days;
- ``of_kinds(kinds)``: the rows of some kinds, in the store's order (itself a ``DiaryRows``);
- ``by_id()``: each row by its store id;
- ``memo(key, compute)``: a small result computed once for these rows.

The ui layer caches one ``DiaryRows`` per database, owner, profile and revision
(``utils.ui.all_entries``) and shares it between reruns and sessions: the tuple cannot be
changed, every index is read-only once built, and a memoised result is shared, so it must be
immutable (a helper that returns a list returns a copy). A save moves the revision on, so the
next run gets new rows with new indexes: nothing here can go stale.

Helpers accept any sequence of rows and take the fast path only for a ``DiaryRows``
(``rows_on``, ``rows_between``, ``rows_of_kinds``, ``rows_by_id``, ``per_rows``): their result is the same
either way. No Streamlit here.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import threading
from collections.abc import Callable, Collection, Iterable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

from utils.core.diary import Recorded

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])

MEMO_LIMIT = 128  # results kept per DiaryRows (a few helpers, a few days each)


class DiaryRows(Recorded):
    """Immutable rows of one profile at one revision, with lazily built indexes (module doc);
    a ``Recorded`` too, so every evidence built from them shares its grouping by entry type."""

    def __new__(cls, rows: Iterable[Any] = ()) -> DiaryRows:
        self = super().__new__(cls, rows)
        self._lock = threading.Lock()
        self._memo: dict[Any, Any] = {}
        self._days: tuple[list[dt.date], tuple[Any, ...]] | None = None
        return self

    def __reduce__(self):  # a plain copy of the rows (the lock and indexes are not copied)
        return (DiaryRows, (tuple(self),))

    def __copy__(self) -> DiaryRows:
        return self

    def __deepcopy__(self, memo: dict) -> DiaryRows:
        return self

    # ------------------------------------------------------------------ indexes
    def memo(self, key: Any, compute: Callable[[], T]) -> T:
        """``compute()``, computed once for these rows under ``key`` (hashable) and shared."""
        try:
            return self._memo[key]
        except KeyError:
            pass
        value = compute()  # outside the lock: a pure computation may run twice, never wrong
        with self._lock:
            if key not in self._memo:
                while len(self._memo) >= MEMO_LIMIT:
                    self._memo.pop(next(iter(self._memo)))
                self._memo[key] = value
            return self._memo[key]

    def _by_day(self) -> tuple[list[dt.date], tuple[Any, ...]]:
        """The rows by day (each day's rows in the order given) and their days, for bisecting:
        the rows themselves when they come in the store's order (by day), as they do."""
        index = self._days
        if index is None:
            days = [r.day for r in self]
            if days == sorted(days):
                index = (days, tuple(self))
            else:  # a stable sort: each day's rows keep their order
                ordered = tuple(sorted(self, key=lambda r: r.day))
                index = ([r.day for r in ordered], ordered)
            self._days = index  # one assignment: a reader sees None or the whole index
        return index

    def _span(self, first: dt.date, last: dt.date) -> tuple[Any, ...]:
        days, ordered = self._by_day()
        lo = bisect.bisect_left(days, first)
        return ordered[lo : bisect.bisect_right(days, last, lo)] if lo < len(days) else ()

    def on(self, day: dt.date) -> tuple[Any, ...]:
        """The rows of ``day``, in the store's order."""
        return self._span(day, day)

    def between(self, first: dt.date, last: dt.date) -> list[Any]:
        """The rows from ``first`` to ``last`` inclusive, by day (each day in the store's order)."""
        return list(self._span(first, last)) if first <= last else []

    def of_kinds(self, kinds: Iterable[str]) -> DiaryRows:
        """The rows whose kind is one of ``kinds``, in the store's order."""
        wanted = frozenset(kinds)
        return self.memo(
            ("of_kinds", wanted), lambda: DiaryRows(r for r in self if r.kind in wanted)
        )

    def by_id(self) -> Mapping[int, Any]:
        """Each row by its store id (read-only)."""
        return self.memo("by_id", lambda: MappingProxyType({r.id: r for r in self}))


# ---------------------------------------------------------------------- helpers' fast paths


def rows_by_id(rows: Iterable[Any]) -> Mapping[int, Any]:
    """Each row by its store id (the last one given wins, as a dict built from the rows)."""
    if isinstance(rows, DiaryRows):
        return rows.by_id()
    return {r.id: r for r in rows}


def rows_on(rows: Iterable[Any], day: dt.date) -> Iterable[Any]:
    """The rows of one day (every row with ``day``, in the order given)."""
    if isinstance(rows, DiaryRows):
        return rows.on(day)
    return [r for r in rows if r.day == day]


def rows_between(rows: Iterable[Any], first: dt.date, last: dt.date) -> Iterable[Any]:
    """The rows from ``first`` to ``last`` inclusive (any order for a plain sequence)."""
    if isinstance(rows, DiaryRows):
        return rows.between(first, last)
    return [r for r in rows if first <= r.day <= last]


def rows_of_kinds(rows: Iterable[Any], kinds: Collection[str]) -> Iterable[Any]:
    """The rows of some kinds, in the order given."""
    if isinstance(rows, DiaryRows):
        return rows.of_kinds(kinds)
    wanted = set(kinds)
    return [r for r in rows if r.kind in wanted]


def per_rows(fn: F) -> F:
    """For a pure helper ``fn(rows, *args)`` whose result depends on nothing else (no clock, no
    settings read inside): given a ``DiaryRows``, compute it once per rows and arguments
    (hashable). A list result is copied for each caller; other results are shared, so they must
    be immutable (frozen dataclasses, tuples, text, dates)."""

    @functools.wraps(fn)
    def wrapper(rows, *args, **kwargs):
        if not isinstance(rows, DiaryRows):
            return fn(rows, *args, **kwargs)
        key = (fn, args, tuple(sorted(kwargs.items())))
        try:
            hash(key)
        except TypeError:  # an argument that cannot be a key (a list): computed every time
            return fn(rows, *args, **kwargs)
        value = rows.memo(key, lambda: fn(rows, *args, **kwargs))
        return list(value) if isinstance(value, list) else value

    wrapper.uncached = fn  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
