"""Neck (cervical dystonia) letter paragraphs: clinical history, the criteria met, the neck
diary month by month, the clinician's scale totals, and the response and wearing-off after each
session (for the interval).

The API every ``letters.py`` part has: see ``utils/conditions/jaw/letters.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

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
from utils.metrics import month_label
from utils.models import BotoxSession

if TYPE_CHECKING:
    from utils.conditions.neck.metrics import NeckScore

CONDITION_TEXT = (
    "cervical dystonia (involuntary neck muscle contractions turning or tilting the head)"
)
APPROVED_USE = "adults with cervical dystonia, to lessen the abnormal head position and neck pain"


def request_lines(sessions: Sequence[BotoxSession], renewal: bool) -> tuple[list[str], str]:
    """The service, procedure code, drug and diagnosis lines of the request, and the number of
    treatments asked for."""
    out = [
        "- Service: onabotulinumtoxinA (Botox) injections into the neck muscles for cervical "
        "dystonia, " + doctor("product, units and muscles, and whether EMG guidance is used") + ".",
        "- Procedure code: CPT 64616 (neck muscles, one side; "
        + doctor("modifier 50 when both sides, and 95873 or 95874 for guidance")
        + ").",
    ]
    out += drug_lines(sessions, "individualized by the clinician")
    out.append("- Diagnosis: ICD-10-CM G24.3 (spasmodic torticollis), " + doctor("confirmed") + ".")
    return out, "treatments no more often than every 12 weeks over 12 months"


def _score(s: NeckScore) -> str:
    return f"{s.scale} total {fmt_num(s.total)} on {date_text(s.date)} ({s.timing})"


def sections(ev: Evidence, entries: Sequence[Any]) -> list[str]:
    neck = ev.by_condition.get("neck")
    out = ["## Clinical history"]
    out.append(
        "The patient has cervical dystonia; "
        + doctor_states(
            "the head posture, the muscles involved and that other causes were excluded"
        )
    )
    out.append(
        "Botulinum toxin injection is the first-line treatment for cervical dystonia; no earlier "
        "medicine is needed under most plans."
    )
    out += criteria_sections(ev, "neck")
    if neck is None:
        return out
    out += ["## Neck diary", period_line(ev, "neck")]
    out.append(
        f"- Neck pain on {neck.pain_days} of {neck.logged_days} logged days (mean pain "
        f"{fmt_num(neck.mean_pain)} of 10; mean pull {fmt_num(neck.mean_pull)} of 3, none 0 to "
        f"severe 3); an activity stopped on {neck.limit_days} days."
    )
    for m in neck.months:
        if m.logged_days:
            out.append(
                f"- {month_label(m.month)}: mean pain {fmt_num(m.mean_pain)}, an activity "
                f"stopped on {m.limit_days} of {m.logged_days} logged days."
            )
    if neck.limit_days_by_activity:
        out.append(
            "Activities stopped: "
            + ", ".join(f"{k} on {v} days" for k, v in neck.limit_days_by_activity.items())
            + "."
        )
    out += ["## Treatments tried", *treatment_lines(ev, entries, "neck")]
    out += ["## Rating scale (clinician's totals)"]
    if neck.baseline_scale is not None:
        out.append(f"- Baseline: {_score(neck.baseline_scale)}.")
    if neck.latest_scale is not None and neck.latest_scale != neck.baseline_scale:
        out.append(f"- Latest: {_score(neck.latest_scale)}.")
    if neck.baseline_scale is None:
        out.append(doctor_states("the TWSTRS or Tsui total before treatment"))
    if neck.cycles:
        out += ["## Response to Botox and when it wears off"]
        for c in neck.cycles:
            line = (
                f"- Session on {date_text(c.session)}: mean pain {fmt_num(c.before.mean_pain)} "
                f"in the 28 days before, {fmt_num(c.after.mean_pain)} in days 14-42 after; mean "
                f"pull {fmt_num(c.before.mean_pull)} before, {fmt_num(c.after.mean_pull)} after"
            )
            if c.wearing_off is not None:
                line += (
                    f"; symptoms returning from {date_text(c.wearing_off)} "
                    f"({fmt_num(c.weeks_to_wearing_off)} weeks after the session)"
                )
            out.append(line + ".")
        pattern = wearing_off_pattern(neck)
        if pattern:
            out.append("Wearing-off pattern (the weeks before each next session):")
            out += [f"- {line}" for line in pattern]
    out += ["## Functional impact"]
    out.append(doctor_states("the effect on posture, pain and daily function observed in clinic"))
    return out


def wearing_off_pattern(neck: Any) -> list[str]:
    """The wearing-off pattern, one line per session followed by another: the symptoms in days
    14-42 after it (full effect) against the 28 days before the next session (the next cycle's
    'before' window: the effect wearing off), and the wearing-off day the patient marked. The
    numbers are the evidence's cycles; nothing is recounted."""
    out = []
    for c, nxt in zip(neck.cycles, neck.cycles[1:], strict=False):
        line = (
            f"Session on {date_text(c.session)}: mean pain {fmt_num(c.after.mean_pain)}, pull "
            f"{fmt_num(c.after.mean_pull)} in days 14-42 after it ({c.after.logged_days} days "
            f"logged); mean pain {fmt_num(nxt.before.mean_pain)}, pull "
            f"{fmt_num(nxt.before.mean_pull)} in the 28 days before the next session on "
            f"{date_text(nxt.session)} ({nxt.before.logged_days} days logged)"
        )
        if c.wearing_off is not None:
            line += (
                f"; marked wearing off on {date_text(c.wearing_off)}, "
                f"{fmt_num(c.weeks_to_wearing_off)} weeks after the session"
            )
        out.append(line + ".")
    return out
