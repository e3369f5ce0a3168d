"""Readiness building blocks shared by every condition: the kinds of a projection, the result
types, and the projections that do not depend on a condition (diary completeness, treatment
trials, age, Botox renewal windows).

``utils.readiness.build`` assembles them; a condition's own projections live in
``utils/conditions/<key>/readiness.py`` (see ``utils.readiness`` for that part's API) and build
on the helpers here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from utils.rules import engine
from utils.rules.engine import NOT_MET

if TYPE_CHECKING:
    from utils.evidence import Evidence

DAY = dt.timedelta(days=1)
PACE_DAYS = 30  # "the present pattern": the last 30 days of the period
CASE_WINDOW_DAYS = 365  # the home page's case window (utils.casefile.CASE_WINDOW_DAYS)

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


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def _completeness(ev: Evidence, cr: engine.CriterionResult, condition: str) -> CriterionReadiness:
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
    if logged == 0 and not any(ev.completeness.logged_days.values()):
        # No diary day yet: the case window begins on the first day logged (casefile), so
        # logging from tomorrow covers every day of it.
        date = as_of + DAY
        assumption = (
            "if you log every day from tomorrow: the case period begins on the first day you log"
        )
        return CriterionReadiness(
            *head,
            DATE,
            date,
            f"No diary day yet: the case period begins on the first day you log, so logging "
            f"every day from tomorrow shows it from {fmt(date)}.",
            assumption,
            "A day left unlogged moves the date one day or more later.",
        )
    k = max(0, math.ceil((share * n - logged) / (1 - share)))
    while k > 0 and (logged + k - 1) >= share * (n + k - 1):
        k -= 1
    while (logged + k) < share * (n + k):
        k += 1
    assumption = "if you log every day from tomorrow and the period keeps its start date"
    if logged == 0 and n <= CASE_WINDOW_DAYS < n + k:
        # A diary begun after the others: the case window keeps its last 12 months, so once it
        # is full it holds only the days logged from tomorrow on.
        k = math.ceil(share * CASE_WINDOW_DAYS)
        while k > 0 and k - 1 >= share * CASE_WINDOW_DAYS:
            k -= 1
        n = CASE_WINDOW_DAYS - k
        assumption = (
            "if you log every day from tomorrow: the case is checked over the last 12 months, "
            "so the days before this diary drop out"
        )
    date = as_of + dt.timedelta(days=k)
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
    cr: engine.CriterionResult,
    facts: engine.CaseFacts,
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


def _sessions_of(facts: engine.CaseFacts, cond: str, as_of: dt.date) -> list[Any]:
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
    ev: Evidence, cr: engine.CriterionResult, facts: engine.CaseFacts, rs: Mapping[str, Any]
) -> CriterionReadiness | None:
    """The shared renewal projection: when session N would be (``sessions_count``)."""
    head = (cr.id, cr.criterion, cr.status)
    cond = rs["condition"]
    as_of = ev.period.counted_end
    sessions = _sessions_of(facts, cond, as_of)
    check = _check_name(rs, cr.criterion)
    needed = int(_param(rs, cr.criterion, "sessions", ev.thresholds.values) or 1)
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
    return None


def _questionnaire_after(
    ev: Evidence,
    cr: engine.CriterionResult,
    facts: engine.CaseFacts,
    rs: Mapping[str, Any],
    what: str,
) -> CriterionReadiness | None:
    """A questionnaire (``what``: "MIDAS", "HDSS assessment") after session N of the renewal
    rule set: from when it can be recorded."""
    head = (cr.id, cr.criterion, cr.status)
    as_of = ev.period.counted_end
    sessions = _sessions_of(facts, rs["condition"], as_of)
    needed = int(_param(rs, cr.criterion, "sessions", ev.thresholds.values) or 1)
    when = _projected_session(sessions, needed)
    if when is None:
        return None
    if cr.status == NOT_MET and when < as_of:
        return None
    after = max(when + DAY, as_of)
    return CriterionReadiness(
        *head,
        ACTION,
        after,
        f"A {what} after session {needed} can be recorded from {fmt(after)}; whether it "
        "shows the change is not known in advance.",
        f"if you record a {what} after session {needed}",
        "",
    )


def _check_name(rs: Mapping[str, Any], criterion: str) -> str:
    return next((c["check"] for c in rs["criteria"] if c["id"] == criterion), "")


def _param(rs: Mapping[str, Any], criterion: str, role: str, th: Mapping[str, Any]) -> Any:
    """The value in use of a criterion's threshold by its role in the rule set (``sessions``)."""
    spec = next((c for c in rs["criteria"] if c["id"] == criterion), {})
    name = (spec.get("thresholds") or {}).get(role)
    return th.get(name) if name else None


def _adult(ev: Evidence, cr: engine.CriterionResult, facts: engine.CaseFacts) -> Any:
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
