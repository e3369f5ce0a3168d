"""Issue 19: the readiness projection is labelled as a projection in the PDF, never printed in
the letters, and the nearest readiness date joins the deadlines in the .ics."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from tests import clock
from tests.diaries import stored
from utils import calendar_export, deadlines, letters, readiness, report, sample
from utils.cases import CoverageCase
from utils.evidence import build_evidence

CASE = CoverageCase(condition="headache", insurer="Acme Health", opened=clock.TODAY)


def _evidence(which: str):
    items = [e for e, _ in sample.generate(which, end=clock.TODAY)]
    rows = stored(*items)
    spec = sample.SAMPLES[which]
    start = clock.TODAY - dt.timedelta(days=364)
    ev = build_evidence(
        rows, spec.conditions, start, clock.TODAY, {"year_of_birth": 1988}, clock.NOW
    )
    return ev, rows


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("which", ["migraine", "jaw"])
def test_pdf_labels_the_readiness_as_a_projection(which):
    ev, rows = _evidence(which)
    text = " ".join(_pdf_text(report.build_report(ev, rows)).split())
    assert "When the case could be ready (projection)" in text
    assert "Projection, not a promise" in text
    first = ev.readiness.rule_sets[0]
    assert " ".join(first.line.split())[:40] in text


@pytest.mark.parametrize("which", ["migraine", "jaw"])
def test_letters_never_print_the_projection(which):
    ev, rows = _evidence(which)
    lines = [rs.line for rs in ev.readiness.rule_sets] + [s.text for s in ev.readiness.renewal]
    for text in (
        letters.necessity_letter(ev, rows, "headache", letters.PatientInfo("Sam"), CASE),
        letters.appeal_letter(ev, rows, "headache", CASE),
    ):
        assert "projection" not in text.lower()
        assert "Earliest date" not in text and "Ready to request" not in text
        for line in lines:
            assert line not in text


def test_nearest_readiness_date_in_the_ics():
    ev, _ = _evidence("migraine")
    near = ev.readiness.nearest
    assert near is not None and near.date > clock.TODAY
    d = deadlines.readiness_deadline(ev.readiness, clock.TODAY)
    assert d is not None and d.kind == "projection" and d.due == near.date
    ics = calendar_export.deadlines_ics([d]).decode()
    assert f"DTSTART;VALUE=DATE:{near.date:%Y%m%d}" in ics
    assert "CATEGORIES:Projection" in ics
    assert "not a deadline and not a promise" in ics.replace("\r\n ", "")
    assert "BEGIN:VALARM" not in ics  # no alarm for a projection


def test_no_readiness_item_when_nothing_lies_ahead():
    empty = readiness.Readiness(clock.TODAY, readiness.PROJECTION_LABEL, (), (), {}, None)
    assert deadlines.readiness_deadline(empty, clock.TODAY) is None
