"""When is my case ready? A projection of the earliest date each open criterion could be shown.

Pure: the evidence already computed (checklists, months, days, completeness) and the facts it
was computed from (treatments, Botox sessions) in; dates and plain sentences out. Nothing here
recounts the diary or re-judges a criterion: a criterion is "ready" exactly when the checklist
says ``met``. Every date is a projection from the period's last counted day and says under
which assumption ("if you keep logging every day ...") it holds; no future outcome is stated
as fact.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from utils import criteria
from utils.criteria import FOR_CLINICIAN, MET, MISSING, NOT_MET
from utils.metrics import MonthCounts, month_bounds, month_key, month_label

if TYPE_CHECKING:
    from utils.evidence import Evidence

DAY = dt.timedelta(days=1)
PACE_DAYS = 30  # "the present pattern": the last 30 days of the period

# Kinds of a criterion's projection
READY = "ready"  # met now
DATE = "date"  # a date, if you keep logging every day
TRIAL = "trial"  # a treatment trial in progress reaches its length
RENEWAL = "renewal"  # a session or a 12-week window after it
CLINICIAN = "clinician"  # only the clinician can state it
ACTION = "action"  # a record you can add (a questionnaire, a year of birth, an outcome)
BLOCKED = "blocked"  # logging from now on cannot show it; the reason says why
KINDS = (READY, DATE, TRIAL, RENEWAL, CLINICIAN, ACTION, BLOCKED)

# Kinds of a rule set's line
LINE_READY, LINE_DATE, LINE_TRIAL, LINE_CLINICIAN = "ready", "date", "trial", "clinician"
LINE_ACTION, LINE_BLOCKED, LINE_NOT_YET = "action", "blocked", "not_applicable"

PROJECTION_LABEL = (
    "Projection, not a promise: dates assume every future day is logged and the present "
    "pattern continues; a month that falls short restarts a run of months. Your plan decides."
)


def fmt(d: dt.date) -> str:
    """'14 Feb 2027'."""
    return f"{d.day} {d:%b %Y}"


@dataclass(frozen=True)
class CriterionReadiness:
    id: str  # rule_set.criterion
    criterion: str
    status: str  # the checklist status now
    kind: str  # one of KINDS
    date: dt.date | None  # earliest date under the assumption; None when none can be given
    text: str  # the sentence shown
    assumption: str  # the "if" the date depends on ("" when ready or no date)
    stopper: str  # what would stop it, with the new date when one follows ("" when nothing)
    restart_date: dt.date | None = None  # the date if the run of months restarts


@dataclass(frozen=True)
class RuleSetReadiness:
    id: str
    title: str
    condition: str
    kind: str  # first | renewal
    line_kind: str  # ready | date | trial | clinician | action | blocked | not_applicable
    line: str  # the readiness line
    date: dt.date | None  # the rule set's earliest date (today when ready now)
    criteria: tuple[CriterionReadiness, ...]


@dataclass(frozen=True)
class RenewalSchedule:
    condition: str
    latest_session: dt.date
    response_window_end: dt.date  # last day of the 12-week window after the latest session
    window_complete: bool
    next_session: dt.date  # the recorded next date, else 12 weeks after the latest session
    next_session_recorded: bool
    ask_reauthorization_on: dt.date  # next_session minus the lead time
    lead_days: int
    text: str


@dataclass(frozen=True)
class NearestDate:
    date: dt.date
    title: str
    rule_set: str
    text: str


@dataclass(frozen=True)
class Readiness:
    as_of: dt.date  # the day projections start from (the period's last counted day)
    projection: str  # the label shown with every date
    rule_sets: tuple[RuleSetReadiness, ...]
    renewal: tuple[RenewalSchedule, ...]
    no_rule_set: dict[str, str]  # condition -> plain reason (tracked, but no payer rule set)
    nearest: NearestDate | None  # the soonest date after as_of, of every line and renewal


# ---------------------------------------------------------------- month runs


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


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def _qualifies(c: Any, needs: Sequence[Need]) -> bool:
    return all(get(c) >= per for _, per, get in needs)


def _run_projection(
    ev: Evidence, cr: criteria.CriterionResult, needs: Sequence[Need], months_needed: int
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


# ---------------------------------------------------------------- other kinds


def _completeness(ev: Evidence, cr: criteria.CriterionResult, condition: str) -> CriterionReadiness:
    head = (cr.id, cr.criterion, cr.status)
    share = float(next(iter(cr.thresholds.values()), 0.8))
    n = ev.completeness.days_in_period
    logged = ev.completeness.logged_days.get(condition, 0)
    as_of = ev.period.counted_end
    if share >= 1:
        return CriterionReadiness(
            *head,
            BLOCKED,
            None,
            f"Every day must be logged and {n - logged} past days are not: logging from now on "
            "cannot reach it; fill in past days only from your own records.",
            "",
            "",
        )
    k = max(0, math.ceil((share * n - logged) / (1 - share)))
    while k > 0 and (logged + k - 1) >= share * (n + k - 1):
        k -= 1
    while (logged + k) < share * (n + k):
        k += 1
    date = as_of + dt.timedelta(days=k)
    assumption = "if you log every day from tomorrow and the period keeps its start date"
    return CriterionReadiness(
        *head,
        DATE,
        date,
        f"Earliest date the diary can show this: {fmt(date)} ({logged + k} of {n + k} days "
        f"logged), {assumption}.",
        assumption,
        "A day left unlogged moves the date one day or more later.",
    )


def _trial_reach(t: Any, min_days: int) -> dt.date:
    return t.start + dt.timedelta(days=min_days - 1)


def _trials(
    ev: Evidence,
    cr: criteria.CriterionResult,
    facts: criteria.CaseFacts,
    classes: set[str],
    needed: int,
    min_days_of: Callable[[str], int],
    condition: str | None,
) -> CriterionReadiness:
    head = (cr.id, cr.criterion, cr.status)
    as_of = ev.period.counted_end
    done: set[str] = set()
    ongoing: dict[str, tuple[dt.date, Any, int]] = {}
    for t in sorted(facts.treatments, key=lambda t: t.start):
        if t.start > as_of or t.treatment_class not in classes:
            continue
        if condition is not None and t.condition != condition:
            continue
        days = t.days_on(as_of)
        min_days = min_days_of(t.treatment_class)
        if t.outcome in ("side_effects", "contraindicated") or (
            t.outcome == "inadequate_response" and days >= min_days
        ):
            done.add(t.treatment_class)
        elif t.outcome == "ongoing":
            reach = max(_trial_reach(t, min_days), as_of)
            old = ongoing.get(t.treatment_class)
            if old is None or reach < old[0]:
                ongoing[t.treatment_class] = (reach, t, min_days)
    missing = needed - len(done)
    open_trials = sorted(v for k, v in ongoing.items() if k not in done)
    if missing <= 0 or len(open_trials) < missing:
        return CriterionReadiness(
            *head,
            BLOCKED if cr.status == NOT_MET else ACTION,
            None,
            f"Cannot be shown by logging alone: {cr.gap or 'see the checklist'}.",
            "",
            "",
        )
    reach, t, min_days = open_trials[missing - 1]
    days = t.days_on(as_of)
    left = (reach - as_of).days
    if left <= 0:
        return CriterionReadiness(
            *head,
            ACTION,
            None,
            f"{t.name} has {days} days ({min_days} commonly required): it counts once its "
            "outcome is recorded (did not help enough, or side effects).",
            "",
            "",
        )
    assumption = (
        f"if {t.name} is still taken then and its outcome is recorded (a trial counts once "
        "it is recorded as not helping enough, or stopped for side effects)"
    )
    return CriterionReadiness(
        *head,
        TRIAL,
        reach,
        f"Needs a treatment trial: {t.name} has {days} of {min_days} days; {_days(left)} to go on "
        f"{fmt(reach)}, {assumption}.",
        assumption,
        f"Stopping {t.name} earlier for a reason other than side effects leaves the trial too "
        "short to count.",
    )


def _sessions_of(facts: criteria.CaseFacts, cond: str, as_of: dt.date) -> list[Any]:
    return sorted(
        (b for b in facts.botox_sessions if b.condition == cond and b.date <= as_of),
        key=lambda b: b.date,
    )


def _projected_session(sessions: Sequence[Any], number: int) -> dt.date | None:
    """Session ``number`` (1-based): its date if recorded, else on the 12-week schedule."""
    if not sessions:
        return None
    if len(sessions) >= number:
        return sessions[number - 1].date
    nxt = sessions[-1].next_session()
    gap = dt.timedelta(days=84)
    return nxt + gap * (number - len(sessions) - 1)


def _renewal_item(
    ev: Evidence, cr: criteria.CriterionResult, facts: criteria.CaseFacts, rs: Mapping[str, Any]
) -> CriterionReadiness | None:
    head = (cr.id, cr.criterion, cr.status)
    cond = rs["condition"]
    as_of = ev.period.counted_end
    sessions = _sessions_of(facts, cond, as_of)
    check = _check_name(rs, cr.criterion)
    needed = int(_param(rs, cr.criterion, "sessions", ev.thresholds.values) or 1)
    window = int(ev.thresholds.values.get("response_window_days", 84))
    assumption = "if sessions keep to the date you recorded or the 12-week schedule"
    if check == "sessions_count":
        when = _projected_session(sessions, needed)
        if when is None:
            return None
        return CriterionReadiness(
            *head,
            RENEWAL,
            max(when, as_of),
            f"Session {needed} would be on {fmt(when)}, {assumption}.",
            assumption,
            "A later session moves this date by as many days.",
        )
    if check == "headache_reduction":
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
    if check in ("midas_improvement", "hdss_improvement"):
        when = _projected_session(sessions, needed)
        if when is None:
            return None
        if cr.status == NOT_MET and when < as_of:
            return None
        after = max(when + DAY, as_of)
        what = "MIDAS" if check == "midas_improvement" else "HDSS assessment"
        return CriterionReadiness(
            *head,
            ACTION,
            after,
            f"A {what} after session {needed} can be recorded from {fmt(after)}; whether it "
            "shows the change is not known in advance.",
            f"if you record a {what} after session {needed}",
            "",
        )
    return None


def _check_name(rs: Mapping[str, Any], criterion: str) -> str:
    return next((c["check"] for c in rs["criteria"] if c["id"] == criterion), "")


def _param(rs: Mapping[str, Any], criterion: str, role: str, th: Mapping[str, Any]) -> Any:
    """The value in use of a criterion's threshold by its role in the rule set (``sessions``)."""
    spec = next((c for c in rs["criteria"] if c["id"] == criterion), {})
    name = (spec.get("thresholds") or {}).get(role)
    return th.get(name) if name else None


