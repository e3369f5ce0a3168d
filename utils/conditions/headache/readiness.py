"""Headache readiness: when a run of whole months (headache days, migraine days, long days)
could be shown, and when the preventive trials in progress reach their length.

Part API (every ``utils/conditions/<key>/readiness.py``, read by ``utils.readiness``):
``PROJECTIONS: dict[check name, (ev, criterion result, facts, rule set) -> CriterionReadiness |
None]`` for the checks of the condition's rule sets that have a projection of their own;
``NO_RULE_SET`` (optional): the sentence shown when the condition has no payer rule set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from utils.conditions.headache.metrics import MonthCounts
from utils.core.dates import month_bounds, month_key, month_label
from utils.rules import engine
from utils.rules.readiness import (
    BLOCKED,
    DATE,
    PACE_DAYS,
    RENEWAL,
    CriterionReadiness,
    _days,
    _param,
    _projected_session,
    _questionnaire_after,
    _sessions_of,
    _trials,
    fmt,
)

if TYPE_CHECKING:
    from utils.evidence import Evidence


def _month_end(key: str) -> dt.date:
    return month_bounds(key)[1]


def _add_month_keys(key: str, n: int) -> str:
    year, month = (int(x) for x in key.split("-"))
    index = year * 12 + month - 1 + n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


Need = tuple[str, int, Callable[[Any], int]]  # (what, per month, count getter on Counts)


WHAT = {"long": "days with 4 hours or more of headache"}


def _n(x: int, w: str) -> str:
    return f"{x} {WHAT.get(w, w + ' days')}"


def _qualifies(c: Any, needs: Sequence[Need]) -> bool:
    return all(get(c) >= per for _, per, get in needs)


def _run_projection(
    ev: Evidence, cr: engine.CriterionResult, needs: Sequence[Need], months_needed: int
) -> CriterionReadiness:
    """A run of ``months_needed`` consecutive whole months, each reaching every need."""
    as_of = ev.period.counted_end
    head = (cr.id, cr.criterion, cr.status)
    months: list[MonthCounts] = list(ev.months)
    whole = [m for m in months if not m.partial_period]
    cur = months[-1] if months and months[-1].partial_period else None
    if cur is not None and cur.month != month_key(as_of):
        cur = None  # the period ended before today: no month in progress
    # A month in progress counts only when it began inside the period.
    countable = cur is not None and month_bounds(cur.month)[0] >= ev.period.start
    trailing: list[MonthCounts] = []
    for m in reversed(whole):
        if not _qualifies(m.counts, needs):
            break
        trailing.insert(0, m)
    last_key = cur.month if cur is not None else month_key(as_of)
    # The present pattern: the latest whole month; without one, the days of the period so far.
    if whole:
        ref_days, ref_counts, span = whole[-1].days_in_month, whole[-1].counts, whole[-1].label
    elif cur is not None:
        ref_days, ref_counts, span = cur.counts.days, cur.counts, "the period so far"
    else:
        ref_days, ref_counts, span = 0, None, "the period"
    pace = {w: (get(ref_counts) if ref_counts is not None else 0) for w, _, get in needs}
    # A whole month qualifies by its own count; the days so far are scaled to 30 days.
    pattern_ok = (
        ref_counts is not None
        and ref_days > 0
        and all(
            pace[w] * (1 if whole else PACE_DAYS) >= per * (1 if whole else ref_days)
            for w, per, _ in needs
        )
    )
    pace_text = " and ".join(_n(pace[w], w) for w, _, _ in needs)
    per_text = " and ".join(_n(per, w) for w, per, _ in needs)
    n_window = ref_days
    if whole:
        span_had = f"{span} had {pace_text}"
    else:
        span_had = f"{span} ({ref_days} days) had {pace_text}"

    def end_after(first_key: str, have: int) -> dt.date:
        return _month_end(_add_month_keys(first_key, months_needed - have - 1))

    notes: list[str] = []
    if whole and not _qualifies(whole[-1].counts, needs):
        m = whole[-1]
        got = " and ".join(_n(get(m.counts), w) for w, _, get in needs)
        notes.append(f"{m.label} had {got} ({per_text} needed), so a run starts after it")
    restart: dt.date | None = None
    stopper = ""
    if cur is not None and countable:
        remaining = (_month_end(cur.month) - as_of).days
        so_far = {w: get(cur.counts) for w, _, get in needs}
        short = any(so_far[w] + remaining < per for w, per, _ in needs)
        on_pace = all(
            so_far[w] + remaining * pace[w] / max(n_window, 1) >= per for w, per, _ in needs
        )
        nxt = _add_month_keys(cur.month, 1)
        restart = end_after(nxt, 0)
        so_far_text = " and ".join(_n(so_far[w], w) for w, _, _ in needs)
        if short:
            date = restart
            notes.append(
                f"{cur.label} already has too few: {so_far_text} so far with "
                f"{_days(remaining)} left ({per_text} needed), so the run restarts in {month_label(nxt)}"
            )
            again = end_after(_add_month_keys(nxt, 1), 0)
            stopper = (
                f"A month with fewer than {per_text} restarts the run again: if "
                f"{month_label(nxt)} falls short, the earliest date becomes {fmt(again)}."
            )
        elif on_pace:
            date = end_after(cur.month, len(trailing))
            stopper = (
                f"If {cur.label} ends with fewer than {per_text} ({so_far_text} so far, "
                f"{_days(remaining)} left), the run restarts and the earliest date becomes "
                f"{fmt(restart)}."
            )
        else:
            date = restart
            early = end_after(cur.month, len(trailing))
            notes.append(
                f"at the present pattern {cur.label} falls short ({so_far_text} so far, "
                f"{_days(remaining)} left), so the date assumes the run restarts in "
                f"{month_label(nxt)}"
            )
            stopper = (
                f"If {cur.label} still reaches {per_text}, the date would be {fmt(early)}; "
                f"a month that falls short after that restarts the run again."
            )
            restart = date
    else:
        first_open = _add_month_keys(last_key, 1)
        have = len(trailing) if cur is None else 0
        date = end_after(first_open, have)
        restart = end_after(_add_month_keys(first_open, 1), 0)
        stopper = (
            f"A month with fewer than {per_text} restarts the run: if {month_label(first_open)} "
            f"falls short, the earliest date becomes {fmt(restart)}."
        )
    assumption = (
        f"if you keep logging every day and every month until then has at least {per_text}, "
        f"as {span_had}"
    )
    if not pattern_ok:
        return CriterionReadiness(
            *head,
            BLOCKED,
            None,
            f"At the present pattern ({span_had}; {per_text} a month needed) the diary cannot "
            "show this; logging every day does not change the days that happened. If every "
            f"month reached {per_text}, the earliest date would be {fmt(date)}.",
            "",
            stopper,
            None,
        )
    text = f"Earliest date the diary can show this: {fmt(date)}, {assumption}."
    if notes:
        text += " " + "; ".join(n[0].upper() + n[1:] for n in notes) + "."
    return CriterionReadiness(*head, DATE, date, text, assumption, stopper, restart)


def _months_needed(ev: Evidence) -> int:
    return int(ev.thresholds.values.get("history_months", 3))


def _headache_run(
    ev: Evidence, cr: engine.CriterionResult, facts: engine.CaseFacts, rs: Mapping[str, Any]
) -> CriterionReadiness:
    hper = ev.thresholds.values.get("headache_days_per_month", 15)
    return _run_projection(ev, cr, [("headache", hper, lambda c: c.headache)], _months_needed(ev))


def _migraine_run(
    ev: Evidence, cr: engine.CriterionResult, facts: engine.CaseFacts, rs: Mapping[str, Any]
) -> CriterionReadiness:
    th = ev.thresholds.values
    needs: list[Need] = [
        ("migraine", th.get("migraine_days_per_month", 8), lambda c: c.migraine),
        ("headache", th.get("headache_days_per_month", 15), lambda c: c.headache),
    ]
    return _run_projection(ev, cr, needs, _months_needed(ev))


def _long_run(
    ev: Evidence, cr: engine.CriterionResult, facts: engine.CaseFacts, rs: Mapping[str, Any]
) -> CriterionReadiness:
    per = ev.thresholds.values.get("long_days_per_month", 15)
    return _run_projection(ev, cr, [("long", per, lambda c: c.long)], _months_needed(ev))


def _preventives(
    ev: Evidence, cr: engine.CriterionResult, facts: engine.CaseFacts, rs: Mapping[str, Any]
) -> CriterionReadiness:
    th = ev.thresholds.values
    counted = set(rs.get("preventive_classes") or [])
    days = int(th.get("preventive_trial_days", 60))
    return _trials(
        ev,
        cr,
        facts,
        counted,
        int(th.get("preventive_classes_failed", 2)),
        lambda _c: days,
        "headache",
    )


def _reduction(
    ev: Evidence, cr: engine.CriterionResult, facts: engine.CaseFacts, rs: Mapping[str, Any]
) -> CriterionReadiness | None:
    """Renewal: when the 12-week window after session N completes and the response can be
    judged (fewer days, or a MIDAS or HIT-6 after the session)."""
    head = (cr.id, cr.criterion, cr.status)
    cond = rs["condition"]
    as_of = ev.period.counted_end
    sessions = _sessions_of(facts, cond, as_of)
    needed = int(_param(rs, cr.criterion, "sessions", ev.thresholds.values) or 1)
    window = int(ev.thresholds.values.get("response_window_days", 84))
    when = _projected_session(sessions, needed)
    if when is None:
        return None
    latest = sessions[-1].date if sessions else when
    base = max(when, latest)
    end = base + dt.timedelta(days=window - 1)
    so_far = ""
    if end <= as_of:  # the latest window is over and did not show it: the next one
        base = sessions[-1].next_session()
        end = base + dt.timedelta(days=window - 1)
    elif ev.responses.get(cond) and ev.responses[cond].sessions:
        red = ev.responses[cond].sessions[-1].reduction_pct.get("headache")
        if red is not None:
            so_far = f" (so far {red:g}% fewer)"
    pct = _param(rs, cr.criterion, "pct", ev.thresholds.values)
    cond_text = (
        f"if the 12-week window after the session of {fmt(base)} shows {pct}% fewer days "
        f"than the baseline{so_far}, or a MIDAS or HIT-6 after session {needed} shows the "
        "change"
    )
    return CriterionReadiness(
        *head,
        RENEWAL,
        end,
        f"The response can be judged on {fmt(end)}, when the window completes, {cond_text}.",
        cond_text,
        "A day left unlogged in the window weakens the comparison; a session before the "
        "window ends shortens it.",
    )


PROJECTIONS: dict[str, Callable[..., CriterionReadiness | None]] = {
    "chronic_headache_days": _headache_run,
    "chronic_migraine_days": _migraine_run,
    "long_headache_days": _long_run,
    "preventive_trials": _preventives,
    "headache_reduction": _reduction,
    "midas_improvement": lambda ev, cr, facts, rs: _questionnaire_after(ev, cr, facts, rs, "MIDAS"),
}
