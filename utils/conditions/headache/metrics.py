"""Headache diary arithmetic: every calendar day classified, and its counts per block of days.

The headache condition's ``metrics`` part. Its API, used by the evidence builder and by
``utils.core.diary.completeness``:

- ``classify_headache_days(entries, start, end, at, rule) -> {date: HeadacheDay}``;
- ``count_days`` / ``month_counts`` / ``rolling30``: counts of classified days;
- ``chronic_pattern(months, ...)``: months at the chronic-migraine thresholds;
- ``logged_days(days) -> int``: logged days among classified days (completeness);
- medication overuse in ``overuse.py``, the Botox response in ``response.py``.

Conventions: a *period* is an inclusive pair of dates; days after the reference day (``at``) are
not counted; counts are counts of calendar days, never extrapolated.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from utils import catalog
from utils.conditions.headache.models import Attack
from utils.core.dates import (
    DAY,
    DAY_SECONDS,
    days_between,
    longest_run,
    month_bounds,
    month_key,
    month_label,
    next_month_key,
)

LONG_DAY_HOURS = 4.0
OPEN_ATTACK_MAX_HOURS = 72  # a "still going" attack counts up to now for at most this long
NOT_LOGGED, HEADACHE_FREE, HEADACHE = "not_logged", "headache_free", "headache"
RULE_ICHD = "ichd3"
RULE_TRIAL = "ichd3_or_trial"
MIGRAINE_RULES = {
    RULE_ICHD: (
        "Migraine day (ICHD-3 1.3 criterion C): a day touched by an attack with at least 2 of "
        "one-sided pain (left or right), pulsating pain, moderate or severe pain (4-10 of 10), "
        "worse with routine activity, and at least 1 of nausea or vomiting, or both light and "
        "sound sensitivity; or an attack with aura; or an attack treated with a triptan or an "
        "ergot that helped within 2 hours (partial or full relief)."
    ),
    RULE_TRIAL: (
        "Migraine day (ICHD-3 1.3 criterion C plus the clinical-trial rule): a day that meets "
        "ICHD-3 1.3 criterion C (at least 2 of one-sided, pulsating, moderate or severe pain 4-10, "
        "worse with activity, and at least 1 of nausea or vomiting, or both light and sound "
        "sensitivity; or aura; or a triptan or ergot that helped), or a day with 4 hours or more "
        "of headache that calendar day, or a day with an attack treated with a "
        "migraine-specific acute medicine (triptan, ergot, gepant, ditan)."
    ),
}
FEATURE_FIELDS = (
    "side",
    "pulsating",
    "worse_with_activity",
    "nausea_vomiting",
    "light_sensitivity",
    "sound_sensitivity",
)


@dataclass(frozen=True)
class HeadacheDay:
    """One calendar day of the headache diary."""

    date: dt.date
    status: str  # not_logged | headache_free | headache
    hours: float | None = None  # known headache time that day; None when no attack had a duration
    hours_unknown: bool = False  # an attack touching the day has no known duration
    migraine_ichd: bool = False
    migraine_trial: bool = False
    migraine: bool = False  # by the rule in use
    long: bool = False  # at least 4 hours of headache that day
    acute_classes: tuple[str, ...] = ()
    function_impaired: bool = False
    max_pain: int | None = None
    missing: tuple[str, ...] = ()  # duration / pain / features
    attack_ids: tuple[int, ...] = ()
    open_attack: bool = False  # touched by an attack still marked "still going"
    open_attack_past_72h: bool = False  # ... begun more than 72 hours ago: finish it

    @property
    def logged(self) -> bool:
        return self.status != NOT_LOGGED

    @property
    def headache(self) -> bool:
        return self.status == HEADACHE


def _ichd_c(a: Attack) -> bool:
    pain_features = sum(
        (
            a.side in ("left", "right"),
            a.pulsating is True,
            a.pain is not None and a.pain >= 4,
            a.worse_with_activity is True,
        )
    )
    assoc = a.nausea_vomiting is True or (
        a.light_sensitivity is True and a.sound_sensitivity is True
    )
    if pain_features >= 2 and assoc:
        return True
    if a.aura is True or a.aura_types:
        return True
    return any(
        m.drug_class in ("triptan", "ergot") and m.relief_2h in ("partial", "full")
        for m in a.medications
    )


def _migraine_specific(a: Attack) -> bool:
    classes = catalog.acute_classes()
    return any(classes.get(m.drug_class, {}).get("migraine_specific") for m in a.medications)


def _features_missing(a: Attack) -> bool:
    return any(getattr(a, f) is None for f in FEATURE_FIELDS)


@dataclass
class _DayAcc:
    intervals: list[tuple[float, float]] = field(default_factory=list)
    untimed: float = 0.0  # longest attack of unknown start time on this day (seconds)
    unknown: bool = False
    attacks: list[tuple[int, Attack, float | None]] = field(default_factory=list)
    acute: set[str] = field(default_factory=set)
    open_attack: bool = False
    open_past_cap: bool = False


def _union_seconds(intervals: list[tuple[float, float]]) -> float:
    total = 0.0
    cur_s = cur_e = None
    for s, e in sorted(intervals):
        if cur_e is None or s > cur_e:
            if cur_e is not None:
                total += cur_e - cur_s
            cur_s, cur_e = s, e
        elif e > cur_e:
            cur_e = e
    if cur_e is not None:
        total += cur_e - cur_s
    return total


def _open_capped(a: Attack, at: dt.datetime) -> bool:
    """A "still going" attack begun more than 72 hours before ``at``."""
    return a.ongoing and at - a.start_datetime() > dt.timedelta(hours=OPEN_ATTACK_MAX_HOURS)


def _place_attack(
    acc: dict[dt.date, _DayAcc], eid: int, a: Attack, lo: dt.date, hi: dt.date, at: dt.datetime
) -> None:
    """Spread one attack over the days it touches (only days in ``lo..hi`` are kept).

    A "still going" attack runs to ``at`` for at most 72 hours after its start; past that it
    counts only on its start day (to midnight when the start time is known) and is flagged
    as an open attack to finish."""
    capped = _open_capped(a, at)
    if capped:
        duration: dt.timedelta | None = (
            dt.datetime.combine(a.start_date + DAY, dt.time(0)) - a.start_datetime()
            if a.start_time is not None
            else None
        )
    else:
        duration = a.duration(at)
    dur_s = duration.total_seconds() if duration is not None else None
    touched: list[dt.date] = []
    spans_next = False  # the attack runs past the midnight after its start day
    if a.start_time is not None and duration is not None:
        start = a.start_datetime()
        end = start + duration
        spans_next = end > dt.datetime.combine(a.start_date + DAY, dt.time(0))
        d = start.date()
        last = (end - dt.timedelta(microseconds=1)).date() if end > start else d
        last = min(last, hi)
        while d <= last:
            if d >= lo:
                day0 = dt.datetime.combine(d, dt.time(0))
                s = max((start - day0).total_seconds(), 0.0)
                e = min((end - day0).total_seconds(), DAY_SECONDS)
                cell = acc.setdefault(d, _DayAcc())
                if e > s:
                    cell.intervals.append((s, e))
                touched.append(d)
            d += DAY
    elif a.start_time is None and duration is not None:
        # Unknown start: the whole duration counts on the start day (a day has at most 24 h).
        if lo <= a.start_date <= hi:
            cell = acc.setdefault(a.start_date, _DayAcc())
            cell.untimed = max(cell.untimed, min(dur_s or 0.0, DAY_SECONDS))
            touched.append(a.start_date)
    else:
        if lo <= a.start_date <= hi:
            acc.setdefault(a.start_date, _DayAcc()).unknown = True
            touched.append(a.start_date)
        if a.ongoing and not capped:  # still going, start time unknown: later days up to now
            spans_next = at.date() > a.start_date
            d = max(a.start_date + DAY, lo)
            last = min(at.date(), hi)
            while d <= last:
                day0 = dt.datetime.combine(d, dt.time(0))
                e = min((at - day0).total_seconds(), DAY_SECONDS)
                cell = acc.setdefault(d, _DayAcc())
                if e > 0:
                    cell.intervals.append((0.0, e))
                touched.append(d)
                d += DAY
    for d in touched:
        acc[d].attacks.append((eid, a, dur_s))
        if a.ongoing:
            acc[d].open_attack = True
            acc[d].open_past_cap = acc[d].open_past_cap or capped
    for m in a.medications:
        # A dose timed before the attack's start time was taken after midnight: it belongs to
        # the next day, and is not counted when that day is outside lo..hi (never moved back).
        dose_day = a.start_date
        if m.time is not None and a.start_time is not None and m.time < a.start_time and spans_next:
            dose_day = a.start_date + DAY
        if lo <= dose_day <= hi and dose_day in acc:
            acc[dose_day].acute.add(m.drug_class)


def _last_day_touched(a: Attack, at: dt.datetime) -> dt.date:
    """A day on or after the last day ``_place_attack`` can touch for ``a`` (its medicines'
    next-day doses included): an upper bound, so a month's attacks are never missed."""
    if a.ongoing:
        if _open_capped(a, at):
            return a.start_date + DAY
        return max(at.date(), a.start_date) + DAY
    duration = a.duration(at)
    if duration is None or a.start_time is None:
        return a.start_date + DAY
    return max((a.start_datetime() + duration).date(), a.start_date) + DAY


