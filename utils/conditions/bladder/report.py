"""Bladder's parts of the doctor summary (the hooks: ``utils.documents.blocks``).

Page 1: the diagnosis codes and the bladder diary per 24 h (complete days only, baseline and
after treatment); later: the bladder section (the ``bladder`` switch).
"""

from __future__ import annotations

from typing import Any

from utils.conditions.bladder.metrics import COUNT_LABELS
from utils.documents.pdf import Doc, fmt_date, fmt_num
from utils.evidence import Evidence

DIAGNOSIS = (
    "overactive bladder with urge incontinence: ICD-10-CM N32.81 (overactive bladder), N39.41 "
    "(urge incontinence) or N39.46 (mixed); neurogenic bladder N31.- with the neurologic cause"
)
NEUROGENIC_DIAGNOSIS = (
    "neurogenic detrusor overactivity: ICD-10-CM N31.0, N31.1, N31.8 or N31.9 (neuromuscular "
    "dysfunction of the bladder), together with the code of the neurologic cause (for example "
    "multiple sclerosis, spinal cord injury, spina bifida)"
)
SWITCH = ("bladder", "Bladder section (when tracked)")  # its ReportOptions switch and label


def _b(ev: Evidence) -> Any:
    return ev.by_condition.get("bladder")


def tracked(ev: Evidence) -> bool:
    return _b(ev) is not None


def owns_threshold(name: str) -> bool:
    return name.startswith(("oab_", "bladder_"))


def diagnosis(ev: Evidence) -> tuple[str, str] | None:
    if _b(ev) is None:
        return None
    from utils.conditions.bladder.letters import neurogenic  # the rule sets the evidence used

    return "Diagnosis, for the clinician to confirm:", (
        NEUROGENIC_DIAGNOSIS if neurogenic(ev) else DIAGNOSIS
    )


def _means(values: dict[str, Any]) -> str:
    return ", ".join(
        f"{COUNT_LABELS[k].lower()} {fmt_num(v) if v is not None else 'not recorded'}"
        for k, v in values.items()
    )


def _block_text(block: Any) -> str:
    values = {k: getattr(block, k) for k in COUNT_LABELS}
    return f"{fmt_date(block.start)} to {fmt_date(block.end)}: {_means(values)} per 24 h"


def summary_lines(ev: Evidence) -> list[tuple[str, str]]:
    """Page 1: the bladder diary in numbers, every one over complete days only."""
    b = _b(ev)
    if b is None:
        return []
    out = [
        (
            "Bladder diary (complete days only):",
            f"{b.complete_days} complete of {b.logged_days} logged days; per 24 h: "
            f"{_means(b.per_day)}. Urgency episode: a void rated {b.urgency_level} or more "
            "on the app's 0-4 scale.",
        )
    ]
    if b.baseline is not None:
        text = "Baseline " + _block_text(b.baseline) + "."
        if b.after_treatment is not None:
            text += " After treatment " + _block_text(b.after_treatment) + "."
        if b.urge_leak_change_pct is not None:
            text += f" Urge leaks per day fell by {fmt_num(b.urge_leak_change_pct)}%."
        out.append(("3-day diary blocks:", text))
    if b.retention_reported:
        out.append(
            (
                "Side effect:",
                "the patient logged not being able to pass urine (retention) after treatment.",
            )
        )
    return out


def glossary(ev: Evidence) -> list[str]:
    b = _b(ev)
    return list(b.definitions) if b is not None else []


def section(doc: Doc, ev: Evidence, opts: Any) -> None:
    """The bladder section (the ``bladder`` switch; on unless switched off)."""
    b = _b(ev)
    if b is None or not getattr(opts, SWITCH[0], True):
        return
    doc.h2("Bladder diary")
    doc.label_line(
        "Diary:",
        f"{b.complete_days} complete of {b.logged_days} logged days in the period. Counts use "
        "complete days only (every void and leak of the day logged).",
    )
    doc.label_line("Per 24 h:", _means(b.per_day) + ".")
    if b.blocks:
        doc.label_line("3-day blocks:", f"{len(b.blocks)} up to the end of the period.")
        for block in b.blocks[-6:]:
            doc.para("- " + _block_text(block) + ".", 7.5)
    if b.sessions:
        doc.label_line("Botox bladder sessions:", ", ".join(fmt_date(d) for d in b.sessions) + ".")
    if b.urge_leak_change_pct is not None:
        doc.label_line(
            "Urge leaks:",
            f"{fmt_num(b.baseline.urge_leaks)} per day at baseline, "
            f"{fmt_num(b.after_treatment.urge_leaks)} after treatment: a fall of "
            f"{fmt_num(b.urge_leak_change_pct)}%. The label trials counted a fall of 50% or "
            "more as a response; plans usually ask for benefit without a fixed number.",
        )
    doc.para(
        "Post-void residual, urine tests and willingness to self-catheterize are the "
        "clinician's to record; the diary cannot show them.",
        7,
        "I",
    )