def _adult(ev: Evidence, cr: criteria.CriterionResult, facts: criteria.CaseFacts) -> Any:
    yob, age = facts.year_of_birth, int(next(iter(cr.thresholds.values()), 18))
    if cr.status == NOT_MET and yob is not None:
        date = dt.date(yob + age + 1, 1, 1)
        return CriterionReadiness(
            cr.id,
            cr.criterion,
            cr.status,
            DATE,
            date,
            f"By the year of birth alone, the diary can show this from {fmt(date)}.",
            "by the year of birth alone",
            "",
        )
    return None


def _duration(ev: Evidence, cr: criteria.CriterionResult, facts: criteria.CaseFacts) -> Any:
    """Sweating for N months: the diary shows it N months after its first sweating day."""
    months = int(next(iter(cr.thresholds.values()), 6))
    days = sorted(d for d, x in facts.sweat_days.items() if not x.normal_day)
    if cr.status == MET or not days:
        return None
    from utils.metrics import add_months

    date = ev.period.counted_end
    while add_months(date, -months) < days[0]:
        date += DAY
    return CriterionReadiness(
        cr.id,
        cr.criterion,
        cr.status,
        DATE,
        date,
        f"The diary shows sweating since {fmt(days[0])}: it can show {months} months on "
        f"{fmt(date)}, if the sweating history is not filled in sooner.",
        "from the first sweating day in the diary",
        "",
    )


