"""What the "Your case" page shows per condition, prepared from the evidence (no recounting).

The page only lays these views out; every number and sentence comes from ``Evidence``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from utils.core.diary_rows import per_rows
from utils.evidence import Evidence
from utils.rules.engine import FOR_CLINICIAN, MET, MISSING, NOT_MET, CriterionResult, RuleSetResult

CASE_WINDOW_DAYS = 365

STATUS = {
    MET: (":material/check_circle:", "Met"),
    NOT_MET: (":material/cancel:", "Not met"),
    MISSING: (":material/help:", "Missing data"),
    FOR_CLINICIAN: (":material/stethoscope:", "For the clinician"),
}


def case_window(today: dt.date, first_day: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The period the case is checked over: the last 12 months, today included, or from the
    first diary day when the diary is younger (so a new diary is not judged on days before it)."""
    start = today - dt.timedelta(days=CASE_WINDOW_DAYS - 1)
    if first_day is not None and start < first_day <= today:
        start = first_day
    return start, today


@per_rows  # once per revision for the cached rows (a rerun does not scan the diary again)
def first_diary_day(rows) -> dt.date | None:
    """The first day with a daily diary entry (treatment history may be older): an entry of a
    condition's ``entry_kinds`` (registry)."""
    from utils import conditions

    diary_kinds = {k for spec in conditions.all_specs() for k in spec.entry_kinds}
    days = [r.day for r in rows if r.kind in diary_kinds]
    return min(days) if days else None


SINCE_START, LAST_12, CUSTOM = "since_start", "last_12_months", "custom"
REPORT_PERIODS = {
    SINCE_START: "Since the diary began",
    LAST_12: "Last 12 months",
    CUSTOM: "Custom dates",
}


def report_window(
    choice: str,
    today: dt.date,
    first_day: dt.date | None,
    custom: tuple[dt.date, dt.date] | None = None,
) -> tuple[dt.date, dt.date]:
    """The period of the documents: since the first diary day (the default), the last 12 months
    (the home page's window) or a custom range. Always within the diary and up to today."""
    if choice == LAST_12:
        return case_window(today, first_day)
    if choice == CUSTOM and custom is not None:
        start, end = custom
        end = min(end, today)
        return min(start, end), end
    return (first_day if first_day is not None and first_day <= today else today), today


@dataclass(frozen=True)
class ItemView:
    icon: str
    status_text: str
    question: str
    evidence: str
    gap: str | None


@dataclass(frozen=True)
class ChecklistView:
    title: str
    summary: str
    items: tuple[ItemView, ...]
    sources: str


@dataclass(frozen=True)
class ConditionView:
    condition: str
    logged_line: str
    key_numbers: list[dict[str, object]] | None
    checklists: tuple[ChecklistView, ...]
    note: str | None
    next_steps: tuple[str, ...]


def _item(c: CriterionResult) -> ItemView:
    icon, text = STATUS.get(c.status, (":material/help:", c.status))
    return ItemView(icon, text, c.question, c.evidence, c.gap)


def _checklist(rs: RuleSetResult) -> ChecklistView:
    sources = sorted({c.source for c in rs.criteria if c.source})
    return ChecklistView(
        title=rs.title,
        summary=rs.summary,
        items=tuple(_item(c) for c in rs.criteria),
        sources=(
            "Commonly required; sources: "
            + "; ".join(sources)
            + f". Last checked {rs.last_checked}."
        ),
    )


def condition_view(evidence: Evidence, condition: str) -> ConditionView:
    comp = evidence.completeness
    logged = comp.logged_days.get(condition, 0)
    logged_line = f"{logged} of {comp.days_in_period} days logged in this window."
    from utils import conditions

    part = conditions.part(condition, "evidence")
    key_numbers = getattr(part, "key_numbers", None)
    case_note = getattr(part, "case_note", None)
    numbers = key_numbers(evidence) if key_numbers is not None else None
    lists = tuple(
        _checklist(rs)
        for rs in evidence.checklists
        if rs.condition == condition and rs.applies and rs.criteria
    )
    note = case_note(evidence) if case_note is not None else None
    return ConditionView(
        condition=condition,
        logged_line=logged_line,
        key_numbers=numbers,
        checklists=lists,
        note=note,
        next_steps=tuple(evidence.next_steps.get(condition, ())),
    )


def general_next_steps(evidence: Evidence, has_entries: bool) -> str:
    """Markdown bullets for what to do next, from the gaps the engine found."""
    if not has_entries:
        return (
            "- Log every day, including good days: insurers look at whole months.\n"
            "- Record the treatments you have already tried, with dates and how they ended.\n"
            "- Read the Insurance guide to see what your plan is likely to ask for."
        )
    steps = [
        "- Keep logging daily; the more complete the months, the stronger the case.",
    ]
    if any(c.status != MET for rs in evidence.checklists if rs.applies for c in rs.criteria):
        steps.append(
            "- Close the gaps listed above, then take the doctor summary (Reports & letters) to your next visit."
        )
    else:
        steps.append(
            "- Every check is met: download the doctor summary (Reports & letters) for your visit."
        )
    steps.append("- Open a coverage case to track the pre-authorization and its deadlines.")
    return "\n".join(steps)
