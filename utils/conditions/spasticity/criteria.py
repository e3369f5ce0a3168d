"""Spasticity checks: cause and contracture (for the clinician), age, impairment or goals,
rehabilitation, oral medicines tried, specialist, and the documented benefit at renewal.

Part API (``conditions.parts("criteria")``): importing the module registers its checks with
``utils.rules.engine.check``. They read the fact ``spasticity`` (the evidence summary) and the
shared facts (treatments, Botox sessions, year or date of birth). A statement the diary cannot
support is "missing data" or "for the clinician", never "met".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from utils.conditions.spasticity.metrics import ORAL_AGENT_CLASSES
from utils.core.dates import join_and
from utils.rules.checks import _adult
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

SPECIALISTS = ("neurologist",)  # the specialties the entries can name; PM&R etc. are "other"


def _s(f: CaseFacts) -> Any:
    return f.extra.get("spasticity")


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


_cause = clinician_states(
    "spasticity_cause",
    "There is no ICD-10-CM code for spasticity alone: the clinician codes the cause (for "
    "example stroke, cerebral palsy, multiple sclerosis, brain or spinal cord injury) and "
    "the limb.",
    "the cause and its code come from the clinician's record",
)


_contracture = clinician_states(
    "spasticity_contracture",
    "Whether a joint is fixed (contracture) is found on examination; a diary cannot show it.",
    "the clinician states that the problem is spasticity, not only a fixed contracture",
)


@check("spasticity_age")
def _age(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    out = _adult(f, p, rs)
    s = _s(f)
    group = s.age_group if s is not None else "unknown"
    if group == "child" and out.status == MET:
        return Outcome(
            MET,
            out.evidence
            + " A child's profile: the label's limits for children are per kilogram of body "
            "weight and the clinician sets them; children are at the highest risk of the "
            "toxin's effect spreading.",
        )
    return out


@check("spasticity_impairment")
def _impairment(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    s = _s(f)
    if s is None or not s.logged_days:
        if s is not None and s.goals:
            return Outcome(MET, f"{len(s.goals)} goal(s) agreed with the clinician recorded.")
        return Outcome(MISSING, "No spasticity diary in the period.", "no days logged")
    need = p["days"]
    tasks = join_and([f"{k} on {_days(v)}" for k, v in s.hard_task_days_by_task.items()])
    evidence = f"{_days(s.hard_task_days)} with a hard task of {s.logged_days} logged" + (
        f" ({tasks})" if tasks else ""
    )
    if s.goals:
        evidence += f"; {len(s.goals)} goal(s) agreed with the clinician"
    if s.hard_task_days >= need or s.goals:
        return Outcome(MET, evidence + ".")
    return Outcome(
        MISSING,
        evidence + ".",
        f"{need} days with a hard task (or written goals) show the impairment; "
        f"{s.hard_task_days} logged",
    )


@check("spasticity_rehabilitation")
def _rehab(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    s = _s(f)
    need = p["days"]
    therapy = [
        t
        for t in f.treatments
        if t.condition == "spasticity"
        and t.treatment_class == "spasticity_therapy"
        and t.start <= f.end
        and (t.outcome == "ongoing" or t.stop is None or t.stop >= f.start)
    ]
    days = s.therapy_days if s is not None else 0
    minutes = s.therapy_minutes if s is not None else 0
    evidence = f"Stretching or therapy on {_days(days)} ({minutes} minutes) in the period"
    if therapy:
        evidence += f"; therapy recorded: {join_and([t.name for t in therapy])}"
    if days >= need or therapy:
        return Outcome(MET, evidence + ".")
    return Outcome(
        MISSING,
        evidence + ".",
        f"{need} therapy days in the period show ongoing rehabilitation; {days} logged (or "
        "the clinician states therapy is planned)",
    )


@check("spasticity_oral_agents")
def _oral(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    trials = sorted(
        (t for t in f.treatments if t.treatment_class in ORAL_AGENT_CLASSES and t.start <= f.end),
        key=lambda t: t.start,
    )
    if not trials:
        return Outcome(
            MISSING,
            "No oral anti-spasticity medicine recorded.",
            "no baclofen, tizanidine, dantrolene or diazepam trial recorded (some plans ask, "
            "'when applicable')",
        )
    gaps: list[str] = []
    for t in trials:
        days = t.days_on(f.end)
        if t.outcome == "side_effects":
            return Outcome(
                MET, f"{t.name}: stopped for side effects ({t.side_effects}) after {days} days."
            )
        if t.outcome == "contraindicated":
            return Outcome(MET, f"{t.name}: not allowed (contraindicated).")
        if t.outcome == "inadequate_response" and days >= p["days"]:
            return Outcome(MET, f"{t.name}: {days} days, did not help enough.")
        if t.outcome == "inadequate_response":
            gaps.append(f"{t.name} was taken for {days} days ({p['days']} is the app default)")
        elif t.outcome == "ongoing":
            gaps.append(f"{t.name} is still taken (day {days}); record the outcome when it ends")
        else:
            gaps.append(f"{t.name} has no stop reason that plans count")
    n = len(trials)
    return Outcome(
        MISSING, f"{n} oral medicine trial{'s' if n != 1 else ''} recorded.", "; ".join(gaps)
    )


@check("spasticity_specialist")
def _specialist(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    items = [
        (f"Botox session on {_d(b.date)}", b.specialty)
        for b in reversed(f.botox_sessions)
        if b.condition == "spasticity" and b.date <= f.end
    ] + [
        (t.name, t.specialty)
        for t in f.treatments
        if t.condition == "spasticity" and t.start <= f.end
    ]
    named = [(what, sp) for what, sp in items if sp in SPECIALISTS]
    if named:
        return Outcome(MET, f"{named[0][0]}: prescribed by a neurologist.")
    other = [what for what, sp in items if sp == "other"]
    if other:
        return Outcome(
            FOR_CLINICIAN,
            f"Prescribed by another specialty ({join_and(other[-2:])}).",
            "plans accept rehabilitation medicine (PM&R), pediatric neurology or orthopedics "
            "too; the clinician states the specialty",
        )
    return Outcome(
        MISSING,
        "No prescriber specialty recorded on a spasticity Botox session or treatment.",
        "the prescriber's specialty is not recorded ('don't know')",
    )


def _sentence(parts: list[str]) -> str:
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


@check("spasticity_benefit")
def _benefit(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    s = _s(f)
    if s is None or not s.sessions:
        return Outcome(MISSING, "No Botox session for spasticity recorded.", "no session")
    found: list[str] = []
    against: list[str] = []
    if s.mas_responder is not None:
        last = max(c.session for c in s.ashworth_changes)
        ch = [c for c in s.ashworth_changes if c.session == last]
        judged = [c for c in ch if c.target] or ch
        text = join_and([f"{c.side} {c.muscle_group} {c.before} to {c.after}" for c in judged])
        line = f"Modified Ashworth around the session on {_d(last)}: {text}"
        (found if s.mas_responder else against).append(
            line
            + (
                " (down 1 grade or more: the trial responder definition, not a payer number)"
                if s.mas_responder
                else " (not down by 1 grade)"
            )
        )
    after_goals = [g for g in s.goals if g.date > s.sessions[-1]]
    if after_goals:
        met = sum(g.score >= 0 for g in after_goals)
        line = f"{met} of {len(after_goals)} goals met as expected or better after the last session"
        (found if met else against).append(line)
    if s.stiffness_change_pct is not None:
        line = (
            f"mean stiffness {s.stiffness_before:g} before and {s.stiffness_after:g} after the "
            f"last session ({s.stiffness_change_pct:+g}%)"
        )
        drop = -s.stiffness_change_pct
        (found if drop >= p["stiffness_pct"] else against).append(line)
    if found:
        return Outcome(MET, _sentence(found))
    if against:
        return Outcome(
            NOT_MET,
            _sentence(against),
            "no documented benefit yet (lower tone, goals met or less stiffness); the "
            "clinician may document easier care or less pain",
        )
    return Outcome(
        MISSING,
        "No grades, goal scores or stiffness ratings before and after the last session.",
        "the benefit is not documented yet",
    )


# The label's dosing wording for children (facts-more-conditions.md 2.1), shown as information
# only: this app never names a dose for a patient.
CHILD_DOSING_INFO = (
    "Information only, not a dose for this child (the "
    "clinician works it out from the child's weight):",
    "- Arm (upper limb): 3-6 units per kg of body weight, at most the lower of 6 units per kg or "
    "200 units per treatment (maker's dosing pages).",
    "- Leg (lower limb): 4-8 units per kg, at most the lower of 8 units per kg or 300 units "
    "(not yet checked against the label: ask the clinician).",
    "- Both together: at most the lower of 10 units per kg or 340 units per 3 months (not yet "
    "checked against the label: ask the clinician).",
    "- Repeat generally no sooner than 12 weeks. Children treated for spasticity are at the "
    "highest risk of the toxin's effect spreading (swallowing, speech or breathing trouble, "
    "weakness all over: seek care at once).",
)


@check("spasticity_child_dose")
def _child_dose(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    """A child's Botox units per session against the label's absolute ceiling for children;
    within it, the weight-based limit is the clinician's (the diary has no weight)."""
    s = _s(f)
    group = s.age_group if s is not None else "unknown"
    if group == "adult":
        return Outcome(
            MET,
            "An adult's profile: the children's limits do not apply (the adult units are "
            "checked under spacing).",
        )
    if group == "unknown":
        return Outcome(
            MISSING,
            "No date or year of birth: whether the children's limits apply is not known.",
            "the age is not recorded",
        )
    cap = p["max_units"]
    sessions = [
        b
        for b in f.botox_sessions
        if b.condition == "spasticity" and b.date <= f.end and b.product == "botox"
    ]
    if not sessions:
        return Outcome(MISSING, "No Botox session recorded.", "no Botox session for spasticity")
    who = "A child's profile" if group == "child" else "Possibly a child (the birthday decides)"
    over = [b for b in sessions if b.units > cap]
    if over:
        return Outcome(
            NOT_MET,
            f"{who}: {len(sessions)} Botox session(s) checked against the children's ceiling.",
            "likely question from the plan: "
            + "; ".join(f"{b.units:g} units on {_d(b.date)} is above {cap:g}" for b in over)
            + " (the label's most for a child per 3 months, both limbs together)",
        )
    return Outcome(
        FOR_CLINICIAN,
        f"{who}: each of {len(sessions)} Botox session(s) is within {cap:g} units, the label's "
        "most for a child per 3 months.",
        "the per-kilogram limit needs the child's weight: the clinician confirms the dose "
        "(the lower of 10 units per kg or the ceiling)",
    )
