"""Questionnaires (MIDAS, HIT-6, HDSS): form <-> entry conversions, listings, the MIDAS reminder.

Re-exported by ``utils.entry_forms`` (the old names keep working). No streamlit here.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from typing import Any

from utils.core.entries import EntryError, build
from utils.core.questionnaires import (
    HDSS_STATEMENTS,
    MIDAS_ITEMS,
    MIDAS_MAX_DAYS,
    HdssAssessment,
    Hit6,
    Midas,
)
from utils.core.scores import hit6_band, midas_grade
from utils.form_values import count as _count
from utils.storage.rows import StoredEntry

__all__ = [
    "HDSS_TIMINGS",
    "HIT6_NOTE",
    "MIDAS_ATTRIBUTION",
    "MIDAS_EXTRAS",
    "MIDAS_FIELDS",
    "hdss_from_form",
    "hdss_to_form",
    "hit6_from_form",
    "hit6_to_form",
    "midas_from_form",
    "midas_reminder",
    "midas_to_form",
    "months_before",
    "questionnaire_rows",
]

MIDAS_FIELDS = ("q1", "q2", "q3", "q4", "q5")
MIDAS_EXTRAS = {
    "headache_days": "A. On how many days in the last 3 months did you have a headache? "
    "(count each day, even if it lasted only part of the day)",
    "average_pain": "B. On a scale of 0-10, on average how painful were these headaches? "
    "(0 = no pain at all, 10 = pain as bad as it can be)",
}
MIDAS_ATTRIBUTION = (
    "MIDAS (Migraine Disability Assessment) by Walter F. Stewart, Richard B. Lipton and "
    "colleagues. Answer about the last 3 months. Score = sum of questions 1-5; questions A "
    "and B are recorded but not scored."
)
HIT6_NOTE = (
    "HIT-6 is a copyrighted questionnaire (QualityMetric / GSK). Fill it in with your clinician "
    "and record only the total here (36-78)."
)
HDSS_TIMINGS = ("before treatment", "after treatment", "routine")


def midas_from_form(v: dict[str, Any]) -> Midas:
    """Keys: date, q1..q5, headache_days, average_pain (None = not answered), notes."""
    problems = []
    for key, label in zip(MIDAS_FIELDS, MIDAS_ITEMS, strict=True):
        val = v.get(key)
        if val is None:
            problems.append(f"{label}: give a number of days (0 if none)")
        elif int(val) < 0 or int(val) > MIDAS_MAX_DAYS:
            problems.append(
                f"{label}: {int(val)} days is more than the {MIDAS_MAX_DAYS} days in three "
                "months; count only the last 3 months"
                if int(val) > 0
                else f"{label}: a number of days is never negative"
            )
    hd = v.get("headache_days")
    if hd is not None and (int(hd) < 0 or int(hd) > MIDAS_MAX_DAYS):
        problems.append(f"Headache days (A): give 0 to {MIDAS_MAX_DAYS}, the days in three months")
    if problems:
        raise EntryError(problems)
    return build(
        Midas,
        date=v["date"],
        **{k: int(v[k]) for k in MIDAS_FIELDS},
        headache_days=_count(hd),
        average_pain=_count(v.get("average_pain")),
        notes=v.get("notes") or "",
    )  # type: ignore[return-value]


def midas_to_form(m: Midas) -> dict[str, Any]:
    return m.model_dump()


def hit6_from_form(v: dict[str, Any]) -> Hit6:
    total = v.get("total")
    if total is None:
        raise EntryError(["HIT-6 total: enter the total score from your form (36-78)"])
    if not 36 <= int(total) <= 78:
        raise EntryError(
            [f"HIT-6 total: {int(total)} is not possible; a HIT-6 total is between 36 and 78"]
        )
    return build(Hit6, date=v["date"], total=int(total), notes=v.get("notes") or "")  # type: ignore[return-value]


def hit6_to_form(h: Hit6) -> dict[str, Any]:
    return h.model_dump()


def hdss_from_form(v: dict[str, Any]) -> HdssAssessment:
    if v.get("score") is None:
        raise EntryError(["HDSS: choose the statement that fits best"])
    return build(
        HdssAssessment,
        date=v["date"],
        score=int(v["score"]),
        timing=v.get("timing") or "routine",
        notes=v.get("notes") or "",
    )  # type: ignore[return-value]


def hdss_to_form(h: HdssAssessment) -> dict[str, Any]:
    return h.model_dump()


def questionnaire_rows(rows: Iterable[StoredEntry], kind: str) -> list[dict]:
    """History table of one questionnaire kind, newest first."""
    items = sorted((r for r in rows if r.kind == kind), key=lambda r: (r.day, r.id), reverse=True)
    out = []
    for r in items:
        e = r.entry
        row: dict[str, Any] = {"entry_id": r.id, "Date": r.day}
        if isinstance(e, Midas):
            grade, meaning = midas_grade(e.score())
            for i, key in enumerate(MIDAS_FIELDS, start=1):
                row[f"Q{i}"] = getattr(e, key)
            row["Score"] = e.score()
            row["Grade"] = f"{grade}: {meaning}"
            row["A. headache days"] = e.headache_days
            row["B. average pain"] = e.average_pain
        elif isinstance(e, Hit6):
            row["Total"] = e.total
            row["Impact"] = hit6_band(e.total)
        elif isinstance(e, HdssAssessment):
            row["HDSS"] = e.score
            row["Statement"] = HDSS_STATEMENTS[e.score]
            row["When"] = e.timing
        row["Notes"] = getattr(e, "notes", "")
        out.append(row)
    return out


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (clamped to the month's end)."""
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    m += 1
    return dt.date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def midas_reminder(rows: Iterable[StoredEntry], today: dt.date) -> str | None:
    """A reminder when no MIDAS was filled in during the last three months, else None."""
    dates = [r.day for r in rows if r.kind == Midas.KIND]
    if not dates:
        return (
            "No MIDAS questionnaire recorded yet. Insurers usually ask for one: it takes two "
            "minutes under Questionnaires."
        )
    last = max(dates)
    if last < months_before(today, 3):
        return (
            f"Your last MIDAS questionnaire is from {last:%d %b %Y}, more than three months ago. "
            "Fill in a new one under Questionnaires so the record stays current."
        )
    return None
