"""Reports & letters page: empty state, PDF build and download, letter draft with the diary's numbers."""

from __future__ import annotations

import datetime as dt

from tests import clock
from tests.pages.helpers import open_page
from utils.casefile import first_diary_day
from utils.evidence import build_evidence
from utils.sample import load_sample
from utils.store import Store
from utils.ui import period_label as ui_period_label

PAGE = "pages/reports.py"


def test_empty_profile_explains_itself(store: Store) -> None:
    p = store.create_profile("Me")
    at = open_page(PAGE, p.id)
    assert at.title[0].value == "Reports & letters"
    assert any("diary is empty" in i.value for i in at.info)
    assert not at.get("download_button")


def test_build_pdf_and_letter_downloads(store: Store) -> None:
    p = load_sample(store, "migraine", days=240)
    at = open_page(PAGE, p.id)
    assert not at.exception
    at.button(key="rep_build").click().run()
    assert not at.exception, at.exception
    # The PDF summary, the clinician's checklist, then the letter as DOCX and as PDF.
    assert len(at.get("download_button")) == 4
    (area,) = at.text_area
    text = area.value
    assert "Letter of medical necessity" in text
    assert "[DOCTOR TO CONFIRM:" in text
    # The draft quotes the diary's monthly numbers as counted by the evidence engine
    # (default period: since the diary began, whatever the sidebar says).
    today = clock.NOW.date()
    rows = store.entries(p.id)
    first = first_diary_day(rows)
    ev = build_evidence(rows, p.conditions, first, today, {}, clock.NOW)
    last = ev.months[-1]
    assert f"- {last.label}: {last.counts.headache} headache days" in text
    assert f"{first:%d %b %Y} to {today:%d %b %Y}" in text
    assert any(ui_period_label(first, today) in c.value for c in at.caption)


def test_period_choices_change_the_documents(store: Store) -> None:
    p = load_sample(store, "migraine", days=500)
    at = open_page(PAGE, p.id)
    today = clock.NOW.date()
    first = first_diary_day(store.entries(p.id))
    assert f"{first:%d %b %Y} to" in at.text_area[0].value
    at.radio(key="rep_period").set_value("last_12_months").run()
    start = today - dt.timedelta(days=364)
    assert f"{start:%d %b %Y} to {today:%d %b %Y}" in at.text_area[0].value
    at.radio(key="rep_period").set_value("custom").run()
    at.date_input(key="rep_range").set_value((today - dt.timedelta(days=30), today)).run()
    assert not at.exception, at.exception
    assert f"{today - dt.timedelta(days=30):%d %b %Y} to" in at.text_area[0].value


def test_identifiers_from_the_profile_settings(store: Store) -> None:
    p = load_sample(store, "migraine", days=120)
    settings = {**p.settings, "print_identifiers": True, "patient_name": "Ana Example"}
    store.update_profile(p.id, settings={**settings, "member_id": "W-9", "clinician_npi": ""})
    at = open_page(PAGE, p.id)
    assert "Ana Example" in at.text_area[0].value and "W-9" in at.text_area[0].value
    at.toggle(key="rep_include_name").set_value(False).run()
    assert "Ana Example" not in at.text_area[0].value


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
    assert "## Step therapy (the reason given)" in text


def test_the_drafts_follow_a_save_at_the_next_run(store: Store) -> None:
    """The letter and the clinician's checklist are kept per evidence, letter and case: a save
    (a new attack in the last month, an edited case) shows in them at the next run."""
    from utils.cases import CoverageCase
    from utils.models import Attack

    p = load_sample(store, "migraine", days=200)
    today = clock.NOW.date()
    case_id = store.add(
        p.id,
        CoverageCase(
            condition="headache",
            insurer="Acme Health",
            opened=today - dt.timedelta(days=50),
            stage="denied",
            denied_on=today - dt.timedelta(days=20),
            reference_number="PA-42",
            denial_category="other",
            denial_reason="Not enough headache days",
        ),
    )
    at = open_page(PAGE, p.id)
    ev = build_evidence(
        store.entries(p.id),
        p.conditions,
        first_diary_day(store.entries(p.id)),
        today,
        {},
        clock.NOW,
    )
    last = ev.months[-1]
    line = f"- {last.label}: {last.counts.headache} headache days"
    assert line in at.text_area[0].value
    free = next(today - dt.timedelta(days=i) for i in range(1, 25) if not ev.days[-1 - i].headache)
    store.add(p.id, Attack(start_date=free, start_time=dt.time(9), duration_minutes=90, pain=5))
    at.run()
    text = at.text_area[0].value
    assert line not in text
    assert f"- {last.label}: {last.counts.headache + 1} headache days" in text
    at.radio(key="let_kind").set_value("appeal").run()
    assert "Not enough headache days" in at.text_area[0].value
    case = store.get(p.id, case_id).entry
    store.update(p.id, case_id, case.model_copy(update={"denial_reason": "Plan exclusion"}))
    at.run()
    assert "Plan exclusion" in at.text_area[0].value
    assert "Not enough headache days" not in at.text_area[0].value
