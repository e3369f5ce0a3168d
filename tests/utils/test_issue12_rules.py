"""Issue 12: every threshold at its boundary (one below, exactly at, one above) and the new
criteria, each on a small diary whose answer is worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.diaries import MIGRAINE, stored
from utils import models
from utils.criteria import FOR_CLINICIAN, MET, MISSING, NOT_MET
from utils.evidence import build_evidence
from utils.models import (
    Attack,
    BotoxSession,
    HdssAssessment,
    HeadacheCheckin,
    Hit6,
    MedicationDose,
    Midas,
    SweatDay,
    Treatment,
)

AT = dt.datetime(2026, 11, 20, 12, 0)
D = dt.date
T = dt.time
DAY = dt.timedelta(days=1)

NO_FEATURES = dict(
    side="both",
    pulsating=False,
    pain=2,
    worse_with_activity=False,
    nausea_vomiting=True,
    light_sensitivity=False,
    sound_sensitivity=False,
    aura=False,
)


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: AT)


def ev_for(entries, start, end, settings=None, conditions=("headache",), at=AT):
    return build_evidence(stored(*entries), conditions, start, end, settings or {}, at)


def crit(ev, full_id):
    rs_id, c_id = full_id.split(".")
    return next(c for c in ev.checklist(rs_id).criteria if c.criterion == c_id)


def the_day(ev, d):
    return next(r for r in ev.days if r.date == d)


def month_days(year: int, month: int) -> list[dt.date]:
    first = D(year, month, 1)
    nxt = D(year + (month == 12), month % 12 + 1, 1)
    return [first + DAY * i for i in range((nxt - first).days)]


def months_diary(per_month: dict[int, int], minutes: int = 300, **kw) -> list:
    """2026: ``n`` attacks of ``minutes`` on the first n days of each month, check-ins after."""
    out = []
    for month, n in per_month.items():
        for i, d in enumerate(month_days(2026, month)):
            if i < n:
                fields = {**MIGRAINE, **kw}
                out.append(
                    Attack(start_date=d, start_time=T(8), duration_minutes=minutes, **fields)
                )
            else:
                out.append(HeadacheCheckin(date=d))
    return out


# ---------------------------------------------------------------- migraine-day features


@pytest.mark.parametrize(("pain", "migraine"), [(3, False), (4, True), (5, True)])
def test_pain_4_of_10_is_the_moderate_feature(pain, migraine):
    # One-sided (1 feature) + pain: 3 is mild (1 of 4 features), 4 and 5 are moderate (2 of 4);
    # with nausea the day is a migraine day from 2 features.
    a = Attack(start_date=D(2026, 3, 3), **{**NO_FEATURES, "side": "left", "pain": pain})
    ev = ev_for([a], D(2026, 3, 1), D(2026, 3, 31))
    assert the_day(ev, D(2026, 3, 3)).migraine_ichd is migraine


@pytest.mark.parametrize(
    ("features", "migraine"),
    [
        ({"side": "left"}, False),  # 1 of 4
        ({"side": "left", "pulsating": True}, True),  # 2 of 4: exactly the threshold
        ({"side": "left", "pulsating": True, "worse_with_activity": True}, True),  # 3 of 4
    ],
)
def test_two_of_four_pain_features(features, migraine):
    a = Attack(start_date=D(2026, 3, 3), **{**NO_FEATURES, **features})
    ev = ev_for([a], D(2026, 3, 1), D(2026, 3, 31))
    assert the_day(ev, D(2026, 3, 3)).migraine_ichd is migraine


# ---------------------------------------------------------------- hours that day


@pytest.mark.parametrize(
    ("second", "hours", "long"),
    [
        ((T(9), 60), 4.0, True),  # nested inside 08-12: the union stays 4 h
        ((T(12), 60), 5.0, True),  # touching at 12:00: 08-13, 5 h
        ((T(10), 119), 4.0, True),  # 10:00-11:59 inside 08-12
    ],
)
def test_nested_and_touching_intervals(second, hours, long):
    first = Attack(start_date=D(2026, 3, 3), start_time=T(8), duration_minutes=240, **MIGRAINE)
    other = Attack(
        start_date=D(2026, 3, 3), start_time=second[0], duration_minutes=second[1], **MIGRAINE
    )
    r = the_day(ev_for([first, other], D(2026, 3, 1), D(2026, 3, 31)), D(2026, 3, 3))
    assert (r.hours, r.long) == (hours, long)


@pytest.mark.parametrize(("minutes", "long"), [(239, False), (240, True), (241, True)])
def test_four_hours_that_day(minutes, long):
    a = Attack(start_date=D(2026, 3, 3), start_time=T(8), duration_minutes=minutes, **MIGRAINE)
    assert the_day(ev_for([a], D(2026, 3, 1), D(2026, 3, 31)), D(2026, 3, 3)).long is long


# ---------------------------------------------------------------- consecutive whole months


@pytest.mark.parametrize(
    ("months", "status"),
    [
        ({1: 15, 2: 15, 3: 14, 4: 14}, NOT_MET),  # 2 consecutive months: below 3
        ({1: 15, 2: 15, 3: 15, 4: 14}, MET),  # exactly 3
        ({1: 15, 2: 15, 3: 15, 4: 15}, MET),  # 4
    ],
)
def test_three_consecutive_whole_months(months, status):
    ev = ev_for(months_diary(months), D(2026, 1, 1), D(2026, 4, 30))
    assert crit(ev, "chronic_migraine_first.headache_days").status == status
    assert crit(ev, "chronic_migraine_first.migraine_days").status == status


@pytest.mark.parametrize(("per_month", "status"), [(14, NOT_MET), (15, MET), (16, MET)])
def test_headache_days_per_month_boundary(per_month, status):
    ev = ev_for(months_diary(dict.fromkeys((1, 2, 3), per_month)), D(2026, 1, 1), D(2026, 3, 31))
    assert crit(ev, "chronic_migraine_first.headache_days").status == status


def test_a_one_day_partial_month_at_either_edge_changes_nothing():
    # Jan-Mar: 15 headache days each, every day logged. The period runs 31 Dec 2025 to 1 Apr
    # 2026: Dec and Apr are one-day partial months (not logged at all). By hand: the whole
    # months are Jan, Feb, Mar, a run of 3 -> met, not "missing data".
    ev = ev_for(months_diary({1: 15, 2: 15, 3: 15}), D(2025, 12, 31), D(2026, 4, 1))
    assert [m.partial_period for m in ev.months] == [True, False, False, False, True]
    c = crit(ev, "chronic_migraine_first.headache_days")
    assert (c.status, c.evidence) == (MET, "15, 15 and 15 headache days in Jan, Feb, Mar 2026.")
    assert crit(ev, "chronic_migraine_first.hours_per_day").status == MET


def test_no_whole_month_is_missing_data():
    ev = ev_for(months_diary({3: 20}), D(2026, 3, 2), D(2026, 3, 31))
    c = crit(ev, "chronic_migraine_first.headache_days")
    assert (c.status, c.gap) == (MISSING, "the period holds no whole calendar month yet")


# ---------------------------------------------------------------- long days per month


@pytest.mark.parametrize(("long_days", "status"), [(14, NOT_MET), (15, MET), (16, MET)])
def test_long_days_per_month_boundary(long_days, status):
    # 20 headache days a month in Jan-Mar: the first `long_days` last 5 h, the rest 2 h; every
    # day logged, so the count is final.
    entries = []
    for month in (1, 2, 3):
        for i, d in enumerate(month_days(2026, month)):
            if i < 20:
                minutes = 300 if i < long_days else 120
                entries.append(
                    Attack(start_date=d, start_time=T(8), duration_minutes=minutes, **MIGRAINE)
                )
            else:
                entries.append(HeadacheCheckin(date=d))
    ev = ev_for(entries, D(2026, 1, 1), D(2026, 3, 31))
    c = crit(ev, "chronic_migraine_first.hours_per_day")
    assert c.status == status
    n = long_days
    assert c.evidence == (
        f"Days with 4 hours or more of headache: Jan 2026 {n}, Feb 2026 {n}, Mar 2026 {n}."
    )
    if status == NOT_MET:
        assert "below 15 in Jan 2026 (14), Feb 2026 (14), Mar 2026 (14)" in c.gap


# ---------------------------------------------------------------- diary completeness 80 %


@pytest.mark.parametrize(("logged", "status"), [(23, NOT_MET), (24, MET), (25, MET)])
def test_completeness_exactly_80_percent(logged, status):
    # A 30-day period (1-30 Apr): 24 of 30 is exactly 80 %.
    entries = [HeadacheCheckin(date=D(2026, 4, 1) + DAY * i) for i in range(logged)]
    ev = ev_for(entries, D(2026, 4, 1), D(2026, 4, 30))
    c = crit(ev, "chronic_migraine_first.diary_completeness")
    assert c.status == status
    assert c.evidence.startswith(f"{logged} of 30 days logged")


# ---------------------------------------------------------------- questionnaire cut-off day


@pytest.mark.parametrize(
    ("midas_day", "status"),
    [(D(2026, 1, 29), MISSING), (D(2026, 1, 30), MET), (D(2026, 1, 31), MET)],
)
def test_midas_on_the_cut_off_day(midas_day, status):
    # Period ends 30 Apr; 3 months back is the same day number, 30 Jan (the cut-off, included).
    m = Midas(date=midas_day, q1=5, q2=5, q3=5, q4=5, q5=5)
    ev = ev_for([m, HeadacheCheckin(date=D(2026, 4, 30))], D(2026, 1, 1), D(2026, 4, 30))
    assert crit(ev, "chronic_migraine_first.midas").status == status


# ---------------------------------------------------------------- history: the clinician's


def test_history_of_more_than_three_months_is_for_the_clinician():
    ev = ev_for(months_diary({1: 20, 2: 20, 3: 20, 4: 20, 5: 20}), D(2026, 1, 1), D(2026, 5, 31))
    c = crit(ev, "chronic_migraine_first.history")
    assert c.status == FOR_CLINICIAN
    assert c.evidence.startswith("The diary covers 5 whole calendar months")
    assert c.status_label == "for the clinician"


# ---------------------------------------------------------------- medication overuse


def triptan_months(per_month: dict[int, int], logged_all: bool = True) -> list:
    """Triptan days on the first n days of each month; every other day a check-in."""
    out = []
    for month, n in per_month.items():
        for i, d in enumerate(month_days(2026, month)):
            if i < n:
                med = [MedicationDose(name="sumatriptan", drug_class="triptan")]
                out.append(
                    Attack(start_date=d, start_time=T(9), duration_minutes=120, medications=med)
                )
            elif logged_all:
                out.append(HeadacheCheckin(date=d))
    return out


@pytest.mark.parametrize(
    ("days", "status"),
    [
        (9, MET),  # below the limit every month, every day logged: ruled out
        (10, FOR_CLINICIAN),  # exactly the limit in 4 consecutive months: the pattern
        (11, FOR_CLINICIAN),
    ],
)
def test_overuse_triptan_limit_boundary(days, status):
    ev = ev_for(triptan_months(dict.fromkeys((1, 2, 3, 4), days)), D(2026, 1, 1), D(2026, 4, 30))
    assert crit(ev, "chronic_migraine_first.medication_overuse").status == status


@pytest.mark.parametrize(
    ("flagged_run", "status"),
    [(3, MET), (4, FOR_CLINICIAN)],  # 3 flagged months is not "more than 3"; 4 is
)
def test_overuse_three_vs_four_flagged_months(flagged_run, status):
    per = {m: (10 if m <= flagged_run else 0) for m in (1, 2, 3, 4, 5)}
    ev = ev_for(triptan_months(per), D(2026, 1, 1), D(2026, 5, 31))
    assert crit(ev, "chronic_migraine_first.medication_overuse").status == status


def test_overuse_never_met_from_one_logged_day():
    # One check-in in a 4-month period: every month could hide 10 triptan days.
    ev = ev_for([HeadacheCheckin(date=D(2026, 2, 10))], D(2026, 1, 1), D(2026, 4, 30))
    c = crit(ev, "chronic_migraine_first.medication_overuse")
    assert c.status == FOR_CLINICIAN
    assert "unlogged days in Jan, Feb, Mar, Apr 2026 could hide" in c.gap
    assert ev.overuse.ruled_out is False


@pytest.mark.parametrize(
    ("logged_days", "status"),
    [
        (1, FOR_CLINICIAN),  # one check-in in a one-month period: never met
        (28, MET),  # February fully logged without medicine: it cannot reach a limit
    ],
)
def test_overuse_short_period_needs_one_clear_month(logged_days, status):
    entries = [HeadacheCheckin(date=D(2026, 2, 1) + DAY * i) for i in range(logged_days)]
    ev = ev_for(entries, D(2026, 2, 1), D(2026, 2, 28))
    c = crit(ev, "chronic_migraine_first.medication_overuse")
    assert c.status == status
    if status == FOR_CLINICIAN:
        assert c.gap.startswith("no month of the period is logged well enough")


def test_overuse_one_logged_day_can_never_give_met():
    # 1 of 31 days logged in Jan: 30 unlogged days could each be a triptan day.
    ev = ev_for([HeadacheCheckin(date=D(2026, 1, 31))], D(2026, 1, 31), D(2026, 1, 31))
    assert crit(ev, "chronic_migraine_first.medication_overuse").status == FOR_CLINICIAN


def test_overuse_unlogged_days_that_could_hide_a_run():
    # Jan-Apr: 5 triptan days a month and nothing else logged (26 unlogged days a month):
    # each month could reach 10 -> a possible run of 4 -> for the clinician.
    ev = ev_for(
        triptan_months(dict.fromkeys((1, 2, 3, 4), 5), logged_all=False),
        D(2026, 1, 1),
        D(2026, 4, 30),
    )
    assert ev.overuse.possible_months == ("2026-01", "2026-02", "2026-03", "2026-04")
    assert crit(ev, "chronic_migraine_first.medication_overuse").status == FOR_CLINICIAN


# ---------------------------------------------------------------- adult


@pytest.mark.parametrize(
    ("year", "status"),
    [
        (2009, NOT_MET),  # at most 17 on 30 Apr 2026
        (2008, FOR_CLINICIAN),  # 17 or 18: depends on the birthday
        (2007, MET),  # 18 or older
    ],
)
def test_adult_from_the_year_of_birth(year, status):
    ev = ev_for([], D(2026, 1, 1), D(2026, 4, 30), settings={"year_of_birth": year})
    assert crit(ev, "chronic_migraine_first.adult").status == status


@pytest.mark.parametrize(
    ("born", "status"),
    [
        ("2008-05-01", NOT_MET),  # 17 on 30 Apr 2026: the 18th birthday is the next day
        ("2008-04-30", MET),  # 18 on the day
        ("2008-04-29", MET),  # 18 since the day before
    ],
)
def test_adult_from_the_date_of_birth_of_the_identifiers(born, status):
    # The document identifiers' date of birth is exact, so the year's ambiguity goes away.
    settings = {"date_of_birth": born, "year_of_birth": 2008}
    ev = ev_for([], D(2026, 1, 1), D(2026, 4, 30), settings=settings)
    assert crit(ev, "chronic_migraine_first.adult").status == status


def test_adult_without_year_of_birth_is_missing_data():
    c = crit(ev_for([], D(2026, 1, 1), D(2026, 4, 30)), "chronic_migraine_first.adult")
    assert (c.status, c.gap) == (MISSING, "add the year of birth under Profiles & settings")


# ---------------------------------------------------------------- prescriber specialty


def topiramate(**kw) -> Treatment:
    fields = dict(
        condition="headache",
        name="topiramate",
        treatment_class="anticonvulsant",
        start=D(2026, 1, 1),
        stop=D(2026, 3, 31),
        outcome="inadequate_response",
    )
    return Treatment(**{**fields, **kw})


@pytest.mark.parametrize(
    ("specialties", "status"),
    [
        ((), MISSING),
        (("dont_know",), MISSING),
        (("other",), FOR_CLINICIAN),
        (("other", "neurologist"), MET),
        (("headache_specialist",), MET),
    ],
)
def test_prescriber_specialty(specialties, status):
    entries = [topiramate(specialty=s) for s in specialties]
    c = crit(ev_for(entries, D(2026, 1, 1), D(2026, 4, 30)), "chronic_migraine_first.specialist")
    assert c.status == status
    assert c.commonly_required is False  # some plans only


def test_specialty_on_the_botox_session_counts():
    s = BotoxSession(date=D(2026, 4, 1), condition="headache", units=155, specialty="neurologist")
    c = crit(ev_for([s], D(2026, 1, 1), D(2026, 4, 30)), "chronic_migraine_first.specialist")
    assert (c.status, c.evidence) == (
        MET,
        "Botox session on 2026-04-01: prescribed by a neurologist.",
    )


# ---------------------------------------------------------------- CGRP antibody with Botox


def erenumab(start, stop=None) -> Treatment:
    return Treatment(
        condition="headache",
        name="erenumab",
        treatment_class="cgrp_mab",
        start=start,
        stop=stop,
        outcome="ongoing" if stop is None else "inadequate_response",
    )


@pytest.mark.parametrize(
    ("stop", "status"),
    [
        (D(2026, 3, 31), MET),  # stopped the day before the session
        (D(2026, 4, 1), FOR_CLINICIAN),  # still taken on the session day
        (None, FOR_CLINICIAN),  # still being taken
    ],
)
def test_cgrp_antibody_overlapping_a_session(stop, status):
    s = BotoxSession(date=D(2026, 4, 1), condition="headache", units=155)
    ev = ev_for([s, erenumab(D(2026, 1, 1), stop)], D(2026, 1, 1), D(2026, 4, 30))
    assert crit(ev, "chronic_migraine_first.cgrp_overlap").status == status


# ---------------------------------------------------------------- sessions: spacing and dose


@pytest.mark.parametrize(("gap", "status"), [(83, NOT_MET), (84, MET), (85, MET)])
def test_sessions_fewer_than_84_days_apart(gap, status):
    s1 = BotoxSession(date=D(2026, 3, 1), condition="headache", units=155)
    s2 = BotoxSession(date=D(2026, 3, 1) + DAY * gap, condition="headache", units=155)
    c = crit(ev_for([s1, s2], D(2026, 1, 1), D(2026, 6, 30)), "chronic_migraine_renewal.spacing")
    assert c.status == status
    if status == NOT_MET:
        assert c.gap.startswith("likely denial reason: the session on 2026-05-23 came 83 days")


@pytest.mark.parametrize(("units", "status"), [(155, MET), (156, NOT_MET)])
def test_units_above_the_labelled_total(units, status):
    s = BotoxSession(date=D(2026, 3, 1), condition="headache", units=units)
    c = crit(ev_for([s], D(2026, 1, 1), D(2026, 4, 30)), "chronic_migraine_renewal.spacing")
    assert c.status == status


# ---------------------------------------------------------------- renewal paths


def renewal_diary(after_days: int, midas=(None, None), hit6=(None, None)) -> list:
    """Baseline 90 days (1 Jan-31 Mar 2026) with 60 headache days (20 per 30); sessions on
    1 Apr and 24 Jun; the 84 days from 24 Jun carry ``after_days`` headache days."""
    out = []
    base = [D(2026, 1, 1) + DAY * i for i in range(90)]
    for i, d in enumerate(base):
        if i % 3 < 2:
            out.append(Attack(start_date=d, start_time=T(8), duration_minutes=300, **MIGRAINE))
        else:
            out.append(HeadacheCheckin(date=d))
    first, second = D(2026, 4, 1), D(2026, 6, 24)
    for d in (first, second):
        out.append(BotoxSession(date=d, condition="headache", units=155))
    for i in range(84):
        d = second + DAY * i
        if i < after_days:
            out.append(Attack(start_date=d, start_time=T(8), duration_minutes=300, **MIGRAINE))
        else:
            out.append(HeadacheCheckin(date=d))
    if midas[0] is not None:
        out.append(Midas(date=D(2026, 3, 20), q1=midas[0], q2=0, q3=0, q4=0, q5=0))
        out.append(Midas(date=D(2026, 9, 10), q1=midas[1], q2=0, q3=0, q4=0, q5=0))
    if hit6[0] is not None:
        out.append(Hit6(date=D(2026, 3, 20), total=hit6[0]))
        out.append(Hit6(date=D(2026, 9, 10), total=hit6[1]))
    return out


def renewal(entries):
    return ev_for(entries, D(2026, 4, 1), D(2026, 9, 15))


@pytest.mark.parametrize(
    ("after_days", "status"),
    [
        (29, NOT_MET),  # 29 in 84 days = 10.36 per 30: 48.2 % fewer
        (28, MET),  # 10 per 30: exactly 50 % fewer
        (27, MET),  # 9.64 per 30: 51.8 % fewer
    ],
)
def test_renewal_exactly_50_percent_fewer_days(after_days, status):
    # MIDAS and HIT-6 did not change, so the days path alone decides.
    ev = renewal(renewal_diary(after_days, midas=(20, 20), hit6=(60, 60)))
    c = crit(ev, "chronic_migraine_renewal.reduction")
    assert c.status == status
    if status == MET:
        assert c.evidence.startswith("Met on the path 'headache days at least 50% fewer'")


def test_renewal_30_percent_is_a_plan_setting():
    # 29 days after: 48.2 % fewer, enough for a plan that accepts 30 %.
    ev = ev_for(
        renewal_diary(29, midas=(20, 20), hit6=(60, 60)),
        D(2026, 4, 1),
        D(2026, 9, 15),
        settings={"thresholds": {"renewal_reduction_pct": 30}},
    )
    assert crit(ev, "chronic_migraine_renewal.reduction").status == MET


@pytest.mark.parametrize(("after", "status"), [(63, MET), (64, NOT_MET), (62, MET)])
def test_renewal_midas_boundary(after, status):
    # MIDAS 90 before the first session; 64 is 28.9 % lower, 63 is exactly 30 %, 62 is 31.1 %.
    ev = renewal(renewal_diary(60, midas=(90, after), hit6=(60, 60)))
    assert crit(ev, "chronic_migraine_renewal.midas").status == status
    c = crit(ev, "chronic_migraine_renewal.reduction")
    assert c.status == status
    if status == MET:
        assert c.evidence.startswith("Met on the path 'MIDAS at least 30% lower': MIDAS 90 on")


@pytest.mark.parametrize(("after", "status"), [(56, NOT_MET), (55, MET), (54, MET)])
def test_renewal_hit6_five_points(after, status):
    # HIT-6 60 before; 56 is 4 points lower, 55 exactly 5, 54 six.
    ev = renewal(renewal_diary(60, midas=(20, 20), hit6=(60, after)))
    c = crit(ev, "chronic_migraine_renewal.reduction")
    assert c.status == status
    if status == MET:
        assert "'HIT-6 at least 5 points lower'" in c.evidence


def test_renewal_baseline_questionnaire_is_kept_at_any_age():
    # The MIDAS before treatment is from two years before the first session: still the baseline.
    entries = renewal_diary(60, hit6=(60, 60))
    entries.append(Midas(date=D(2024, 3, 1), q1=90, q2=0, q3=0, q4=0, q5=0))
    entries.append(Midas(date=D(2026, 9, 10), q1=40, q2=0, q3=0, q4=0, q5=0))
    c = crit(renewal(entries), "chronic_migraine_renewal.midas")
    assert c.status == MET
    assert c.evidence.startswith("MIDAS 90 on 2024-03-01 (before the first session)")


def test_renewal_midas_after_only_the_first_session_is_not_judged():
    # A MIDAS after session 1 but before session 2 (24 Jun): judged after 2 sessions -> missing.
    entries = renewal_diary(60, hit6=(60, 60))
    entries.append(Midas(date=D(2026, 3, 20), q1=90, q2=0, q3=0, q4=0, q5=0))
    entries.append(Midas(date=D(2026, 6, 1), q1=10, q2=0, q3=0, q4=0, q5=0))
    c = crit(renewal(entries), "chronic_migraine_renewal.midas")
    assert (c.status, c.gap) == (MISSING, "no MIDAS after session 2")


def test_sessions_source_names_nice_and_ahs_not_the_label():
    ev = renewal(renewal_diary(28))
    src = crit(ev, "chronic_migraine_renewal.sessions").source
    assert "NICE TA260" in src and "American Headache Society" in src
    assert "FDA label" not in src


# ---------------------------------------------------------------- hyperhidrosis


def sweat_ev(entries, settings=None):
    return ev_for(entries, D(2026, 1, 1), D(2026, 6, 30), settings, conditions=("sweating",))


@pytest.mark.parametrize(("days", "status"), [(29, NOT_MET), (30, MET), (31, MET)])
def test_glycopyrronium_cloth_counts_as_a_topical_trial(days, status):
    t = Treatment(
        condition="sweating",
        name="Qbrexza",
        treatment_class="glycopyrronium_cloth",
        start=D(2026, 1, 1),
        stop=D(2026, 1, 1) + DAY * (days - 1),
        outcome="inadequate_response",
    )
    assert crit(sweat_ev([t]), "hyperhidrosis_first.topical").status == status


def test_first_authorization_hdss_uses_only_days_before_the_first_session():
    # HDSS 4 on 28 Feb (before), then HDSS 2 "before treatment" on the session day 1 Mar:
    # the session day is not before the first session, so the 4 counts.
    entries = [
        HdssAssessment(date=D(2026, 2, 28), score=4, timing="before treatment"),
        HdssAssessment(date=D(2026, 3, 1), score=2, timing="before treatment"),
        BotoxSession(date=D(2026, 3, 1), condition="sweating", units=100),
    ]
    c = crit(sweat_ev(entries), "hyperhidrosis_first.hdss_severe")
    assert (c.status, c.evidence) == (MET, "HDSS 4 on 2026-02-28 (before treatment).")


def test_medical_complication_is_plan_optional():
    days = [
        SweatDay(date=D(2026, 2, 1), hdss=3, sites=["underarms"], skin_problems=["maceration"]),
        SweatDay(date=D(2026, 2, 2), hdss=3, sites=["underarms"]),
    ]
    ids = [c.criterion for c in sweat_ev(days).checklist("hyperhidrosis_first").criteria]
    assert "medical_complication" not in ids  # not asked for by default
    yes = {"thresholds": {"sweat_complication_required": "yes"}}
    c = crit(sweat_ev(days, yes), "hyperhidrosis_first.medical_complication")
    assert (c.status, c.evidence) == (MET, "Skin problems logged: maceration on 1 day.")
    c = crit(sweat_ev(days[1:], yes), "hyperhidrosis_first.medical_complication")
    assert c.status == NOT_MET


# ---------------------------------------------------------------- overall status


@pytest.mark.parametrize(
    ("statuses", "overall"),
    [
        ((MET, MET), MET),
        ((MET, FOR_CLINICIAN), FOR_CLINICIAN),
        ((MISSING, FOR_CLINICIAN), MISSING),
        ((NOT_MET, FOR_CLINICIAN, MISSING), NOT_MET),
    ],
)
def test_overall_status_never_counts_for_clinician_as_met(statuses, overall):
    from utils.criteria import _overall

    assert _overall(statuses) == overall


# ---------------------------------------------------------------- more thresholds, one table each


@pytest.mark.parametrize(("per_month", "status"), [(7, NOT_MET), (8, MET), (9, MET)])
def test_migraine_days_per_month_boundary(per_month, status):
    # 16 headache days a month in Jan-Mar; the first `per_month` have migraine features, the
    # others none (tension-type, pain 2): every day logged, so the count is final.
    entries = []
    for month in (1, 2, 3):
        for i, d in enumerate(month_days(2026, month)):
            if i < 16:
                fields = MIGRAINE if i < per_month else {**NO_FEATURES, "nausea_vomiting": False}
                entries.append(
                    Attack(start_date=d, start_time=T(8), duration_minutes=300, **fields)
                )
            else:
                entries.append(HeadacheCheckin(date=d))
    ev = ev_for(entries, D(2026, 1, 1), D(2026, 3, 31))
    assert crit(ev, "chronic_migraine_first.migraine_days").status == status


@pytest.mark.parametrize(("days", "status"), [(59, MISSING), (60, MET), (61, MET)])
def test_preventive_trial_length_boundary(days, status):
    # Two classes, each taken for `days` days and stopped for not helping. At 59 days the
    # trials are too short to count, but a stop for side effects would count: missing data
    # (the gap asks to record side effects if they were the reason), never "met".
    entries = [
        topiramate(stop=D(2026, 1, 1) + DAY * (days - 1)),
        Treatment(
            condition="headache",
            name="propranolol",
            treatment_class="beta_blocker",
            start=D(2026, 3, 1),
            stop=D(2026, 3, 1) + DAY * (days - 1),
            outcome="inadequate_response",
        ),
    ]
    c = crit(ev_for(entries, D(2026, 1, 1), D(2026, 6, 30)), "chronic_migraine_first.preventives")
    assert c.status == status


@pytest.mark.parametrize(
    ("cls", "name", "days", "flagged"),
    [
        ("nsaid", "ibuprofen", 14, False),
        ("nsaid", "ibuprofen", 15, True),  # simple analgesics and NSAIDs: 15 days
        ("nsaid", "ibuprofen", 16, True),
        ("triptan", "sumatriptan", 9, False),
        ("triptan", "sumatriptan", 10, True),  # triptans: 10 days
        ("triptan", "sumatriptan", 11, True),
    ],
)
def test_overuse_limit_per_class_boundary(cls, name, days, flagged):
    med = [MedicationDose(name=name, drug_class=cls)]
    entries = [
        Attack(
            start_date=D(2026, 1, 1) + DAY * i,
            start_time=T(9),
            duration_minutes=60,
            medications=med,
        )
        for i in range(days)
    ]
    ev = ev_for(entries, D(2026, 1, 1), D(2026, 1, 31))
    assert (ev.overuse.flagged_months == ("2026-01",)) is flagged


@pytest.mark.parametrize(("mix_days", "flagged"), [(9, False), (10, True), (11, True)])
def test_overuse_mix_of_classes_boundary(mix_days, flagged):
    # Alternating ibuprofen and a gepant (no limit of its own): a mix of 2 classes; the
    # antiemetic on every day is excluded from the mix.
    entries = []
    for i in range(mix_days):
        cls, name = ("nsaid", "ibuprofen") if i % 2 else ("gepant", "ubrogepant")
        med = [
            MedicationDose(name=name, drug_class=cls),
            MedicationDose(name="metoclopramide", drug_class="antiemetic"),
        ]
        entries.append(
            Attack(
                start_date=D(2026, 1, 1) + DAY * i,
                start_time=T(9),
                duration_minutes=60,
                medications=med,
            )
        )
    ev = ev_for(entries, D(2026, 1, 1), D(2026, 1, 31))
    assert (ev.overuse.flagged_months == ("2026-01",)) is flagged


@pytest.mark.parametrize(("score", "status"), [(2, NOT_MET), (3, MET), (4, MET)])
def test_hdss_severe_boundary(score, status):
    ev = sweat_ev([HdssAssessment(date=D(2026, 2, 1), score=score, timing="before treatment")])
    assert crit(ev, "hyperhidrosis_first.hdss_severe").status == status


@pytest.mark.parametrize(("after", "status"), [(3, NOT_MET), (2, MET), (1, MET)])
def test_hdss_fall_of_two_grades_boundary(after, status):
    # HDSS 4 before the session; 3 after is a fall of 1, 2 a fall of 2 (the threshold), 1 of 3.
    entries = [
        HdssAssessment(date=D(2026, 2, 1), score=4, timing="before treatment"),
        BotoxSession(date=D(2026, 2, 2), condition="sweating", units=100),
        HdssAssessment(date=D(2026, 3, 2), score=after, timing="after treatment"),
    ]
    assert crit(sweat_ev(entries), "hyperhidrosis_renewal.hdss_improvement").status == status
