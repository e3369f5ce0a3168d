"""Headache renewal checks: the response to Botox (fewer days, lower MIDAS, lower HIT-6).

Registered with ``@check`` when ``utils.conditions.headache.criteria`` (the condition's
``criteria`` part) is imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from utils.ledger import QuestionnaireHistory
from utils.rules.engine import (
    MET,
    MISSING,
    NOT_MET,
    CaseFacts,
    Outcome,
    _d,
    check,
)


def _days_path(f: CaseFacts, p: dict[str, Any]) -> Outcome:
    r = f.response
    needed, pct, measure = p["sessions"], p["pct"], p["measure"]
    sessions = list(r.sessions) if r else []
    eligible = [s for s in sessions if s.number >= needed and s.window.days_elapsed > 0]
    if not eligible:
        return Outcome(
            MISSING,
            f"{len(sessions)} Botox session{'s' if len(sessions) != 1 else ''} recorded.",
            f"the response is judged after {needed} sessions; {len(sessions)} recorded",
        )
    complete = [s for s in eligible if s.complete and s.window.logged]
    chosen = complete[-1] if complete else eligible[-1]
    assert r is not None and r.baseline is not None
    keys = {"headache_days": ["headache"], "migraine_days": ["migraine"]}.get(
        measure, ["headache", "migraine"]
    )
    options = [(chosen.reduction_pct[k], k) for k in keys if chosen.reduction_pct[k] is not None]
    if not options:
        if not r.baseline.logged:
            gap = "no diary days in the baseline before the first session"
        elif not chosen.window.logged:
            gap = f"no diary days after session {chosen.number}"
        else:
            gap = "the baseline has no headache days to compare with"
        return Outcome(MISSING, f"Session {chosen.number} on {_d(chosen.date)}.", gap)
    red, key = max(options)
    base, after = r.baseline.per30[key], chosen.window.per30[key]
    change = "fewer" if red >= 0 else "more"
    evidence = (
        f"{base:g} {key} days per 30 logged days at baseline against {after:g} in the "
        f"{chosen.window.days_elapsed} days from session {chosen.number} on {_d(chosen.date)} "
        f"({abs(red):g}% {change}, {chosen.window.logged} logged days)"
    )
    if not chosen.complete:
        evidence += (
            f"; the 12-week window ends on {_d(chosen.window.start + dt.timedelta(days=83))}"
        )
    evidence += "."
    if red >= pct:
        return Outcome(MET, evidence)
    if not chosen.complete:
        return Outcome(
            MISSING,
            evidence,
            f"the window after session {chosen.number} is not over; so far {red:g}% fewer "
            f"({pct:g}% needed)",
        )
    return Outcome(NOT_MET, evidence, f"{red:g}% fewer {key} days; {pct:g}% commonly required")


def _before_after(
    history: QuestionnaireHistory, f: CaseFacts, cond: str, after_session: int
) -> tuple[Any, Any, str]:
    """The baseline (the last recording on or before the first session, kept at any age) and
    the latest recording dated after session number ``after_session``, up to the period end,
    read from the questionnaire's history in the evidence."""
    sessions = sorted(s for s in f.sessions.get(cond, ()) if s <= f.end)
    if not sessions:
        return None, None, "before the first session"
    base = history.baseline_for(sessions[0])
    if len(sessions) < after_session:
        return base, None, f"after session {after_session}"
    after = history.after(sessions[after_session - 1])
    which = "before the first session" if base is None else f"after session {after_session}"
    return base, (after[-1] if after else None), which


def _midas_path(f: CaseFacts, p: dict[str, Any], cond: str) -> Outcome:
    pct = p["midas_pct"]
    base, after, which = _before_after(f.midas_history, f, cond, p.get("sessions", 1))
    if base is None or after is None:
        return Outcome(MISSING, "MIDAS: not recorded both before and after.", f"no MIDAS {which}")
    b, a = base.score(), after.score()
    text = (
        f"MIDAS {b} on {_d(base.date)} (before the first session) against {a} on {_d(after.date)}"
    )
    if b == 0:
        return Outcome(MISSING, text + ".", "the baseline MIDAS is 0, so no fall can be measured")
    red = round((b - a) / b * 100, 1)
    text += f" ({abs(red):g}% {'lower' if red >= 0 else 'higher'})."
    if red >= pct:
        return Outcome(MET, text)
    return Outcome(NOT_MET, text, f"MIDAS {red:g}% lower; {pct:g}% needed on this path")


def _hit6_path(f: CaseFacts, p: dict[str, Any], cond: str) -> Outcome:
    points = p["hit6_points"]
    base, after, which = _before_after(f.hit6_history, f, cond, p.get("sessions", 1))
    if base is None or after is None:
        return Outcome(MISSING, "HIT-6: not recorded both before and after.", f"no HIT-6 {which}")
    drop = base.total - after.total
    text = (
        f"HIT-6 {base.total} on {_d(base.date)} (before the first session) against "
        f"{after.total} on {_d(after.date)} ({abs(drop)} points {'lower' if drop >= 0 else 'higher'})."
    )
    if drop >= points:
        return Outcome(MET, text)
    return Outcome(NOT_MET, text, f"HIT-6 {drop} points lower; {points} needed on this path")


@check("headache_reduction")
def _reduction(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    """Any one path meets it: fewer days, a lower MIDAS or a lower HIT-6 (each a threshold)."""
    cond = rs["condition"]
    paths = [
        (f"headache days at least {p['pct']:g}% fewer", _days_path(f, p)),
        (f"MIDAS at least {p['midas_pct']:g}% lower", _midas_path(f, p, cond)),
        (f"HIT-6 at least {p['hit6_points']:g} points lower", _hit6_path(f, p, cond)),
    ]
    if p["measure"] != "headache_days":
        name = "migraine" if p["measure"] == "migraine_days" else "headache or migraine"
        paths[0] = (f"{name} days at least {p['pct']:g}% fewer", paths[0][1])
    met = [(name, o) for name, o in paths if o.status == MET]
    if met:
        name, o = met[0]
        others = " ".join(o2.evidence for n2, o2 in paths if n2 != name and o2.status != MISSING)
        return Outcome(
            MET, f"Met on the path '{name}': {o.evidence}" + (f" {others}" if others else "")
        )
    evidence = " ".join(o.evidence for _, o in paths)
    gaps = "; ".join(f"{name}: {o.gap}" for name, o in paths if o.gap)
    days = paths[0][1]
    if any(o.status == MISSING for _, o in paths):
        return Outcome(MISSING, evidence, gaps or None, days.step)
    return Outcome(NOT_MET, evidence, gaps or None)


@check("midas_improvement")
def _midas_improvement(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    return _midas_path(f, p, rs["condition"])
