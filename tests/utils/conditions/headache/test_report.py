"""Headache's parts of the documents: its monthly columns, its diagnosis line, its request."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.diaries import MIGRAINE, stored
from utils import conditions, models
from utils.evidence import build_evidence
from utils.models import Attack, BotoxSession

AT = dt.datetime(2026, 11, 20, 12, 0)
D = dt.date


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: AT)


def _ev(entries, start, end, conds=("headache",)):
    return build_evidence(stored(*entries), conds, start, end, {}, AT)


def test_monthly_columns_say_not_logged_for_an_empty_month_and_count_a_logged_one() -> None:
    part = conditions.part("headache", "report")
    attack = Attack(start_date=D(2026, 6, 3), duration_minutes=300, **MIGRAINE)
    ev = _ev([attack], D(2026, 5, 1), D(2026, 6, 30))
    heads, widths, rows = part.monthly(ev, ["2026-05", "2026-06"])
    assert heads[:3] == ["Logged", "Headache", "Migraine"] and len(widths) == len(heads) == 7
    assert rows[0][:2] == ["0/31", "not logged"]  # May: nothing logged, never 0 headache days
    assert rows[1][:4] == ["1/30", 1, 1, 1]  # June: one migraine day of 5 hours
    assert part.monthly(_ev([], D(2026, 5, 1), D(2026, 6, 30), ("jaw",)), ["2026-05"]) is None


def test_a_diary_without_the_chronic_pattern_leaves_the_diagnosis_to_the_clinician() -> None:
    part = conditions.part("headache", "report")
    ev = _ev([], D(2026, 5, 1), D(2026, 6, 30))
    label, text = part.diagnosis(ev)
    assert label == "Diagnosis, for the clinician to state:" and "does not show" in text


def test_request_asks_for_two_treatments_first_and_four_at_renewal() -> None:
    part = conditions.part("headache", "letters")
    session = BotoxSession(date=D(2026, 5, 1), condition="headache", product="botox", units=155)
    first, count = part.request_lines([], renewal=False)
    assert count.startswith("2 treatments") and any("CPT 64615" in x for x in first)
    lines, count = part.request_lines([session], renewal=True)
    assert count.startswith("4 treatments")
    assert any("HCPCS J0585" in x and "155 units given" in x for x in lines)
