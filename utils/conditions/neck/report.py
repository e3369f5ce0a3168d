"""Neck (cervical dystonia) parts of the doctor summary (the hooks: ``utils.documents.blocks``).

Page 1: the diagnosis line, the clinician's baseline and latest scale totals and the latest
wearing-off as lines, the days with an activity stopped per month; later: the neck section
(drawn whenever the neck is tracked). Reads the Evidence only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from utils.documents.pdf import Doc, fmt_date, fmt_num
from utils.evidence import Evidence

if TYPE_CHECKING:
    from utils.conditions.neck.metrics import NeckScore, NeckSummary

DIAGNOSIS = "cervical dystonia (spasmodic torticollis): ICD-10-CM G24.3"

SWITCH = ("neck", "Neck section (when tracked)")  # its ReportOptions switch and label


def _neck(ev: Evidence) -> NeckSummary | None:
    return ev.by_condition.get("neck")


def tracked(ev: Evidence) -> bool:
    return _neck(ev) is not None


def diagnosis(ev: Evidence) -> tuple[str, str]:
    return "Diagnosis, for the clinician to confirm:", DIAGNOSIS


def _score(s: NeckScore) -> str:
    top = 85 if s.scale == "TWSTRS" else 25
    parts = [
        f"{name} {fmt_num(v)}"
        for name, v in (
            ("severity", s.severity),
            ("disability", s.disability),
            ("pain", s.pain),
        )
        if v is not None
    ]
    extra = f"; {', '.join(parts)}" if parts else ""
    return f"{s.scale} {fmt_num(s.total)} of {top} on {fmt_date(s.date)} ({s.timing}{extra})"


def summary_lines(ev: Evidence) -> list[tuple[str, str]]:
    neck = _neck(ev)
    if neck is None:
        return []
    out = []
    if neck.baseline_scale is not None:
        text = _score(neck.baseline_scale)
        latest = neck.latest_scale
        if latest is not None and latest.date > neck.baseline_scale.date:
            text += f"; latest {_score(latest)}"
            if neck.scale_change is not None:
                text += f"; change {neck.scale_change:+g}"
        out.append(("Neck rating scale (clinician's totals), baseline:", text + "."))
    else:
        out.append(("Neck rating scale:", "no TWSTRS or Tsui total before treatment recorded."))
    marked = [c for c in neck.cycles if c.wearing_off is not None]
    if marked:
        c = marked[-1]
        out.append(
            (
                "Neck, wearing off:",
                f"the session on {fmt_date(c.session)} wore off from {fmt_date(c.wearing_off)} "
                f"({c.days_to_wearing_off} days, {fmt_num(c.weeks_to_wearing_off)} weeks; "
                "patient-marked).",
            )
        )
    return out


def monthly_shown(ev: Evidence) -> bool:
    return _neck(ev) is not None


def monthly(
    ev: Evidence, keys: Sequence[str]
) -> tuple[list[str], list[float], list[list[Any]]] | None:
    neck = _neck(ev)
    if neck is None:
        return None
    by_month = {m.month: m for m in neck.months}
    rows: list[list[Any]] = [
        [by_month[k].limit_days if k in by_month else "not logged"] for k in keys
    ]
    return ["Neck limit days"], [20], rows


def monthly_note(ev: Evidence) -> str | None:
    if _neck(ev) is None:
        return None
    return "neck limit days: logged days on which the neck stopped at least one activity"


def section(doc: Doc, ev: Evidence, opts: Any) -> None:
    neck = _neck(ev)
    if neck is None or not getattr(opts, SWITCH[0], True):
        return
    doc.h2("Neck (cervical dystonia)")
    n = ev.completeness.days_in_period
    doc.label_line(
        "Diary:",
        f"{neck.logged_days} of {n} days logged ({neck.normal_days} normal days); neck pain on "
        f"{neck.pain_days} days; mean pain {fmt_num(neck.mean_pain)} of 10; mean pull "
        f"{fmt_num(neck.mean_pull)} of 3 (none 0, mild 1, moderate 2, severe 3).",
    )
    if neck.limit_days_by_activity:
        doc.label_line(
            "Activities stopped:",
            f"on {neck.limit_days} days: "
            + ", ".join(f"{k} {v} days" for k, v in neck.limit_days_by_activity.items())
            + ".",
        )
    if neck.tremor_days or neck.spasm_days:
        doc.label_line(
            "Jerks or tremor; spasms:",
            f"{neck.tremor_days} days; {neck.spasm_days} days.",
        )
    if neck.helped_days:
        doc.label_line(
            "What helped:", ", ".join(f"{k} {v} days" for k, v in neck.helped_days.items()) + "."
        )
    if neck.urgent_days:
        doc.label_line(
            "Urgent symptoms after an injection:",
            f"logged on {len(neck.urgent_days)} days (last {fmt_date(neck.urgent_days[-1])}).",
        )
    months = [m for m in neck.months if m.logged_days]
    if months:
        doc.h3("Neck per month")
        doc.grid(
            ("Month", "Logged days", "Mean pain", "Mean pull", "Limit days"),
            [
                [m.month, m.logged_days, fmt_num(m.mean_pain), fmt_num(m.mean_pull), m.limit_days]
                for m in months
            ],
            (30, 28, 28, 28, 28),
            7,
        )
    if neck.cycles:
        doc.h3("Before and after each Botox session for the neck")
        doc.grid(
            ("Session", "Before: pain / pull", "After: pain / pull", "Wearing off", "Weeks"),
            [
                [
                    fmt_date(c.session),
                    f"{fmt_num(c.before.mean_pain)} / {fmt_num(c.before.mean_pull)} "
                    f"({c.before.logged_days} d)",
                    f"{fmt_num(c.after.mean_pain)} / {fmt_num(c.after.mean_pull)} "
                    f"({c.after.logged_days} d)",
                    fmt_date(c.wearing_off) if c.wearing_off else "not marked",
                    fmt_num(c.weeks_to_wearing_off),
                ]
                for c in neck.cycles
            ],
            (28, 40, 40, 30, 18),
            7,
        )
    if neck.scales:
        doc.h3("Rating-scale totals (from the clinician's forms)")
        doc.para("; ".join(_score(s) for s in neck.scales) + ".", 7.5)
    doc.para(" ".join(neck.definitions), 6.5, "I")