# ---------------------------------------------------------------- per criterion


def _criterion(
    ev: Evidence,
    cr: criteria.CriterionResult,
    facts: criteria.CaseFacts,
    rs: Mapping[str, Any],
) -> CriterionReadiness:
    head = (cr.id, cr.criterion, cr.status)
    th = ev.thresholds.values
    if cr.status == MET:
        return CriterionReadiness(*head, READY, ev.period.counted_end, "Shown now.", "", "")
    if cr.status == FOR_CLINICIAN:
        return CriterionReadiness(
            *head,
            CLINICIAN,
            None,
            f"Cannot be shown by logging alone: needs the clinician ({cr.gap or cr.question}).",
            "",
            "",
        )
    check = _check_name(rs, cr.criterion)
    months_needed = int(th.get("history_months", 3))
    item: CriterionReadiness | None = None
    hper = th.get("headache_days_per_month", 15)
    if check == "chronic_headache_days":
        item = _run_projection(ev, cr, [("headache", hper, lambda c: c.headache)], months_needed)
    elif check == "chronic_migraine_days":
        needs: list[Need] = [
            ("migraine", th.get("migraine_days_per_month", 8), lambda c: c.migraine),
            ("headache", hper, lambda c: c.headache),
        ]
        item = _run_projection(ev, cr, needs, months_needed)
    elif check == "long_headache_days":
        item = _run_projection(
            ev, cr, [("long", th.get("long_days_per_month", 15), lambda c: c.long)], months_needed
        )
    elif check == "diary_completeness":
        item = _completeness(ev, cr, rs["condition"])
    elif check == "preventive_trials":
        counted = set(rs.get("preventive_classes") or [])
        days = int(th.get("preventive_trial_days", 60))
        item = _trials(
            ev,
            cr,
            facts,
            counted,
            int(th.get("preventive_classes_failed", 2)),
            lambda _c: days,
            "headache",
        )
    elif check == "topical_trial":
        days = int(_param(rs, cr.criterion, "days", th) or 30)
        item = _trials(
            ev,
            cr,
            facts,
            criteria._topical_ids(rs),
            1,
            lambda c: criteria._topical_min_days(c, days),
            None,
        )
    elif check == "adult":
        item = _adult(ev, cr, facts)
    elif check == "symptom_duration":
        item = _duration(ev, cr, facts)
    elif rs.get("kind") == "renewal":
        item = _renewal_item(ev, cr, facts, rs)
    if item is not None:
        return item
    step = cr.next_step or cr.gap or cr.question
    if cr.status == MISSING:
        return CriterionReadiness(
            *head,
            ACTION,
            None,
            f"Can be shown once you record it: {step.rstrip('.')}.",
            "",
            "",
        )
    return CriterionReadiness(
        *head,
        BLOCKED,
        None,
        f"Cannot be shown by logging alone: {(cr.gap or cr.evidence).rstrip('.')}.",
        "",
        "",
    )


