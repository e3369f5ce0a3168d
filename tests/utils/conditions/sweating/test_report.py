"""Sweating's parts of the documents: monthly days, HDSS session responses, letter codes."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.diaries import stored
from utils import conditions, models
from utils.evidence import build_evidence
from utils.models import SweatDay

AT = dt.datetime(2026, 11, 20, 12, 0)
D = dt.date


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: AT)


def _ev(entries, conds=("sweating",)):
    return build_evidence(stored(*entries), conds, D(2026, 5, 1), D(2026, 7, 31), {}, AT)


def test_a_month_without_entries_is_not_logged_and_a_normal_month_counts_zero() -> None:
    part = conditions.part("sweating", "report")
    ev = _ev([SweatDay(date=D(2026, 6, 2), normal_day=True), SweatDay(date=D(2026, 7, 2), hdss=3)])
    heads, widths, rows = part.monthly(ev, ["2026-05", "2026-06", "2026-07"])
    assert (heads, widths) == (["Sweating days"], [18])
    assert rows == [["not logged"], [0], [1]]
    assert part.monthly(_ev([], ("headache",)), ["2026-05"]) is None
    assert part.tracked(ev) and not part.tracked(_ev([], ("headache",)))


def test_hdss_thresholds_belong_to_sweating_only() -> None:
    part = conditions.part("sweating", "report")
    assert part.owns_threshold("hdss_response_grades")
    assert not part.owns_threshold("migraine_day_rule")


def test_letters_checklist_warns_about_codes_that_do_not_support_botox() -> None:
    notes = conditions.part("sweating", "letters").checklist_notes(_ev([]))
    assert notes[0] == "## Codes" and "L74.52" in notes[1]
