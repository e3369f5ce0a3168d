"""Jaw's parts of the documents: monthly pain days and an off-label letter."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.diaries import stored
from utils import conditions, models
from utils.evidence import build_evidence
from utils.models import JawDay

AT = dt.datetime(2026, 11, 20, 12, 0)
D = dt.date


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: AT)


def test_monthly_pain_days_say_not_logged_for_a_month_without_entries() -> None:
    part = conditions.part("jaw", "report")
    entries = [JawDay(date=D(2026, 6, 2), pain=0), JawDay(date=D(2026, 6, 3), pain=4)]
    ev = build_evidence(stored(*entries), ("jaw",), D(2026, 5, 1), D(2026, 6, 30), {}, AT)
    heads, _, rows = part.monthly(ev, ["2026-05", "2026-06"])
    assert heads == ["Jaw pain days"]
    assert rows == [["not logged"], [1]]


def test_the_jaw_letter_has_no_approved_use_so_it_argues_off_label() -> None:
    part = conditions.part("jaw", "letters")
    assert not hasattr(part, "APPROVED_USE")
    lines, count = part.request_lines([], renewal=False)
    assert count == "the number of treatments and their interval"
    assert any("CPT code the office will bill" in x for x in lines)
