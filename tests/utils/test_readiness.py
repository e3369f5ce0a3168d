"""Issue 19, "when is my case ready?": hand-computed projections, one per kind of date, and the
property that logging more days never moves a readiness date later.

Every diary below is checked on 20 Nov 2026 over 1 Aug to 20 Nov 2026 (112 days), with the
common defaults: 15 headache days, 8 migraine days and 15 days with 4 hours or more a month,
in 3 consecutive whole calendar months; 2 preventive classes of 60 days; 80 % of days logged.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.diaries import MIGRAINE, stored
from utils import models, readiness
from utils.criteria import MET
from utils.evidence import build_evidence
from utils.models import Attack, BotoxSession, HeadacheCheckin, Midas, Treatment

AT = dt.datetime(2026, 11, 20, 12, 0)
D = dt.date
START, END = D(2026, 8, 1), D(2026, 11, 20)
FIRST = "chronic_migraine_first"


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: AT)


def attack(day: dt.date, minutes: int = 300) -> Attack:
    return Attack(start_date=day, start_time=dt.time(9), duration_minutes=minutes, **MIGRAINE)


def days(a: dt.date, b: dt.date) -> list[dt.date]:
    return [a + dt.timedelta(days=i) for i in range((b - a).days + 1)]


def diary(attack_days: list[dt.date], logged_to: dt.date = END) -> list:
    """An attack of 5 hours with every migraine feature on each of ``attack_days``, a
    'no headache today' check-in on every other day from START to ``logged_to``."""
    hit = set(attack_days)
    return [attack(d) if d in hit else HeadacheCheckin(date=d) for d in days(START, logged_to)]


def paperwork(*, topiramate: Treatment | None = None) -> list:
    """Everything but the counts already met: two preventive classes failed (unless a trial is
    given), a recent MIDAS, a neurologist."""
    out = [
        Treatment(
            condition="headache",
            name="propranolol",
            treatment_class="beta_blocker",
            start=D(2026, 1, 5),
            stop=D(2026, 2, 1),
            outcome="side_effects",
            side_effects="tiredness",
            specialty="neurologist",
        ),
        Midas(date=D(2026, 11, 1), q1=5, q2=5, q3=5, q4=5, q5=5),
    ]
    out.append(
        topiramate
        or Treatment(
            condition="headache",
            name="topiramate",
            treatment_class="anticonvulsant",
            start=D(2026, 3, 1),
            stop=D(2026, 6, 1),
            outcome="inadequate_response",
        )
    )
    return out


def build(entries, settings_: dict | None = None, start=START, end=END):
    s = {"year_of_birth": 1980, **(settings_ or {})}
    return build_evidence(stored(*entries), ("headache",), start, end, s, AT)


def rs(ev, rule_set=FIRST):
    return next(r for r in ev.readiness.rule_sets if r.id == rule_set)


def item(ev, criterion, rule_set=FIRST):
    return next(c for c in rs(ev, rule_set).criteria if c.criterion == criterion)


# ---------------------------------------------------------------- a run in progress


# Oct 16-31: 16 attack days (Oct qualifies); Aug, Sep: none. Nov 1-11: 11 attack days so far,
# 10 days left; at October's rate (16 of 31 days) Nov projects 11 + 10 x 16/31 = 16.2 >= 15.
# The run is Oct, Nov, Dec: the earliest date is the last day of December.
RUN = days(D(2026, 10, 16), D(2026, 10, 31)) + days(D(2026, 11, 1), D(2026, 11, 11))


@pytest.mark.parametrize("criterion", ["headache_days", "migraine_days", "hours_per_day"])
def test_run_in_progress_ends_with_the_month_that_completes_it(criterion):
    ev = build(diary(RUN) + paperwork())
    c = item(ev, criterion)
    assert c.status != MET
    assert c.kind == readiness.DATE
    assert c.date == D(2026, 12, 31)
    assert "31 Dec 2026" in c.text and c.text.count("if you keep logging every day") == 1
    # If November falls short the run restarts in December: Dec, Jan, Feb.
    assert c.restart_date == D(2027, 2, 28)
    assert "Nov 2026" in c.stopper and "28 Feb 2027" in c.stopper


def test_run_in_progress_gives_the_rule_set_a_date_line():
    ev = build(diary(RUN) + paperwork())
    r = rs(ev)
    assert r.line_kind == readiness.LINE_DATE
    assert r.date == D(2026, 12, 31)
    assert r.line.startswith(
        "Earliest date the diary can show this: 31 Dec 2026, if you keep logging every day."
    )
    assert "needs the clinician: history" in r.line


def test_a_run_one_month_from_complete_at_the_month_boundary():
    # Whole months Sep and Oct qualify, the period ends on 31 Oct (no month in progress):
    # one more month, November, ends the run on 30 Nov.
    attacks = days(D(2026, 9, 1), D(2026, 9, 15)) + days(D(2026, 10, 1), D(2026, 10, 15))
    ev = build(diary(attacks, D(2026, 10, 31)) + paperwork(), end=D(2026, 10, 31))
    c = item(ev, "headache_days")
    assert (c.kind, c.date) == (readiness.DATE, D(2026, 11, 30))
    assert c.restart_date == D(2027, 2, 28)  # Nov short: Dec, Jan, Feb


def test_one_day_below_the_threshold_in_the_latest_month_gives_no_date():
    # Oct has 14 attack days (one below 15): at the present pattern the diary cannot show it.
    attacks = days(D(2026, 10, 18), D(2026, 10, 31)) + days(D(2026, 11, 1), D(2026, 11, 11))
    ev = build(diary(attacks) + paperwork())
    c = item(ev, "headache_days")
    assert c.kind == readiness.BLOCKED and c.date is None
    assert "Oct 2026 had 14 headache days" in c.text
    assert "If every month reached 15 headache days" in c.text
    assert rs(ev).line_kind == readiness.LINE_BLOCKED
    assert rs(ev).line.startswith("Cannot be shown by logging alone: headache days")


# ---------------------------------------------------------------- a run broken by a short month


def test_a_month_already_short_restarts_the_run_with_the_new_date():
    # Oct qualifies (16), Nov has 2 attack days with 10 days left: 2 + 10 < 15, so November
    # can no longer qualify and the run restarts in December: Dec, Jan, Feb -> 28 Feb 2027.
    attacks = days(D(2026, 10, 16), D(2026, 10, 31)) + [D(2026, 11, 1), D(2026, 11, 2)]
    ev = build(diary(attacks) + paperwork())
    c = item(ev, "headache_days")
    assert (c.kind, c.date) == (readiness.DATE, D(2027, 2, 28))
    assert "Nov 2026 already has too few: 2 headache days so far with 10 days left" in c.text
    assert "restarts in Dec 2026" in c.text
    # What would stop the new run: December falling short (Jan, Feb, Mar -> 31 Mar 2027).
    assert "if Dec 2026 falls short, the earliest date becomes 31 Mar 2027" in c.stopper
    assert rs(ev).date == D(2027, 2, 28)


def test_a_month_behind_the_pace_assumes_a_restart_and_names_the_earlier_date():
    # Oct qualifies with 15 of 31 days; Nov has 9 with 10 left: 9 + 10 x 15/31 = 13.8 < 15
    # but 9 + 10 >= 15 is still possible: the date assumes the restart (28 Feb 2027) and says
    # that reaching 15 in November would give 31 Dec 2026.
    attacks = days(D(2026, 10, 17), D(2026, 10, 31)) + days(D(2026, 11, 1), D(2026, 11, 9))
    ev = build(diary(attacks) + paperwork())
    c = item(ev, "headache_days")
    assert c.date == D(2027, 2, 28)
    assert "31 Dec 2026" in c.stopper


# ---------------------------------------------------------------- a trial in progress

# Aug, Sep, Oct: 16 attack days each (the counts are met). Topiramate started on 12 Oct and is
# still taken: on 20 Nov it has 40 days (12 Oct to 20 Nov, both counted); 60 days are reached
# on 12 Oct + 59 days = 10 Dec 2026, 20 days later.
MET_MONTHS = days(D(2026, 8, 1), D(2026, 8, 16)) + days(D(2026, 9, 1), D(2026, 9, 16))
MET_MONTHS += days(D(2026, 10, 1), D(2026, 10, 16))
TOPIRAMATE_ONGOING = Treatment(
    condition="headache",
    name="topiramate",
    treatment_class="anticonvulsant",
    start=D(2026, 10, 12),
    outcome="ongoing",
)


def test_trial_in_progress():
    ev = build(diary(MET_MONTHS) + paperwork(topiramate=TOPIRAMATE_ONGOING))
    c = item(ev, "preventives")
    assert (c.kind, c.date) == (readiness.TRIAL, D(2026, 12, 10))
    assert c.text.startswith(
        "Needs a treatment trial: topiramate has 40 of 60 days; 20 days to go on 10 Dec 2026, "
        "if topiramate is still taken then and its outcome is recorded"
    )
    r = rs(ev)
    assert (r.line_kind, r.date) == (readiness.LINE_TRIAL, D(2026, 12, 10))
    assert r.line.startswith("Needs a treatment trial: topiramate has 40 of 60 days")


def test_trial_one_day_from_its_length():
    t = TOPIRAMATE_ONGOING.model_copy(update={"start": D(2026, 9, 23)})  # day 59 today
    c = item(build(diary(MET_MONTHS) + paperwork(topiramate=t)), "preventives")
    assert (c.kind, c.date) == (readiness.TRIAL, D(2026, 11, 21))
    assert "59 of 60 days; 1 day to go on 21 Nov 2026" in c.text


def test_trial_at_its_length_needs_only_the_outcome():
    t = TOPIRAMATE_ONGOING.model_copy(update={"start": D(2026, 9, 22)})  # day 60 today
    c = item(build(diary(MET_MONTHS) + paperwork(topiramate=t)), "preventives")
    assert c.kind == readiness.ACTION and c.date is None
    assert "counts once its outcome is recorded" in c.text


# ---------------------------------------------------------------- needs the clinician, ready


def test_needs_the_clinician_when_the_diary_part_is_met():
    ev = build(diary(MET_MONTHS) + paperwork())
    assert ev.checklist(FIRST).criteria and all(
        c.status == MET for c in ev.checklist(FIRST).criteria if c.criterion != "history"
    )
    r = rs(ev)
    assert r.line_kind == readiness.LINE_CLINICIAN
    assert r.line.startswith("Cannot be shown by logging alone: needs the clinician (history)")
    assert item(ev, "history").kind == readiness.CLINICIAN
    assert item(ev, "history").date is None
    assert r.date == END  # what the diary can show is there now


def test_ready_now_when_every_criterion_is_met():
    from utils import sample

    items = sample.generate("migraine", end=END)
    ev = build_evidence(
        stored(*[e for e, _ in items]), ("headache",), START, END, {"year_of_birth": 1988}, AT
    )
    renewal = ev.checklist("chronic_migraine_renewal")
    assert all(c.status == MET for c in renewal.criteria)
    r = rs(ev, "chronic_migraine_renewal")
    assert (r.line_kind, r.line, r.date) == (readiness.LINE_READY, "Ready to request now.", END)
    assert all(c.kind == readiness.READY for c in r.criteria)


# ---------------------------------------------------------------- completeness and age


def test_completeness_date_at_the_boundary():
    # 80 of 112 days logged (Aug 1 - Oct 19). (80 + k) / (112 + k) >= 0.8 needs k >= 48:
    # 127/159 = 0.799 (k = 47) is below, 128/160 = 0.8 (k = 48) is at it -> 20 Nov + 48 days.
    entries = diary([], D(2026, 10, 19)) + paperwork()
    c = item(build(entries), "diary_completeness")
    assert (c.kind, c.date) == (readiness.DATE, D(2027, 1, 7))
    assert "128 of 160 days logged" in c.text


def test_under_age_by_year_of_birth():
    # Born 2009: 16 or 17 in 2026, not yet 18. In 2028 the youngest possible age is 18.
    ev = build(diary(MET_MONTHS) + paperwork(), {"year_of_birth": 2009})
    c = item(ev, "adult")
    assert (c.kind, c.date) == (readiness.DATE, D(2028, 1, 1))


# ---------------------------------------------------------------- renewal schedule


def sessions() -> list:
    # 15 Jun and 10 Sep 2026 (87 days apart). The window after 10 Sep runs 84 days to 2 Dec;
    # the next session on the 12-week schedule is 10 Sep + 84 days = 3 Dec 2026.
    return [
        BotoxSession(date=D(2026, 6, 15), condition="headache", units=155),
        BotoxSession(date=D(2026, 9, 10), condition="headache", units=155),
    ]


def test_renewal_window_next_session_and_reauthorization_date():
    ev = build(diary(MET_MONTHS) + paperwork() + sessions())
    (s,) = ev.readiness.renewal
    assert s.latest_session == D(2026, 9, 10)
    assert s.response_window_end == D(2026, 12, 2)
    assert s.window_complete is False
    assert s.next_session == D(2026, 12, 3)
    assert s.ask_reauthorization_on == D(2026, 11, 12)  # 21 days before, the default
    assert "completes on 2 Dec 2026" in s.text and "by 12 Nov 2026" in s.text
    c = item(ev, "reduction", "chronic_migraine_renewal")
    assert (c.kind, c.date) == (readiness.RENEWAL, D(2026, 12, 2))
    assert "if the 12-week window after the session of 10 Sep 2026 shows 50% fewer" in c.text


def test_lead_time_is_a_setting():
    ev = build(
        diary(MET_MONTHS) + paperwork() + sessions(),
        {"thresholds": {"reauthorization_lead_days": 7}},
    )
    (s,) = ev.readiness.renewal
    assert (s.lead_days, s.ask_reauthorization_on) == (7, D(2026, 11, 26))
    assert ev.readiness.nearest is not None
    assert ev.readiness.nearest.date == D(2026, 11, 26)


def test_a_recorded_next_date_wins_over_the_schedule():
    booked = sessions()
    booked[-1] = booked[-1].model_copy(update={"next_date": D(2026, 12, 20)})
    (s,) = build(diary(MET_MONTHS) + paperwork() + booked).readiness.renewal
    assert (s.next_session, s.ask_reauthorization_on) == (D(2026, 12, 20), D(2026, 11, 29))


def test_second_session_projected_on_the_schedule():
    one = sessions()[1:]  # only 10 Sep: session 2 would be on 3 Dec 2026
    c = item(build(diary(MET_MONTHS) + paperwork() + one), "sessions", "chronic_migraine_renewal")
    assert (c.kind, c.date) == (readiness.RENEWAL, D(2026, 12, 3))
    assert c.text.startswith("Session 2 would be on 3 Dec 2026, if sessions keep to")


def test_no_renewal_line_without_a_session():
    r = rs(build(diary(MET_MONTHS) + paperwork()), "chronic_migraine_renewal")
    assert (r.line_kind, r.date) == (readiness.LINE_NOT_YET, None)


# ---------------------------------------------------------------- wording and JSON


def test_never_states_a_future_outcome_as_fact():
    for entries in (diary(RUN), diary(MET_MONTHS) + paperwork(topiramate=TOPIRAMATE_ONGOING)):
        ev = build(entries + paperwork() + sessions())
        for r in ev.readiness.rule_sets:
            for c in r.criteria:
                if c.date is not None and c.date > END:
                    assert "if " in c.text, c.text
                    assert c.assumption
            if r.date is not None and r.date > END:
                assert "if " in r.line, r.line


def test_readiness_is_in_the_json():
    data = build(diary(RUN) + paperwork()).to_dict()
    r = data["readiness"]
    assert r["as_of"] == "2026-11-20"
    assert r["projection"].startswith("Projection, not a promise")
    first = next(x for x in r["rule_sets"] if x["id"] == FIRST)
    assert first["date"] == "2026-12-31" and first["line_kind"] == "date"
    crit = next(c for c in first["criteria"] if c["criterion"] == "headache_days")
    assert crit["restart_date"] == "2027-02-28"


def test_jaw_has_a_plain_reason():
    ev = build_evidence([], ("jaw",), START, END, {}, AT)
    assert ev.readiness.rule_sets == ()
    assert "off-label" in ev.readiness.no_rule_set["jaw"]


# ---------------------------------------------------------------- property: more days, never later

ALL = days(START, END)


def _dates(ev) -> dict[str, dt.date | None]:
    out: dict[str, dt.date | None] = {}
    for r in ev.readiness.rule_sets:
        out[r.id] = r.date
        for c in r.criteria:
            out[c.id] = c.date
    return out


def _later(new: dt.date | None, old: dt.date | None) -> bool:
    if old is None:
        return False
    return new is None or new > old


day_index = st.integers(min_value=0, max_value=len(ALL) - 1)
MONTHS = ((2026, 8), (2026, 9), (2026, 10), (2026, 11))
# Per month, attack days around the thresholds (8 to 24 of the month's days), so that runs of
# qualifying months, months in progress on and behind the pace, and short months all occur.
month_days = st.lists(
    st.sets(st.integers(min_value=1, max_value=31), min_size=8, max_size=24),
    min_size=len(MONTHS),
    max_size=len(MONTHS),
)


def _month_dates(per_month: list[set[int]]) -> set[int]:
    out = set()
    for (y, m), picked in zip(MONTHS, per_month, strict=True):
        for d in picked:
            try:
                day = D(y, m, d)
            except ValueError:
                continue
            if START <= day <= END:
                out.add(ALL.index(day))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    per_month=month_days,
    checkins=st.sets(day_index, max_size=112),
    more_attacks=st.sets(day_index, max_size=20),
    more_checkins=st.sets(day_index, max_size=40),
    minutes=st.sampled_from([60, 300]),
    trial=st.booleans(),
)
def test_logging_more_days_never_moves_a_date_later(
    per_month, checkins, more_attacks, more_checkins, minutes, trial
):
    """Adding entries (attacks on any day, check-ins on days without one) to a diary never
    makes a criterion's or a rule set's readiness date later, nor takes a date away."""
    attacks = _month_dates(per_month)

    def entries(att: set[int], chk: set[int]) -> list:
        out: list = [attack(ALL[i], minutes) for i in sorted(att)]
        out += [HeadacheCheckin(date=ALL[i]) for i in sorted(chk - att)]
        return out + paperwork(topiramate=TOPIRAMATE_ONGOING if trial else None) + sessions()

    before = _dates(build(entries(attacks, checkins)))
    after = _dates(build(entries(attacks | more_attacks, checkins | more_checkins)))
    for key, old in before.items():
        assert not _later(after[key], old), (key, old, after[key])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    counts=st.tuples(
        st.integers(0, 31), st.integers(0, 30), st.integers(13, 31), st.integers(0, 20)
    ),
    more=st.sets(st.integers(min_value=1, max_value=20), min_size=1, max_size=8),
    logged_to=st.integers(min_value=90, max_value=111),
)
def test_more_days_in_the_month_in_progress_never_move_a_date_later(counts, more, logged_to):
    """The same property aimed at the month in progress: October near or above 15, November
    with 0 to 20 attack days so far, then more attack days added in November."""
    # The first n days of each month are attack days (a month of 30 days caps n at 30).
    attacks = {
        D(y, m, d)
        for (y, m), n in zip(MONTHS, counts, strict=True)
        for d in range(1, n + 1)
        if not (m in (9, 11) and d == 31)
    }
    extra = {D(2026, 11, d) for d in more}
    last = ALL[logged_to]
    before = _dates(build(diary(sorted(attacks), last) + paperwork()))
    after = _dates(build(diary(sorted(attacks | extra), max(last, max(extra))) + paperwork()))
    for key, old in before.items():
        assert not _later(after[key], old), (key, old, after[key])
