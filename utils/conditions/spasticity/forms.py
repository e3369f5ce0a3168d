"""Spasticity: form values <-> entries (the day, a Modified Ashworth grade, a goal score).

This is the condition's ``forms`` part: its uniform API is described in ``utils.forms``.
No streamlit here: tested directly.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from utils.conditions.spasticity.models import AshworthGrade, GoalScore, SpasticityDay
from utils.core.entries import build
from utils.form_values import count as _count
from utils.form_values import text as _text


def normal_spasticity_day(day: dt.date) -> SpasticityDay:
    """A normal day: stiffness, spasms and pain not troublesome, nothing hard, no fall."""
    return build(SpasticityDay, date=day, normal_day=True)  # type: ignore[return-value]


def free_day(day: dt.date) -> SpasticityDay:
    """The day with nothing to report: a normal day."""
    return normal_spasticity_day(day)


def _hours(raw: Any) -> float | None:
    return None if raw is None or raw == "" else float(raw)


def spasticity_day_from_form(v: dict[str, Any]) -> SpasticityDay:
    """Keys: date, stiffness, spasms, spasm_frequency, pain, hard_tasks, falls, splint_hours,
    therapy_minutes, warning_signs, notes (everything but the date and stiffness optional)."""
    return build(
        SpasticityDay,
        date=v["date"],
        normal_day=bool(v.get("normal_day")),
        stiffness=v.get("stiffness"),
        spasms=_count(v.get("spasms")),
        spasm_frequency=_count(v.get("spasm_frequency")),
        pain=v.get("pain"),
        hard_tasks=list(v.get("hard_tasks") or []),
        falls=_count(v.get("falls")),
        splint_hours=_hours(v.get("splint_hours")),
        therapy_minutes=_count(v.get("therapy_minutes")),
        warning_signs=list(v.get("warning_signs") or []),
        notes=v.get("notes") or "",
    )  # type: ignore[return-value]


def spasticity_day_to_form(e: SpasticityDay) -> dict[str, Any]:
    return {
        "date": e.date,
        "normal_day": e.normal_day,
        "stiffness": e.stiffness,
        "spasms": e.spasms,
        "spasm_frequency": e.spasm_frequency,
        "pain": e.pain,
        "hard_tasks": list(e.hard_tasks),
        "falls": e.falls,
        "splint_hours": e.splint_hours,
        "therapy_minutes": e.therapy_minutes,
        "warning_signs": list(e.warning_signs),
        "notes": e.notes,
    }


def ashworth_from_form(v: dict[str, Any]) -> AshworthGrade:
    """Keys: date, muscle_group, side, grade ('0', '1', '1+', '2', '3', '4'), target,
    clinician, notes."""
    return build(
        AshworthGrade,
        date=v["date"],
        muscle_group=v.get("muscle_group"),
        side=v.get("side"),
        grade=v.get("grade"),
        target=bool(v.get("target")),
        clinician=_text(v.get("clinician")),
        notes=v.get("notes") or "",
    )  # type: ignore[return-value]


def ashworth_to_form(e: AshworthGrade) -> dict[str, Any]:
    return {
        "date": e.date,
        "muscle_group": e.muscle_group,
        "side": e.side,
        "grade": e.grade,
        "target": e.target,
        "clinician": e.clinician,
        "notes": e.notes,
    }


def goal_score_from_form(v: dict[str, Any]) -> GoalScore:
    """Keys: date, goal (own words), score (-2..+2), clinician, notes."""
    return build(
        GoalScore,
        date=v["date"],
        goal=_text(v.get("goal")),
        score=v.get("score"),
        clinician=_text(v.get("clinician")),
        notes=v.get("notes") or "",
    )  # type: ignore[return-value]


def goal_score_to_form(e: GoalScore) -> dict[str, Any]:
    return {
        "date": e.date,
        "goal": e.goal,
        "score": e.score,
        "clinician": e.clinician,
        "notes": e.notes,
    }


DAY_DIARY = {
    "kind": "spasticity_day",
    "page": "pages/spasticity.py",
    "heading": "Spasticity today",
    "link": "Log a spasticity day",
    "hint": "One tap on a normal day; otherwise the stiffness of the day (0-10) is enough.",
}


def who_keeps(settings: Any, today: dt.date) -> tuple[str, str]:
    """The profile's age group (``metrics.age_group``) and the sentence the page shows about who
    keeps the diary ("" for an adult)."""
    from utils.conditions.spasticity.metrics import age_group
    from utils.rules.thresholds import birth_date, year_of_birth

    born, year = birth_date(settings), year_of_birth(settings)
    group = age_group(year, born, today)
    if group == "child":
        if born is not None:
            age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
            when = f"age {age}"
        else:
            when = f"born in {year}"
        return group, (
            f"A child's diary ({when}), kept by a parent or carer. The summary and the letters "
            "say so; the rules for children (from 2 years) and their per-kilogram limits apply."
        )
    if group == "child or adult":
        return group, (
            f"Born in {year}: 17 or 18 this year, so the birthday decides whether the rules for "
            "children apply. Add the date of birth under Profiles & settings to be sure."
        )
    if group == "unknown":
        return group, (
            "Add the date of birth (or the year) under Profiles & settings: the age decides which "
            "label rules apply (the label covers 2 years and older; children's limits are per "
            "kilogram). If this is a child's diary kept by a parent, the summary will say so."
        )
    return group, ""


__all__ = [
    "DAY_DIARY",
    "ashworth_from_form",
    "ashworth_to_form",
    "free_day",
    "goal_score_from_form",
    "goal_score_to_form",
    "normal_spasticity_day",
    "spasticity_day_from_form",
    "spasticity_day_to_form",
    "who_keeps",
]
