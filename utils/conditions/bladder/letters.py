"""Bladder's letter paragraphs: overactive bladder with urge leaks, the 3-day diary blocks, the
medicines tried and the fall in urge leaks after treatment.

The ``letters`` part API: see ``utils/conditions/jaw/letters.py``.
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

CONDITION_TEXT = "overactive bladder with urge urinary incontinence"
APPROVED_USE = (
    "overactive bladder with urge urinary incontinence, urgency and frequency in adults who "
    "have an inadequate response to or are intolerant of an anticholinergic medication (and "
    "for urinary incontinence from detrusor overactivity with a neurologic condition)"
)


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
    out.append(
        "The patient has overactive bladder with urge incontinence; "
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
    if b.after_treatment is not None and b.urge_leak_change_pct is not None:
        out += ["## Response to Botox (baseline against now)"]
        out.append(
            f"- After treatment (3-day diary) {_block(b.after_treatment)}: urge leaks fell by "
            f"{fmt_num(b.urge_leak_change_pct)}% against the baseline."
        )
    return out


def checklist_notes(ev: Evidence) -> list[str]:
    return [
        "## Bladder items only the clinician can record",
        "- Urinalysis (no active infection) and any culture.",
        "- Post-void residual in mL, date and method; plans commonly expect under 200 mL or "
        "self-catheterization already in use.",
        "- Counselling on urinary retention and willingness and ability to self-catheterize.",
    ]