def classify_headache_days(
    entries: Iterable[Any],
    start: dt.date,
    end: dt.date,
    at: dt.datetime,
    rule: str = RULE_ICHD,
) -> dict[dt.date, HeadacheDay]:
    """Every calendar day from ``start`` to ``end`` classified (see ``DEFINITIONS``).

    ``entries`` are StoredEntry-like objects (``.entry``, ``.id``) or bare entries. The days
    are classified a calendar month at a time, and a month whose inputs are unchanged since an
    earlier call is reused (``kept_months``): the result is the same either way.
    """
    from utils.conditions.headache import kept_months

    if rule not in MIGRAINE_RULES:
        raise ValueError(f"unknown migraine-day rule '{rule}'")
    return kept_months.classified(entries, start, end, at, rule, _classify, _last_day_touched)


def _classify(
    items: Sequence[tuple[int, Attack]],
    checkins: set[dt.date],
    start: dt.date,
    end: dt.date,
    at: dt.datetime,
    rule: str,
) -> dict[dt.date, HeadacheDay]:
    """``classify_headache_days`` for ``start..end``, from every ``(id, attack)`` that can touch
    those days (in the diary's order) and the headache-free check-in days among them."""
    acc: dict[dt.date, _DayAcc] = {}
    for eid, attack in items:
        _place_attack(acc, eid, attack, start, end, at)
    out: dict[dt.date, HeadacheDay] = {}
    for d in days_between(start, end):
        cell = acc.get(d)
        if cell is None or not cell.attacks:
            out[d] = HeadacheDay(d, HEADACHE_FREE if d in checkins else NOT_LOGGED)
            continue
        timed = _union_seconds(cell.intervals)
        known = max(timed, cell.untimed)
        has_known = (
            bool(cell.intervals)
            or cell.untimed > 0
            or any(dur is not None for _, _, dur in cell.attacks)
        )
        hours = known / 3600 if has_known else None
        long_day = hours is not None and hours >= LONG_DAY_HOURS
        attacks = [a for _, a, _ in cell.attacks]
        ichd = any(_ichd_c(a) for a in attacks)
        # The clinical-trial rule's 4 hours are hours of headache that calendar day.
        trial = ichd or long_day or any(_migraine_specific(a) for a in attacks)
        pains = [a.pain for a in attacks if a.pain is not None]
        missing = []
        if cell.unknown:
            missing.append("duration")
        if any(a.pain is None for a in attacks):
            missing.append("pain")
        if any(_features_missing(a) for a in attacks):
            missing.append("features")
        out[d] = HeadacheDay(
            date=d,
            status=HEADACHE,
            hours=round(hours, 4) if hours is not None else None,
            hours_unknown=cell.unknown,
            migraine_ichd=ichd,
            migraine_trial=trial,
            migraine=trial if rule == RULE_TRIAL else ichd,
            long=long_day,
            acute_classes=tuple(sorted(cell.acute)),
            function_impaired=any(a.function is not None and a.function >= 2 for a in attacks),
            max_pain=max(pains) if pains else None,
            missing=tuple(missing),
            attack_ids=tuple(sorted({eid for eid, _, _ in cell.attacks})),
            open_attack=cell.open_attack,
            open_attack_past_72h=cell.open_past_cap,
        )
    return out


