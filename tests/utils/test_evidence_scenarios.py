"""Hand-computed scenarios: small diaries whose right answers are worked out in the comments."""

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
    MedicationDose,
    Midas,
    SweatBaseline,
    SweatDay,
    Treatment,
)
from utils.store import StoredEntry

pytestmark = pytest.mark.both_databases

AT = dt.datetime(2026, 11, 20, 12, 0)
D = dt.date


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: AT)


TENSION = dict(
    side="both",
    pulsating=False,
    pain=3,
    worse_with_activity=False,
    nausea_vomiting=False,
    light_sensitivity=False,
    sound_sensitivity=False,
    aura=False,
    function=1,
)


def attack(day, start=None, minutes=None, **kw) -> Attack:
    fields = {**MIGRAINE, **kw}
    return Attack(start_date=day, start_time=start, duration_minutes=minutes, **fields)


def evidence(entries, start, end, conditions=("headache",), settings=None, at=AT):
    return build_evidence(entries, conditions, start, end, settings or {}, at)


def day(ev, d):
    return next(r for r in ev.days if r.date == d)


def crit(ev, full_id):
    rs_id, c_id = full_id.split(".")
    return next(c for c in ev.checklist(rs_id).criteria if c.criterion == c_id)


# ---------------------------------------------------------------- 1. midnight crossing


def test_midnight_crossing_attack_belongs_to_both_days():
    # Attack 10 Mar 22:00 for 6 h ends 11 Mar 04:00: 2 h on the 10th, 4 h on the 11th.
    # Both days are headache days and migraine days (features on the attack); only the 11th is
    # a long day (>= 4 h). The triptan taken at 01:00 (before the 22:00 start time) was taken on
    # the 11th, so the 11th is the triptan day, not the 10th.
    a = attack(
        D(2026, 3, 10),
        dt.time(22, 0),
        360,
        medications=[MedicationDose(name="sumatriptan", drug_class="triptan", time=dt.time(1, 0))],
    )
    ev = evidence(stored(a), D(2026, 3, 10), D(2026, 3, 12))
    d10, d11, d12 = (day(ev, D(2026, 3, x)) for x in (10, 11, 12))
    assert (d10.hours, d11.hours) == (2.0, 4.0)
    assert (d10.long, d11.long) == (False, True)
    assert d10.migraine and d11.migraine
    assert d10.acute_classes == () and d11.acute_classes == ("triptan",)
    assert d12.status == "not_logged"
    m = ev.months[0].counts
    assert (m.logged, m.headache, m.migraine, m.long, m.acute_by_class) == (
        2,
        2,
        2,
        1,
        {"triptan": 1},
    )
    assert m.function_impaired == 2  # function 2 on an attack touching both days


def test_attack_ending_exactly_at_midnight_does_not_touch_next_day():
    # 20:00 + 4 h = 00:00 next day: 4 h on the start day only.
    ev = evidence(stored(attack(D(2026, 3, 10), dt.time(20), 240)), D(2026, 3, 10), D(2026, 3, 11))
    assert day(ev, D(2026, 3, 10)).hours == 4.0
    assert day(ev, D(2026, 3, 11)).status == "not_logged"


# ---------------------------------------------------------------- 2. overlapping attacks


def test_overlapping_attacks_are_not_counted_twice():
    # 1 Mar: 08:00-12:00 and 10:00-14:00 overlap: the union is 08:00-14:00 = 6 h (not 8 h).
    # A third attack 18:00-19:00 adds 1 h: 7 h. An attack of unknown start time lasting 5 h on
    # the same day cannot be placed on the clock: the day counts max(7, 5) = 7 h.
    a1 = Attack(
        start_date=D(2026, 3, 1), start_time=dt.time(8), end=dt.datetime(2026, 3, 1, 12), **MIGRAINE
    )
    a2 = attack(D(2026, 3, 1), dt.time(10), 240)
    a3 = attack(D(2026, 3, 1), dt.time(18), 60)
    a4 = attack(D(2026, 3, 1), None, 300)
    ev = evidence(stored(a1, a2, a3, a4), D(2026, 3, 1), D(2026, 3, 1))
    d = day(ev, D(2026, 3, 1))
    assert d.hours == 7.0 and d.long
    assert ev.months[0].counts.headache == 1  # four attacks, one headache day
    assert len(d.attack_ids) == 4


