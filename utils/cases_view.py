"""What the Coverage cases page shows, worked out without Streamlit (tested directly).

The page reads widgets and draws; this module picks the case form's defaults, turns submitted
values into a case, and writes the page's text: the case's facts and stages, the denial, the
step labels, each deadline's colour and note, the call log's table and labels. Case rules
themselves stay in ``utils.cases`` and ``utils.deadlines``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from utils import conditions
from utils.cases import (
    DENIAL_CATEGORIES,
    OVERRIDE_LABELS,
    PLAN_TYPES,
    STAGE_DATE_LABELS,
    STAGES,
    CoverageCase,
)
from utils.safe_text import md
from utils.storage.rows import StoredEntry

NEW = 0  # the case picker's "+ Open a new case"
OUTCOMES = ["", "approved", "denied"]
DENIAL_CHOICES = ["", *DENIAL_CATEGORIES]


def case_rows(
    rows: Iterable[StoredEntry],
) -> tuple[dict[int, StoredEntry], list[Any]]:
    """(the profile's cases by id, its Botox sessions) from its case, call and session rows."""
    rows = list(rows)
    cases = {r.id: r for r in rows if r.kind == "coverage_case"}
    sessions = [r.entry for r in rows if r.kind == "botox_session"]
    return cases, sessions


def calls_of(rows: Iterable[StoredEntry], case_id: int) -> list[StoredEntry]:
    """The case's calls, newest first."""
    return sorted(
        (r for r in rows if r.kind == "case_call" and r.entry.case_id == case_id),  # type: ignore[attr-defined]
        key=lambda r: (r.day, r.id),
        reverse=True,
    )


def case_option(cases: dict[int, StoredEntry], case_id: int) -> str:
    """The case picker's label of ``case_id`` (or of ``NEW``)."""
    if case_id == NEW:
        return "+ Open a new case"
    entry = cases[case_id].entry
    return f"{entry.title()} · {entry.stage_label()}"  # type: ignore[attr-defined]


def form_defaults(
    case: CoverageCase | None, profile_conditions: Sequence[str], today: dt.date
) -> dict[str, Any]:
    """The case form's starting values: the case's own, or those of a new case (the profile's
    first condition, else the first registered one, an employer plan, opened today, nothing else recorded)."""
    if case is not None:
        out: dict[str, Any] = {
            name: getattr(case, name)
            for name in (
                "condition",
                "insurer",
                "plan_type",
                "self_funded",
                "member_id",
                "reference_number",
                "urgent",
                "post_service",
                "stage",
                "denial_reason",
                "notes",
                *STAGE_DATE_LABELS,
            )
        }
        out["outcome"] = case.outcome or ""
        out["denial_category"] = case.denial_category or ""
        return out
    out = {
        "condition": next(iter(profile_conditions), None) or conditions.keys()[0],
        "insurer": "",
        "plan_type": "employer",
        "self_funded": False,
        "member_id": "",
        "reference_number": "",
        "urgent": False,
        "post_service": False,
        "stage": "gathering",
        "outcome": "",
        "denial_category": "",
        "denial_reason": "",
        "notes": "",
    }
    for name in STAGE_DATE_LABELS:
        out[name] = today if name == "opened" else None
    return out


def outcome_label(outcome: str) -> str:
    return outcome.capitalize() if outcome else "not decided yet"


def denial_choice_label(category: str) -> str:
    return DENIAL_CATEGORIES.get(category, "not denied / not known")


def case_values(values: dict[str, Any], case: CoverageCase | None) -> dict[str, Any]:
    """The submitted form's values as case fields: empty choices become None, and an edited
    case keeps its documents and its dates from letters (they have their own forms)."""
    v = dict(values)
    v["outcome"] = v["outcome"] or None
    v["denial_category"] = v["denial_category"] or None
    if case is not None:
        for field in ("documents", *OVERRIDE_LABELS):
            v[field] = getattr(case, field)
    return v


def facts_line(case: CoverageCase) -> str:
    """Plan type, self-funded, member and reference numbers (user text escaped), urgent."""
    facts = [PLAN_TYPES[case.plan_type]]
    if case.self_funded:
        facts.append("self-funded")
    if case.member_id:
        facts.append(f"member {md(case.member_id)}")
    if case.reference_number:
        facts.append(f"reference {md(case.reference_number)}")
    if case.urgent:
        facts.append("urgent")
    return " · ".join(facts)


def stages_text(case: CoverageCase) -> str:
    """The stages reached with their dates, then where the case stands now (Markdown)."""
    reached = {label: day for label, day in case.stage_dates()}
    return (
        "  \n".join(
            f":material/check_circle: **{label}**: {day:%d %b %Y}" for label, day in reached.items()
        )
        + f"  \n:material/arrow_forward: Now: **{case.stage_label()}**"
    )


def denial_text(case: CoverageCase) -> str | None:
    """The denial reason (category, then the letter's words, escaped), once denied."""
    if not (case.denied_on and case.denial_category):
        return None
    reason = DENIAL_CATEGORIES[case.denial_category]
    return f"**Denial reason:** {reason}" + (
        f": {md(case.denial_reason)}" if case.denial_reason else ""
    )


def step_label(case: CoverageCase, stage: str) -> str:
    """A next step's label: a denial during the internal appeal is the final internal denial."""
    if stage == "denied" and case.stage == "internal_appeal":
        return "Appeal refused (final internal denial)"
    return STAGES[stage]


def denial_index(case: CoverageCase) -> int:
    """The step recorder's denial reason: the case's own, else the first."""
    categories = list(DENIAL_CATEGORIES)
    return categories.index(case.denial_category) if case.denial_category else 0


def deadline_colour(days_left: int) -> str:
    """Red once past, orange within two weeks, green before."""
    return "red" if days_left < 0 else "orange" if days_left <= 14 else "green"


def deadline_heading(d: Any) -> str:
    badge = " · :blue-badge[from your letter]" if d.overridden else ""
    return f"**{d.title}**{badge}  \n{d.due:%A %d %B %Y}"


def deadline_note(d: Any) -> str:
    """The rule and its source under a deadline; with a date from a letter, the usual one too."""
    note = f"Rule: {d.rule} Source: {d.source}, last checked {d.last_checked}."
    if d.overridden and d.computed:
        note += f" The usual rule would give {d.computed:%d %b %Y}; your letter wins."
    return note


def documents_progress(case: CoverageCase, total: int) -> str:
    return f"{len(case.documents)} of {total} ready."


def calls_table(calls: Sequence[StoredEntry]) -> dict[str, list[Any]]:
    """The call log's columns."""
    return {
        "Date": [r.entry.date for r in calls],  # type: ignore[attr-defined]
        "Spoke with": [r.entry.spoke_with for r in calls],  # type: ignore[attr-defined]
        "Reference": [r.entry.reference_number for r in calls],  # type: ignore[attr-defined]
        "What was said": [r.entry.said for r in calls],  # type: ignore[attr-defined]
        "Follow up": [r.entry.follow_up_on for r in calls],  # type: ignore[attr-defined]
    }


def call_label(calls: Sequence[StoredEntry], call_id: int) -> str:
    """A call in the 'remove a call' picker: its date and the start of what was said."""
    return next(
        f"{r.entry.date:%d %b %Y}: {r.entry.said[:60]}"  # type: ignore[attr-defined]
        for r in calls
        if r.id == call_id
    )
