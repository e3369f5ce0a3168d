"""Jaw's parts of the doctor summary (the hooks: ``utils.documents.blocks``).

Page 1: the diagnosis codes and jaw pain days per month; later: the jaw section (the ``jaw``
switch).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from utils.documents.blocks import trials
from utils.documents.pdf import Doc, fmt_date, fmt_num
from utils.evidence import Evidence

DIAGNOSIS = (
    "temporomandibular disorder or bruxism: ICD-10-CM M26.6x (TMJ disorder), G47.63 (sleep bruxism)"
)

SWITCH = ("jaw", "Jaw section (when tracked)")  # its ReportOptions switch and label


def tracked(ev: Evidence) -> bool:
    return ev.jaw is not None


def diagnosis(ev: Evidence) -> tuple[str, str]:
    return "Diagnosis, for the clinician to confirm:", DIAGNOSIS


def monthly_shown(ev: Evidence) -> bool:
    return ev.jaw is not None


def monthly(
    ev: Evidence, keys: Sequence[str]
) -> tuple[list[str], list[float], list[list[Any]]] | None:
    j = ev.jaw
    if j is None:
        return None
    # A month with no jaw entry says "not logged", never 0 days.
    rows: list[list[Any]] = [
        [j.pain_days_by_month.get(k, 0) if j.logged_days_by_month.get(k, 0) else "not logged"]
        for k in keys
    ]
    return ["Jaw pain days"], [18], rows


def section(doc: Doc, ev: Evidence, opts: Any) -> None:
    """The jaw section (the ``jaw`` switch)."""
    if getattr(opts, SWITCH[0]):
        _jaw(doc, ev)


def _jaw(doc: Doc, ev: Evidence) -> None:
    j = ev.jaw
    if j is None:
        return
    doc.h2("Jaw (TMJ disorder, bruxism)")
    n = ev.completeness.days_in_period
    doc.label_line(
        "Diary:",
        f"{j.logged_days} of {n} days logged; jaw pain on {j.pain_days} days "
        f"(mean pain {fmt_num(j.mean_pain)} of 10).",
    )
    if j.symptom_days:
        doc.label_line(
            "Symptoms:", ", ".join(f"{k} on {v} days" for k, v in j.symptom_days.items()) + "."
        )
    if j.clenching_days:
        doc.label_line(
            "Clenching or grinding:",
            ", ".join(f"{k} on {v} days" for k, v in j.clenching_days.items()) + ".",
        )
    if j.treatments:
        trials(doc, "Jaw treatments", "Treatment", j.treatments)
    if j.sessions:
        doc.label_line("Botox sessions for the jaw:", ", ".join(fmt_date(d) for d in j.sessions))
    doc.para(
        "Botox for jaw pain is off-label; plans usually judge it experimental. The diary and the "
        "list of treatments tried are what an appeal rests on.",
        7,
        "I",
    )