# ---------------------------------------------------------------- 3. unknown times and durations


def test_unknown_start_and_unknown_duration():
    # 5 Mar: start unknown, 300 min -> 5 h on the start day, a long day.
    # 6 Mar: no duration at all -> headache day, hours unknown, "duration" gap.
    # 7 Mar: start unknown, 30 h -> counts 24 h on the 7th only (the 8th stays not logged).
    # 8 Mar has a check-in -> headache-free.
    entries = stored(
        attack(D(2026, 3, 5), None, 300),
        attack(D(2026, 3, 6), None, None, pain=None),
        attack(D(2026, 3, 7), None, 1800),
        HeadacheCheckin(date=D(2026, 3, 8)),
    )
    ev = evidence(entries, D(2026, 3, 5), D(2026, 3, 9))
    d5, d6, d7, d8, d9 = (day(ev, D(2026, 3, x)) for x in range(5, 10))
    assert (d5.hours, d5.long) == (5.0, True)
    assert (d6.hours, d6.hours_unknown, d6.long) == (None, True, False)
    assert d6.missing == ("duration", "pain")
    assert d7.hours == 24.0
    assert d8.status == "headache_free" and d9.status == "not_logged"
    c = ev.completeness
    assert (c.headache_days, c.missing_duration, c.missing_pain) == (3, 1, 1)
    assert c.missing_duration_dates == (D(2026, 3, 6),)
    assert c.logged_days["headache"] == 4


def test_still_going_attack_runs_to_now():
    # Started 20 Mar 20:00, still going at 22 Mar 06:00: 4 h, 24 h and 6 h.
    at = dt.datetime(2026, 3, 22, 6, 0)
    a = Attack(start_date=D(2026, 3, 20), start_time=dt.time(20), ongoing=True, **MIGRAINE)
    ev = evidence(stored(a), D(2026, 3, 20), D(2026, 3, 31), at=at)
    assert [day(ev, D(2026, 3, x)).hours for x in (20, 21, 22)] == [4.0, 24.0, 6.0]
    # Days after today are not counted: the period ends on 22 Mar.
    assert ev.period.counted_end == D(2026, 3, 22) and ev.period.days == 3
    assert "not counted" in ev.period.note


def test_attack_before_the_period_that_reaches_into_it():
    # 31 Jan 23:00 for 3 h: 1 h on 31 Jan (outside the period), 2 h on 1 Feb (inside).
    ev = evidence(stored(attack(D(2026, 1, 31), dt.time(23), 180)), D(2026, 2, 1), D(2026, 2, 28))
    assert day(ev, D(2026, 2, 1)).hours == 2.0
    assert ev.months[0].counts.headache == 1


def test_check_in_loses_to_an_attack_on_the_same_day():
    ev = evidence(
        stored(
            HeadacheCheckin(date=D(2026, 3, 1)), attack(D(2026, 3, 1), dt.time(9), 60, **TENSION)
        ),
        D(2026, 3, 1),
        D(2026, 3, 1),
    )
    d = day(ev, D(2026, 3, 1))
    assert d.status == "headache" and not d.migraine


# ---------------------------------------------------------------- 4. migraine-day rules


