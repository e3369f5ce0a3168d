"""Neck (cervical dystonia) checks: the clinician's statements, medicines tried (toxin is
first-line), the baseline scale total, the diary's impact, and for renewal the improvement
after a session, how long the benefit lasted, the interval and the stop rule.

Part API (``conditions.parts("criteria")``): importing the module registers its checks with
``utils.rules.engine.check``. The facts read are ``neck`` (``metrics.NeckSummary``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from utils.conditions.neck.metrics import NeckCycle, NeckSummary
from utils.core.dates import join_and
from utils.rules.engine import (
    FOR_CLINICIAN,
    MET,
    MISSING,
    NOT_MET,
    CaseFacts,
    Outcome,
    _d,
    check,
    clinician_states,
)


def _neck(f: CaseFacts) -> NeckSummary | None:
    return f.extra.get("neck")


def _num(x: float | None) -> str:
    return "no data" if x is None else f"{x:g}"


_for_clinician = clinician_states(
    "neck_for_clinician",
    "The clinician states this in the request; the diary cannot show it.",
)


@check("neck_prior_treatment")
def _prior(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    tried = [t for t in f.treatments if t.condition == "neck" and t.start <= f.end]
    if tried:
        listed = join_and([f"{t.name} ({t.outcome.replace('_', ' ')})" for t in tried])
        return Outcome(MET, f"Medicines tried for the neck: {listed}.")
    return Outcome(
        FOR_CLINICIAN,
        "No medicine for the neck recorded. Toxin injection is the first-line treatment for "
        "cervical dystonia, so most plans ask for no earlier medicine.",
    )


@check("neck_baseline_scale")
def _baseline(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    neck = _neck(f)
    b = neck.baseline_scale if neck else None
    if b is None:
        return Outcome(
            MISSING,
            "No TWSTRS or Tsui total before treatment recorded.",
            "no baseline scale total",
        )
    return Outcome(MET, f"{b.scale} total {b.total:g} on {_d(b.date)} (before treatment).")


@check("neck_impact")
def _impact(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    neck = _neck(f)
    if neck is None or not neck.logged_days:
        return Outcome(MISSING, "No neck diary in the period.", "no days logged")
    evidence = (
        f"{neck.pain_days} days with neck pain and {neck.limit_days} days with an activity "
        f"stopped, of {neck.logged_days} logged days."
    )
    if neck.pain_days or neck.limit_days:
        return Outcome(MET, evidence)
    return Outcome(NOT_MET, evidence, "the diary shows no neck pain and no activity stopped")


def _fall(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else round(before - after, 2)


def cycle_improvement(c: NeckCycle, rs: Mapping[str, Any]) -> tuple[bool | None, str]:
    """Whether the diary shows improvement after the session ``c`` (None: not enough days on
    one side), and the sentence with the figures."""
    mins = rs.get("improvement_min") or {}
    pain_fall = _fall(c.before.mean_pain, c.after.mean_pain)
    pull_fall = _fall(c.before.mean_pull, c.after.mean_pull)
    text = (
        f"Session on {_d(c.session)}: mean pain {_num(c.before.mean_pain)} before, "
        f"{_num(c.after.mean_pain)} after; mean pull {_num(c.before.mean_pull)} before, "
        f"{_num(c.after.mean_pull)} after; limit days {c.before.limit_days} of "
        f"{c.before.logged_days} before, {c.after.limit_days} of {c.after.logged_days} after."
    )
    if pain_fall is None and pull_fall is None:
        return None, text
    better = (pain_fall is not None and pain_fall >= mins.get("pain_points", 1.0)) or (
        pull_fall is not None and pull_fall >= mins.get("pull_levels", 0.5)
    )
    return better, text


@check("neck_improvement")
def _improvement(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    neck = _neck(f)
    if neck is None or not neck.cycles:
        return Outcome(MISSING, "No Botox session for the neck recorded.", "no session")
    b, latest = neck.baseline_scale, neck.latest_scale
    if neck.scale_change is not None and neck.scale_change < 0 and b and latest:
        return Outcome(
            MET,
            f"{latest.scale} total {b.total:g} on {_d(b.date)} (baseline), {latest.total:g} on "
            f"{_d(latest.date)}.",
        )
    judged = [(c, *cycle_improvement(c, rs)) for c in neck.cycles]
    known = [(c, ok, text) for c, ok, text in judged if ok is not None]
    if not known:
        return Outcome(
            MISSING,
            "The diary has no pain or pull scores both before and after a session.",
            "log the neck in the weeks before and after each session",
        )
    c, ok, text = known[-1]
    if ok:
        return Outcome(MET, text)
    return Outcome(
        NOT_MET,
        text,
        "the diary does not show a fall in pain or pull after the session; the clinician's "
        "notes may show improvement in posture or function",
    )


@check("neck_benefit_duration")
def _duration(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    neck = _neck(f)
    weeks = int(rs.get("benefit_min_weeks") or 8)
    marked = [c for c in (neck.cycles if neck else ()) if c.days_to_wearing_off is not None]
    if not marked:
        return Outcome(
            MISSING,
            "No wearing-off day marked after a session.",
            "no day marked 'the last injection is wearing off'",
        )
    c = marked[-1]
    evidence = (
        f"Session on {_d(c.session)}: wearing off from {_d(c.wearing_off)} "  # type: ignore[arg-type]
        f"({c.days_to_wearing_off} days, {c.weeks_to_wearing_off:g} weeks)."
    )
    if c.days_to_wearing_off >= weeks * 7:  # type: ignore[operator]
        return Outcome(MET, evidence)
    return Outcome(NOT_MET, evidence, f"the benefit lasted under {weeks} weeks")


@check("neck_session_interval")
def _interval(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    sessions = sorted(b.date for b in f.botox_sessions if b.condition == "neck" and b.date <= f.end)
    if not sessions:
        return Outcome(MISSING, "No Botox session for the neck recorded.", "no session")
    min_days = p["min_days"]
    short = [
        f"the session on {_d(cur)} came {(cur - prev).days} days after the one on {_d(prev)}"
        for prev, cur in zip(sessions, sessions[1:], strict=False)
        if (cur - prev).days < min_days
    ]
    n = len(sessions)
    evidence = f"{n} session{'s' if n != 1 else ''} for the neck checked for spacing."
    if short:
        return Outcome(
            NOT_MET,
            evidence,
            f"likely denial reason ({min_days} days is usual): " + "; ".join(short),
        )
    return Outcome(MET, evidence)


@check("neck_stop_rule")
def _stop(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    neck = _neck(f)
    judged = [cycle_improvement(c, rs)[0] for c in (neck.cycles if neck else ())]
    run = 0
    for ok in judged:
        run = run + 1 if ok is False else 0
    n = len(judged)
    head = f"{n} session{'s' if n != 1 else ''}; the diary "
    if run >= 2:
        text = f"shows no fall in pain or pull after each of the last {run} sessions."
    elif run == 1:
        text = "shows no fall in pain or pull after the last session (not two in a row)."
    else:
        text = "does not show two sessions in a row without a fall in pain or pull."
    return Outcome(FOR_CLINICIAN, head + text)
