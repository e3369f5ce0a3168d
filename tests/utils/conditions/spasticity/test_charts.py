"""Spasticity charts carry the engine's numbers and say whether the period reaches each
threshold (one below, at)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.diaries import stored
from utils import conditions
from utils.conditions.spasticity.models import SpasticityDay
from utils.core.treatments import BotoxSession
from utils.evidence import build_evidence

AT = dt.datetime(2026, 11, 20, 12, 0)
START, END = dt.date(2026, 9, 1), dt.date(2026, 10, 31)


def _charts(entries):
    ev = build_evidence(stored(*entries), ("spasticity",), START, END, {}, AT)
    rows = stored(*entries)
    return {c.key: c for c in conditions.part("spasticity", "charts").charts(ev, rows)}, ev


@pytest.mark.parametrize(("n", "verdict"), [(3, "not reached yet"), (4, "reached")])
def test_hard_task_chart_says_whether_the_period_reaches_the_threshold(n, verdict) -> None:
    entries = [
        SpasticityDay(date=START + dt.timedelta(days=i), stiffness=5, hard_tasks=["walking"])
        for i in range(n)
    ]
    charts, _ = _charts(entries)
    text = charts["spasticity_tasks"].summary
    assert text.startswith(f"Hard-task days: {n} in the period")
    assert text.endswith(f"show the impairment (app default): {verdict}.")


def test_stiffness_chart_marks_the_session_and_the_before_after_numbers() -> None:
    session = dt.date(2026, 10, 1)
    entries = [
        BotoxSession(date=session, condition="spasticity", units=200),
        SpasticityDay(date=session - dt.timedelta(days=3), stiffness=8),
        SpasticityDay(date=session + dt.timedelta(days=20), stiffness=4),
        SpasticityDay(date=dt.date(2026, 10, 25), stiffness=6, spasms=2, falls=1),
    ]
    charts, ev = _charts(entries)
    stiff = charts["spasticity_stiffness"]
    assert stiff.figure is not None
    # After: 21 Oct (4) and 25 Oct (6) are both 14-56 days after: 5; (5 - 8) / 8 = -37.5%.
    assert "8 before and 5 after the last session (-37.5%)" in stiff.summary
    names = [t.name for t in stiff.figure.data]
    assert "Botox session" in names
    spasms = charts["spasticity_spasms_falls"]
    assert spasms.summary == "Spasm days: 1 in the period (2 months); falls: 1."


def test_empty_diary_says_what_to_log() -> None:
    charts, _ = _charts([])
    assert charts["spasticity_stiffness"].figure is None
    assert "Rate the stiffness" in charts["spasticity_stiffness"].summary
