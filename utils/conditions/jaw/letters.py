"""Jaw's letter paragraphs: an off-label use, the jaw diary month by month and the treatments
tried.

The API every ``letters.py`` part has (``utils.documents.letters`` iterates over it):
``CONDITION_TEXT`` (how a letter names the condition), optionally ``APPROVED_USE`` (the FDA
approved use, for the experimental-treatment answer), ``request_lines(sessions, renewal)``,
``sections(ev, entries)`` (the letter's condition paragraphs) and optionally
``checklist_notes(ev)`` (what the clinician's checklist adds).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from utils.core.treatments import BotoxSession
from utils.documents.letter_parts import (
    drug_lines,
    period_line,
    treatment_lines,
)
from utils.documents.letter_text import doctor, doctor_states
from utils.documents.pdf import fmt_num
from utils.evidence import Evidence

CONDITION_TEXT = "temporomandibular disorder and bruxism (jaw pain, clenching and grinding)"


def request_lines(sessions: Sequence[BotoxSession], renewal: bool) -> tuple[list[str], str]:
    """The service, procedure code, drug and diagnosis lines of the request, and the number of
    treatments asked for."""
    out: list[str] = []
    out.append(
        "- Service: botulinum toxin injections for jaw pain and clenching, "
        + doctor("product, units and muscles (for example masseter and temporalis), schedule")
        + "."
    )
    out.append("- Procedure code: " + doctor("CPT code the office will bill") + ".")
    out += drug_lines(sessions, "for each muscle")
    out.append(
        "- Diagnosis: "
        + doctor("ICD-10-CM, for example M26.6x TMJ disorder or G47.63 sleep bruxism")
        + "."
    )
    count = "the number of treatments and their interval"
    return out, count


def sections(ev: Evidence, entries: Sequence[Any]) -> list[str]:
    j = ev.jaw
    out = ["## Clinical history"]
    out.append(
        "This use is off-label; "
        + doctor_states(
            "why standard treatments are insufficient and the published evidence relied on"
        )
    )
    if j is None:
        return out
    out += ["## Jaw diary", period_line(ev, "jaw")]
    out.append(f"- Jaw pain on {j.pain_days} days (mean pain {fmt_num(j.mean_pain)} of 10).")
    from utils.core.dates import month_label

    for k, v in j.pain_days_by_month.items():
        out.append(f"- {month_label(k)}: jaw pain on {v} days.")
    if j.symptom_days:
        out.append(
            "Symptoms: " + ", ".join(f"{k} on {v} days" for k, v in j.symptom_days.items()) + "."
        )
    if j.clenching_days:
        out.append(
            "Clenching or grinding: "
            + ", ".join(f"{k} on {v} days" for k, v in j.clenching_days.items())
            + "."
        )
    out += ["## Treatments tried", *treatment_lines(ev, entries, "jaw")]
    out += ["## Functional impact"]
    out.append(doctor_states("impact on eating, sleep, work and any dental damage observed"))
    return out