# ---------------------------------------------------------------- per rule set


LABELS = {"midas": "MIDAS", "cgrp_overlap": "CGRP antibody overlap", "hdss_severe": "HDSS"}


def label(c: CriterionReadiness) -> str:
    return LABELS.get(c.criterion, c.criterion.replace("_", " ").replace("hdss", "HDSS"))


def _line(
    rs: criteria.RuleSetResult, items: Sequence[CriterionReadiness], as_of: dt.date
) -> tuple[str, str, dt.date | None]:
    if not rs.applies:
        return LINE_NOT_YET, "Not yet: this applies after the first Botox session.", None
    if all(c.kind == READY for c in items):
        return LINE_READY, "Ready to request now.", as_of
    blocked = [c for c in items if c.kind == BLOCKED]
    clinician = [c for c in items if c.kind == CLINICIAN]
    actions = [c for c in items if c.kind == ACTION]
    dated = [c for c in items if c.kind in (DATE, TRIAL, RENEWAL) and c.date is not None]
    tail = ""
    if clinician:
        tail += " Also needs the clinician: " + ", ".join(label(c) for c in clinician) + "."
    if actions:
        tail += " Also to record: " + ", ".join(label(c) for c in actions) + "."
    if blocked:
        return (
            LINE_BLOCKED,
            "Cannot be shown by logging alone: "
            + ", ".join(label(c) for c in blocked)
            + " (see below)."
            + tail,
            None,
        )
    if dated:
        last = max(dated, key=lambda c: (c.date, c.kind == TRIAL))
        assert last.date is not None
        if last.date > as_of:
            if last.kind == TRIAL:
                return LINE_TRIAL, last.text + tail, last.date
            if last.kind == RENEWAL:
                return (
                    LINE_DATE,
                    f"Earliest date: {fmt(last.date)}, {last.assumption}." + tail,
                    (last.date),
                )
            return (
                LINE_DATE,
                f"Earliest date the diary can show this: {fmt(last.date)}, if you keep logging "
                "every day." + tail,
                last.date,
            )
    if actions:
        when = max((c.date for c in actions if c.date is not None), default=as_of)
        text = "Ready once you record: " + ", ".join(label(c) for c in actions) + "."
        if clinician:
            text += " Also needs the clinician: " + ", ".join(label(c) for c in clinician) + "."
        return LINE_ACTION, text, when
    return (
        LINE_CLINICIAN,
        "Cannot be shown by logging alone: needs the clinician ("
        + ", ".join(label(c) for c in clinician)
        + "). What the diary can show is there now.",
        as_of,
    )


