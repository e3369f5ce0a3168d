"""Spasticity's parts of the documents: page 1, the monthly columns, the PDF section, the
letters (never a dose), all read from the Evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.diaries import stored
from utils import conditions, letters, models, report, sample
from utils.conditions.spasticity.models import SpasticityDay
from utils.evidence import build_evidence
from utils.store import Store

AT = dt.datetime(2026, 11, 1, 20, 0)
D = dt.date


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: AT)


def test_monthly_columns_say_not_logged_for_a_month_without_entries() -> None:
    part = conditions.part("spasticity", "report")
    entries = [
        SpasticityDay(date=D(2026, 6, 2), stiffness=4, hard_tasks=["walking"]),
        SpasticityDay(date=D(2026, 6, 3), stiffness=7, therapy_minutes=10),
    ]
    ev = build_evidence(stored(*entries), ("spasticity",), D(2026, 5, 1), D(2026, 6, 30), {}, AT)
    heads, _, rows = part.monthly(ev, ["2026-05", "2026-06"])
    assert heads == ["Mean stiffness", "Hard-task days", "Therapy days"]
    assert rows == [["not logged"] * 3, ["5.5", 1, 1]]


def _sample(tmp_path, settings=None):
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    p = sample.load_sample(store, "spasticity", end=AT.date())
    if settings:
        store.update_profile(p.id, settings=settings)
    rows = store.entries(p.id)
    s = store.profile(p.id).settings
    ev = build_evidence(rows, p.conditions, D(2026, 3, 7), AT.date(), s, AT)
    return ev, rows


def test_pdf_has_the_spasticity_page_one_and_section(tmp_path) -> None:
    import io

    from pypdf import PdfReader

    ev, rows = _sample(tmp_path)
    pdf = report.build_report(ev, rows, report.ReportOptions())
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    first = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "no ICD-10-CM code of its own" in first
    assert "Spasticity (arm or leg): Botox renewal" in first
    assert "Days with a hard task per month" in first
    assert "Modified Ashworth grades (from the clinician)" in text
    assert "not a payer number" in text


def test_a_childs_profile_gets_the_child_text_and_no_dose(tmp_path) -> None:
    ev, rows = _sample(tmp_path, {"year_of_birth": 2016})
    assert ev.by_condition["spasticity"].age_group == "child"
    lines = dict(conditions.part("spasticity", "report").summary_lines(ev))
    assert "per kilogram" in lines["Child:"] and "highest risk" in lines["Child:"]
    text = letters.necessity_letter(ev, rows, "spasticity")
    assert "The patient is a child" in text
    assert "U/kg" not in text and "units per kilogram" not in text
    appeal = letters.appeal_letter(ev, rows, "spasticity")
    assert "spasticity in adults and in children 2 years of age and older" in appeal


def test_the_letter_argues_from_the_evidence(tmp_path) -> None:
    ev, rows = _sample(tmp_path)
    text = letters.necessity_letter(ev, rows, "spasticity")
    s = ev.by_condition["spasticity"]
    assert f"Stretching or therapy on {s.therapy_days} days" in text
    assert "there is no code for spasticity alone" in text
    assert "Goals met as expected or better after the last session: 2 of 2." in text


def test_a_spasticity_case_is_tracked_and_its_appeal_drafted(tmp_path) -> None:
    from utils.cases import CoverageCase

    ev, rows = _sample(tmp_path)
    case = CoverageCase(
        condition="spasticity",
        insurer="Example Health",
        opened=D(2026, 10, 5),
        stage="denied",
        denied_on=D(2026, 10, 20),
        denial_reason="benefit not documented",
    )
    text = letters.appeal_letter(ev, rows, "spasticity", case=case)
    assert "Example Health" in text
    assert "Modified Ashworth" in text
