"""The Your-case views are the engine's figures, laid out (nothing recounted)."""

from __future__ import annotations

import datetime as dt

from tests.diaries import stored
from utils import casefile, sample
from utils.evidence import build_evidence
from utils.store import StoredEntry

END = dt.date(2026, 11, 1)


def rows_for(which: str, days: int) -> list[StoredEntry]:
    return stored(*(e for e, _ in sample.generate(which, days=days, end=END)))


def test_case_window_is_twelve_months_or_since_the_diary_began() -> None:
    assert casefile.case_window(END) == (dt.date(2025, 11, 2), END)
    assert casefile.case_window(END, dt.date(2026, 6, 1)) == (dt.date(2026, 6, 1), END)
    assert casefile.case_window(END, dt.date(2020, 1, 1)) == (dt.date(2025, 11, 2), END)


def test_first_diary_day_ignores_older_treatment_history() -> None:
    rows = rows_for("migraine", 120)
    assert casefile.first_diary_day(rows) >= END - dt.timedelta(days=119)
    assert min(r.day for r in rows) < casefile.first_diary_day(rows)
    assert casefile.first_diary_day([]) is None


def test_condition_view_uses_engine_numbers() -> None:
    rows = rows_for("migraine", 200)
    ev = build_evidence(
        rows, ["headache"], END - dt.timedelta(days=199), END, {}, dt.datetime(2026, 11, 1, 22)
    )
    view = casefile.condition_view(ev, "headache")
    assert [r["Headache days"] for r in view.key_numbers] == [
        m.counts.headache for m in ev.months[-3:]
    ]
    assert view.logged_line.startswith(f"{ev.completeness.logged_days['headache']} of")
    statuses = [i.status_text for c in view.checklists for i in c.items]
    assert set(statuses) <= {"Met", "Not met", "Missing data", "For the clinician"}
    assert len(statuses) == sum(len(rs.criteria) for rs in ev.checklists if rs.applies)


def test_jaw_view_says_coverage_is_usually_refused() -> None:
    rows = rows_for("jaw", 90)
    ev = build_evidence(
        rows, ["jaw"], END - dt.timedelta(days=89), END, {}, dt.datetime(2026, 11, 1, 22)
    )
    view = casefile.condition_view(ev, "jaw")
    assert "usually refused" in view.note and str(ev.jaw.pain_days) in view.note
