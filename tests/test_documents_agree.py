"""For the same period the home page, the doctor summary (PDF) and the letters agree: the same
verdicts, the same evidence sentences; the letters keep only what is met."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tests import clock
from tests.pages.helpers import open_page
from utils import casefile, letters, report
from utils.evidence import build_evidence
from utils.sample import load_sample
from utils.store import Store

WORDS = {
    "met": "Met",
    "not_met": "Not met",
    "missing_data": "Missing data",
    "for_clinician": "For the clinician",
}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _home_verdicts(at) -> list[tuple[str, str]]:
    """(status word, question) of every criterion the home page shows."""
    out = []
    for md in at.markdown:
        m = re.match(r":material/[a-z_]+: \*\*(.+?)\*\*: (.+?)  \n", md.value)
        if m:
            out.append((m.group(1), m.group(2)))
    return out


@pytest.mark.parametrize("which", ["migraine", "sweating", "jaw"])
def test_home_pdf_and_letters_agree_since_the_diary_began(store: Store, which: str) -> None:
    p = load_sample(store, which)
    rows = store.entries(p.id)
    today = clock.NOW.date()
    first = casefile.first_diary_day(rows)
    start, end = casefile.report_window(casefile.SINCE_START, today, first)
    assert (start, end) == casefile.case_window(today, first)  # a diary younger than a year
    ev = build_evidence(rows, p.conditions, start, end, p.settings, clock.NOW)

    home = _home_verdicts(open_page("pages/home.py", p.id))
    shown = [(rs, c) for rs in ev.checklists if rs.applies for c in rs.criteria]
    assert home == [(WORDS.get(c.status, c.status), c.question) for _, c in shown]

    pdf = report.build_report(ev, rows, report.ReportOptions(charts=False))
    pages = [pg.extract_text() for pg in PdfReader(io.BytesIO(pdf)).pages]
    flat = _flat(" ".join(pages[:2]))
    assert f"{start:%d %b %Y} to {end:%d %b %Y}" in flat
    for rs, c in shown:
        word = report.status_text(c.status)
        assert _flat(f"{word} {c.evidence}")[:70] in flat or (
            word in flat and _flat(c.evidence)[:60] in flat
        ), c.id
        assert rs.summary in flat

    for condition in ev.conditions:
        text = letters.necessity_letter(ev, rows, condition)
        assert f"{start:%d %b %Y} to {end:%d %b %Y}" in text
        for rs in letters._rule_sets(ev, condition):
            for c in rs.criteria:
                if letters.argued(c):
                    assert letters.third_person(c.evidence) in text
                else:
                    assert letters.third_person(c.evidence) not in text
