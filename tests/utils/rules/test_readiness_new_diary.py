"""Issue 18: a new diary (no day or a few days logged) must not be told its case is ready years
from now. The home page checks the case window: the last 12 months, or from the first diary day
when the diary is younger, so a diary with no day yet begins on the first day the patient logs.

By hand (completeness share 80 %, today 27 Nov 2026):
- no diary day at all (a new profile, or only clinician grades): the period would begin on the
  first logged day, so logging tomorrow (28 Nov) gives 1 of 1 days = 100 %: 28 Nov 2026.
- one day logged (today): 1 of 1 days: met now.
- a new spasticity diary in a profile whose headache diary began 200 days ago (period 10 May -
  27 Nov 2026, 202 days, 0 spasticity days): with a fixed start (0 + k) / (202 + k) >= 0.8 needs
  k = 808; but the case window is at most 365 days, so once it is full it holds only the days
  logged from tomorrow on: k >= 0.8 x 365 = 292 -> 27 Nov 2026 + 292 days = 15 Sep 2027
  (k = 291: 291 / 365 = 0.797, below).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.diaries import stored
from utils import casefile, models, readiness
from utils.conditions.neck.models import NeckDay
from utils.conditions.spasticity.models import AshworthGrade, SpasticityDay
from utils.evidence import build_evidence
from utils.models import HeadacheCheckin

AT = dt.datetime(2026, 11, 27, 12, 0)
TODAY = AT.date()
D = dt.date
SETTINGS = {"year_of_birth": 1970}
DAY_OF = {
    "spasticity": lambda d: SpasticityDay(date=d, stiffness=5),
    "neck": lambda d: NeckDay(date=d, pain=5),
}
FIRST = {"spasticity": "spasticity_first", "neck": "cervical_dystonia_first"}


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: AT)


def home_evidence(entries, conditions):
    rows = stored(*entries)
    start, end = casefile.case_window(TODAY, casefile.first_diary_day(rows))
    return build_evidence(rows, conditions, start, end, SETTINGS, AT)


def completeness_item(ev, rule_set):
    rs = next(r for r in ev.readiness.rule_sets if r.id == rule_set)
    return next(c for c in rs.criteria if c.criterion == "diary_completeness")


def far_dates(ev) -> list:
    """Every projected date more than a year after today (none should be)."""
    out = [r.date for r in ev.readiness.rule_sets if r.date and r.date > TODAY.replace(2027)]
    out += [
        c.date
        for r in ev.readiness.rule_sets
        for c in r.criteria
        if c.date and c.date > TODAY.replace(2027)
    ]
    if ev.readiness.nearest and ev.readiness.nearest.date > TODAY.replace(2027):
        out.append(ev.readiness.nearest.date)
    return out


@pytest.mark.parametrize("condition", ["spasticity", "neck"])
def test_an_empty_diary_is_ready_to_show_completeness_from_tomorrow(condition):
    ev = home_evidence([], (condition,))
    c = completeness_item(ev, FIRST[condition])
    assert (c.kind, c.date) == (readiness.DATE, D(2026, 11, 28))
    assert "first day you log" in c.text
    assert far_dates(ev) == []


def test_only_clinician_grades_count_as_no_diary_day_yet():
    grade = AshworthGrade(date=D(2026, 6, 1), muscle_group="elbow flexors", side="left", grade="2")
    ev = home_evidence([grade], ("spasticity",))
    assert completeness_item(ev, "spasticity_first").date == D(2026, 11, 28)
    assert far_dates(ev) == []


@pytest.mark.parametrize("condition", ["spasticity", "neck"])
def test_a_one_day_diary_shows_completeness_now(condition):
    ev = home_evidence([DAY_OF[condition](TODAY)], (condition,))
    assert completeness_item(ev, FIRST[condition]).kind == readiness.READY
    assert far_dates(ev) == []


def test_a_new_condition_beside_an_older_diary_is_projected_over_the_12_month_window():
    start = TODAY - dt.timedelta(days=201)
    checkins = [HeadacheCheckin(date=start + dt.timedelta(days=i)) for i in range(202)]
    ev = home_evidence(checkins, ("headache", "spasticity"))
    assert ev.period.start == D(2026, 5, 10)
    c = completeness_item(ev, "spasticity_first")
    assert (c.kind, c.date) == (readiness.DATE, D(2027, 9, 15))
    assert "292 of 365 days" in c.text


@pytest.mark.parametrize("n_days", [0, 1])
def test_a_new_bladder_diary_has_no_far_date(n_days):
    from utils.conditions.bladder.models import BladderDay

    days = [BladderDay(date=TODAY, complete=True, bedtime=dt.time(23), wake_time=dt.time(7))][
        :n_days
    ]
    ev = home_evidence(days, ("bladder",))
    assert far_dates(ev) == []
    rs = next(r for r in ev.readiness.rule_sets if r.id == "overactive_bladder_first")
    diary = next(c for c in rs.criteria if c.criterion == "bladder_diary")
    assert diary.kind == readiness.ACTION  # "keep the diary 3 whole days": no date promised
