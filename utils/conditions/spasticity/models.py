"""Spasticity entry kinds: the day (patient or caregiver), and two the clinician's form gives:
a Modified Ashworth grade per muscle group and side, and a goal attainment score per goal.
Part ``models`` of the condition package: importing it registers its kinds.

The Modified Ashworth Scale is a clinician's examination: the app stores the grade the clinician
wrote down and never lets the patient grade themselves. Goal attainment scores (-2..+2) are the
ones agreed at the visit.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator

from utils.core.entries import Entry, Note, Past, Short, register

HARD_TASKS = (
    "dressing",
    "hygiene or opening the hand",
    "walking",
    "transfers (bed, chair, toilet)",
    "sleep",
    "positioning (chair or bed)",
)
# Warning signs the label lists for the spread of the toxin's effect: any of them means
# "seek care now" (the page says so at once).
WARNING_SIGNS = (
    "trouble swallowing",
    "trouble speaking or slurred speech",
    "trouble breathing",
    "weakness all over (not only the treated limb)",
)
PENN_FREQUENCY = {
    0: "0: no spasms",
    1: "1: only when moved or touched",
    2: "2: less than once an hour",
    3: "3: once an hour or more",
    4: "4: more than 10 an hour",
}
MAS_GRADES = ("0", "1", "1+", "2", "3", "4")  # ordinal: 1+ is a grade of its own
MUSCLE_GROUPS = (
    "shoulder (adductors / internal rotators)",
    "elbow flexors",
    "forearm pronators",
    "wrist flexors",
    "finger flexors",
    "thumb (flexors / adductors)",
    "hip adductors",
    "knee flexors (hamstrings)",
    "knee extensors",
    "ankle plantar flexors (calf)",
    "ankle invertors (tibialis posterior)",
    "toe flexors",
    "other",
)
SIDES = ("left", "right")


@register
class SpasticityDay(Entry):
    KIND: ClassVar[str] = "spasticity_day"
    LABEL: ClassVar[str] = "Spasticity day"

    date: Annotated[dt.date, Past("The day")]
    normal_day: bool = (
        False  # a normal day: no troublesome stiffness, spasms, pain, hard tasks or falls
    )
    stiffness: Annotated[int | None, Field(default=None, ge=0, le=10)] = None
    spasms: Annotated[int | None, Field(default=None, ge=0, le=500)] = None  # count of the day
    spasm_frequency: Annotated[int | None, Field(default=None, ge=0, le=4)] = None  # Penn format
    pain: Annotated[int | None, Field(default=None, ge=0, le=10)] = None
    hard_tasks: list[Literal[HARD_TASKS]] = []  # type: ignore[valid-type]
    falls: Annotated[int | None, Field(default=None, ge=0, le=50)] = None
    splint_hours: Annotated[float | None, Field(default=None, ge=0, le=24)] = None
    therapy_minutes: Annotated[int | None, Field(default=None, ge=0, le=720)] = None
    warning_signs: list[Literal[WARNING_SIGNS]] = []  # type: ignore[valid-type]
    notes: Note = ""

    @model_validator(mode="after")
    def _consistent(self) -> SpasticityDay:
        if not self.normal_day and self.stiffness is None:
            raise ValueError("give the stiffness of the day (0-10), or tap 'Normal day'")
        if self.normal_day and (
            (self.stiffness or 0) > 3
            or (self.pain or 0) > 3
            or self.hard_tasks
            or (self.falls or 0) > 0
            or self.warning_signs
        ):
            raise ValueError(
                "a normal day has no hard tasks, falls or warning signs and stiffness and pain of "
                "3 or less: log it as an ordinary day"
            )
        if len(set(self.hard_tasks)) != len(self.hard_tasks):
            raise ValueError("a hard task is listed twice")
        return self

    def day(self) -> dt.date:
        return self.date

    def is_urgent(self) -> bool:
        return bool(self.warning_signs)

    def summary(self) -> str:
        if self.normal_day and self.stiffness is None:
            return "Normal day (stiffness not troublesome)"
        parts = [f"Stiffness {self.stiffness}/10"]
        if self.spasms is not None:
            parts.append(f"{self.spasms} spasm{'s' if self.spasms != 1 else ''}")
        elif self.spasm_frequency is not None:
            parts.append(f"spasm frequency {self.spasm_frequency}/4")
        if self.pain is not None:
            parts.append(f"pain {self.pain}/10")
        if self.hard_tasks:
            parts.append("hard: " + ", ".join(self.hard_tasks))
        if self.falls:
            parts.append(f"{self.falls} fall{'s' if self.falls != 1 else ''}")
        if self.therapy_minutes:
            parts.append(f"therapy {self.therapy_minutes} min")
        if self.warning_signs:
            parts.append("WARNING SIGNS: " + ", ".join(self.warning_signs))
        return "; ".join(parts)


@register
class AshworthGrade(Entry):
    """One Modified Ashworth grade from the clinician's examination (never self-rated)."""

    KIND: ClassVar[str] = "ashworth_grade"
    LABEL: ClassVar[str] = "Modified Ashworth grade (clinician)"

    date: Annotated[dt.date, Past("The examination date")]
    muscle_group: Literal[MUSCLE_GROUPS]  # type: ignore[valid-type]
    side: Literal[SIDES]  # type: ignore[valid-type]
    grade: Literal[MAS_GRADES]  # type: ignore[valid-type]
    target: bool = False  # a muscle the clinician treats (the response is judged there)
    clinician: Short = ""
    notes: Note = ""

    def day(self) -> dt.date:
        return self.date

    def rank(self) -> int:
        return MAS_GRADES.index(self.grade)

    def summary(self) -> str:
        target = " (target)" if self.target else ""
        return f"Modified Ashworth {self.grade}: {self.side} {self.muscle_group}{target}"


@register
class GoalScore(Entry):
    """A goal agreed with the clinician and its attainment score (-2..+2) at one visit."""

    KIND: ClassVar[str] = "goal_score"
    LABEL: ClassVar[str] = "Goal attainment score (clinician)"

    date: Annotated[dt.date, Past("The visit date")]
    goal: Annotated[str, Field(min_length=1, max_length=120)]
    score: Annotated[int, Field(ge=-2, le=2)]
    clinician: Short = ""
    notes: Note = ""

    @model_validator(mode="after")
    def _goal_text(self) -> GoalScore:
        if not self.goal.strip():
            raise ValueError("write the goal in a few words")
        return self

    def day(self) -> dt.date:
        return self.date

    def summary(self) -> str:
        return f"Goal '{self.goal}': {self.score:+d}"