def test_migraine_day_rules_ichd_and_trial():
    # 1 Mar: tension features, 5 h, ibuprofen -> not ICHD; trial rule: >= 4 h -> migraine.
    # 2 Mar: tension features, 1 h, ubrogepant (no relief) -> not ICHD; trial: migraine-specific.
    # 3 Mar: tension features, 1 h, sumatriptan with partial relief -> ICHD (triptan helped).
    # 4 Mar: tension features, 1 h, aura -> ICHD.
    # 5 Mar: 2 of 4 pain features (left, pain 4) but only light (no sound) and no nausea -> no.
    nsaid = [MedicationDose(name="ibuprofen", drug_class="nsaid")]
    gepant = [MedicationDose(name="ubrogepant", drug_class="gepant", relief_2h="none")]
    trip = [MedicationDose(name="sumatriptan", drug_class="triptan", relief_2h="partial")]
    entries = stored(
        attack(D(2026, 3, 1), dt.time(8), 300, **{**TENSION, "medications": nsaid}),
        attack(D(2026, 3, 2), dt.time(8), 60, **{**TENSION, "medications": gepant}),
        attack(D(2026, 3, 3), dt.time(8), 60, **{**TENSION, "medications": trip}),
        attack(D(2026, 3, 4), dt.time(8), 60, **{**TENSION, "aura": True}),
        attack(
            D(2026, 3, 5),
            dt.time(8),
            60,
            **{**TENSION, "side": "left", "pain": 4, "light_sensitivity": True},
        ),
    )
    ichd = evidence(entries, D(2026, 3, 1), D(2026, 3, 5))
    assert [d.migraine for d in ichd.days] == [False, False, True, True, False]
    assert ichd.migraine_day_rule["id"] == "ichd3"
    trial = evidence(
        entries, D(2026, 3, 1), D(2026, 3, 5), settings={"migraine_day_rule": "ichd3_or_trial"}
    )
    assert [d.migraine for d in trial.days] == [True, True, True, True, False]
    assert trial.migraine_day_rule["id"] == "ichd3_or_trial"
    assert any("clinical-trial rule" in s for s in trial.definitions)


# ---------------------------------------------------------------- 5. partial months


def test_partial_months_say_so_and_are_not_extrapolated():
    # Period 15 Jan - 10 Mar 2026: Jan has 17 days inside, Feb 28, Mar 10.
    # Logged: 3 check-ins in Jan, every day of Feb (28 check-ins, 2 replaced by attacks),
    # nothing in Mar.
    entries = [HeadacheCheckin(date=D(2026, 1, x)) for x in (15, 20, 31)]
    entries += [HeadacheCheckin(date=D(2026, 2, 1) + dt.timedelta(days=i)) for i in range(28)]
    entries += [attack(D(2026, 2, 3), dt.time(9), 120), attack(D(2026, 2, 4), dt.time(9), 120)]
    ev = evidence(stored(*entries), D(2026, 1, 15), D(2026, 3, 10))
    jan, feb, mar = ev.months
    assert (jan.days_in_month, jan.days_in_period, jan.partial_period) == (31, 17, True)
    assert (
        jan.note
        == "only 17 of 31 days are inside the period (2026-01-15 to 2026-01-31); 3 of 17 days logged"
    )
    assert (feb.counts.logged, feb.counts.headache, feb.fully_logged, feb.note) == (
        28,
        2,
        True,
        "28 of 28 days logged",
    )
    assert (mar.counts.logged, mar.days_in_period, mar.fully_logged) == (0, 10, False)
    # Rolling 30-day blocks counted back from 10 Mar: 9 Feb-10 Mar, 10 Jan... clipped to 15 Jan.
    assert [(b.start, b.end) for b in ev.rolling30] == [
        (D(2026, 1, 15), D(2026, 2, 8)),
        (D(2026, 2, 9), D(2026, 3, 10)),
    ]
    assert ev.rolling30[0].headache == 2 and ev.rolling30[1].logged == 20
    assert crit(ev, "chronic_migraine_first.diary_completeness").gap == "only 31 of 55 days logged"


# ---------------------------------------------------------------- 6. chronic pattern: 15 vs 14


def chronic_diary(headache_per_month: dict[int, int], migraine: bool = True) -> list[StoredEntry]:
    """Jan-May 2026, every day logged: the first N days of each month are 5-hour attacks."""
    entries = []
    for month, n in headache_per_month.items():
        first = D(2026, month, 1)
        last = (D(2026, month + 1, 1) if month < 12 else D(2027, 1, 1)) - dt.timedelta(days=1)
        for i in range((last - first).days + 1):
            d = first + dt.timedelta(days=i)
            if i < n:
                entries.append(attack(d, dt.time(8), 300, **({} if migraine else TENSION)))
            else:
                entries.append(HeadacheCheckin(date=d))
    return stored(*entries)


