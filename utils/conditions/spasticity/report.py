"""Spasticity's parts of the doctor summary (the hooks: ``utils.documents.blocks``).

Page 1: the diagnosis line (the cause is coded, not "spasticity"), the key numbers and the
response, and per month the mean stiffness, hard-task days and therapy days; later: the
spasticity section (the ``spasticity`` switch), the glossary (Modified Ashworth, goal
attainment, the day definitions) and the Ashworth response of each session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from utils.documents.blocks import trials
from utils.documents.pdf import Doc, fmt_date, fmt_num
from utils.evidence import Evidence

DIAGNOSIS = (
    "spasticity has no ICD-10-CM code of its own: code the cause and the limb, for example "
    "I69.351-I69.354 hemiplegia after a stroke, G81.1- spastic hemiplegia, G80.- cerebral "
    "palsy, G35.- multiple sclerosis, G82.- / G83.- paraplegia, tetraplegia, monoplegia"
)
CHILD_NOTE = (
    "A child's profile, kept by a parent or carer. For children the label's limits are per "
    "kilogram of body weight and lower than for adults; the clinician sets them (this summary "
    "names no dose). Children treated for spasticity are at the highest risk of the toxin's "
    "effect spreading: trouble swallowing, speaking or breathing, or weakness all over needs "
    "care at once."
)


SWITCH = ("spasticity", "Spasticity section (when tracked)")  # its ReportOptions switch and label


def _s(ev: Evidence) -> Any:
    return ev.by_condition.get("spasticity")


def tracked(ev: Evidence) -> bool:
    return _s(ev) is not None


def owns_threshold(name: str) -> bool:
    return name.startswith(("spasticity_", "spas_"))


def diagnosis(ev: Evidence) -> tuple[str, str] | None:
    if _s(ev) is None:
        return None
    return "Diagnosis, for the clinician to code:", DIAGNOSIS


def summary_lines(ev: Evidence) -> list[tuple[str, str]]:
    s = _s(ev)
    if s is None:
        return []
    out = [
        (
            "Spasticity diary:",
            f"mean stiffness {fmt_num(s.mean_stiffness) if s.mean_stiffness is not None else '-'}"
            f"/10; hard tasks on {s.hard_task_days} of {s.logged_days} logged days; "
            f"{s.falls} falls; stretching or therapy on {s.therapy_days} days "
            f"({s.therapy_minutes} minutes).",
        )
    ]
    response = response_text(s)
    if response:
        out.append(("Response (latest session):", response))
    if s.age_group == "child":
        out.append(("Child:", CHILD_NOTE))
    return out


def response_text(s: Any) -> str:
    parts = []
    if s.mas_responder is not None:
        parts.append(
            "Modified Ashworth down 1 grade or more in a target muscle"
            if s.mas_responder
            else "Modified Ashworth not down by 1 grade in the target muscles"
        )
    if s.goals:
        parts.append(
            f"{s.goals_met} of {len(s.goals)} goals met as expected or better "
            f"(T-score {fmt_num(s.gas_t_score)})"
        )
    if s.stiffness_change_pct is not None:
        parts.append(
            f"stiffness {fmt_num(s.stiffness_before)} before, {fmt_num(s.stiffness_after)} "
            f"after ({s.stiffness_change_pct:+g}%)"
        )
    return "; ".join(parts) + "." if parts else ""


def monthly_shown(ev: Evidence) -> bool:
    return _s(ev) is not None


def monthly(
    ev: Evidence, keys: Sequence[str]
) -> tuple[list[str], list[float], list[list[Any]]] | None:
    s = _s(ev)
    if s is None:
        return None
    rows: list[list[Any]] = []
    for k in keys:
        if not s.logged_days_by_month.get(k, 0):
            rows.append(["not logged"] * 3)  # never 0 for a month without entries
            continue
        stiff = s.stiffness_by_month.get(k)
        rows.append(
            [
                fmt_num(stiff) if stiff is not None else "-",
                s.hard_task_days_by_month.get(k, 0),
                s.therapy_days_by_month.get(k, 0),
            ]
        )
    return ["Mean stiffness", "Hard-task days", "Therapy days"], [18, 18, 16], rows


def glossary(ev: Evidence) -> list[str]:
    s = _s(ev)
    if s is None:
        return []
    return [
        "Modified Ashworth Scale (Bohannon & Smith 1987): the clinician's grade of muscle tone, "
        "0, 1, 1+, 2, 3, 4; copied from the clinician's form, never self-rated. Down by 1 grade "
        "in a target muscle is a responder definition used in trials, not a payer number.",
        "Goal attainment scaling (Kiresuk & Sherman): each goal scored -2 to +2 at the visit, 0 "
        "being the expected outcome; T-score 50 or more: goals met as expected on average.",
        *s.definitions,
    ]


def session_responses(ev: Evidence) -> dict[dt.date, str]:
    s = _s(ev)
    if s is None:
        return {}
    out: dict[dt.date, str] = {}
    for session in s.sessions:
        changes = [c for c in s.ashworth_changes if c.session == session]
        judged = [c for c in changes if c.target] or changes
        if judged:
            out[session] = "Modified Ashworth " + ", ".join(
                f"{c.side} {c.muscle_group} {c.before} to {c.after}" for c in judged
            )
    return out


def section(doc: Doc, ev: Evidence, opts: Any) -> None:
    """The spasticity section (the ``spasticity`` switch)."""
    s = _s(ev)
    if s is None or not getattr(opts, SWITCH[0], True):
        return
    doc.h2("Spasticity")
    n = ev.completeness.days_in_period
    doc.label_line(
        "Diary:",
        f"{s.logged_days} of {n} days logged ({s.normal_days} normal days); mean stiffness "
        f"{fmt_num(s.mean_stiffness) if s.mean_stiffness is not None else '-'}/10, mean pain "
        f"{fmt_num(s.mean_pain) if s.mean_pain is not None else '-'}/10; spasms on "
        f"{s.spasm_days} days; {s.falls} falls; splint or brace worn on {s.splint_days} days.",
    )
    if s.hard_task_days_by_task:
        doc.label_line(
            "Hard tasks:",
            ", ".join(f"{k} on {v} days" for k, v in s.hard_task_days_by_task.items()) + ".",
        )
    doc.label_line(
        "Rehabilitation:",
        f"stretching or therapy on {s.therapy_days} days, {s.therapy_minutes} minutes"
        + (f"; last on {fmt_date(s.last_therapy_day)}" if s.last_therapy_day else "")
        + ".",
    )
    if s.warning_sign_days:
        doc.label_line(
            "Warning signs logged:",
            ", ".join(fmt_date(d) for d in s.warning_sign_days)
            + " (swallowing, speech, breathing or weakness all over).",
        )
    if s.oral_agents:
        trials(doc, "Oral anti-spasticity medicines", "Medicine", s.oral_agents)
    if s.other_treatments:
        trials(doc, "Other spasticity treatments", "Treatment", s.other_treatments)
    if s.ashworth:
        doc.h3("Modified Ashworth grades (from the clinician)")
        doc.grid(
            ("Date", "Side", "Muscle group", "Grade", "Target"),
            [
                (fmt_date(g.date), g.side, g.muscle_group, g.grade, "yes" if g.target else "")
                for g in s.ashworth
            ],
            (22, 16, 90, 16, 16),
            6.8,
        )
    if s.goals:
        doc.h3("Goals and their latest attainment score (from the clinician)")
        doc.grid(
            ("Goal", "Scored on", "Score"),
            [(g.goal, fmt_date(g.date), f"{g.score:+d}") for g in s.goals],
            (120, 25, 15),
            6.8,
        )
    response = response_text(s)
    if response:
        doc.label_line("Response:", response)
    if s.age_group == "child":
        doc.para(CHILD_NOTE, 7, "I")
    doc.para(
        "Botox does not replace therapy; it is not shown to help a joint with a fixed "
        "contracture (for the clinician to state).",
        7,
        "I",
    )
