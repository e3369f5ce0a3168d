"""Sweating diary arithmetic: HDSS days, primary focal features, topical trials, HDSS response.

The sweating condition's ``metrics`` part: ``sweat_summary(entries, start, end, at, **limits)
-> SweatSummary``, ``daily_series(days, start, end) -> tuple[SweatDayPoint, ...]`` (the
logged days, for the charts), and ``PRIMARY_FEATURES`` (the baseline questions for primary focal
hyperhidrosis). Logged days for completeness are the days with a sweating day entry.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from utils import catalog
from utils.conditions.sweating.models import SweatBaseline, SweatDay
from utils.core.dates import DAY, days_between, month_key, per_month
from utils.core.diary import mean, recorded_of
from utils.core.questionnaires import HdssAssessment
from utils.core.treatments import BotoxSession, Treatment


@dataclass(frozen=True)
class SweatDayPoint:
    """One logged sweating day as the charts read it (the day's entry as the engine keeps it)."""

    date: dt.date
    normal_day: bool
    hdss: int | None  # the grade as entered (the charts read a normal day as 1)
    episodes: int | None  # None when not counted (a normal day counts as 0 in the charts)
    sites: tuple[str, ...]


def daily_series(
    days: Mapping[dt.date, SweatDay], start: dt.date, end: dt.date
) -> tuple[SweatDayPoint, ...]:
    """The logged sweating days from ``start`` to ``end``, by date, one record a day (``days``:
    the latest recorded entry of each day, as the evidence section keeps them)."""
    return tuple(
        SweatDayPoint(d, e.normal_day, e.hdss, e.episodes, tuple(e.sites))
        for d, e in sorted(days.items())
        if start <= d <= end
    )


@dataclass(frozen=True)
class HdssChange:
    session: dt.date
    before: float | None
    after: float | None
    source: str  # assessment | daily average | none
    drop: float | None
    response: bool | None
    note: str


@dataclass(frozen=True)
class TopicalTrial:
    name: str
    treatment_class: str
    start: dt.date
    stop: dt.date | None
    days: int
    outcome: str


@dataclass(frozen=True)
class SweatSummary:
    logged_days: int
    symptom_days: int
    normal_days: int
    months_with_symptoms: tuple[str, ...]
    symptom_days_by_month: dict[str, int]
    episodes_per_week: float | None
    episode_days: int  # logged days with a known episode count (normal days count as 0)
    hdss_distribution: dict[str, int]  # "1".."4" and "normal_day"
    hdss_mean: float | None
    baseline: dict[str, Any] | None
    features_yes: tuple[str, ...]
    features_unknown: tuple[str, ...]
    duration_months: int | None
    primary_focal: str  # met | not_met | missing_data
    topical_trials: tuple[TopicalTrial, ...]
    topical_use_days: int  # diary days naming a topical product
    skin_problem_days: dict[str, int]
    sessions: tuple[dt.date, ...]
    hdss_changes: tuple[HdssChange, ...]
    logged_days_by_month: dict[str, int] = field(default_factory=dict)  # days with an entry


PRIMARY_FEATURES = {
    "bilateral_symmetric": "sweating on both sides, fairly symmetric",
    "impairs_daily_activities": "it impairs daily activities",
    "weekly_episodes": "at least one episode a week",
    "onset_before_25": "it began before age 25",
    "family_history": "family history",
    "stops_during_sleep": "it stops during sleep",
}


def _baseline_features(b: SweatBaseline) -> tuple[list[str], list[str]]:
    yes, unknown = [], []
    for key in PRIMARY_FEATURES:
        if key == "onset_before_25":
            value = None if b.onset_age is None else ("yes" if b.onset_age < 25 else "no")
        else:
            value = getattr(b, key)
        if value == "yes":
            yes.append(key)
        elif value in (None, "unknown"):
            unknown.append(key)
    return yes, unknown


def sweat_summary(
    entries: Sequence[Any],
    start: dt.date,
    end: dt.date,
    at: dt.date,
    *,
    min_features: int = 2,
    min_months: int = 6,
    before_days: int = 30,
    after_from: int = 14,
    after_days: int = 30,
    response_grades: int = 2,
) -> SweatSummary:
    daily: dict[dt.date, SweatDay] = {}
    baseline: SweatBaseline | None = None
    trials: list[TopicalTrial] = []
    sessions: list[dt.date] = []
    assessments: list[HdssAssessment] = []
    topical_ids = {k for k, v in catalog.treatment_classes().items() if v.get("topical")}
    wanted = (SweatDay, SweatBaseline, Treatment, BotoxSession, HdssAssessment)
    for _, e in recorded_of(entries, wanted):
        if isinstance(e, SweatDay):
            daily[e.date] = e  # one record per day; a later entry for the same day wins
        elif isinstance(e, SweatBaseline):
            if e.answered_on <= end and (baseline is None or e.answered_on >= baseline.answered_on):
                baseline = e
        elif isinstance(e, Treatment) and e.treatment_class in topical_ids:
            trials.append(
                TopicalTrial(e.name, e.treatment_class, e.start, e.stop, e.days_on(at), e.outcome)
            )
        elif isinstance(e, BotoxSession) and e.condition == "sweating" and e.date <= end:
            sessions.append(e.date)
        elif isinstance(e, HdssAssessment):
            assessments.append(e)
    sessions = sorted(set(sessions))
    assessments.sort(key=lambda a: a.date)
    in_period = [daily[d] for d in sorted(daily) if start <= d <= end]
    symptom = [s for s in in_period if not s.normal_day]
    by_month: dict[str, int] = defaultdict(int)
    for s in symptom:
        by_month[month_key(s.date)] += 1
    known_eps = [0 if s.normal_day else s.episodes for s in in_period]
    known_eps = [x for x in known_eps if x is not None]
    dist = {"1": 0, "2": 0, "3": 0, "4": 0, "normal_day": 0}
    for s in in_period:
        if s.normal_day:
            dist["normal_day"] += 1
        elif s.hdss is not None:
            dist[str(s.hdss)] += 1
    skin: dict[str, int] = defaultdict(int)
    for s in in_period:
        for p in s.skin_problems:
            skin[p] += 1
    yes: list[str] = []
    unknown: list[str] = list(PRIMARY_FEATURES)
    duration = None
    if baseline is not None:
        yes, unknown = _baseline_features(baseline)
        duration = baseline.duration_months
    if len(yes) >= min_features and duration is not None and duration >= min_months:
        primary = "met"
    elif len(yes) + len(unknown) < min_features or (duration is not None and duration < min_months):
        primary = "not_met"
    else:
        primary = "missing_data"

    def daily_mean(lo: dt.date, hi: dt.date) -> float | None:
        vals = [
            1 if daily[d].normal_day else daily[d].hdss
            for d in days_between(lo, hi)
            if d in daily and (daily[d].normal_day or daily[d].hdss is not None)
        ]
        return mean(vals)

    changes = []
    for i, s in enumerate(sessions):
        nxt = sessions[i + 1] if i + 1 < len(sessions) else None
        prev = sessions[i - 1] if i else None
        before_a = [
            a
            for a in assessments
            if a.date <= s and (prev is None or a.date > prev) and a.timing != "after treatment"
        ]
        after_a = [
            a
            for a in assessments
            if a.date > s and (nxt is None or a.date < nxt) and a.timing != "before treatment"
        ]
        if before_a and after_a:
            b, a_ = float(before_a[-1].score), float(after_a[0].score)
            source = "assessment"
            note = (
                f"HDSS {before_a[-1].score} on {before_a[-1].date.isoformat()} before, "
                f"{after_a[0].score} on {after_a[0].date.isoformat()} after"
            )
        else:
            b = daily_mean(s - dt.timedelta(days=before_days), s - DAY)
            a_ = daily_mean(
                s + dt.timedelta(days=after_from),
                min(s + dt.timedelta(days=after_from + after_days - 1), at),
            )
            source = "daily average" if b is not None and a_ is not None else "none"
            note = (
                f"average daily HDSS {b} in the {before_days} days before, {a_} in days "
                f"{after_from}-{after_from + after_days - 1} after"
                if source != "none"
                else "no HDSS assessment or daily HDSS around this session"
            )
        drop = round(b - a_, 2) if b is not None and a_ is not None else None
        changes.append(
            HdssChange(
                s, b, a_, source, drop, None if drop is None else drop >= response_grades, note
            )
        )
    return SweatSummary(
        logged_days=len(in_period),
        symptom_days=len(symptom),
        normal_days=len(in_period) - len(symptom),
        months_with_symptoms=tuple(sorted(by_month)),
        symptom_days_by_month=dict(sorted(by_month.items())),
        episodes_per_week=round(sum(known_eps) * 7 / len(known_eps), 2) if known_eps else None,
        episode_days=len(known_eps),
        hdss_distribution=dist,
        hdss_mean=mean([s.hdss for s in symptom if s.hdss is not None]),
        baseline=None if baseline is None else baseline.model_dump(mode="json"),
        features_yes=tuple(yes),
        features_unknown=tuple(unknown),
        duration_months=duration,
        primary_focal=primary,
        topical_trials=tuple(sorted(trials, key=lambda t: t.start)),
        topical_use_days=sum(1 for s in in_period if s.topical_product),
        skin_problem_days=dict(sorted(skin.items())),
        sessions=tuple(sessions),
        hdss_changes=tuple(changes),
        logged_days_by_month=per_month(s.date for s in in_period),
    )
