"""The headache days are classified a month at a time and unchanged months are reused
(issue 21): the answer must always be the one of classifying every day afresh."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.utils.test_metrics import PROPS, RULES, attacks, checkins
from utils.conditions.headache import metrics as hm
from utils.core.diary import Recorded
from utils.models import Attack, HeadacheCheckin, MedicationDose

START = dt.date(2026, 1, 1)
AT = dt.datetime(2026, 4, 2, 12, 0)


def afresh(entries, start, end, at, rule=hm.RULE_ICHD):
    """Every day classified in one pass over the whole period, nothing reused."""
    items = [
        (getattr(x, "id", -1 - i), getattr(x, "entry", x))
        for i, x in enumerate(entries)
        if isinstance(getattr(x, "entry", x), Attack)
    ]
    free = {e.date for e in entries if isinstance(e, HeadacheCheckin) and start <= e.date <= end}
    return hm._classify(items, free, start, end, at, rule)


@PROPS
@given(
    st.lists(st.one_of(attacks(), checkins), max_size=25),
    st.integers(0, 80),
    st.integers(0, 100),
    RULES,
)
def test_month_by_month_equals_every_day_afresh(entries, first, length, rule):
    start = START + dt.timedelta(days=first)
    end = start + dt.timedelta(days=length)
    expected = afresh(entries, start, end, AT, rule)
    assert hm.classify_headache_days(entries, start, end, AT, rule) == expected
    # the second call takes every month from the first: still the same answer
    assert hm.classify_headache_days(entries, start, end, AT, rule) == expected
    assert list(hm.classify_headache_days(entries, start, end, AT, rule)) == list(expected)
    # the evidence's grouped diary gives the same days
    assert hm.classify_headache_days(Recorded(entries), start, end, AT, rule) == expected


def _attack(day, **kw):
    fields = dict(start_date=day, start_time=dt.time(9), duration_minutes=120, pain=3)
    fields.update(kw)
    return Attack(**fields)


def test_an_edited_attack_is_classified_again():
    jan, mar = _attack(dt.date(2026, 1, 10)), _attack(dt.date(2026, 3, 5))
    before = hm.classify_headache_days([jan, mar], START, dt.date(2026, 3, 31), AT)
    assert before[dt.date(2026, 3, 5)].max_pain == 3
    edited = mar.model_copy(update={"pain": 8, "duration_minutes": 300})
    after = hm.classify_headache_days([jan, edited], START, dt.date(2026, 3, 31), AT)
    assert after[dt.date(2026, 3, 5)].max_pain == 8
    assert after[dt.date(2026, 3, 5)].long
    assert after == afresh([jan, edited], START, dt.date(2026, 3, 31), AT)
    # a deleted attack leaves its day unlogged, an added one logs its day
    fewer = hm.classify_headache_days([jan], START, dt.date(2026, 3, 31), AT)
    assert not fewer[dt.date(2026, 3, 5)].logged
    new = _attack(dt.date(2026, 2, 14))
    more = hm.classify_headache_days([jan, new], START, dt.date(2026, 3, 31), AT)
    assert more[dt.date(2026, 2, 14)].headache
    assert more == afresh([jan, new], START, dt.date(2026, 3, 31), AT)


def test_a_check_in_changes_its_month():
    jan = _attack(dt.date(2026, 1, 10))
    end = dt.date(2026, 2, 28)
    hm.classify_headache_days([jan], START, end, AT)
    free = HeadacheCheckin(date=dt.date(2026, 2, 3))
    days = hm.classify_headache_days([jan, free], START, end, AT)
    assert days[dt.date(2026, 2, 3)].status == hm.HEADACHE_FREE


def test_a_still_going_attack_follows_the_reference_time():
    at1 = dt.datetime(2026, 3, 2, 10, 0)
    at2 = dt.datetime(2026, 3, 2, 20, 0)
    going = Attack(start_date=dt.date(2026, 3, 2), start_time=dt.time(8), ongoing=True)
    end = dt.date(2026, 3, 2)
    first = hm.classify_headache_days([going], START, end, at1)
    later = hm.classify_headache_days([going], START, end, at2)
    assert first[end].hours == pytest.approx(2)
    assert later[end].hours == pytest.approx(12)
    assert later == afresh([going], START, end, at2)


def test_an_attack_over_midnight_at_a_month_end():
    """An attack begun on 31 January that runs into February counts on both days, and its
    dose taken after midnight counts on 1 February, also when the period starts there."""
    dose = MedicationDose(name="x", drug_class="triptan", time=dt.time(0, 30))
    late = _attack(
        dt.date(2026, 1, 31), start_time=dt.time(23), duration_minutes=180, medications=[dose]
    )
    for start in (START, dt.date(2026, 2, 1)):
        days = hm.classify_headache_days([late], start, dt.date(2026, 2, 28), AT)
        assert days[dt.date(2026, 2, 1)].headache
        assert days[dt.date(2026, 2, 1)].acute_classes == ("triptan",)
        assert days == afresh([late], start, dt.date(2026, 2, 28), AT)


def test_the_kept_months_are_bounded(monkeypatch):
    from utils.conditions.headache import kept_months

    monkeypatch.setattr(kept_months, "MONTHS_MAX", 5)
    days = hm.classify_headache_days(
        [_attack(dt.date(2025, 6, 1))], dt.date(2025, 1, 1), dt.date(2026, 3, 31), AT
    )
    assert len(days) == 455 and days[dt.date(2025, 6, 1)].headache
    assert len(kept_months._MONTHS) <= 5
