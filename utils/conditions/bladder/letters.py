"""Bladder's letter paragraphs: overactive bladder with urge leaks, or neurogenic detrusor
overactivity when the profile's settings chose the neurogenic rule sets; the 3-day diary blocks,
the medicines tried and the fall in (urge) leaks after treatment.

The ``letters`` part API: see ``utils/conditions/jaw/letters.py``; ``texts(ev)`` and
``request_lines_for(ev, ...)`` give the neurogenic wording when the evidence was checked against
the neurogenic rule sets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from utils.conditions.bladder.metrics import change_pct
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

CONDITION_TEXT = "overactive bladder with urge urinary incontinence"
APPROVED_USE = (
    "overactive bladder with urge urinary incontinence, urgency and frequency in adults who "
    "have an inadequate response to or are intolerant of an anticholinergic medication (and "
    "for urinary incontinence from detrusor overactivity with a neurologic condition)"
)


NEUROGENIC_TEXT = "urinary incontinence from neurogenic detrusor overactivity"
NEUROGENIC_USE = (
    "urinary incontinence from detrusor overactivity associated with a neurologic condition "
    "(for example spinal cord injury or multiple sclerosis) in adults who have an inadequate "
    "response to or are intolerant of an anticholinergic medication, and in children 5 years "
    "and older with detrusor overactivity from a neurologic condition"
)
NEUROGENIC_SETS = ("neurogenic_bladder_first", "neurogenic_bladder_renewal")


def neurogenic(ev: Evidence) -> bool:
    """The evidence was checked against the neurogenic rule sets (settings: bladder_type)."""
    return any(rs.id in NEUROGENIC_SETS for rs in ev.checklists)


def texts(ev: Evidence) -> dict[str, str]:
    if neurogenic(ev):
        return {"CONDITION_TEXT": NEUROGENIC_TEXT, "APPROVED_USE": NEUROGENIC_USE}
    return {}


def request_lines_for(
    ev: Evidence, sessions: Sequence[BotoxSession], renewal: bool
) -> tuple[list[str], str]:
    if not neurogenic(ev):
        return request_lines(sessions, renewal)
    out = [
        "- Service: onabotulinumtoxinA (Botox) intradetrusor injection by cystoscopy, "
        + doctor("200 units for neurogenic detrusor overactivity in adults; dose for a child")
        + ".",
        "- Procedure code: CPT 52287 (cystourethroscopy with chemodenervation of the bladder).",
    ]
    out += drug_lines(sessions, "200 for neurogenic bladder")
    out.append(
        "- Diagnosis: "
        + doctor(
            "ICD-10-CM, for example N31.- neuromuscular dysfunction of the bladder with the "
            "code of the neurologic condition (multiple sclerosis, spinal cord injury, spina "
            "bifida)"
        )
        + "."
    )
    return out, "the number of treatments (no sooner than every 12 weeks) over 12 months"


def request_lines(sessions: Sequence[BotoxSession], renewal: bool) -> tuple[list[str], str]:
    """The service, procedure code, drug and diagnosis lines of the request, and the number of
    treatments asked for."""
    out = [
        "- Service: onabotulinumtoxinA (Botox) intradetrusor injection by cystoscopy, "
        + doctor("100 units for overactive bladder or 200 units for neurogenic bladder")
        + ".",
        "- Procedure code: CPT 52287 (cystourethroscopy with chemodenervation of the bladder).",
    ]
    out += drug_lines(sessions, "100 for overactive bladder")
    out.append(
        "- Diagnosis: "
        + doctor("ICD-10-CM, for example N32.81 overactive bladder with N39.41 urge incontinence")
        + "."
    )
    return out, "the number of treatments (no sooner than every 12 weeks) over 12 months"


def _block(b: Any) -> str:
    return (
        f"{date_text(b.start)} to {date_text(b.end)}: {fmt_num(b.voids)} voids, "
        f"{fmt_num(b.urgency_episodes)} urgency episodes, {fmt_num(b.urge_leaks)} urge leaks"
        + (f", {fmt_num(b.nocturia)} night voids" if b.nocturia is not None else "")
        + (f", {fmt_num(b.pads)} pads" if b.pads is not None else "")
        + " per 24 hours"
    )


def sections(ev: Evidence, entries: Sequence[Any]) -> list[str]:
    b = ev.by_condition.get("bladder")
    out = ["## Clinical history"]
    has = (
        "The patient has urinary incontinence from neurogenic detrusor overactivity ("
        + doctor("the neurologic condition")
        + "); "
        if neurogenic(ev)
        else "The patient has overactive bladder with urge incontinence; "
    )
    out.append(
        has
        + doctor_states(
            "the urinalysis result (no infection), the post-void residual, and that the "
            "patient was counselled on and is willing to self-catheterize if needed"
        )
    )
    out += criteria_sections(ev, "bladder")
    if b is None:
        return out
    out += ["## Bladder diary", period_line(ev, "bladder")]
    m = b.per_day
    if b.complete_days:
        out.append(
            f"- Over {b.complete_days} complete diary days (every void and leak of 24 hours "
            f"logged): {fmt_num(m['voids'])} voids, {fmt_num(m['urgency_episodes'])} urgency "
            f"episodes and {fmt_num(m['urge_leaks'])} urge leaks per 24 hours."
        )
    if b.baseline is not None:
        out.append(f"- Before treatment (3-day diary) {_block(b.baseline)}.")
    out += ["## Behavioural therapy and medicines tried", *treatment_lines(ev, entries, "bladder")]
    out += ["## Functional impact"]
    out.append(doctor_states("the impact on sleep, work, skin and daily activities"))
    fall = (
        change_pct(b.baseline.leaks, b.after_treatment.leaks)
        if neurogenic(ev) and b.baseline is not None and b.after_treatment is not None
        else None
    )
    if fall is not None and b.after_treatment is not None:
        out += ["## Response to Botox (baseline against now)"]
        out.append(
            f"- After treatment (3-day diary) {_block(b.after_treatment)}: all leaks fell from "
            f"{fmt_num(b.baseline.leaks)} to {fmt_num(b.after_treatment.leaks)} per 24 hours "
            f"({fmt_num(fall)}% against the baseline)."
        )
    elif b.after_treatment is not None and b.urge_leak_change_pct is not None:
        out += ["## Response to Botox (baseline against now)"]
        out.append(
            f"- After treatment (3-day diary) {_block(b.after_treatment)}: urge leaks fell by "
            f"{fmt_num(b.urge_leak_change_pct)}% against the baseline."
        )
    return out


def checklist_notes(ev: Evidence) -> list[str]:
    neuro = (
        [
            "- The neurologic condition behind the bladder problem, with its code.",
            "- Urodynamic study showing detrusor overactivity, where the plan asks for one.",
        ]
        if neurogenic(ev)
        else []
    )
    return [
        "## Bladder items only the clinician can record",
        *neuro,
        "- Urinalysis (no active infection) and any culture.",
        "- Post-void residual in mL, date and method; plans commonly expect under 200 mL or "
        "self-catheterization already in use.",
        "- Counselling on urinary retention and willingness and ability to self-catheterize.",
    ]
