"""Building blocks of the doctor summary shared by its sections and the condition parts.

The summary asks each condition for its parts through ``report_parts()`` (the modules
``utils/conditions/<key>/report.py``, in display order), at run time. Every hook is optional; a
condition defines those it needs (each reads the ``Evidence`` object only; what the engine does
not summarise, such as questionnaire items, comes from the entries as written, ``ev.record``; an
``entries`` argument is kept for the callers and never read):

- ``diagnosis(ev) -> (label, text) | None``: its line on page 1 when the condition is tracked;
- ``completeness_notes(ev) -> list[str]``: gaps it adds to page 1's completeness line;
- ``score_rows(ev, entries) -> list[(score, baseline, latest)]`` and ``SCORE_NOTE``: its scores
  on page 1, with the note explaining them;
- ``summary_lines(ev) -> list[(label, text)]``: lines on page 1 after the scores;
- ``monthly_shown(ev)``, ``monthly(ev, keys) -> (headings, widths, rows) | None`` and
  ``monthly_note(ev) -> str | None``: its columns in the key numbers per month; with
  ``monthly_all(ev) -> True`` a period longer than the summary's months gets every month in a
  later section;
- ``tracked(ev)``, ``owns_threshold(name)``, ``PLAIN_VALUES``, ``PLAIN_LABELS``: the thresholds
  it owns (printed only when tracked) and setting values in plain words;
- ``definitions(ev) -> list[str] | None`` (the day definitions it replaces the general one
  with) and ``glossary(ev) -> list[str]``, ``ABBREVIATIONS``: the definitions section;
- ``session_responses(ev) -> {date: text}`` and ``after_sessions(doc, ev)``: the response of its
  Botox sessions, and what follows the sessions table;
- ``questionnaires(ev, entries) -> list[draw(doc)]``: its tables in the questionnaires section;
- ``section(doc, ev, opts)``: its own section after the questionnaires (each reads its switch
  in ``ReportOptions``);
- ``appendix_column(ev) -> (heading, status(day)) | None``: the day-by-day appendix's status.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from utils.core.dates import month_bounds, month_key, month_label, next_month_key
from utils.core.entries import CONDITIONS
from utils.core.treatments import OUTCOMES
from utils.documents.pdf import FONT, Doc, XPos, YPos, clean, fmt_date
from utils.evidence import Evidence
from utils.rules.engine import FOR_CLINICIAN, MET, MISSING, NOT_MET, RuleSetResult

STATUS_TEXT = {
    MET: "\u2713 met",
    NOT_MET: "\u2717 not met",
    MISSING: "? missing data",
    FOR_CLINICIAN: "\u2192 for the clinician",
}
MISSING_TEXT = "? missing data"
SUMMARY_MONTHS = 12


def status_text(status: str) -> str:
    """A status in words; a status this module does not know is printed as itself."""
    return STATUS_TEXT.get(status, "\u2022 " + str(status).replace("_", " "))


def report_parts() -> list[ModuleType]:
    """Every condition's ``report`` part, in display order."""
    from utils import conditions

    return [module for _, module in conditions.parts("report")]


def hooks(name: str) -> list[Any]:
    """The hook ``name`` of every condition part that has it, in display order."""
    return [getattr(m, name) for m in report_parts() if hasattr(m, name)]


def part_of(condition: str) -> ModuleType | None:
    """The ``report`` part of ``condition`` (None for a condition without one)."""
    from utils import conditions

    try:
        return conditions.part(condition, "report")
    except KeyError:
        return None


def renewal_of() -> dict[str, str]:
    """``{renewal rule set: first-authorization rule set}`` of every condition that has both."""
    from utils import conditions

    return {
        pair[1]: pair[0]
        for spec in conditions.all_specs()
        for pair in spec.rule_set_pairs
        if len(pair) == 2
    }


def completeness_text(ev: Evidence) -> list[str]:
    c = ev.completeness
    out = []
    for cond, logged in c.logged_days.items():
        share = c.logged_share.get(cond)
        pct = f" ({share * 100:.0f}%)" if share is not None else ""
        out.append(f"{CONDITIONS.get(cond, cond)}: {logged} of {c.days_in_period} days logged{pct}")
    extra = []
    if c.late_share:
        extra.append(
            f"{c.late_entries} of {c.daily_entries} daily entries written more than 2 days late "
            f"({c.late_share * 100:.0f}%)"
        )
    for notes in hooks("completeness_notes"):
        extra += notes(ev)
    return ["; ".join(out) + "." if out else "nothing tracked."] + (
        ["; ".join(extra) + "."] if extra else []
    )


