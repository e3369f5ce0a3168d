"""Bladder diary arithmetic: the counts of each complete diary day, their means per 24 hours, the
3-day blocks clinicians read, and the change in urge leaks against the pre-treatment baseline.

The bladder condition's ``metrics`` part: ``bladder_summary(entries, start, end, urgency_level)
-> BladderSummary``. A diary day is a calendar day (midnight to midnight); it is *complete* when
its check-in says every void and leak of that day was logged. Every count uses complete days
only; a day with events but no "complete" check-in is logged, not counted.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from utils.conditions.bladder.models import BladderDay, BladderEvent
from utils.core.diary import by_recording
from utils.core.treatments import BotoxSession

# A void rated 3 or 4 ("strong urge, had to hurry" or worse) is an urgency episode.
URGENCY_LEVEL = 3
BLOCK_DAYS = 3
COUNTS = ("voids", "urgency_episodes", "leaks", "urge_leaks", "nocturia", "pads")
COUNT_LABELS = {
    "voids": "Voids",
    "urgency_episodes": "Urgency episodes",
    "leaks": "Leaks (any)",
    "urge_leaks": "Urge leaks",
    "nocturia": "Night voids (nocturia)",
    "pads": "Pads changed",
}


def definitions(urgency_level: int = URGENCY_LEVEL) -> tuple[str, ...]:
    """The printed definition of every bladder count (shown beside the numbers)."""
    return (
        "Diary day: a calendar day, midnight to midnight. A complete day is one whose check-in "
        "says every void and leak of that day was logged; every bladder count uses complete "
        "days only.",
        "Voids per 24 h: voids logged on complete days, divided by the number of complete days "
        "(a catheterization is logged on its own and is not counted as a void).",
        f"Urgency episodes: voids rated {urgency_level} or more on the app's 0-4 urgency scale "
        "(0 no urge ... 4 could not wait), per complete day.",
        "Urge leaks (urge incontinence episodes): leaks where the patient said the urge came "
        "first, per complete day. Leaks (any): every leak logged, per complete day.",
        "Night voids (nocturia): voids logged after going to sleep and before getting up for "
        "the day (the bedtime and waking time of the check-in of the morning the night ended), "
        "per complete day that gives both times.",
        "Pads per day: pads changed, from the check-in, over complete days that give a number.",
        f"3-day block: {BLOCK_DAYS} complete diary days in a row, with no Botox bladder session "
        "on or between them (runs are cut into blocks from their first day); each figure of a "
        "block is its mean per 24 h. Baseline: the last block that ends before the first "
        "bladder session. After treatment: the latest block that starts after the latest "
        "session.",
        "Change in urge leaks: (baseline urge leaks per day - after-treatment urge leaks per "
        "day) / baseline urge leaks per day, as a percentage; a fall is a positive number.",
    )


@dataclass(frozen=True)
class BladderDayCounts:
    date: dt.date
    complete: bool
    voids: int
    urgency_episodes: int
    leaks: int
    urge_leaks: int
    nocturia: int | None  # None: the check-in gives no bedtime and waking time
    pads: int | None
    fluid_ml: int  # drinks with a volume only
    drinks: int
    caffeine_drinks: int
    alcohol_drinks: int
    max_void_ml: int | None


@dataclass(frozen=True)
class BladderBlock:
    start: dt.date
    end: dt.date
    voids: float
    urgency_episodes: float
    leaks: float
    urge_leaks: float
    nocturia: float | None
    pads: float | None


@dataclass(frozen=True)
class BladderSummary:
    urgency_level: int
    logged_days: int  # days in the period with any bladder entry
    complete_days: int  # of them, marked complete
    per_day: dict[str, float | None]  # mean per complete day of the period, by count name
    days: tuple[BladderDayCounts, ...]  # every logged day of the period, oldest first
    blocks: tuple[BladderBlock, ...]  # every 3-day block up to the end (earlier days too)
    baseline: BladderBlock | None
    after_treatment: BladderBlock | None
    urge_leak_change_pct: float | None  # fall in urge leaks per day vs baseline (positive = fewer)
    sessions: tuple[dt.date, ...]
    retention_reported: bool  # a side effect of not being able to pass urine was logged
    definitions: tuple[str, ...]


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def count_days(
    events: Sequence[BladderEvent], checkins: dict[dt.date, BladderDay], urgency_level: int
) -> dict[dt.date, BladderDayCounts]:
    by_day: dict[dt.date, list[BladderEvent]] = {}
    for e in events:
        by_day.setdefault(e.at.date(), []).append(e)
    void_times = sorted(e.at for e in events if e.event == "void")
    out: dict[dt.date, BladderDayCounts] = {}
    for day in sorted(set(by_day) | set(checkins)):
        todays = by_day.get(day, [])
        voids = [e for e in todays if e.event == "void"]
        leaks = [e for e in todays if e.event == "leak"]
        drinks = [e for e in todays if e.event == "drink"]
        c = checkins.get(day)
        night = c.night() if c is not None else None
        nocturia = None
        if night is not None:
            # voids strictly between going to sleep and getting up
            nocturia = bisect_left(void_times, night[1]) - bisect_right(void_times, night[0])
        vols = [e.volume_ml for e in voids if e.volume_ml]
        out[day] = BladderDayCounts(
            date=day,
            complete=bool(c is not None and c.complete),
            voids=len(voids),
            urgency_episodes=sum(1 for e in voids if (e.urgency or 0) >= urgency_level),
            leaks=len(leaks),
            urge_leaks=sum(1 for e in leaks if e.urge_first),
            nocturia=nocturia,
            pads=c.pads if c is not None else None,
            fluid_ml=sum(e.volume_ml or 0 for e in drinks),
            drinks=len(drinks),
            caffeine_drinks=sum(1 for e in drinks if (e.drink_kind or "").startswith("caffeine")),
            alcohol_drinks=sum(1 for e in drinks if e.drink_kind == "alcohol"),
            max_void_ml=max(vols) if vols else None,
        )
    return out


def means(days: Sequence[BladderDayCounts]) -> dict[str, float | None]:
    """Mean per complete day of each count (None when no complete day gives it)."""
    out: dict[str, float | None] = {}
    for name in COUNTS:
        vals = [getattr(d, name) for d in days if d.complete and getattr(d, name) is not None]
        out[name] = _mean(vals)
    return out


def _block(days: Sequence[BladderDayCounts]) -> BladderBlock:
    m = means(days)
    return BladderBlock(
        start=days[0].date,
        end=days[-1].date,
        voids=m["voids"] or 0.0,
        urgency_episodes=m["urgency_episodes"] or 0.0,
        leaks=m["leaks"] or 0.0,
        urge_leaks=m["urge_leaks"] or 0.0,
        nocturia=m["nocturia"],
        pads=m["pads"],
    )


def blocks(days: Sequence[BladderDayCounts], sessions: Sequence[dt.date]) -> list[BladderBlock]:
    """3 complete days in a row, no session on or between them; runs cut from their first day."""
    cut = set(sessions)
    out: list[BladderBlock] = []
    run: list[BladderDayCounts] = []
    for d in sorted((d for d in days if d.complete and d.date not in cut), key=lambda d: d.date):
        crosses = bool(run) and any(run[-1].date < s < d.date for s in cut)
        if run and (d.date - run[-1].date).days != 1 or crosses:
            run = []
        run.append(d)
        if len(run) == BLOCK_DAYS:
            out.append(_block(run))
            run = []
    return out


def change_pct(before: float, after: float) -> float | None:
    """Fall from ``before`` to ``after`` as a percentage of ``before`` (None when before is 0)."""
    if before <= 0:
        return None
    return round((before - after) / before * 100, 1)


def bladder_summary(
    entries: Sequence[Any],
    start: dt.date,
    end: dt.date,
    urgency_level: int = URGENCY_LEVEL,
) -> BladderSummary:
    """Counts of the period ``start..end``; blocks (and the baseline) read earlier days too."""
    events: list[BladderEvent] = []
    checkins: dict[dt.date, BladderDay] = {}
    sessions: set[dt.date] = set()
    retention = False
    for item in by_recording(entries):  # the latest recorded check-in of a day wins
        e = getattr(item, "entry", item)
        if isinstance(e, BladderEvent) and e.at.date() <= end:
            events.append(e)
        elif isinstance(e, BladderDay) and e.date <= end:
            checkins[e.date] = e
        elif isinstance(e, BotoxSession) and e.condition == "bladder" and e.date <= end:
            sessions.add(e.date)
        elif (
            getattr(e, "KIND", "") == "side_effect"
            and e.start <= end
            and retention_effect(e.effect)
        ):
            retention = True
    all_days = count_days(events, checkins, urgency_level)
    period = [d for day, d in all_days.items() if start <= day <= end]
    ordered = sorted(sessions)
    every_block = blocks(list(all_days.values()), ordered)
    baseline = after = None
    if ordered:
        before = [b for b in every_block if b.end < ordered[0]]
        baseline = before[-1] if before else None
        later = [b for b in every_block if b.start > ordered[-1]]
        after = later[-1] if later else None
    change = (
        change_pct(baseline.urge_leaks, after.urge_leaks)
        if baseline is not None and after is not None
        else None
    )
    return BladderSummary(
        urgency_level=urgency_level,
        logged_days=len(period),
        complete_days=sum(1 for d in period if d.complete),
        per_day=means(period),
        days=tuple(period),
        blocks=tuple(every_block),
        baseline=baseline,
        after_treatment=after,
        urge_leak_change_pct=change,
        sessions=tuple(ordered),
        retention_reported=retention,
        definitions=definitions(urgency_level),
    )


RETENTION_WORDS = ("cannot pass urine", "can't pass urine", "unable to pass urine", "retention")


def retention_effect(text: str) -> bool:
    t = text.lower()
    return any(w in t for w in RETENTION_WORDS)