def test_chronic_pattern_exactly_15_counts_and_14_does_not():
    # Jan, Feb, Mar, Apr: 15 headache (and migraine) days; May: 14.
    # Qualifying months Jan-Apr: a run of 4 consecutive months, more than 3 -> met.
    ev = evidence(chronic_diary({1: 15, 2: 15, 3: 15, 4: 15, 5: 14}), D(2026, 1, 1), D(2026, 5, 31))
    assert ev.chronic.qualifying_months == ("2026-01", "2026-02", "2026-03", "2026-04")
    assert ev.chronic.longest_run_length == 4
    c = crit(ev, "chronic_migraine_first.headache_days")
    assert c.status == MET
    assert c.evidence == "15, 15, 15 and 15 headache days in Jan, Feb, Mar, Apr 2026."
    assert crit(ev, "chronic_migraine_first.migraine_days").status == MET
    assert crit(ev, "chronic_migraine_first.hours_per_day").status == MET  # all 5 h


def test_chronic_pattern_two_months_is_not_three():
    # Jan-Feb at 15, Mar at 14, Apr-May at 15: the longest run of whole months is 2 (below the
    # 3 consecutive months plans ask for) -> not met; every day is logged, so logging more
    # cannot change it.
    ev = evidence(chronic_diary({1: 15, 2: 15, 3: 14, 4: 15, 5: 15}), D(2026, 1, 1), D(2026, 5, 31))
    c = crit(ev, "chronic_migraine_first.headache_days")
    assert c.status == NOT_MET
    assert "longest run is 2 (Apr, May 2026)" in c.gap
    # A plan that asks for 2 months: the same diary meets it.
    ev2 = evidence(
        chronic_diary({1: 15, 2: 15, 3: 14, 4: 15, 5: 15}),
        D(2026, 1, 1),
        D(2026, 5, 31),
        settings={"thresholds": {"history_months": 2}},
    )
    assert crit(ev2, "chronic_migraine_first.headache_days").status == MET


def test_chronic_migraine_days_need_8():
    # 16 headache days every month, but tension-type: 0 migraine days -> not met.
    ev = evidence(
        chronic_diary({1: 16, 2: 16, 3: 16, 4: 16}, migraine=False), D(2026, 1, 1), D(2026, 4, 30)
    )
    assert crit(ev, "chronic_migraine_first.headache_days").status == MET
    c = crit(ev, "chronic_migraine_first.migraine_days")
    assert c.status == NOT_MET and "below 8" in c.gap


def test_unlogged_days_make_missing_data_not_a_refusal():
    # Jan-Apr with 14 headache days and only 20 days logged each month: logging the other
    # days could reach 15, so the criterion is "missing data", naming the months.
    entries = []
    for month in (1, 2, 3, 4):
        for i in range(20):
            d = D(2026, month, 1) + dt.timedelta(days=i)
            entries.append(attack(d, dt.time(8), 300) if i < 14 else HeadacheCheckin(date=d))
    ev = evidence(stored(*entries), D(2026, 1, 1), D(2026, 4, 30))
    c = crit(ev, "chronic_migraine_first.headache_days")
    assert c.status == MISSING
    assert "20 of 31 in Jan 2026" in c.gap and "20 of 30 in Apr 2026" in c.gap


# ---------------------------------------------------------------- 7. medication overuse


def triptan_diary(days_per_month: dict[int, int], cls="triptan", name="sumatriptan") -> list:
    entries = []
    for month, n in days_per_month.items():
        for i in range(n):
            med = [MedicationDose(name=name, drug_class=cls)]
            entries.append(
                attack(D(2026, month, 1) + dt.timedelta(days=i), dt.time(9), 120, medications=med)
            )
    return entries


