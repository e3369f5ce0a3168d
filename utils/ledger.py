"""The records that are not diary days, collected once: the treatment ledger and the history of
each questionnaire (issue 16, "Evidence is complete"), and the entries as written (``Written``).

``build_evidence`` builds one ``TreatmentLedger`` and one ``QuestionnaireHistory`` per
questionnaire from the diary's entries; the checks, the readiness projection and (in time) the
PDF, the letters, the charts and the FHIR export read them instead of collecting the entries
again. Everything stops at the period's last counted day; nothing here counts diary days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from utils.core.diary import recorded_of
from utils.core.treatments import BotoxSession, Treatment


def _items(entries: Iterable[Any], cls: type) -> list[tuple[int | None, Any]]:
    """``(store id, entry)`` of every entry of ``cls``, in the order they were recorded."""
    return [(getattr(item, "id", None), e) for item, e in recorded_of(entries, cls)]


@dataclass(frozen=True)
class TreatmentLedger:
    """Every treatment trial started and every Botox session given up to ``end``.

    ``treatments`` keep the order they were recorded in (the checks name the first one that
    fits, so that order is part of the evidence); ``sessions`` are by date. ``treatment_ids`` and
    ``session_ids`` hold the store id of each (None for entries not read from the store), in the
    same order, so side effects recorded against a session and exported references can be
    matched.
    """

    end: dt.date  # the period's last counted day
    treatments: tuple[Treatment, ...]
    sessions: tuple[BotoxSession, ...]
    session_ids: tuple[int | None, ...] = ()
    treatment_ids: tuple[int | None, ...] = ()

    def treatments_for(self, condition: str) -> tuple[Treatment, ...]:
        """The condition's treatments, by start date."""
        return tuple(
            sorted((t for t in self.treatments if t.condition == condition), key=lambda t: t.start)
        )

    def sessions_for(self, condition: str) -> tuple[BotoxSession, ...]:
        return tuple(s for s in self.sessions if s.condition == condition)

    def session_dates(self) -> dict[str, list[dt.date]]:
        """``{condition: [dates]}``: the distinct session dates of each condition, sorted."""
        out: dict[str, set[dt.date]] = {}
        for s in self.sessions:
            out.setdefault(s.condition, set()).add(s.date)
        return {k: sorted(v) for k, v in out.items()}

    def in_period(self, start: dt.date) -> TreatmentLedger:
        """Only the treatments taken and sessions given from ``start`` (a trial that began
        earlier and was still taken on ``start`` is kept)."""
        keep = [i for i, s in enumerate(self.sessions) if s.date >= start]
        kept = [i for i, t in enumerate(self.treatments) if t.stop is None or t.stop >= start]
        return TreatmentLedger(
            self.end,
            tuple(self.treatments[i] for i in kept),
            tuple(self.sessions[i] for i in keep),
            tuple(self.session_ids[i] for i in keep) if self.session_ids else (),
            tuple(self.treatment_ids[i] for i in kept) if self.treatment_ids else (),
        )


def treatment_ledger(entries: Sequence[Any], end: dt.date) -> TreatmentLedger:
    treatments = [(i, t) for i, t in _items(entries, Treatment) if t.start <= end]
    sessions = sorted(
        ((i, s) for i, s in _items(entries, BotoxSession) if s.date <= end), key=lambda x: x[1].date
    )
    return TreatmentLedger(
        end,
        tuple(t for _, t in treatments),
        tuple(s for _, s in sessions),
        tuple(i for i, _ in sessions),
        tuple(i for i, _ in treatments),
    )


@dataclass(frozen=True)
class QuestionnaireHistory:
    """Every recording of one questionnaire (MIDAS, HIT-6, HDSS) up to the period's last counted
    day, by date, with its baselines.

    ``first`` is the earliest recording (the documents mark it "baseline" when there are more);
    ``baseline`` is the last one on or before the condition's first Botox session, the one the
    renewal checks compare with (None without a session or without a recording before it).
    """

    name: str  # "midas", "hit6", "hdss"
    condition: str
    entries: tuple[Any, ...]
    first_session: dt.date | None = None
    ids: tuple[int | None, ...] = ()  # the store id of each entry, in the same order

    @property
    def first(self) -> Any | None:
        return self.entries[0] if self.entries else None

    @property
    def latest(self) -> Any | None:
        return self.entries[-1] if self.entries else None

    @property
    def baseline(self) -> Any | None:
        return self.baseline_for(self.first_session)

    def baseline_for(self, first_session: dt.date | None) -> Any | None:
        """The last recording on or before ``first_session`` (kept at any age)."""
        if first_session is None:
            return None
        before = [x for x in self.entries if x.date <= first_session]
        return before[-1] if before else None

    def after(self, session: dt.date) -> tuple[Any, ...]:
        """The recordings dated after ``session``."""
        return tuple(x for x in self.entries if x.date > session)


def questionnaire_history(
    entries: Sequence[Any],
    cls: type,
    name: str,
    condition: str,
    end: dt.date,
    ledger: TreatmentLedger,
) -> QuestionnaireHistory:
    rows = sorted(
        ((i, e) for i, e in _items(entries, cls) if e.date <= end), key=lambda x: x[1].date
    )
    sessions = ledger.session_dates().get(condition) or []
    return QuestionnaireHistory(
        name,
        condition,
        tuple(e for _, e in rows),
        sessions[0] if sessions else None,
        tuple(i for i, _ in rows),
    )


__all__ = [
    "QuestionnaireHistory",
    "TreatmentLedger",
    "questionnaire_history",
    "treatment_ledger",
]


class Written(NamedTuple):
    """One entry as the patient wrote it, for the renderers that show or export entries one by
    one rather than a figure: the day-by-day appendix, the PDF sessions table's side effects,
    the FHIR daily observations, side effects and questionnaire responses, and a questionnaire
    of a condition the profile does not track. The same names as a stored row (``id``, ``day``,
    ``entry``, ``late_days``), so the shared helpers that read rows read these too."""

    id: int | None  # the store id (None for an entry not read from the store)
    day: dt.date  # the day it describes
    entry: Any
    late_days: int  # days between that day and when it was first recorded


def as_written(entries: Sequence[Any]) -> tuple[Written, ...]:
    """Every entry of the profile, in the order given (the store's: by day, then id)."""
    out = []
    for item in entries:
        e = getattr(item, "entry", item)
        day = getattr(item, "day", None)
        if not isinstance(day, dt.date):
            day = e.day()
        out.append(Written(getattr(item, "id", None), day, e, getattr(item, "late_days", 0) or 0))
    return tuple(out)


class WrittenEntries(Sequence[Written]):
    """The entries as written (``Written``), made from the rows on first use: building the
    evidence costs nothing for the pages that never show an entry one by one."""

    __slots__ = ("_items", "_rows")

    def __init__(self, rows: Sequence[Any] = ()) -> None:
        self._rows = tuple(rows)
        self._items: tuple[Written, ...] | None = None

    def _all(self) -> tuple[Written, ...]:
        items = self._items
        if items is None:  # two threads may both build it: the same tuple either way
            items = self._items = as_written(self._rows)
        return items

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, i):  # type: ignore[override]
        return self._all()[i]

    def __iter__(self):
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WrittenEntries) and self._all() == other._all()

    __hash__ = None  # type: ignore[assignment]
