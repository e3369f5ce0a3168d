"""When is my case ready? A projection of the earliest date each open criterion could be shown.

Pure: the evidence already computed (checklists, months, days, completeness) and the facts it
was computed from (treatments, Botox sessions) in; dates and plain sentences out. Nothing here
recounts the diary or re-judges a criterion: a criterion is "ready" exactly when the checklist
says ``met``. Every date is a projection from the period's last counted day and says under
which assumption ("if you keep logging every day ...") it holds; no future outcome is stated
as fact.

The shared projections and result types live in ``utils.rules.readiness``; a condition's own
projections in ``utils/conditions/<key>/readiness.py``, whose part API is ``PROJECTIONS``
(check name -> ``(ev, criterion result, facts, rule set) -> CriterionReadiness | None``) and,
optionally, ``NO_RULE_SET`` (the sentence when the condition has no payer rule set). This
module reads them through the condition registry when it builds, never at import time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from utils import conditions, criteria
from utils.rules.engine import FOR_CLINICIAN, MET, MISSING
from utils.rules.readiness import (  # noqa: F401  (the old names, re-exported)
    ACTION,
    BLOCKED,
    CLINICIAN,
    DATE,
    DAY,
    KINDS,
    LINE_ACTION,
    LINE_BLOCKED,
    LINE_CLINICIAN,
    LINE_DATE,
    LINE_NOT_YET,
    LINE_READY,
    LINE_TRIAL,
    PACE_DAYS,
    PROJECTION_LABEL,
    READY,
    RENEWAL,
    TRIAL,
    CriterionReadiness,
    NearestDate,
    Readiness,
    RenewalSchedule,
    RuleSetReadiness,
    _adult,
    _check_name,
    _completeness,
    _renewal_item,
    _sessions_of,
    fmt,
)

if TYPE_CHECKING:
    from utils.evidence import Evidence

Projection = Callable[..., "CriterionReadiness | None"]

# Projections of the checks every condition shares (by check name).
SHARED: dict[str, Projection] = {
    "diary_completeness": lambda ev, cr, facts, rs: _completeness(ev, cr, rs["condition"]),
    "adult": lambda ev, cr, facts, rs: _adult(ev, cr, facts),
}


def _projections(condition: str) -> Mapping[str, Projection]:
    """The condition's own projections (its ``readiness`` part), read at run time."""
    module = conditions.part(condition, "readiness")
    return getattr(module, "PROJECTIONS", {}) if module is not None else {}


# ---------------------------------------------------------------- per criterion


def _criterion(
    ev: Evidence,
    cr: criteria.CriterionResult,
    facts: criteria.CaseFacts,
    rs: Mapping[str, Any],
) -> CriterionReadiness:
    head = (cr.id, cr.criterion, cr.status)
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
    own = _projections(rs["condition"])
    item: CriterionReadiness | None = None
    if check in own:
        item = own[check](ev, cr, facts, rs)
    elif check in SHARED:
        item = SHARED[check](ev, cr, facts, rs)
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


NO_RULE_SET = "No insurer checklist for this condition yet, so no date can be given."


def _no_rule_set(condition: str) -> str:
    module = conditions.part(condition, "readiness")
    return getattr(module, "NO_RULE_SET", None) or NO_RULE_SET


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
    no_rules = {c: _no_rule_set(c) for c in ev.conditions if c not in with_rules}
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