def test_overuse_exactly_10_triptan_days_for_4_months_is_a_risk():
    # 10 triptan days in each of Jan-Apr: every month reaches the limit (>= 10), 4 consecutive
    # months is more than 3 -> risk (to discuss, never a diagnosis).
    ev = evidence(
        stored(*triptan_diary({1: 10, 2: 10, 3: 10, 4: 10})), D(2026, 1, 1), D(2026, 4, 30)
    )
    o = ev.overuse
    assert o.flagged_months == ("2026-01", "2026-02", "2026-03", "2026-04")
    assert o.months[0].triggered == ("triptan on 10 days (limit 10)",)
    assert o.risk and "not a diagnosis" in o.message
    # The diary shows the pattern: whether it was considered or managed is the clinician's.
    assert crit(ev, "chronic_migraine_first.medication_overuse").status == FOR_CLINICIAN


def test_overuse_9_triptan_days_breaks_the_run():
    ev = evidence(
        stored(*triptan_diary({1: 10, 2: 9, 3: 10, 4: 10})), D(2026, 1, 1), D(2026, 4, 30)
    )
    assert ev.overuse.flagged_months == ("2026-01", "2026-03", "2026-04")
    assert not ev.overuse.risk
    # Only the attack days are logged: Feb's 19 unlogged days could hide a 10th triptan day,
    # so the logged days do not rule out the pattern -> for the clinician, never met.
    assert not ev.overuse.ruled_out
    assert crit(ev, "chronic_migraine_first.medication_overuse").status == FOR_CLINICIAN


def test_overuse_simple_analgesics_need_15_and_mix_needs_two_classes():
    # Jan: ibuprofen on 14 days -> below 15, and one class only, so no mix either.
    # Feb: ibuprofen on 15 days -> flagged.
    # Mar: triptan 5 days + ibuprofen 5 other days = 10 days with a mix -> flagged (mix).
    # Apr: triptan 9 days + an antiemetic on a 10th day -> antiemetics excluded: not flagged.
    entries = triptan_diary({1: 14, 2: 15}, "nsaid", "ibuprofen")
    entries += triptan_diary({3: 5})
    entries += [
        attack(
            D(2026, 3, 10) + dt.timedelta(days=i),
            dt.time(9),
            60,
            medications=[MedicationDose(name="ibuprofen", drug_class="nsaid")],
        )
        for i in range(5)
    ]
    entries += triptan_diary({4: 9})
    entries.append(
        attack(
            D(2026, 4, 20),
            dt.time(9),
            60,
            medications=[MedicationDose(name="ondansetron", drug_class="antiemetic")],
        )
    )
    ev = evidence(stored(*entries), D(2026, 1, 1), D(2026, 4, 30))
    jan, feb, mar, apr = ev.overuse.months
    assert jan.triggered == ()
    assert feb.triggered == ("nsaid on 15 days (limit 15)",)
    assert mar.triggered == ("a mix of nsaid and triptan on 10 days (limit 10)",)
    assert apr.triggered == () and apr.any_acute_days == 9
    assert ev.months[3].counts.acute_by_class == {"antiemetic": 1, "triptan": 9}


def test_overuse_counts_days_not_doses():
    # Two attacks on the same day, each with a triptan: one triptan day.
    med = [MedicationDose(name="sumatriptan", drug_class="triptan")]
    entries = stored(
        attack(D(2026, 1, 5), dt.time(8), 60, medications=med),
        attack(D(2026, 1, 5), dt.time(15), 60, medications=med * 2),
    )
    ev = evidence(entries, D(2026, 1, 1), D(2026, 1, 31))
    assert ev.months[0].counts.acute_by_class == {"triptan": 1}


# ---------------------------------------------------------------- 8. treatment response


