"""Neck (cervical dystonia) diary arithmetic: pain and pull per month, days with activity
limits, the wearing-off pattern around each Botox session, the clinician's scale totals.

The neck condition's ``metrics`` part: ``neck_summary(entries, start, end) -> NeckSummary``.
Logged days are the days with a neck day entry (a normal day included). Every figure follows
one of ``DEFINITIONS`` (printed with the summary).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from utils.conditions.neck.models import PULL_SCORE, NeckDay, NeckScale
from utils.core.dates import month_key
from utils.core.diary import by_recording, mean
from utils.core.treatments import BotoxSession

BEFORE_DAYS = 28  # the weeks before a session: days 1-28 before it
AFTER_FROM, AFTER_TO = 14, 42  # the weeks after: days 14-42 after it (weeks 2 to 6)

DEFINITIONS = (
    "Neck: a logged day is a day with a neck day entry (a normal day included).",
    "Neck: mean pain is the mean of the 0-10 neck pain over logged days with a pain score; a "
    "normal day counts as 0.",
    "Neck: mean pull is the mean of the patient's pull rating (none 0, mild 1, moderate 2, "
    "severe 3) over logged days with a rating; a normal day counts as 0.",
    "Neck: a limit day is a logged day on which the neck stopped at least one activity "
    "(driving, reading, screens, work, walking, sleep, social).",
    f"Neck: around each Botox session for the neck, 'before' is the {BEFORE_DAYS} days before "
    f"the session and 'after' is days {AFTER_FROM} to {AFTER_TO} after it; only days inside the "
    "period count.",
    "Neck: the wearing-off day is the first day after a session, and before the next one, "
    "marked 'the last injection is wearing off'; weeks since injection = days / 7.",
    "Neck: the baseline scale total is the clinician's latest TWSTRS or Tsui total dated before "
    "the first Botox session for the neck (the latest one when there is no session); it is "
    "kept whatever period is chosen.",
)


@dataclass(frozen=True)
class NeckMonth:
    month: str  # "YYYY-MM"
    logged_days: int
    mean_pain: float | None
    mean_pull: float | None
    limit_days: int


@dataclass(frozen=True)
class NeckWindow:
    first: dt.date
    last: dt.date
    logged_days: int
    mean_pain: float | None
    mean_pull: float | None
    limit_days: int


@dataclass(frozen=True)
class NeckCycle:
    session: dt.date
    next_session: dt.date | None
    before: NeckWindow
    after: NeckWindow
    wearing_off: dt.date | None
    days_to_wearing_off: int | None
    weeks_to_wearing_off: float | None


@dataclass(frozen=True)
class NeckScore:
    date: dt.date
    scale: str
    total: float
    severity: float | None
    disability: float | None
    pain: float | None
    timing: str


@dataclass(frozen=True)
class NeckSummary:
    logged_days: int
    normal_days: int
    pain_days: int  # logged days with neck pain 1 or more
    mean_pain: float | None
    mean_pull: float | None
    pull_days: dict[str, int]  # days by pull rating (none, mild, moderate, severe)
    limit_days: int
    limit_days_by_activity: dict[str, int]
    tremor_days: int
    spasm_days: int
    helped_days: dict[str, int]
    urgent_days: tuple[dt.date, ...]  # days with a "seek care now" symptom after an injection
    months: tuple[NeckMonth, ...]
    sessions: tuple[dt.date, ...]  # Botox sessions for the neck up to the end (any date)
    cycles: tuple[NeckCycle, ...]  # one per session
    baseline_scale: NeckScore | None
    latest_scale: NeckScore | None
    scale_change: float | None  # latest minus baseline total, same scale, latest after baseline
    scales: tuple[NeckScore, ...]  # every total up to the end, oldest first
    definitions: tuple[str, ...] = DEFINITIONS


@dataclass(frozen=True)
class NeckDayPoint:
    """One logged neck day as the renderers read it (the latest recorded entry of the day); a
    normal day reads as pain 0 and pull 0, as in the monthly means."""

    date: dt.date
    normal_day: bool
    pain: int | None  # 0-10
    pull: int | None  # the pull's score (PULL_SCORE)
    limited: bool  # an activity was limited
    wearing_off: bool


def daily_series(entries: Sequence[Any], start: dt.date, end: dt.date) -> tuple[NeckDayPoint, ...]:
    """The logged neck days from ``start`` to ``end``, by date, one record a day (of two entries
    of one day the latest recorded wins, as in ``neck_summary``)."""
    daily: dict[dt.date, NeckDay] = {}
    for item in by_recording(entries):
        e = getattr(item, "entry", item)
        if isinstance(e, NeckDay) and start <= e.date <= end:
            daily[e.date] = e
    return tuple(
        NeckDayPoint(day, d.normal_day, _pain(d), _pull(d), bool(d.limits), d.wearing_off)
        for day, d in sorted(daily.items())
    )


def _pain(d: NeckDay) -> int | None:
    return 0 if d.normal_day else d.pain


def _pull(d: NeckDay) -> int | None:
    if d.normal_day:
        return 0
    return None if d.pull is None else PULL_SCORE[d.pull]


def _window(days: dict[dt.date, NeckDay], first: dt.date, last: dt.date) -> NeckWindow:
    chosen = [d for day, d in days.items() if first <= day <= last]
    return NeckWindow(
        first,
        last,
        len(chosen),
        mean([p for d in chosen if (p := _pain(d)) is not None]),
        mean([p for d in chosen if (p := _pull(d)) is not None]),
        sum(1 for d in chosen if d.limits),
    )


def _score(e: NeckScale) -> NeckScore:
    return NeckScore(e.date, e.scale, e.total, e.severity, e.disability, e.pain, e.timing)


def neck_summary(entries: Sequence[Any], start: dt.date, end: dt.date) -> NeckSummary:
    every: dict[dt.date, NeckDay] = {}
    scales: list[NeckScale] = []
    sessions: set[dt.date] = set()
    for item in by_recording(entries):
        e = getattr(item, "entry", item)
        if isinstance(e, NeckDay) and e.date <= end:
            every[e.date] = e  # the latest recorded entry of a day wins
        elif isinstance(e, NeckScale) and e.date <= end:
            scales.append(e)
        elif isinstance(e, BotoxSession) and e.condition == "neck" and e.date <= end:
            sessions.add(e.date)
    daily = {day: d for day, d in every.items() if start <= day}
    by_month: dict[str, list[NeckDay]] = defaultdict(list)
    limits: dict[str, int] = defaultdict(int)
    helped: dict[str, int] = defaultdict(int)
    pulls: dict[str, int] = defaultdict(int)
    for day in sorted(daily):
        d = daily[day]
        by_month[month_key(day)].append(d)
        for x in d.limits:
            limits[x] += 1
        for x in d.helped:
            helped[x] += 1
        rating = "none" if d.normal_day else d.pull
        if rating is not None:
            pulls[rating] += 1
    months = tuple(
        NeckMonth(
            m,
            len(ds),
            mean([p for d in ds if (p := _pain(d)) is not None]),
            mean([p for d in ds if (p := _pull(d)) is not None]),
            sum(1 for d in ds if d.limits),
        )
        for m, ds in sorted(by_month.items())
    )
    ordered = sorted(sessions)
    cycles = []
    for i, s in enumerate(ordered):
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        lo = max(start, s - dt.timedelta(days=BEFORE_DAYS))
        hi = min(end, s + dt.timedelta(days=AFTER_TO))
        off = next(
            (
                day
                for day in sorted(every)
                if s < day and (nxt is None or day < nxt) and every[day].wearing_off
            ),
            None,
        )
        days_off = (off - s).days if off else None
        cycles.append(
            NeckCycle(
                s,
                nxt,
                _window(daily, lo, s - dt.timedelta(days=1)),
                _window(daily, max(start, s + dt.timedelta(days=AFTER_FROM)), hi),
                off,
                days_off,
                round(days_off / 7, 1) if days_off is not None else None,
            )
        )
    scales.sort(key=lambda e: e.date)
    limit = ordered[0] if ordered else None
    pre = [e for e in scales if limit is None or e.date < limit]
    baseline = _score(pre[-1]) if pre else None
    latest = _score(scales[-1]) if scales else None
    change = None
    if (
        baseline is not None
        and latest is not None
        and latest.date > baseline.date
        and latest.scale == baseline.scale
    ):
        change = round(latest.total - baseline.total, 2)
    return NeckSummary(
        logged_days=len(daily),
        normal_days=sum(1 for d in daily.values() if d.normal_day),
        pain_days=sum(1 for d in daily.values() if (d.pain or 0) >= 1),
        mean_pain=mean([p for d in daily.values() if (p := _pain(d)) is not None]),
        mean_pull=mean([p for d in daily.values() if (p := _pull(d)) is not None]),
        pull_days={k: pulls[k] for k in PULL_SCORE if pulls.get(k)},
        limit_days=sum(1 for d in daily.values() if d.limits),
        limit_days_by_activity=dict(sorted(limits.items())),
        tremor_days=sum(1 for d in daily.values() if d.tremor),
        spasm_days=sum(1 for d in daily.values() if d.spasms),
        helped_days=dict(sorted(helped.items())),
        urgent_days=tuple(sorted(day for day, d in daily.items() if d.urgent)),
        months=months,
        sessions=tuple(ordered),
        cycles=tuple(cycles),
        baseline_scale=baseline,
        latest_scale=latest,
        scale_change=change,
        scales=tuple(_score(e) for e in scales),
    )
