"""Headache checks read the chronic pattern the evidence computed once (issue 16).

The one rule is ``metrics.chronic_pattern``; ``Evidence.chronic`` holds it over every month of
the period and the chronic checks restrict it to the whole months."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from tests.diaries import MIGRAINE, stored
from utils import metrics, models
from utils.criteria import MET, NOT_MET
from utils.evidence import build_evidence
from utils.models import Attack, HeadacheCheckin
from utils.rules import engine

AT = dt.datetime(2026, 4, 2, 12, 0)
D = dt.date


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: AT)


def migraine_days(first: dt.date, last: dt.date, n: int) -> list:
    """A migraine attack on the first ``n`` days from ``first``, then a headache-free check-in
    on every day up to ``last`` (every day logged)."""
    out: list = []
    d = first
    while d <= last:
        if len(out) < n:
            a = Attack(start_date=d, start_time=dt.time(8), duration_minutes=300, **MIGRAINE)
            out.append(a)
        else:
            out.append(HeadacheCheckin(date=d))
        d += dt.timedelta(days=1)
    return out


def diary():
    # 10 Dec 2025 .. 31 Mar 2026: December is partial (22 days in the period) with 16 migraine
    # days; January and February are whole with 16 each; March is whole with 5.
    attacks = (
        migraine_days(D(2025, 12, 10), D(2025, 12, 31), 16)
        + migraine_days(D(2026, 1, 1), D(2026, 1, 31), 16)
        + migraine_days(D(2026, 2, 1), D(2026, 2, 28), 16)
        + migraine_days(D(2026, 3, 1), D(2026, 3, 31), 5)
    )
    return stored(*attacks)


def evidence():
    return build_evidence(diary(), ("headache",), D(2025, 12, 10), D(2026, 3, 31), {}, AT)


def test_the_evidence_pattern_counts_the_partial_month_and_the_checks_do_not():
    ev = evidence()
    # Every month of the period: December (partial), January and February reach 15 and 8.
    assert ev.chronic.longest_run == ("2025-12", "2026-01", "2026-02")
    # The checks count whole months only: January and February, 2 of the 3 needed.
    by_id = {c.criterion: c for c in ev.checklist("chronic_migraine_first").criteria}
    assert by_id["migraine_days"].status == NOT_MET
    assert by_id["headache_days"].status == NOT_MET
    assert "the longest run is 2 (Jan, Feb 2026)" in by_id["headache_days"].gap


def _facts(ev, chronic):
    return engine.CaseFacts(
        start=ev.period.start,
        end=ev.period.counted_end,
        completeness=ev.completeness,
        extra={
            "headache_days": {d.date: d for d in ev.days},
            "months": ev.months,
            "chronic": chronic,
        },
    )


PARAMS = {"per_month": 8, "headache_per_month": 15, "months": 2}
RS = {"condition": "headache"}


def test_the_migraine_check_reads_the_pattern_it_is_given():
    ev = evidence()
    check = engine.load_checks()["chronic_migraine_days"]
    assert check(_facts(ev, ev.chronic), PARAMS, RS).status == MET
    # The same thresholds but a pattern with no qualifying month: the check follows the
    # pattern, it does not count the months again (the counts alone would make it met).
    empty = dataclasses.replace(
        ev.chronic, qualifying_months=(), longest_run=(), longest_run_length=0
    )
    assert check(_facts(ev, empty), PARAMS, RS).status != MET


def test_other_thresholds_get_the_pattern_by_the_same_rule():
    ev = evidence()
    check = engine.load_checks()["chronic_migraine_days"]
    # The evidence used 15 and 8; a rule set asking 17 headache days recomputes: no month has
    # 17, so not met even though the given pattern (15 and 8) has a run.
    assert check(_facts(ev, ev.chronic), {**PARAMS, "headache_per_month": 17}, RS).status == NOT_MET
    # Without a pattern (None) the same rule gives the same verdict as with the evidence's.
    assert check(_facts(ev, None), PARAMS, RS).status == MET
    whole = [m for m in ev.months if not m.partial_period]
    assert metrics.chronic_pattern(whole, 15, 8).longest_run == ("2026-01", "2026-02")