def response_diary():
    # Baseline: 90 days before the first session on 1 Apr 2026 = 1 Jan - 31 Mar (31+28+31).
    # Every baseline day logged, headache on every 3rd day from 1 Jan -> 30 headache days,
    # plus every day with day-of-year % 3 == 1 -> another 30: 60 headache days in 90 logged days
    # = 20.0 per 30 logged days.
    # Session 1 on 1 Apr: window 1 Apr - 23 Jun (84 days), all logged, 28 headache days
    # = 10.0 per 30 -> -50 % -> "50% responder".
    # Session 2 on 24 Jun: window 24 Jun - 15 Sep, all logged, 21 headache days = 7.5 per 30
    # -> -62.5 %.
    entries = []
    first = D(2026, 1, 1)
    for i in range(90):
        d = first + dt.timedelta(days=i)
        entries.append(attack(d, dt.time(9), 300) if i % 3 in (0, 1) else HeadacheCheckin(date=d))
    s1, s2 = D(2026, 4, 1), D(2026, 6, 24)
    for base, n_headache in ((s1, 28), (s2, 21)):
        for i in range(84):
            d = base + dt.timedelta(days=i)
            entries.append(
                attack(d, dt.time(9), 300) if i < n_headache else HeadacheCheckin(date=d)
            )
    for s in (s1, s2):
        entries.append(BotoxSession(date=s, condition="headache", units=155))
    return entries


def test_response_against_baseline():
    ev = evidence(stored(*response_diary()), D(2026, 6, 1), D(2026, 9, 15))
    r = ev.responses["headache"]
    assert r.baseline.start == D(2026, 1, 1) and r.baseline.end == D(2026, 3, 31)
    assert (r.baseline.logged, r.baseline.headache_days, r.baseline.per30["headache"]) == (
        90,
        60,
        20.0,
    )
    s1, s2 = r.sessions
    assert (s1.window.start, s1.window.end, s1.window.headache_days) == (
        D(2026, 4, 1),
        D(2026, 6, 23),
        28,
    )
    assert s1.window.per30["headache"] == 10.0 and s1.change_pct["headache"] == -50.0
    assert s1.label == "50% responder (headache days)" and s1.complete
    assert s2.window.per30["headache"] == 7.5 and s2.reduction_pct["headache"] == 62.5
    c = crit(ev, "chronic_migraine_renewal.reduction")
    assert c.status == MET
    assert c.evidence.startswith(
        "Met on the path 'headache days at least 50% fewer': 20 headache days per 30 logged "
        "days at baseline against 7.5"
    )
    assert crit(ev, "chronic_migraine_renewal.baseline").status == MET
    assert crit(ev, "chronic_migraine_renewal.sessions").status == MET


def test_response_judged_after_two_sessions_and_nice_threshold():
    # Only the first session: the renewal reduction is "missing data" (judged after 2).
    entries = [
        e for e in response_diary() if not (isinstance(e, BotoxSession) and e.date.month == 6)
    ]
    ev = evidence(stored(*entries), D(2026, 4, 1), D(2026, 6, 23))
    assert crit(ev, "chronic_migraine_renewal.reduction").status == MISSING
    # With 1 session allowed and the NICE 30 % threshold, session 1 (-50 %) is met.
    ev = evidence(
        stored(*entries),
        D(2026, 4, 1),
        D(2026, 6, 23),
        settings={"thresholds": {"renewal_min_sessions": 1, "renewal_reduction_pct": 30}},
    )
    assert crit(ev, "chronic_migraine_renewal.reduction").status == MET


# ---------------------------------------------------------------- 9. preventives, MIDAS


def test_preventive_gaps_are_concrete():
    # topiramate: stopped for "another reason" -> no stop reason that counts.
    # propranolol: did not help after 45 days (60 needed) -> gap.
    # amitriptyline: side effects after 20 days -> counts.
    # One class documented of 2; the two others could count once documented -> missing data.
    entries = stored(
        Treatment(
            condition="headache",
            name="topiramate",
            treatment_class="anticonvulsant",
            start=D(2025, 1, 1),
            stop=D(2025, 4, 1),
            outcome="other",
        ),
        Treatment(
            condition="headache",
            name="propranolol",
            treatment_class="beta_blocker",
            start=D(2025, 5, 1),
            stop=D(2025, 6, 14),
            outcome="inadequate_response",
        ),
        Treatment(
            condition="headache",
            name="amitriptyline",
            treatment_class="tricyclic",
            start=D(2025, 7, 1),
            stop=D(2025, 7, 20),
            outcome="side_effects",
            side_effects="drowsiness",
        ),
        Midas(date=D(2026, 1, 10), q1=5, q2=5, q3=5, q4=5, q5=5),
    )
    ev = evidence(entries, D(2026, 3, 1), D(2026, 5, 31))
    c = crit(ev, "chronic_migraine_first.preventives")
    assert c.status == MISSING
    assert "1 of 2 classes documented" in c.gap
    assert "topiramate has no stop reason" in c.gap
    assert "propranolol was taken for 45 days (60 commonly required" in c.gap
    assert "amitriptyline (stopped for side effects after 20 days)" in c.evidence
    # MIDAS on 10 Jan is more than 3 months before 31 May.
    m = crit(ev, "chronic_migraine_first.midas")
    assert m.status == MISSING and m.gap == "no MIDAS in the last 3 months (latest: 2026-01-10)"
    assert any(s.startswith("Fill in the MIDAS") for s in ev.next_steps["headache"])


