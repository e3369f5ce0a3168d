"""The checks every condition shares: age, prescriber specialty, diary completeness, Botox
sessions and their spacing. Registered with ``@check`` when ``engine.load_checks`` imports this.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from utils.core.dates import join_and
from utils.rules.engine import (
    FOR_CLINICIAN,
    MET,
    MISSING,
    NOT_MET,
    CaseFacts,
    Outcome,
    _d,
    _pct,
    check,
)


@check("adult")
def _adult(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    age = p["age"]
    if f.birth_date is not None:
        born = f.birth_date
        years = f.end.year - born.year - ((f.end.month, f.end.day) < (born.month, born.day))
        if years >= age:
            return Outcome(MET, f"Born {_d(born)}: {years} on {_d(f.end)}.")
        return Outcome(
            NOT_MET,
            f"Born {_d(born)}: {years} on {_d(f.end)}.",
            f"the label is for people aged {age} or older",
        )
    yob = f.year_of_birth
    if yob is None:
        return Outcome(
            MISSING,
            "No year or date of birth in the profile settings.",
            "add the year of birth under Profiles & settings",
        )
    youngest, oldest = f.end.year - yob - 1, f.end.year - yob
    if youngest >= age:
        return Outcome(MET, f"Born in {yob}: {youngest} or older on {_d(f.end)}.")
    if oldest < age:
        return Outcome(
            NOT_MET,
            f"Born in {yob}: at most {oldest} on {_d(f.end)}.",
            f"the label is for people aged {age} or older",
        )
    return Outcome(
        FOR_CLINICIAN,
        f"Born in {yob}: {youngest} or {oldest} on {_d(f.end)}, depending on the birthday.",
        f"the clinician confirms the age ({age} or older)",
    )


SPECIALISTS = ("neurologist", "headache_specialist")


@check("specialist")
def _specialist(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    cond = rs["condition"]
    items: list[tuple[str, str]] = [
        (f"Botox session on {_d(b.date)}", b.specialty)
        for b in reversed(f.botox_sessions)
        if b.condition == cond and b.date <= f.end
    ]
    items += [
        (t.name, t.specialty) for t in f.treatments if t.condition == cond and t.start <= f.end
    ]
    named = [(what, sp) for what, sp in items if sp in SPECIALISTS]
    if named:
        what, sp = named[0]  # the latest session first, then the treatments
        return Outcome(MET, f"{what}: prescribed by a {sp.replace('_', ' ')}.")
    other = [what for what, sp in items if sp == "other"]
    if other:
        return Outcome(
            FOR_CLINICIAN,
            f"Prescribed by another specialty ({join_and(other[-2:])}).",
            "some plans ask that a neurologist or headache specialist prescribes or is "
            "consulted; the clinician states it",
        )
    return Outcome(
        MISSING,
        "No prescriber specialty recorded on a Botox session or treatment.",
        "the prescriber's specialty is not recorded ('don't know')",
    )


@check("diary_completeness")
def _completeness(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    cond = rs["condition"]
    n = f.completeness.days_in_period
    logged = f.completeness.logged_days.get(cond, 0)
    if not n:
        return Outcome(
            MISSING, "The period has no days up to today.", "choose a period up to today"
        )
    evidence = f"{logged} of {n} days logged ({_pct(logged / n)})"
    late = f.completeness.late_share
    if late:
        evidence += f"; {_pct(late)} of daily entries were written more than 2 days late"
    if logged / n >= p["share"]:
        return Outcome(MET, evidence + ".")
    return Outcome(NOT_MET, evidence + ".", f"only {logged} of {n} days logged")


@check("sessions_count")
def _sessions(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    cond = rs["condition"]
    sessions = [s for s in f.sessions.get(cond, ()) if s <= f.end]
    needed = p["sessions"]
    listed = ", ".join(_d(s) for s in sessions)
    if len(sessions) >= needed:
        return Outcome(
            MET, f"{len(sessions)} Botox session{'s' if len(sessions) != 1 else ''}: {listed}."
        )
    if not sessions:
        return Outcome(
            MISSING, "No Botox session recorded.", f"no Botox session for {cond} recorded"
        )
    return Outcome(
        MISSING,
        f"{len(sessions)} Botox session{'s' if len(sessions) != 1 else ''}: {listed}.",
        f"the response is judged after {needed} sessions; {len(sessions)} recorded",
    )


@check("session_spacing")
def _spacing(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    """Likely denial reasons: a session too soon after the previous one, or above the labelled
    total (Botox units only: other products use other units)."""
    cond = rs["condition"]
    sessions = [b for b in f.botox_sessions if b.condition == cond and b.date <= f.end]
    if not sessions:
        return Outcome(MISSING, "No Botox session recorded.", f"no Botox session for {cond}")
    min_days, max_units = p["min_days"], p["max_units"]
    problems = []
    for prev, cur in zip(sessions, sessions[1:], strict=False):
        gap = (cur.date - prev.date).days
        if gap < min_days:
            problems.append(
                f"the session on {_d(cur.date)} came {gap} days after the one on "
                f"{_d(prev.date)} ({min_days} days is the usual minimum)"
            )
    for b in sessions:
        if b.product == "botox" and b.units > max_units:
            problems.append(
                f"{b.units:g} units on {_d(b.date)} is above the labelled {max_units:g} units"
            )
    n = len(sessions)
    evidence = f"{n} session{'s' if n != 1 else ''} checked for spacing and dose."
    if problems:
        return Outcome(NOT_MET, evidence, "likely denial reason: " + "; ".join(problems))
    spacing = f", each at least {min_days} days after the previous one," if n > 1 else ""
    return Outcome(
        MET, f"{n} session{'s' if n != 1 else ''}{spacing} within {max_units:g} Botox units."
    )
