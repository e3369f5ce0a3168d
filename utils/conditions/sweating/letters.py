"""Sweating's letter paragraphs: clinical history, the sweating diary and history, topical
treatments, HDSS assessments and the HDSS response to Botox.

The API every ``letters.py`` part has (``utils.documents.letters`` iterates over it):
``CONDITION_TEXT`` (how a letter names the condition), optionally ``APPROVED_USE`` (the FDA
approved use, for the experimental-treatment answer), ``request_lines(sessions, renewal)``,
``sections(ev, entries)`` (the letter's condition paragraphs) and optionally
``checklist_notes(ev)`` (what the clinician's checklist adds).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from utils.conditions.sweating.metrics import PRIMARY_FEATURES
from utils.core.questionnaires import HdssAssessment
from utils.core.treatments import BotoxSession
from utils.documents.letter_parts import (
    criteria_sections,
    date_text,
    drug_lines,
    period_line,
    recordings,
    treatment_lines,
)
from utils.documents.letter_text import doctor, doctor_states
from utils.evidence import Evidence

CONDITION_TEXT = "primary focal hyperhidrosis (excessive sweating)"
APPROVED_USE = "severe primary axillary hyperhidrosis not adequately managed with topical agents"


def request_lines(sessions: Sequence[BotoxSession], renewal: bool) -> tuple[list[str], str]:
    """The service, procedure code, drug and diagnosis lines of the request, and the number of
    treatments asked for."""
    out: list[str] = []
    out.append(
        "- Service: onabotulinumtoxinA (Botox) intradermal injections for severe primary "
        "axillary hyperhidrosis, " + doctor("50 units per underarm, or the sites and doses") + "."
    )
    out.append(
        "- Procedure code: CPT 64650 (both underarms); "
        + doctor(
            "64653 for other areas such as the face or scalp; 64999 (unlisted) for the "
            "palms or soles"
        )
        + "."
    )
    out += drug_lines(sessions, "100 for both underarms")
    out.append(
        "- Diagnosis: "
        + doctor("ICD-10-CM L74.510 underarms, L74.511 face, L74.512 palms, L74.513 soles")
        + "."
    )
    count = "the number of treatments and their interval over 12 months"
    return out, count


def sections(ev: Evidence, entries: Sequence[Any]) -> list[str]:
    s = ev.sweating
    out = ["## Clinical history"]
    out.append(
        "The patient has primary focal hyperhidrosis; "
        + doctor_states("that secondary causes were excluded, and how")
    )
    out += criteria_sections(ev, "sweating")
    if s is None:
        return out
    b = s.baseline or {}
    out += ["## Sweating history and diary", period_line(ev, "sweating")]
    if s.symptom_days:
        dist = s.hdss_distribution
        out.append(
            f"- Days with sweating: {s.symptom_days}. HDSS on sweating days: grade 3 on "
            f"{dist.get('3', 0)} days, grade 4 on {dist.get('4', 0)} days."
        )
    sites = ", ".join(b.get("sites") or []) or doctor("sites")
    duration = (
        f"{s.duration_months} months" if s.duration_months is not None else doctor("duration")
    )
    out.append(f"Sites: {sites}. Duration: {duration}.")
    yes = [PRIMARY_FEATURES[k] for k in s.features_yes]
    if yes:
        out.append(
            f"Features of primary focal hyperhidrosis reported ({len(yes)} of 6): {', '.join(yes)}."
        )
    if s.skin_problem_days:
        out.append(
            "Skin complications: "
            + ", ".join(f"{k} on {v} days" for k, v in s.skin_problem_days.items())
            + "."
        )
    out += ["## Topical and other treatments tried", *treatment_lines(ev, entries, "sweating")]
    out += ["## Functional impact"]
    out += _hdss_history(ev, entries)
    out.append(
        doctor_states("impact on work, social life and skin as observed; HDSS assessed in clinic")
    )
    changes = [c for c in s.hdss_changes if c.drop is not None and c.response]
    if changes:
        out += ["## Response to Botox (baseline against now)"]
        for c in changes:
            out.append(
                f"- Session on {date_text(c.session)}: {c.note}; a fall of {c.drop:g} grade"
                f"{'s' if c.drop != 1 else ''} (a response: 2 grades or more)."
            )
    return out


def _hdss_history(ev: Evidence, entries: Sequence[Any]) -> list[str]:
    rows = recordings(ev, entries, HdssAssessment, "hdss")
    out = []
    for i, h in enumerate(rows):
        tag = " (baseline)" if i == 0 and len(rows) > 1 else ""
        out.append(f"- HDSS on {date_text(h.date)}{tag}: grade {h.score} of 4 ({h.timing}).")
    return out


def checklist_notes(ev: Evidence) -> list[str]:
    return [
        "## Codes",
        "R61 (generalized sweating) and L74.52 (secondary focal hyperhidrosis) usually do "
        "not support Botox; the primary focal codes L74.510 to L74.519 do.",
    ]