# ---------------------------------------------------------------- 10. sweating


def test_sweating_features_topical_and_hdss_change():
    # History: bilateral yes, impairs yes, weekly unknown, onset 14 (< 25), family no,
    # sleep unknown -> 3 of 6 features (2 needed), 24 months (6 needed).
    # Aluminium chloride 12 days, did not help (30 needed) -> not met with the gap.
    # Session 1 Jun: HDSS 4 on 28 May before, 2 on 1 Jul after -> fall of 2 -> response.
    # Diary 1-10 May: 8 days HDSS 3 with 4 episodes, 2 normal days -> 32 episodes over 10 days
    # = 22.4 a week.
    entries = [
        SweatBaseline(
            answered_on=D(2026, 5, 1),
            onset_age=14,
            duration_months=24,
            bilateral_symmetric="yes",
            impairs_daily_activities="yes",
            family_history="no",
            secondary_causes_checked="yes",
        ),
        Treatment(
            condition="sweating",
            name="Drysol",
            treatment_class="aluminium_chloride",
            start=D(2026, 3, 1),
            stop=D(2026, 3, 12),
            outcome="inadequate_response",
        ),
        HdssAssessment(date=D(2026, 5, 28), score=4, timing="before treatment"),
        BotoxSession(date=D(2026, 6, 1), condition="sweating", units=100),
        HdssAssessment(date=D(2026, 7, 1), score=2, timing="after treatment"),
    ]
    for i in range(10):
        d = D(2026, 5, 1) + dt.timedelta(days=i)
        entries.append(
            SweatDay(date=d, normal_day=True)
            if i in (3, 7)
            else SweatDay(date=d, hdss=3, episodes=4, sites=["underarms"])
        )
    ev = evidence(stored(*entries), D(2026, 5, 1), D(2026, 5, 10), conditions=("sweating",))
    s = ev.sweating
    assert (s.logged_days, s.symptom_days, s.normal_days) == (10, 8, 2)
    assert s.episodes_per_week == 22.4
    assert s.hdss_distribution == {"1": 0, "2": 0, "3": 8, "4": 0, "normal_day": 2}
    assert s.features_yes == ("bilateral_symmetric", "impairs_daily_activities", "onset_before_25")
    assert s.primary_focal == MET
    assert s.topical_trials[0].days == 12
    first = {c.criterion: c for c in ev.checklist("hyperhidrosis_first").criteria}
    # No assessment up to 10 May: the median daily HDSS (3,3,3,1,3,3,3,1,3,3 -> 3) is used.
    assert first["hdss_severe"].status == MET
    assert first["hdss_severe"].evidence.startswith("Median daily HDSS 3 over 10 logged days")
    assert first["topical"].status == NOT_MET
    assert first["topical"].gap == "Drysol was used for 12 days (30 commonly required)"
    assert first["primary_features"].status == MET
    assert first["duration"].status == MET
    # The session on 1 Jun lies after the period end (10 May): no renewal data in this period.
    assert ev.sweating.hdss_changes == ()
    ev_may = evidence(stored(*entries), D(2026, 5, 1), D(2026, 5, 31), conditions=("sweating",))
    severe = crit(ev_may, "hyperhidrosis_first.hdss_severe")
    assert severe.evidence == "HDSS 4 on 2026-05-28 (before treatment)."
    ev2 = evidence(stored(*entries), D(2026, 5, 1), D(2026, 7, 31), conditions=("sweating",))
    change = ev2.sweating.hdss_changes[0]
    assert (change.before, change.after, change.drop, change.response) == (4.0, 2.0, 2.0, True)
    assert change.source == "assessment"
    assert crit(ev2, "hyperhidrosis_renewal.hdss_improvement").status == MET


