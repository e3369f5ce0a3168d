"""Spasticity's letter paragraphs: the cause (for the clinician), the diary's impairment,
rehabilitation and oral medicines tried, and the response by the clinician's grades and goal
scores.

The API every ``letters.py`` part has: see ``utils/conditions/sweating/letters.py``. No dose is
ever written here: the clinician fills in the units and muscles (a child's per kilogram).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from utils.documents.letter_parts import (
    criteria_sections,
    date_text,
    drug_lines,
    period_line,
    treatment_lines,
)
from utils.documents.letter_text import doctor, doctor_states
from utils.documents.pdf import fmt_num
from utils.evidence import Evidence
from utils.models import BotoxSession

CONDITION_TEXT = "spasticity of the arm or leg (upper or lower limb)"
APPROVED_USE = "spasticity in adults and in children 2 years of age and older"


def request_lines(sessions: Sequence[BotoxSession], renewal: bool) -> tuple[list[str], str]:
    """The service, procedure code, drug and diagnosis lines, and the number of treatments."""
    out = [
        "- Service: onabotulinumtoxinA (Botox) injections into the spastic muscles, "
        + doctor("limb(s), muscles and units of each, with EMG, stimulation or ultrasound guidance")
        + ".",
        "- Procedure codes: CPT 64642-64645 by the number of limbs and muscles (64646 / 64647 "
        "for the trunk); "
        + doctor(
            "the codes the office will bill (the primary code goes to the limb with most muscles)"
        )
        + ".",
    ]
    out += drug_lines(sessions, "as the clinician decides per muscle")
    out.append(
        "- Diagnosis: "
        + doctor(
            "the ICD-10-CM code of the cause and the limb (there is no code for spasticity "
            "alone): for example I69.35- after a stroke, G80.- cerebral palsy, G35.- multiple "
            "sclerosis, G81.1- spastic hemiplegia"
        )
        + "."
    )
    return out, "the number of treatments, at least 12 weeks apart, over 12 months"


def sections(ev: Evidence, entries: Sequence[Any]) -> list[str]:
    s = ev.by_condition.get("spasticity")
    out = ["## Clinical history"]
    out.append(
        "The patient has spasticity "
        + doctor_states(
            "its cause (stroke, brain or spinal cord injury, multiple sclerosis, cerebral palsy "
            "...), since when, the limbs and muscles involved, and that the problem is not only "
            "a fixed contracture"
        )
    )
    if s is not None and s.age_group == "child":
        out.append(
            "The patient is a child; a parent or carer keeps the diary. "
            + doctor_states("the weight-based dose within the label's limits for children")
        )
    out += criteria_sections(ev, "spasticity")
    if s is None:
        return out
    out += ["## Spasticity diary", period_line(ev, "spasticity")]
    if s.mean_stiffness is not None:
        out.append(f"- Mean stiffness {fmt_num(s.mean_stiffness)} of 10 on the rated days.")
    if s.hard_task_days_by_task:
        out.append(
            "- What the spasticity made hard: "
            + ", ".join(f"{k} on {v} days" for k, v in s.hard_task_days_by_task.items())
            + "."
        )
    out.append(f"- Falls: {s.falls}. Spasms on {s.spasm_days} days.")
    out += ["## Rehabilitation"]
    out.append(
        f"Stretching or therapy on {s.therapy_days} days ({s.therapy_minutes} minutes) in the "
        "period; Botox is asked for alongside it, not instead of it. "
        + doctor_states("the therapy programme, splinting or casting, and the goals agreed")
    )
    out += ["## Treatments tried", *treatment_lines(ev, entries, "spasticity")]
    if s.goals:
        out += ["## Goals agreed with the clinician (latest attainment score, -2 to +2)"]
        out += [f"- {g.goal}: {g.score:+d} ({date_text(g.date)})" for g in s.goals]
    lines = _response(s)
    if lines:
        out += ["## Response to Botox", *lines]
    return out


def _response(s: Any) -> list[str]:
    out = []
    last = s.sessions[-1] if s.sessions else None
    changes = [c for c in s.ashworth_changes if c.session == last]
    judged = [c for c in changes if c.target] or changes
    for c in judged:
        out.append(
            f"- Modified Ashworth, {c.side} {c.muscle_group}: {c.before} on "
            f"{date_text(c.before_date)}, {c.after} on {date_text(c.after_date)} (session "
            f"{date_text(c.session)})."
        )
    if s.mas_responder:
        out.append(
            "A fall of 1 grade or more in the target muscle is the responder definition used "
            "in trials."
        )
    after = [g for g in s.goals if last is not None and g.date > last]
    if after:
        met = sum(g.score >= 0 for g in after)
        out.append(
            f"- Goals met as expected or better after the last session: {met} of {len(after)}."
        )
    if s.stiffness_change_pct is not None:
        out.append(
            f"- Mean stiffness {fmt_num(s.stiffness_before)} of 10 in the 4 weeks before the "
            f"last session and {fmt_num(s.stiffness_after)} 2 to 8 weeks after "
            f"({s.stiffness_change_pct:+g}%)."
        )
    return out


def checklist_notes(ev: Evidence) -> list[str]:
    return [
        "## Codes",
        "There is no ICD-10-CM code for spasticity alone: the claim carries the cause (and the "
        "limb). Some Medicare contractors pair a paralysis code with M62.838.",
    ]