# ---------------------------------------------------------------- counts


@dataclass(frozen=True)
class Counts:
    """Counts of calendar days in a block of days (a month, 30 days, a response window)."""

    start: dt.date
    end: dt.date
    days: int
    logged: int
    headache: int
    migraine: int
    long: int
    function_impaired: int
    unknown_hours: int
    acute_any: int
    acute_by_class: dict[str, int]

    def rate(self, name: str, per: int = 30) -> float | None:
        """``name`` days per ``per`` logged days; None without logged days."""
        if not self.logged:
            return None
        value = self.acute_any if name == "acute" else getattr(self, name)
        return round(value * per / self.logged, 2)


def count_days(days: Mapping[dt.date, HeadacheDay], start: dt.date, end: dt.date) -> Counts:
    n = logged = headache = migraine = long_ = impaired = unknown = acute_any = 0
    by_class: dict[str, int] = defaultdict(int)
    for d in days_between(start, end):
        rec = days.get(d)
        n += 1
        if rec is None or rec.status == NOT_LOGGED:
            continue
        logged += 1
        if rec.status != HEADACHE:
            continue
        headache += 1
        migraine += rec.migraine
        long_ += rec.long
        impaired += rec.function_impaired
        unknown += rec.hours_unknown
        if rec.acute_classes:
            acute_any += 1
            for c in rec.acute_classes:
                by_class[c] += 1
    return Counts(
        start,
        end,
        n,
        logged,
        headache,
        migraine,
        long_,
        impaired,
        unknown,
        acute_any,
        dict(sorted(by_class.items())),
    )