# ---------------------------------------------------------------- renewal schedule


def _schedules(ev: Evidence, facts: criteria.CaseFacts) -> tuple[RenewalSchedule, ...]:
    as_of = ev.period.counted_end
    window = int(ev.thresholds.values.get("response_window_days", 84))
    lead = int(ev.thresholds.values.get("reauthorization_lead_days", 21))
    out = []
    for cond in ev.conditions:
        sessions = _sessions_of(facts, cond, as_of)
        if not sessions:
            continue
        latest = sessions[-1]
        end = latest.date + dt.timedelta(days=window - 1)
        nxt = latest.next_session()
        ask = nxt - dt.timedelta(days=lead)
        done = end <= as_of
        text = (
            f"The 12-week window after the session of {fmt(latest.date)} "
            f"{'completed' if done else 'completes'} on {fmt(end)}. Next session "
            f"{'(the date you recorded)' if latest.next_date else 'on the 12-week schedule'}: "
            f"{fmt(nxt)}; ask for re-authorization by {fmt(ask)} ({lead} days before), if "
            "your plan's approval ends before then."
        )
        out.append(
            RenewalSchedule(
                cond, latest.date, end, done, nxt, latest.next_date is not None, ask, lead, text
            )
        )
    return tuple(out)


NO_RULES = {
    "jaw": "No insurer checklist: Botox for jaw pain (TMJ disorder, bruxism) is off-label and "
    "usually refused, so no date can be given. A complete diary and every treatment tried are "
    "what an appeal needs.",
}


def build(ev: Evidence, facts: criteria.CaseFacts) -> Readiness:
    """The readiness of every rule set of the tracked conditions, from ``ev`` and its facts."""
    as_of = ev.period.counted_end
    sets = criteria.rule_sets()
    out = []
    for rs in ev.checklists:
        spec = sets.get(rs.id)
        if spec is None:
            continue
        items = tuple(_criterion(ev, c, facts, spec) for c in rs.criteria)
        kind, line, date = _line(rs, items, as_of)
        out.append(
            RuleSetReadiness(rs.id, rs.title, rs.condition, rs.kind, kind, line, date, items)
        )
    with_rules = {r.condition for r in out}
    no_rules = {
        c: NO_RULES.get(c, "No insurer checklist for this condition yet, so no date can be given.")
        for c in ev.conditions
        if c not in with_rules
    }
    renewal = _schedules(ev, facts)
    candidates: list[NearestDate] = [
        NearestDate(r.date, f"Earliest readiness: {r.title}", r.id, r.line)
        for r in out
        if r.date is not None and r.date > as_of
    ]
    candidates += [
        NearestDate(
            s.ask_reauthorization_on,
            f"Ask for re-authorization ({s.condition}): next session {fmt(s.next_session)}",
            f"{s.condition}_renewal_schedule",
            s.text,
        )
        for s in renewal
        if s.ask_reauthorization_on > as_of
    ]
    nearest = min(candidates, key=lambda n: (n.date, n.title)) if candidates else None
    return Readiness(as_of, PROJECTION_LABEL, tuple(out), renewal, no_rules, nearest)


__all__ = [
    "CriterionReadiness",
    "NearestDate",
    "Readiness",
    "RenewalSchedule",
    "RuleSetReadiness",
    "build",
    "fmt",
]
