"""Pure diary arithmetic: entries in, day classifications and counts out (no I/O, no streamlit).

Every number a reviewer checks is computed here from the raw entries, by the definitions stated
in ``DEFINITIONS`` (the report prints them). The functions work on plain dicts keyed by date in
one pass over the entries, so ten years of daily data take a few milliseconds.

Conventions used throughout:
- a *period* is an inclusive pair of dates; days after the reference day (``at``) are not counted;
- counts are counts of calendar days, never extrapolated; a rate "per 30 logged days" is always
  labelled as such and carries the number of logged days it rests on.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from utils import catalog
from utils.models import (
    Attack,
    BotoxSession,
    HdssAssessment,
    HeadacheCheckin,
    JawDay,
    SweatBaseline,
    SweatDay,
    Treatment,
)

DAY = dt.timedelta(days=1)
DAY_SECONDS = 86400
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
DAILY_KINDS = ("attack", "headache_checkin", "sweat_day", "jaw_day")
LATE_AFTER_DAYS = 2
FEATURE_FIELDS = (
    "side",
    "pulsating",
    "worse_with_activity",
    "nausea_vomiting",
    "light_sensitivity",
    "sound_sensitivity",
)
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# ---------------------------------------------------------------- calendar helpers


def days_between(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    d = start
    while d <= end:
        yield d
        d += DAY


def month_key(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{MONTH_NAMES[int(month) - 1]} {year}"


def month_bounds(key: str) -> tuple[dt.date, dt.date]:
    year, month = (int(x) for x in key.split("-"))
    first = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - DAY


def next_month_key(key: str) -> str:
    return month_key(month_bounds(key)[1] + DAY)


def add_months(d: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (or earlier), clamped to the month's last day."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    last = month_bounds(f"{year:04d}-{month + 1:02d}")[1].day
    return dt.date(year, month + 1, min(d.day, last))


def months_text(keys: Sequence[str]) -> str:
    """'Mar, Apr, May 2026' or 'Dec 2025, Jan 2026'."""
    if not keys:
        return ""
    years = {k[:4] for k in keys}
    if len(years) == 1:
        return ", ".join(MONTH_NAMES[int(k[5:]) - 1] for k in keys) + f" {keys[0][:4]}"
    return ", ".join(month_label(k) for k in keys)


def join_and(items: Sequence[Any]) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def fmt_hours(h: float) -> str:
    return f"{h:.1f}".rstrip("0").rstrip(".")


def by_recording(entries: Iterable[Any]) -> list[Any]:
    """Entries in the order they were recorded (then by id), so that of two daily entries of
    one kind for one day the latest recorded wins, whatever order they were read in."""
    items = list(entries)
    if not all(hasattr(x, "recorded_at") for x in items):
        return items
    return sorted(items, key=lambda x: (x.recorded_at, x.id))


# ---------------------------------------------------------------- headache days


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


def classify_headache_days(
    entries: Iterable[Any],
    start: dt.date,
    end: dt.date,
    at: dt.datetime,
    rule: str = RULE_ICHD,
) -> dict[dt.date, HeadacheDay]:
    """Every calendar day from ``start`` to ``end`` classified (see ``DEFINITIONS``).

    ``entries`` are StoredEntry-like objects (``.entry``, ``.id``) or bare entries.
    """
    if rule not in MIGRAINE_RULES:
        raise ValueError(f"unknown migraine-day rule '{rule}'")
    acc: dict[dt.date, _DayAcc] = {}
    checkins: set[dt.date] = set()
    for i, item in enumerate(entries):
        entry = getattr(item, "entry", item)
        eid = getattr(item, "id", -1 - i)
        if isinstance(entry, Attack):
            _place_attack(acc, eid, entry, start, end, at)
        elif isinstance(entry, HeadacheCheckin) and start <= entry.date <= end:
            checkins.add(entry.date)
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


def runs(keys: Sequence[str]) -> list[list[str]]:
    """Runs of consecutive calendar months among sorted month keys."""
    out: list[list[str]] = []
    for k in sorted(keys):
        if out and next_month_key(out[-1][-1]) == k:
            out[-1].append(k)
        else:
            out.append([k])
    return out


def longest_run(keys: Sequence[str]) -> list[str]:
    """The longest run of consecutive months; the most recent one on a tie."""
    best: list[str] = []
    for r in runs(keys):
        if len(r) >= len(best):
            best = r
    return best


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


# ---------------------------------------------------------------- medication overuse


@dataclass(frozen=True)
class OveruseMonth:
    month: str
    label: str
    days_by_class: dict[str, int]
    any_acute_days: int  # days with any class counted for the mix rule
    triggered: tuple[str, ...]  # plain reasons, e.g. "triptan on 12 days (limit 10)"
    unlogged_days: int = 0  # days of the calendar month not logged (or outside the period)
    possible: bool = False  # would reach a limit if every unlogged day had been a use day


@dataclass(frozen=True)
class Overuse:
    months: tuple[OveruseMonth, ...]
    flagged_months: tuple[str, ...]
    longest_run: tuple[str, ...]
    months_needed: int  # the pattern needs MORE than this many consecutive months
    risk: bool
    message: str
    possible_months: tuple[str, ...] = ()  # flagged, or flagged if unlogged days were use days
    ruled_out: bool = False  # the logged days rule out a run of more than months_needed


def overuse_limits() -> dict[str, int]:
    """Days a month per acute class from which overuse counts (content/medications.yaml)."""
    return {
        cid: int(c["overuse_days"])
        for cid, c in catalog.acute_classes().items()
        if c.get("overuse_days") is not None
    }


def medication_overuse(
    days: Mapping[dt.date, HeadacheDay],
    months: Sequence[MonthCounts],
    class_limits: Mapping[str, int],
    mix_limit: int,
    mix_excluded: Sequence[str],
    months_needed: int = 3,
) -> Overuse:
    out: list[OveruseMonth] = []
    for m in months:
        lo, hi = m.counts.start, m.counts.end
        mix_days = 0
        mix_classes: set[str] = set()
        for d in days_between(lo, hi):
            rec = days.get(d)
            if rec is None or not rec.acute_classes:
                continue
            counted = [c for c in rec.acute_classes if c not in mix_excluded]
            if counted:
                mix_days += 1
                mix_classes.update(counted)
        by_class = m.counts.acute_by_class
        reasons = [
            f"{c.replace('_', ' ')} on {n} days (limit {class_limits[c]})"
            for c, n in by_class.items()
            if c in class_limits and n >= class_limits[c]
        ]
        if not reasons and len(mix_classes) >= 2 and mix_days >= mix_limit:
            reasons.append(
                f"a mix of {join_and(sorted(c.replace('_', ' ') for c in mix_classes))} "
                f"on {mix_days} days (limit {mix_limit})"
            )
        unlogged = m.days_in_month - m.counts.logged
        possible = bool(reasons) or (
            unlogged > 0
            and (
                any(by_class.get(c, 0) + unlogged >= lim for c, lim in class_limits.items())
                or mix_days + unlogged >= mix_limit
            )
        )
        out.append(
            OveruseMonth(
                m.month, m.label, dict(by_class), mix_days, tuple(reasons), unlogged, possible
            )
        )
    flagged = [m.month for m in out if m.triggered]
    best = longest_run(flagged)
    risk = len(best) > months_needed
    # Ruled out only when even counting every unlogged day (days of the month outside the
    # period included) as a use day, no run of more than ``months_needed`` months appears, and
    # at least one month is clear of every limit that way (so 1 logged day never rules it out).
    possible = [m.month for m in out if m.possible]
    ruled_out = len(possible) < len(out) and len(longest_run(possible)) <= months_needed
    if risk:
        msg = (
            f"Acute medicine was used often enough in {len(best)} consecutive months "
            f"({months_text(best)}) to match the medication-overuse pattern. This is a risk to "
            "discuss with your doctor, not a diagnosis."
        )
    elif flagged:
        msg = (
            f"Acute medicine use reached an overuse limit in {months_text(flagged)}, but not for "
            f"more than {months_needed} consecutive months. Worth mentioning to your doctor."
        )
    else:
        msg = "No month reached a medication-overuse limit."
    return Overuse(
        tuple(out),
        tuple(flagged),
        tuple(best),
        months_needed,
        risk,
        msg,
        tuple(possible),
        ruled_out,
    )


# ---------------------------------------------------------------- treatment response


@dataclass(frozen=True)
class Window:
    start: dt.date
    end: dt.date
    days_elapsed: int
    logged: int
    headache_days: int
    migraine_days: int
    acute_days: int
    per30: dict[str, float | None]


def _window(days: Mapping[dt.date, HeadacheDay], start: dt.date, end: dt.date) -> Window:
    c = count_days(days, start, end) if end >= start else None
    if c is None:
        return Window(
            start, end, 0, 0, 0, 0, 0, {"headache": None, "migraine": None, "acute": None}
        )
    return Window(
        start,
        end,
        c.days,
        c.logged,
        c.headache,
        c.migraine,
        c.acute_any,
        {"headache": c.rate("headache"), "migraine": c.rate("migraine"), "acute": c.rate("acute")},
    )


@dataclass(frozen=True)
class SessionResponse:
    number: int
    date: dt.date
    window: Window
    complete: bool  # all 84 days have passed
    change_pct: dict[str, float | None]  # negative = fewer days than baseline
    reduction_pct: dict[str, float | None]
    label: str  # e.g. "50% responder (headache days)"


@dataclass(frozen=True)
class Response:
    condition: str
    first_session: dt.date | None
    baseline: Window | None
    sessions: tuple[SessionResponse, ...]
    thresholds_pct: tuple[float, ...]


def _pct_change(before: float | None, after: float | None) -> float | None:
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


def headache_response(
    days: Mapping[dt.date, HeadacheDay],
    sessions: Sequence[dt.date],
    ref: dt.date,
    thresholds_pct: Sequence[float] = (30, 50),
    baseline_days: int = 90,
    window_days: int = 84,
) -> Response:
    """Baseline (``baseline_days`` before the first session) against each session's window.

    ``days`` must cover the baseline and the windows (days missing from it count as not logged).
    """
    sessions = sorted(set(sessions))
    if not sessions:
        return Response("headache", None, None, (), tuple(thresholds_pct))
    first = sessions[0]
    base = _window(days, first - dt.timedelta(days=baseline_days), first - DAY)
    out = []
    for i, s in enumerate(sessions, start=1):
        # The window ends after window_days, or the day before the next session if sooner.
        full_end = s + dt.timedelta(days=window_days - 1)
        if i < len(sessions):
            full_end = min(full_end, sessions[i] - DAY)
        w_end = min(full_end, ref)
        w = _window(days, s, w_end)
        change = {
            k: _pct_change(base.per30[k], w.per30[k]) for k in ("headache", "migraine", "acute")
        }
        reduction = {k: (None if v is None else round(-v, 1)) for k, v in change.items()}
        out.append(
            SessionResponse(
                i,
                s,
                w,
                full_end <= ref,
                change,
                reduction,
                responder_label(reduction["headache"], thresholds_pct, "headache days"),
            )
        )
    return Response("headache", first, base, tuple(out), tuple(thresholds_pct))


# ---------------------------------------------------------------- sweating


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


def _mean(values: Sequence[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


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
    for item in by_recording(entries):
        e = getattr(item, "entry", item)
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
        return _mean(vals)

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
        hdss_mean=_mean([s.hdss for s in symptom if s.hdss is not None]),
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
        logged_days_by_month=_per_month(s.date for s in in_period),
    )


# ---------------------------------------------------------------- jaw


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
    for item in by_recording(entries):
        e = getattr(item, "entry", item)
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
        mean_pain=_mean([j.pain for j in pain if j.pain is not None]),
        symptom_days=dict(sorted(symptoms.items())),
        clenching_days=dict(sorted(clench.items())),
        treatments=tuple(sorted(treatments, key=lambda t: t.start)),
        sessions=tuple(sorted(set(sessions))),
        logged_days_by_month=_per_month(daily),
    )


def _per_month(days: Iterable[dt.date]) -> dict[str, int]:
    """How many of ``days`` fall in each calendar month ("YYYY-MM"), in month order."""
    out: dict[str, int] = defaultdict(int)
    for d in days:
        out[month_key(d)] += 1
    return dict(sorted(out.items()))


# ---------------------------------------------------------------- completeness


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


def completeness(
    entries: Sequence[Any],
    headache_days: Mapping[dt.date, HeadacheDay],
    start: dt.date,
    end: dt.date,
    conditions: Sequence[str],
) -> Completeness:
    n = (end - start).days + 1 if end >= start else 0
    daily_n = late = 0
    sweat_days: set[dt.date] = set()
    jaw_days: set[dt.date] = set()
    for item in entries:
        kind = getattr(item, "kind", None) or getattr(getattr(item, "entry", item), "KIND", "")
        day = getattr(item, "day", None)
        if not isinstance(day, dt.date):
            day = getattr(item, "entry", item).day()
        if kind not in DAILY_KINDS or not start <= day <= end:
            continue
        if kind == "sweat_day":
            sweat_days.add(day)
        elif kind == "jaw_day":
            jaw_days.add(day)
        recorded = getattr(item, "recorded_at", None)
        if recorded is not None:
            daily_n += 1
            late += (recorded.date() - day).days > LATE_AFTER_DAYS
    hd = [r for d, r in headache_days.items() if start <= d <= end]
    logged = {
        "headache": sum(r.logged for r in hd),
        "sweating": len(sweat_days),
        "jaw": len(jaw_days),
    }
    logged = {c: v for c, v in logged.items() if c in conditions}
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
