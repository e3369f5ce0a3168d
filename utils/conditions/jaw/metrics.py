"""Jaw diary arithmetic: pain days per month, symptom and clenching days, treatments tried.

The jaw condition's ``metrics`` part: ``jaw_summary(entries, start, end, at) -> JawSummary``,
and ``daily_series(entries, start, end) -> tuple[JawDayPoint, ...]`` (the logged days, for the
charts).
Logged days for completeness are the days with a jaw day entry.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from utils.conditions.jaw.models import JawDay
from utils.core.dates import month_key, per_month
from utils.core.diary import mean, recorded_of
from utils.core.treatments import BotoxSession, Treatment


@dataclass(frozen=True)
class JawDayPoint:
    """One logged jaw day as the charts read it (the latest recorded entry of the day)."""

    date: dt.date
    normal_day: bool
    pain: int | None  # as entered (the charts read a normal day as 0)


def daily_series(entries: Sequence[Any], start: dt.date, end: dt.date) -> tuple[JawDayPoint, ...]:
    """The logged jaw days from ``start`` to ``end``, by date, one record a day (of two entries of
    one day the latest recorded wins, as in ``jaw_summary``)."""
    daily: dict[dt.date, JawDay] = {}
    for _, e in recorded_of(entries, JawDay):
        if start <= e.date <= end:
            daily[e.date] = e
    return tuple(JawDayPoint(d, e.normal_day, e.pain) for d, e in sorted(daily.items()))


@dataclass(frozen=True)
class JawTreatment:
    name: str
    treatment_class: str
    start: dt.date
    stop: dt.date | None
    days: int
    outcome: str


@dataclass(frozen=True)
class JawSummary:
    logged_days: int
    pain_days: int
    months_affected: tuple[str, ...]
    pain_days_by_month: dict[str, int]
    mean_pain: float | None
    symptom_days: dict[str, int]
    clenching_days: dict[str, int]
    treatments: tuple[JawTreatment, ...]
    sessions: tuple[dt.date, ...]
    logged_days_by_month: dict[str, int] = field(default_factory=dict)  # days with an entry


def jaw_summary(entries: Sequence[Any], start: dt.date, end: dt.date, at: dt.date) -> JawSummary:
    daily: dict[dt.date, JawDay] = {}
    treatments: list[JawTreatment] = []
    sessions: list[dt.date] = []
    for _, e in recorded_of(entries, (JawDay, Treatment, BotoxSession)):
        if isinstance(e, JawDay) and start <= e.date <= end:
            daily[e.date] = e
        elif isinstance(e, Treatment) and e.condition == "jaw":
            treatments.append(
                JawTreatment(e.name, e.treatment_class, e.start, e.stop, e.days_on(at), e.outcome)
            )
        elif isinstance(e, BotoxSession) and e.condition == "jaw" and e.date <= end:
            sessions.append(e.date)
    pain = [j for j in daily.values() if not j.normal_day and (j.pain or 0) >= 1]
    by_month: dict[str, int] = defaultdict(int)
    symptoms: dict[str, int] = defaultdict(int)
    clench: dict[str, int] = defaultdict(int)
    for j in pain:
        by_month[month_key(j.date)] += 1
    for j in daily.values():
        for s in j.symptoms:
            symptoms[s] += 1
        for c in j.clenching:
            clench[c] += 1
    return JawSummary(
        logged_days=len(daily),
        pain_days=len(pain),
        months_affected=tuple(sorted(by_month)),
        pain_days_by_month=dict(sorted(by_month.items())),
        mean_pain=mean([j.pain for j in pain if j.pain is not None]),
        symptom_days=dict(sorted(symptoms.items())),
        clenching_days=dict(sorted(clench.items())),
        treatments=tuple(sorted(treatments, key=lambda t: t.start)),
        sessions=tuple(sorted(set(sessions))),
        logged_days_by_month=per_month(daily),
    )
