"""Reports & letters page: empty state, PDF build and download, letter draft with the diary's numbers."""

from __future__ import annotations

import datetime as dt

from tests import clock
from tests.pages.helpers import open_page
from utils.evidence import build_evidence
from utils.sample import load_sample
from utils.store import Store

PAGE = "pages/reports.py"


def test_empty_profile_explains_itself(store: Store) -> None:
    p = store.create_profile("Me")
    at = open_page(PAGE, p.id)
    assert at.title[0].value == "Reports & letters"
    assert any("diary is empty" in i.value for i in at.info)
    assert not at.get("download_button")


def test_build_pdf_and_letter_downloads(store: Store) -> None:
    p = load_sample(store, "migraine", days=200)
    at = open_page(PAGE, p.id)
    assert not at.exception
    at.button(key="rep_build").click().run()
    assert not at.exception, at.exception
    # The PDF summary, then the letter as DOCX and as PDF.
    assert len(at.get("download_button")) == 3
    (area,) = at.text_area
    text = area.value
    assert "Letter of medical necessity" in text
    assert "[DOCTOR TO CONFIRM:" in text
    # The draft quotes the diary's monthly numbers as counted by the evidence engine
    # (default period: the last 3 months, 91 days).
    today = clock.NOW.date()
    rows = store.entries(p.id)
    ev = build_evidence(rows, p.conditions, today - dt.timedelta(days=90), today, {}, clock.NOW)
    last = ev.months[-1]
    assert f"- {last.label}: {last.counts.headache} headache days" in text


def test_appeal_letter_uses_the_case(store: Store) -> None:
    from utils.cases import CoverageCase

    p = load_sample(store, "migraine", days=200)
    today = clock.NOW.date()
    store.add(
        p.id,
        CoverageCase(
            condition="headache",
            insurer="Acme Health",
            opened=today - dt.timedelta(days=50),
            stage="denied",
            pa_submitted_on=today - dt.timedelta(days=40),
            denied_on=today - dt.timedelta(days=20),
            reference_number="PA-42",
            denial_category="step_therapy",
            denial_reason="Try two preventives first",
        ),
    )
    at = open_page(PAGE, p.id)
    at.radio(key="let_kind").set_value("appeal").run()
    assert not at.exception, at.exception
    text = at.text_area[0].value
    assert "PA-42" in text and "Acme Health" in text
    assert "Try two preventives first" in text
    assert "one by one" in text