@dataclass(frozen=True)
class MonthCounts:
    month: str  # YYYY-MM
    label: str  # Mar 2026
    days_in_month: int
    days_in_period: int
    partial_period: bool
    fully_logged: bool
    note: str
    counts: Counts


def month_counts(
    days: Mapping[dt.date, HeadacheDay], start: dt.date, end: dt.date
) -> list[MonthCounts]:
    out: list[MonthCounts] = []
    if end < start:
        return out
    key = month_key(start)
    while True:
        first, last = month_bounds(key)
        if first > end:
            break
        lo, hi = max(first, start), min(last, end)
        c = count_days(days, lo, hi)
        in_month = (last - first).days + 1
        partial = c.days < in_month
        notes = []
        if partial:
            notes.append(
                f"only {c.days} of {in_month} days are inside the period "
                f"({lo.isoformat()} to {hi.isoformat()})"
            )
        notes.append(f"{c.logged} of {c.days} days logged")
        out.append(
            MonthCounts(
                key,
                month_label(key),
                in_month,
                c.days,
                partial,
                c.logged == in_month,
                "; ".join(notes),
                c,
            )
        )
        key = next_month_key(key)
    return out


def rolling30(days: Mapping[dt.date, HeadacheDay], start: dt.date, end: dt.date) -> list[Counts]:
    """Consecutive 30-day blocks ending on ``end``, oldest first; the first may be shorter."""
    blocks: list[Counts] = []
    hi = end
    while hi >= start:
        lo = max(hi - dt.timedelta(days=29), start)
        blocks.append(count_days(days, lo, hi))
        hi = lo - DAY
    return blocks[::-1]


@dataclass(frozen=True)
class ChronicPattern:
    headache_threshold: int
    migraine_threshold: int
    qualifying_months: tuple[str, ...]  # >= headache AND >= migraine threshold
    headache_months: tuple[str, ...]  # >= headache threshold only
    longest_run: tuple[str, ...]
    longest_run_length: int
    longest_headache_run: tuple[str, ...]


def chronic_pattern(
    months: Sequence[MonthCounts], headache_threshold: int = 15, migraine_threshold: int = 8
) -> ChronicPattern:
    q = [
        m.month
        for m in months
        if m.counts.headache >= headache_threshold and m.counts.migraine >= migraine_threshold
    ]
    h = [m.month for m in months if m.counts.headache >= headache_threshold]
    best = longest_run(q)
    return ChronicPattern(
        headache_threshold,
        migraine_threshold,
        tuple(q),
        tuple(h),
        tuple(best),
        len(best),
        tuple(longest_run(h)),
    )


def logged_days(days: Iterable[HeadacheDay]) -> int:
    """Logged days among the classified days (for the diary's completeness)."""
    return sum(r.logged for r in days)