def checklist(doc: Doc, rs: RuleSetResult, prefix: str = "") -> None:
    doc.need(20)
    doc.set_font(FONT, "B", 9)
    overall = status_text(rs.status).split(" ", 1)[-1]
    doc.multi_cell(
        0,
        4.4,
        clean(f"{prefix}{rs.title}: {overall} ({rs.summary})"),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    rows = []
    for c in rs.criteria:
        text = c.evidence
        if c.gap:
            text += f" Gap: {c.gap}."
        rows.append((status_text(c.status), c.question, text))
    doc.grid(("Status", "Commonly required", "Evidence from the diary"), rows, (15, 60, 105), 7)
    doc.set_font(FONT, "I", 6.5)
    doc.multi_cell(
        0,
        3,
        clean(
            f"Rules: {rs.title}, commonly required criteria checked {rs.last_checked}; "
            "plans differ, the plan's own policy decides."
        ),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    doc.ln(1)


def history(doc: Doc, rs: RuleSetResult) -> None:
    """A rule set shown as history (the first authorization once renewal applies): compact."""
    doc.need(14)
    doc.set_font(FONT, "B", 8)
    doc.multi_cell(
        0,
        4,
        clean(f"History: {rs.title} ({rs.summary})"),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    rows = [
        (status_text(c.status), c.evidence + (f" Gap: {c.gap}." if c.gap else ""))
        for c in rs.criteria
    ]
    doc.grid(("Status", "Evidence from the diary"), rows, (15, 165), 6.5)


def month_keys(ev: Evidence) -> list[str]:
    keys = []
    if ev.period.days <= 0:
        return keys
    k = month_key(ev.period.start)
    last = month_key(ev.period.counted_end)
    while k <= last:
        keys.append(k)
        k = next_month_key(k)
    return keys


def partial(ev: Evidence, key: str) -> bool:
    """Whether only part of the month ``key`` lies inside the period."""
    first, last = month_bounds(key)
    return first < ev.period.start or last > ev.period.counted_end


def monthly_rows(ev: Evidence, keys: Sequence[str]) -> tuple[list[str], list[list[Any]], list]:
    head = ["Month"]
    widths: list[float] = [18]
    rows: list[list[Any]] = [[month_label(k) + ("*" if partial(ev, k) else "")] for k in keys]
    for monthly in hooks("monthly"):
        part = monthly(ev, keys)
        if part is None:
            continue
        heads, part_widths, part_rows = part
        head += heads
        widths += part_widths
        for row, cells in zip(rows, part_rows, strict=True):
            row += cells
    return head, rows, widths


def monthly_table(doc: Doc, ev: Evidence, keys: Sequence[str]) -> None:
    head, rows, widths = monthly_rows(ev, keys)
    if len(head) == 1:
        return
    align = ["LEFT"] + ["RIGHT"] * (len(head) - 1)
    doc.grid(head, rows, widths, 7, align)


def thresholds_text(ev: Evidence) -> str:
    used = {rs.id for rs in ev.checklists} | {"general"}
    parts_ = report_parts()
    plain_values: dict[str, str] = {}
    plain_labels: dict[str, str] = {}
    for m in parts_:
        plain_values.update(getattr(m, "PLAIN_VALUES", {}))
        plain_labels.update(getattr(m, "PLAIN_LABELS", {}))
    owners = [m for m in parts_ if hasattr(m, "owns_threshold")]
    parts = []
    for row in ev.thresholds.rows:
        if not set(row["rule_sets"]) & used:
            continue
        if any(m.owns_threshold(row["name"]) and not m.tracked(ev) for m in owners):
            continue
        value = row["value"]
        if isinstance(value, str):
            value = plain_values.get(value, value.replace("_", " "))
        if isinstance(value, list):
            value = " and ".join(f"{v:g}" for v in value)
        elif isinstance(value, float) and value < 1:
            value = f"{value * 100:.0f}%"
        label = plain_labels.get(row["name"]) or re.sub(r"\s*\([^)]*_[^)]*\)", "", row["label"])
        text = f"{label}: {value}"
        if row["from_settings"]:
            default = row["default"]
            if isinstance(default, str):
                default = plain_values.get(default, default.replace("_", " "))
            text += f" (set in this profile; default {default})"
        parts.append(text)
    return "; ".join(parts) + "."


def kind(entries: Sequence[Any], cls: type) -> list[tuple[int, Any]]:
    out = []
    for i, item in enumerate(entries):
        e = getattr(item, "entry", item)
        if isinstance(e, cls):
            sid = getattr(item, "id", None)
            out.append((-1 - i if sid is None else sid, e))
    return out


def trials(doc: Doc, title: str, first: str, trials) -> None:
    """A table of treatment trials (topical sweating or jaw) as the engine summarised them."""
    doc.h3(title)
    doc.grid(
        (first, "Start", "Stop", "Days", "Outcome"),
        [
            (
                t.name,
                fmt_date(t.start),
                fmt_date(t.stop) if t.stop else "ongoing",
                t.days,
                OUTCOMES.get(t.outcome, t.outcome),
            )
            for t in trials
        ],
        (60, 25, 25, 15, 55),
        6.8,
    )
