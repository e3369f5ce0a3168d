"""Spasticity arithmetic: the day diary per month, therapy, treatments tried, and the response
by the clinician's Modified Ashworth grades and goal attainment scores.

The condition's ``metrics`` part: ``spasticity_summary(entries, start, end, at, age_group)``.
Every number follows one of ``DEFINITIONS`` (printed in the summary JSON and the PDF). A logged
day is a day with a spasticity day entry; of two entries for one day the later recorded counts.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from utils.conditions.spasticity.models import (
    HARD_TASKS,
    MAS_GRADES,
    AshworthGrade,
    GoalScore,
    SpasticityDay,
)
from utils.core.dates import month_key, per_month
from utils.core.diary import by_recording, mean, pct_change
from utils.core.treatments import BotoxSession, Treatment

ORAL_AGENT_CLASSES = ("baclofen_oral", "tizanidine", "dantrolene", "diazepam")
MAS_RESPONSE_GRADES = 1  # trial responder definition (not a payer number)

DEFINITIONS = (
    "Logged day: a day with a spasticity day entry (a 'normal day' included); only days in the "
    "period up to today count.",
    "Mean stiffness, spasms, pain: the average over the logged days that give that number "
    "(a normal day without a number is not counted); per month over that month's days.",
    "Spasm day: a logged day with at least 1 spasm, or a spasm frequency of 1 or more (0-4).",
    "Hard-task day: a logged day with at least one task marked hard (dressing, hygiene or "
    "opening the hand, walking, transfers, sleep, positioning).",
    "Falls: the sum of the falls written on the logged days.",
    "Therapy day: a logged day with 1 or more minutes of stretching, physical or occupational "
    "therapy; therapy minutes are their sum.",
    "Splint day: a logged day with a splint or brace worn for more than 0 hours.",
    "Modified Ashworth change: for each Botox session, a muscle group and side graded by the "
    "clinician on or before the session (the latest) and after it (the first, before the next "
    "session); grades are ordinal 0, 1, 1+, 2, 3, 4, so 2 to 1+ is one grade down. 'Responder' "
    "means down by 1 grade or more in a target muscle (all graded muscles when none is marked "
    "as a target): a definition used in trials, not a payer number.",
    "Stiffness before and after: for the latest Botox session, the mean stiffness (0-10) of the "
    "logged days in the 28 days before it (days -28 to -1) and of those 14 to 56 days after it "
    "(when the effect is expected); the change is (after - before) / before, in per cent.",
    "Goals: the latest attainment score (-2..+2) the clinician gave each goal; a goal counts as "
    "met at 0 (the expected outcome) or above. T-score: 50 + 10 x sum of scores / "
    "sqrt(0.7 n + 0.3 n^2) with equal weights (Kiresuk & Sherman); 50 or more means the goals "
    "were met as expected on average.",
)


@dataclass(frozen=True)
class SpasticityDayPoint:
    """One logged spasticity day as the renderers read it (the latest recorded entry of the
    day), its values as entered (None: not given)."""

    date: dt.date
    normal_day: bool
    stiffness: int | None  # 0-10
    spasms: int | None  # count of the day
    pain: int | None  # 0-10
    hard_task: bool
    falls: int | None
    therapy_minutes: int | None


def daily_series(
    entries: Sequence[Any], start: dt.date, end: dt.date
) -> tuple[SpasticityDayPoint, ...]:
    """The logged spasticity days from ``start`` to ``end``, by date, one record a day (of two
    entries of one day the latest recorded wins, as in ``spasticity_summary``)."""
    daily: dict[dt.date, SpasticityDay] = {}
    for item in by_recording(entries):
        e = getattr(item, "entry", item)
        if isinstance(e, SpasticityDay) and start <= e.date <= end:
            daily[e.date] = e
    return tuple(
        SpasticityDayPoint(
            day,
            d.normal_day,
            d.stiffness,
            d.spasms,
            d.pain,
            bool(d.hard_tasks),
            d.falls,
            d.therapy_minutes,
        )
        for day, d in sorted(daily.items())
    )


@dataclass(frozen=True)
class SpasticityTreatment:
    name: str
    treatment_class: str
    start: dt.date
    stop: dt.date | None
    days: int
    outcome: str


@dataclass(frozen=True)
class MasGrade:
    date: dt.date
    muscle_group: str
    side: str
    grade: str
    target: bool


@dataclass(frozen=True)
class MasChange:
    session: dt.date
    muscle_group: str
    side: str
    target: bool
    before: str
    before_date: dt.date
    after: str
    after_date: dt.date
    grades_down: int  # positive: lower tone after the session


@dataclass(frozen=True)
class Goal:
    goal: str
    date: dt.date  # of its latest score
    score: int


@dataclass(frozen=True)
class SpasticitySummary:
    age_group: str  # "child" (2-17), "adult", "child or adult" (birthday unknown), "unknown"
    logged_days: int
    normal_days: int
    mean_stiffness: float | None
    mean_spasms: float | None  # over days with a spasm count
    spasm_days: int
    mean_pain: float | None
    hard_task_days: int
    hard_task_days_by_task: dict[str, int]
    falls: int
    splint_days: int
    therapy_days: int
    therapy_minutes: int
    last_therapy_day: dt.date | None
    warning_sign_days: tuple[dt.date, ...]
    oral_agents: tuple[SpasticityTreatment, ...]
    other_treatments: tuple[SpasticityTreatment, ...]
    sessions: tuple[dt.date, ...]
    ashworth: tuple[MasGrade, ...]
    ashworth_changes: tuple[MasChange, ...]
    mas_responder: bool | None  # None: no grade before and after a session
    goals: tuple[Goal, ...]
    goals_met: int
    gas_t_score: float | None
    stiffness_before: float | None = None  # around the latest session (see DEFINITIONS)
    stiffness_after: float | None = None
    stiffness_change_pct: float | None = None
    logged_days_by_month: dict[str, int] = field(default_factory=dict)
    stiffness_by_month: dict[str, float] = field(default_factory=dict)
    spasm_days_by_month: dict[str, int] = field(default_factory=dict)
    pain_by_month: dict[str, float] = field(default_factory=dict)
    hard_task_days_by_month: dict[str, int] = field(default_factory=dict)
    falls_by_month: dict[str, int] = field(default_factory=dict)
    therapy_days_by_month: dict[str, int] = field(default_factory=dict)
    therapy_minutes_by_month: dict[str, int] = field(default_factory=dict)
    definitions: tuple[str, ...] = DEFINITIONS


def _monthly_mean(days: Iterable[SpasticityDay], attr: str) -> dict[str, float]:
    values: dict[str, list[float]] = defaultdict(list)
    for d in days:
        v = getattr(d, attr)
        if v is not None:
            values[month_key(d.date)].append(v)
    return {k: mean(v) for k, v in sorted(values.items())}  # type: ignore[misc]


def _monthly_sum(days: Iterable[SpasticityDay], value) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for d in days:
        out[month_key(d.date)] += value(d)
    return dict(sorted(out.items()))


def gas_t_score(scores: Sequence[int]) -> float | None:
    """The goal attainment T-score with equal weights and the usual correlation of 0.3."""
    n = len(scores)
    if not n:
        return None
    return round(50 + 10 * sum(scores) / math.sqrt(0.7 * n + 0.3 * n * n), 1)


def mas_changes(grades: Sequence[AshworthGrade], sessions: Sequence[dt.date]) -> list[MasChange]:
    out: list[MasChange] = []
    ordered = sorted(sessions)
    for i, s in enumerate(ordered):
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        groups: dict[tuple[str, str], list[AshworthGrade]] = defaultdict(list)
        for g in grades:
            groups[(g.muscle_group, g.side)].append(g)
        for (muscle, side), gs in sorted(groups.items()):
            before = [g for g in gs if g.date <= s]
            after = [g for g in gs if g.date > s and (nxt is None or g.date <= nxt)]
            if not before or not after:
                continue
            b = max(before, key=lambda g: g.date)
            a = min(after, key=lambda g: g.date)
            out.append(
                MasChange(
                    s,
                    muscle,
                    side,
                    b.target or a.target,
                    b.grade,
                    b.date,
                    a.grade,
                    a.date,
                    MAS_GRADES.index(b.grade) - MAS_GRADES.index(a.grade),
                )
            )
    return out


def responder(changes: Sequence[MasChange]) -> bool | None:
    """Down by 1 grade or more in a target muscle (all muscles when none is a target), after
    the latest session with grades before and after."""
    if not changes:
        return None
    last = max(c.session for c in changes)
    latest = [c for c in changes if c.session == last]
    judged = [c for c in latest if c.target] or latest
    return any(c.grades_down >= MAS_RESPONSE_GRADES for c in judged)


def spasticity_summary(
    entries: Sequence[Any],
    start: dt.date,
    end: dt.date,
    at: dt.date,
    age_group: str = "unknown",
) -> SpasticitySummary:
    daily: dict[dt.date, SpasticityDay] = {}
    every_day: dict[dt.date, SpasticityDay] = {}  # up to the end, for before / after a session
    oral: list[SpasticityTreatment] = []
    other: list[SpasticityTreatment] = []
    sessions: set[dt.date] = set()
    grades: list[AshworthGrade] = []
    goal_scores: list[GoalScore] = []
    for item in by_recording(entries):
        e = getattr(item, "entry", item)
        if isinstance(e, SpasticityDay) and e.date <= end:
            every_day[e.date] = e
            if start <= e.date:
                daily[e.date] = e
        elif isinstance(e, Treatment) and e.condition == "spasticity" and e.start <= end:
            t = SpasticityTreatment(
                e.name, e.treatment_class, e.start, e.stop, e.days_on(at), e.outcome
            )
            (oral if e.treatment_class in ORAL_AGENT_CLASSES else other).append(t)
        elif isinstance(e, BotoxSession) and e.condition == "spasticity" and e.date <= end:
            sessions.add(e.date)
        elif isinstance(e, AshworthGrade) and e.date <= end:
            grades.append(e)
        elif isinstance(e, GoalScore) and e.date <= end:
            goal_scores.append(e)
    days = [daily[d] for d in sorted(daily)]

    def _mean(attr: str) -> float | None:
        return mean([getattr(d, attr) for d in days if getattr(d, attr) is not None])

    def spasm_day(d: SpasticityDay) -> bool:
        return (d.spasms or 0) >= 1 or (d.spasm_frequency or 0) >= 1

    hard = [d for d in days if d.hard_tasks]
    therapy = [d for d in days if (d.therapy_minutes or 0) >= 1]
    by_task = {t: sum(t in d.hard_tasks for d in days) for t in HARD_TASKS}
    latest_goal: dict[str, GoalScore] = {}
    for g in sorted(goal_scores, key=lambda g: g.date):
        latest_goal[" ".join(g.goal.lower().split())] = g
    goals = tuple(
        Goal(g.goal, g.date, g.score) for g in sorted(latest_goal.values(), key=lambda g: g.date)
    )
    changes = mas_changes(grades, sorted(sessions))
    before, after = around_session(every_day, max(sessions) if sessions else None)
    return SpasticitySummary(
        age_group=age_group,
        logged_days=len(days),
        normal_days=sum(d.normal_day for d in days),
        mean_stiffness=_mean("stiffness"),
        mean_spasms=_mean("spasms"),
        spasm_days=sum(spasm_day(d) for d in days),
        mean_pain=_mean("pain"),
        hard_task_days=len(hard),
        hard_task_days_by_task={k: v for k, v in by_task.items() if v},
        falls=sum(d.falls or 0 for d in days),
        splint_days=sum((d.splint_hours or 0) > 0 for d in days),
        therapy_days=len(therapy),
        therapy_minutes=sum(d.therapy_minutes or 0 for d in days),
        last_therapy_day=therapy[-1].date if therapy else None,
        warning_sign_days=tuple(d.date for d in days if d.warning_signs),
        oral_agents=tuple(sorted(oral, key=lambda t: t.start)),
        other_treatments=tuple(sorted(other, key=lambda t: t.start)),
        sessions=tuple(sorted(sessions)),
        ashworth=tuple(
            MasGrade(g.date, g.muscle_group, g.side, g.grade, g.target)
            for g in sorted(grades, key=lambda g: (g.date, g.muscle_group, g.side))
        ),
        ashworth_changes=tuple(changes),
        mas_responder=responder(changes),
        goals=goals,
        goals_met=sum(g.score >= 0 for g in goals),
        gas_t_score=gas_t_score([g.score for g in goals]),
        stiffness_before=before,
        stiffness_after=after,
        stiffness_change_pct=pct_change(before, after),
        logged_days_by_month=per_month(daily),
        stiffness_by_month=_monthly_mean(days, "stiffness"),
        spasm_days_by_month=_monthly_sum(days, lambda d: int(spasm_day(d))),
        pain_by_month=_monthly_mean(days, "pain"),
        hard_task_days_by_month=_monthly_sum(days, lambda d: int(bool(d.hard_tasks))),
        falls_by_month=_monthly_sum(days, lambda d: d.falls or 0),
        therapy_days_by_month=_monthly_sum(days, lambda d: int((d.therapy_minutes or 0) >= 1)),
        therapy_minutes_by_month=_monthly_sum(days, lambda d: d.therapy_minutes or 0),
    )


BEFORE_DAYS = 28
AFTER_FROM, AFTER_TO = 14, 56


def around_session(
    days: dict[dt.date, SpasticityDay], session: dt.date | None
) -> tuple[float | None, float | None]:
    """Mean stiffness in the 28 days before ``session`` and 14 to 56 days after it."""
    if session is None:
        return None, None

    def _mean(lo: int, hi: int) -> float | None:
        return mean(
            [
                e.stiffness
                for d, e in days.items()
                if lo <= (d - session).days <= hi and e.stiffness is not None
            ]
        )

    return _mean(-BEFORE_DAYS, -1), _mean(AFTER_FROM, AFTER_TO)


def age_group(year_of_birth: int | None, birth_date: dt.date | None, on: dt.date) -> str:
    """ "child" (under 18), "adult", "child or adult" (the birthday decides), or "unknown"."""
    if birth_date is not None:
        years = (
            on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
        )
        return "adult" if years >= 18 else "child"
    if year_of_birth is None:
        return "unknown"
    youngest, oldest = on.year - year_of_birth - 1, on.year - year_of_birth
    if youngest >= 18:
        return "adult"
    if oldest < 18:
        return "child"
    return "child or adult"