def test_sweating_hdss_change_falls_back_to_daily_average():
    # No assessments. 30 days before the 1 Jun session: HDSS 4 every day -> 4.0.
    # Days 14-43 after (15 Jun - 14 Jul): HDSS 2 on 15 days and normal (=1) on 15 -> 1.5.
    # Fall 2.5 -> response.
    entries = [BotoxSession(date=D(2026, 6, 1), condition="sweating", units=100)]
    for i in range(30):
        entries.append(SweatDay(date=D(2026, 5, 2) + dt.timedelta(days=i), hdss=4))
        d = D(2026, 6, 15) + dt.timedelta(days=i)
        entries.append(SweatDay(date=d, hdss=2) if i % 2 else SweatDay(date=d, normal_day=True))
    ev = evidence(stored(*entries), D(2026, 5, 1), D(2026, 7, 31), conditions=("sweating",))
    c = ev.sweating.hdss_changes[0]
    assert (c.before, c.after, c.drop, c.source, c.response) == (
        4.0,
        1.5,
        2.5,
        "daily average",
        True,
    )


# ---------------------------------------------------------------- 11. completeness, late entries


def test_late_entries_share():
    # 10 check-ins; entries 0, 1, 2 written 3 days late (> 2), entry 3 written 2 days late
    # (not late): 3 of 10 = 0.3.
    entries = [HeadacheCheckin(date=D(2026, 3, 1) + dt.timedelta(days=i)) for i in range(10)]
    ev = evidence(stored(*entries, late={0: 3, 1: 3, 2: 3, 3: 2}), D(2026, 3, 1), D(2026, 3, 10))
    c = ev.completeness
    assert (c.daily_entries, c.late_entries, c.late_share) == (10, 3, 0.3)
    assert c.logged_share["headache"] == 1.0


def test_to_dict_is_json_ready():
    import json

    ev = evidence(stored(*response_diary()), D(2026, 6, 1), D(2026, 9, 15))
    data = json.loads(json.dumps(ev.to_dict()))
    assert data["period"]["start"] == "2026-06-01"
    assert data["days"][0]["date"] == "2026-06-01"
    assert data["responses"]["headache"]["sessions"][0]["label"] == "50% responder (headache days)"
    assert {c["id"] for c in data["checklists"]} == {
        "chronic_migraine_first",
        "chronic_migraine_renewal",
    }


def test_a_later_condition_summary_is_a_top_level_json_key_only_when_present() -> None:
    """``Evidence.by_condition`` (the share of a condition package added after the first three)
    flattens into the summary JSON: one top-level key per present condition, none otherwise."""
    import dataclasses as _dc

    from utils.evidence import Period, _jsonable

    @_dc.dataclass(frozen=True)
    class Summary:
        voids_per_day: float

    ev = build_evidence(
        [],
        ("headache",),
        dt.date(2026, 9, 1),
        dt.date(2026, 9, 30),
        {},
        dt.datetime(2026, 10, 1, 9, 0),
    )
    plain = ev.to_dict()
    assert "by_condition" not in plain and "bladder" not in plain
    with_bladder = _dc.replace(ev, by_condition={"bladder": Summary(9.5)}).to_dict()
    assert with_bladder["bladder"] == {"voids_per_day": 9.5}
    assert {k: v for k, v in with_bladder.items() if k != "bladder"} == plain
    assert _jsonable(Period(dt.date(2026, 9, 1), dt.date(2026, 9, 1), dt.date(2026, 9, 1), 1, ""))
