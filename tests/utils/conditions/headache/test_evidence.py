"""Headache evidence section: per-attack durations (issue 16, "Evidence is complete")."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.diaries import stored
from utils import conditions, models
from utils.evidence import CONDITION_ORDER, build_evidence
from utils.models import Attack

AT = dt.datetime(2026, 6, 30, 12, 0)
D = dt.date
T = dt.time


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: AT)


def attack(d, minutes=None, **kw):
    return Attack(start_date=d, start_time=T(8), duration_minutes=minutes, **kw)


def test_attack_durations_at_the_4_hour_boundary():
    rows = stored(
        attack(D(2026, 6, 1), 239),  # one minute under 4 hours: not long
        attack(D(2026, 6, 2), 240),  # exactly 4 hours: long
        attack(D(2026, 6, 3), 241),  # one minute over: long
        Attack(start_date=D(2026, 6, 4)),  # no length recorded
        attack(D(2026, 5, 31), 600),  # began before the period: not counted
    )
    ev = build_evidence(rows, ("headache",), D(2026, 6, 1), D(2026, 6, 30), {}, AT)
    d = ev.attack_durations
    assert [a.start for a in d.attacks] == [D(2026, 6, d) for d in (1, 2, 3, 4)]
    assert d.known == [239 / 60, 4.0, 241 / 60]
    assert d.long == 2
    assert d.unknown == 1
    assert d.median == 4.0


def test_a_still_going_attack_runs_to_the_evidence_time():
    rows = stored(Attack(start_date=D(2026, 6, 30), start_time=T(6), ongoing=True))
    ev = build_evidence(rows, ("headache",), D(2026, 6, 1), D(2026, 6, 30), {}, AT)
    (a,) = ev.attack_durations.attacks
    assert a.ongoing and a.hours == 6.0  # 06:00 to 12:00


def test_no_durations_when_headache_is_not_tracked():
    rows = stored(attack(D(2026, 6, 1), 300))
    ev = build_evidence(rows, ("jaw",), D(2026, 6, 1), D(2026, 6, 30), {}, AT)
    assert ev.attack_durations is None and ev.days == ()


def test_the_condition_order_comes_from_the_registry():
    assert (
        CONDITION_ORDER
        == conditions.keys()
        == ("headache", "sweating", "jaw", "bladder", "neck", "spasticity")
    )
    # Every registered condition has an evidence section with the uniform API.
    for spec, module in conditions.parts("evidence"):
        assert callable(module.section) and callable(module.empty), spec.key
    assert [s.key for s, _ in conditions.parts("evidence")] == list(conditions.keys())
