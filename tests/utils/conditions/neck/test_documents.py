"""The neck's doctor summary (page 1 and its section) and letter paragraphs, from the sample."""

from __future__ import annotations

import datetime as dt
import io
import re

from pypdf import PdfReader

from tests.utils.documents.test_letters import _assert_argues_only_met, _case
from utils import letters, report
from utils.evidence import build_evidence
from utils.sample import load_sample
from utils.store import Store

END = dt.date(2026, 3, 16)
AT = dt.datetime.combine(END, dt.time(10))


def _evidence(store: Store):
    p = load_sample(store, "neck", days=240, end=END)
    rows = store.entries(p.id)
    ev = build_evidence(rows, p.conditions, END - dt.timedelta(days=239), END, p.settings, AT)
    return rows, ev


def test_page_one_and_section(store: Store) -> None:
    rows, ev = _evidence(store)
    neck = ev.by_condition["neck"]
    pdf = PdfReader(io.BytesIO(report.build_report(ev, rows, report.ReportOptions())))
    pages = [re.sub(r"\s+", " ", pg.extract_text()) for pg in pdf.pages]
    first = pages[0]
    assert "cervical dystonia (spasmodic torticollis): ICD-10-CM G24.3" in first
    assert "Neck (cervical dystonia): Botox renewal" in first
    b = neck.baseline_scale
    assert f"TWSTRS {b.total:g} of 85" in first
    assert "Neck limit days" in first
    text = " ".join(pages)
    assert "Before and after each Botox session for the neck" in text
    assert f"{neck.logged_days} of {ev.completeness.days_in_period} days logged" in text


def test_letters_state_the_cycles_and_argue_only_met(store: Store) -> None:
    rows, ev = _evidence(store)
    neck = ev.by_condition["neck"]
    text = letters.necessity_letter(ev, rows, "neck", letters.PatientInfo("Ana"))
    assert "CPT 64616" in text and "G24.3" in text
    assert "first-line treatment for cervical dystonia" in text
    c = [c for c in neck.cycles if c.wearing_off][-1]
    assert f"({c.weeks_to_wearing_off:g} weeks after the session)" in text
    _assert_argues_only_met(text, ev, "neck")
    appeal = letters.appeal_letter(ev, rows, "neck", _case("neck"))
    _assert_argues_only_met(appeal, ev, "neck")
