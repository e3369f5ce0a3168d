"""utils.metrics: unit checks of the helpers and property-based invariants of the day counts."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from utils import metrics, models, sample
from utils.metrics import (
    HEADACHE,
    NOT_LOGGED,
    RULE_ICHD,
    RULE_TRIAL,
    add_months,
    chronic_pattern,
    classify_headache_days,
    count_days,
    longest_run,
    month_counts,
    months_text,
)
from utils.models import Attack, HeadacheCheckin, MedicationDose

AT = dt.datetime(2026, 11, 20, 12, 0)
START = dt.date(2026, 1, 1)
END = dt.date(2026, 3, 31)  # 90 days


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: AT)


# ---------------------------------------------------------------- helpers


def test_calendar_helpers():
    assert add_months(dt.date(2026, 5, 31), -3) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2024, 3, 31), -1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2026, 1, 15), -1) == dt.date(2025, 12, 15)
    assert months_text(["2026-03", "2026-04", "2026-05"]) == "Mar, Apr, May 2026"
    assert months_text(["2025-12", "2026-01"]) == "Dec 2025, Jan 2026"
    assert longest_run(["2025-11", "2025-12", "2026-01", "2026-03"]) == [
        "2025-11",
        "2025-12",
        "2026-01",
    ]
    # On a tie the most recent run wins.
    assert longest_run(["2026-01", "2026-03"]) == ["2026-03"]
    assert metrics.month_bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))


def test_union_of_intervals():
    assert metrics._union_seconds([(0, 10), (5, 20), (30, 40)]) == 30
    assert metrics._union_seconds([(30, 40), (0, 10), (10, 12)]) == 22
    assert metrics._union_seconds([]) == 0


def test_unknown_rule_is_refused():
    with pytest.raises(ValueError):
        classify_headache_days([], START, END, AT, rule="whatever")


def test_chronic_pattern_from_month_counts():
    days = {}
    for i in range(90):
        d = START + dt.timedelta(days=i)
        # 15 headache days in Jan, 14 in Feb, 15 in Mar.
        limit = {1: 15, 2: 14, 3: 15}[d.month]
        status = HEADACHE if d.day <= limit else metrics.HEADACHE_FREE
        days[d] = metrics.HeadacheDay(d, status, migraine=status == HEADACHE)
    months = month_counts(days, START, END)
    assert [m.counts.headache for m in months] == [15, 14, 15]
    ch = chronic_pattern(months, 15, 8)
    assert ch.qualifying_months == ("2026-01", "2026-03")
    assert ch.longest_run == ("2026-03",)


def test_sample_diary_counts_are_consistent():
    end = dt.date(2026, 11, 19)
    items = sample.generate("migraine", days=240, end=end)
    entries = [e for e, _ in items]
    days = classify_headache_days(entries, end - dt.timedelta(days=239), end, AT)
    c = count_days(days, end - dt.timedelta(days=239), end)
    checkins = sum(isinstance(e, HeadacheCheckin) for e in entries)
    attack_days = {e.start_date for e in entries if isinstance(e, Attack)}
    # The sample never puts a check-in and an attack on one day, and its attacks end the
    # same day or the next; every logged day is one of the two.
    assert c.logged >= checkins + len(attack_days) - 1
    assert c.headache >= len(attack_days)
    assert c.migraine <= c.headache <= c.logged <= c.days == 240


# ---------------------------------------------------------------- property-based invariants

SIDE = st.sampled_from([None, "left", "right", "both", "varies"])
TRI = st.sampled_from([None, True, False])
MEDS = st.lists(
    st.builds(
        MedicationDose,
        name=st.just("x"),
        drug_class=st.sampled_from(["triptan", "nsaid", "gepant", "antiemetic", "opioid"]),
        time=st.none() | st.times(),
        relief_2h=st.sampled_from([None, "none", "partial", "full"]),
    ),
    max_size=2,
)


@st.composite
def attacks(draw) -> Attack:
    day = START + dt.timedelta(days=draw(st.integers(0, 89)))
    timed = draw(st.booleans())
    start_time = draw(st.times()) if timed else None
    how = draw(
        st.sampled_from(["duration", "end", "none", "ongoing"] if timed else ["duration", "none"])
    )
    fields = dict(
        start_date=day,
        start_time=start_time,
        pain=draw(st.none() | st.integers(0, 10)),
        function=draw(st.none() | st.integers(0, 3)),
        side=draw(SIDE),
        pulsating=draw(TRI),
        worse_with_activity=draw(TRI),
        nausea_vomiting=draw(TRI),
        light_sensitivity=draw(TRI),
        sound_sensitivity=draw(TRI),
        aura=draw(TRI),
        medications=draw(MEDS),
    )
    minutes = draw(st.integers(1, 60 * 60))
    if how == "duration":
        fields["duration_minutes"] = minutes
    elif how == "end":
        fields["end"] = dt.datetime.combine(day, start_time) + dt.timedelta(minutes=minutes)
    elif how == "ongoing":
        fields["ongoing"] = True
    return Attack(**fields)


checkins = st.builds(
    HeadacheCheckin, date=st.integers(0, 89).map(lambda i: START + dt.timedelta(days=i))
)
diaries = st.lists(st.one_of(attacks(), checkins), max_size=25)
RULES = st.sampled_from([RULE_ICHD, RULE_TRIAL])
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
AT_END = dt.datetime(2026, 4, 2, 12, 0)  # "now" for ongoing attacks: just after the period


def totals(entries, rule):
    days = classify_headache_days(entries, START, END, AT_END, rule)
    return days, count_days(days, START, END)


@PROPS
@given(diaries, st.randoms(use_true_random=False), RULES)
def test_order_of_entries_never_changes_a_count(entries, rnd, rule):
    days, c = totals(entries, rule)
    shuffled = list(entries)
    rnd.shuffle(shuffled)
    days2, c2 = totals(shuffled, rule)
    assert c == c2
    strip = lambda d: {k: v.__class__(**{**v.__dict__, "attack_ids": ()}) for k, v in d.items()}  # noqa: E731
    assert strip(days) == strip(days2)


@PROPS
@given(diaries, st.integers(0, 89), RULES)
def test_headache_free_check_in_never_raises_headache_days(entries, offset, rule):
    _, before = totals(entries, rule)
    _, after = totals([*entries, HeadacheCheckin(date=START + dt.timedelta(days=offset))], rule)
    assert after.headache == before.headache
    assert after.migraine == before.migraine
    assert after.logged in (before.logged, before.logged + 1)


@PROPS
@given(diaries, RULES)
def test_counts_are_nested(entries, rule):
    days, c = totals(entries, rule)
    assert c.migraine <= c.headache <= c.logged <= c.days
    assert c.long <= c.headache and c.function_impaired <= c.headache
    assert all(n <= c.acute_any <= c.headache for n in c.acute_by_class.values())
    for rec in days.values():
        if rec.status == NOT_LOGGED:
            assert rec.hours is None and not rec.migraine
        if rec.hours is not None:
            assert 0 <= rec.hours <= 24
        if rec.migraine_ichd:
            assert rec.migraine_trial  # the trial rule only adds days
    months = month_counts(days, START, END)
    assert sum(m.counts.headache for m in months) == c.headache
    assert sum(b.headache for b in metrics.rolling30(days, START, END)) == c.headache


@PROPS
@given(diaries)
def test_trial_rule_never_has_fewer_migraine_days(entries):
    _, ichd = totals(entries, RULE_ICHD)
    _, trial = totals(entries, RULE_TRIAL)
    assert trial.migraine >= ichd.migraine
    assert trial.headache == ichd.headache
