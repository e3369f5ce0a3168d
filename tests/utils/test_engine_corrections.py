"""Issue 12, engine corrections: day counts that must not depend on where a period ends, the
trial rule's hours, still-going attacks, response windows and duplicate daily entries.
Every expected value is worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.diaries import stored
from utils import metrics, models
from utils.evidence import build_evidence
from utils.models import (
    Attack,
    BotoxSession,
    HeadacheCheckin,
    JawDay,
    MedicationDose,
    SweatDay,
)
from utils.store import StoredEntry

AT = dt.datetime(2026, 11, 20, 12, 0)
D = dt.date
T = dt.time


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: AT)


def ev_for(entries, start, end, at=AT, settings=None, conditions=("headache",)):
    return build_evidence(entries, conditions, start, end, settings or {}, at)


def day(ev, d):
    return next(r for r in ev.days if r.date == d)


# ---------------------------------------------------------------- dose after midnight


def overnight_attack() -> Attack:
    # 31 Jan 22:00 for 6 hours (to 1 Feb 04:00); the triptan at 01:30 belongs to 1 Feb.
    return Attack(
        start_date=D(2026, 1, 31),
        start_time=T(22),
        duration_minutes=360,
        pain=7,
        medications=[MedicationDose(name="sumatriptan", drug_class="triptan", time=T(1, 30))],
    )


def test_a_dose_after_midnight_is_never_moved_back_into_the_period():
    # Period ends 31 Jan: the dose day (1 Feb) is outside it, so 31 Jan has no triptan.
    ev = ev_for(stored(overnight_attack()), D(2026, 1, 1), D(2026, 1, 31))
    assert day(ev, D(2026, 1, 31)).acute_classes == ()
    assert ev.months[-1].counts.acute_by_class == {}


def test_month_counts_do_not_change_with_the_period_end():
    # January counted with a period ending 31 Jan or 28 Feb: the same figures.
    short = ev_for(stored(overnight_attack()), D(2026, 1, 1), D(2026, 1, 31))
    long = ev_for(stored(overnight_attack()), D(2026, 1, 1), D(2026, 2, 28))
    assert short.months[0].counts == long.months[0].counts
    # And in the longer period the dose is on 1 Feb.
    assert day(long, D(2026, 2, 1)).acute_classes == ("triptan",)
    assert day(long, D(2026, 1, 31)).acute_classes == ()


# ---------------------------------------------------------------- trial rule: hours that day


def test_trial_rule_counts_hours_of_headache_that_calendar_day():
    # Tension-type attack 3 Mar 22:00 for 5 h: 2 h on the 3rd, 3 h on the 4th. The attack is
    # 5 h long but no calendar day has 4 h: neither day is a trial migraine day.
    a = Attack(
        start_date=D(2026, 3, 3),
        start_time=T(22),
        duration_minutes=300,
        pain=3,
        side="both",
        pulsating=False,
        worse_with_activity=False,
        nausea_vomiting=False,
        light_sensitivity=False,
        sound_sensitivity=False,
        aura=False,
    )
    ev = ev_for(
        stored(a), D(2026, 3, 1), D(2026, 3, 31), settings={"migraine_day_rule": "ichd3_or_trial"}
    )
    assert (day(ev, D(2026, 3, 3)).hours, day(ev, D(2026, 3, 4)).hours) == (2.0, 3.0)
    assert not day(ev, D(2026, 3, 3)).migraine_trial
    assert not day(ev, D(2026, 3, 4)).migraine_trial


# ---------------------------------------------------------------- still-going attacks


@pytest.mark.parametrize(
    ("hours_ago", "counted_days", "open_capped"),
    [
        (71, 4, False),  # one hour below the cap: every day up to now counts
        (72, 4, False),  # exactly at the cap: still counted up to now
        (73, 1, True),  # past the cap: only the start day, flagged as open
    ],
)
def test_still_going_attack_counts_for_at_most_72_hours(hours_ago, counted_days, open_capped):
    start = AT - dt.timedelta(hours=hours_ago)
    a = Attack(start_date=start.date(), start_time=start.time(), ongoing=True, pain=6)
    ev = ev_for(stored(a), D(2026, 11, 1), D(2026, 11, 20))
    heads = [r for r in ev.days if r.headache]
    # 71 h before 20 Nov 12:00 is 17 Nov 13:00; 72 h is 17 Nov 12:00: both touch 17-20 Nov
    # (4 days); 73 h is 17 Nov 11:00, past the cap: only 17 Nov.
    assert len(heads) == counted_days
    assert heads[0].date == D(2026, 11, 17)
    assert all(r.open_attack for r in heads)
    assert ev.to_dict()["days"][16]["open_attack"] is True
    assert ev.to_dict()["days"][16]["open_attack_past_72h"] is open_capped
    if open_capped:
        # The start day counts from 11:00 to midnight: 13 h.
        assert heads[0].hours == 13.0


# ---------------------------------------------------------------- response windows


def test_response_window_ends_the_day_before_the_next_session():
    # Sessions 1 Apr and 1 Jun (61 days apart): the first window is 1 Apr-31 May (61 days),
    # not 84 days overlapping the second session; it is over, so it is complete.
    entries = [BotoxSession(date=D(2026, 4, 1), condition="headache", units=155)]
    entries.append(BotoxSession(date=D(2026, 6, 1), condition="headache", units=155))
    entries += [HeadacheCheckin(date=D(2026, 1, 1) + dt.timedelta(days=i)) for i in range(250)]
    ev = ev_for(stored(*entries), D(2026, 1, 1), D(2026, 9, 30))
    s1, s2 = ev.responses["headache"].sessions
    assert (s1.window.start, s1.window.end, s1.window.days_elapsed) == (
        D(2026, 4, 1),
        D(2026, 5, 31),
        61,
    )
    assert s1.complete
    assert (s2.window.start, s2.window.end) == (D(2026, 6, 1), D(2026, 8, 23))


# ---------------------------------------------------------------- duplicate daily entries


def recorded(entry, when: dt.datetime, eid: int) -> StoredEntry:
    return StoredEntry(eid, 1, entry.KIND, entry.day(), when, when, 1, entry)


def test_duplicate_daily_entries_latest_recorded_wins_whatever_the_order():
    # Two sweating days and two jaw days for 5 Mar; the later-recorded says HDSS 4 / pain 7.
    early, late = dt.datetime(2026, 3, 5, 9), dt.datetime(2026, 3, 5, 21)
    rows = [
        recorded(SweatDay(date=D(2026, 3, 5), hdss=4, sites=["underarms"]), late, 1),
        recorded(SweatDay(date=D(2026, 3, 5), hdss=2, sites=["underarms"]), early, 2),
        recorded(JawDay(date=D(2026, 3, 5), pain=7), late, 3),
        recorded(JawDay(date=D(2026, 3, 5), pain=2), early, 4),
    ]
    for order in (rows, rows[::-1]):
        ev = ev_for(order, D(2026, 3, 1), D(2026, 3, 31), conditions=("sweating", "jaw"))
        assert ev.sweating.hdss_distribution["4"] == 1
        assert ev.sweating.hdss_distribution["2"] == 0
        assert ev.jaw.mean_pain == 7.0


def test_latest_recorded_helper_breaks_ties_by_id():
    when = dt.datetime(2026, 3, 5, 21)
    a = recorded(JawDay(date=D(2026, 3, 5), pain=1), when, 5)
    b = recorded(JawDay(date=D(2026, 3, 5), pain=9), when, 6)
    assert [r.id for r in metrics.by_recording([b, a])] == [5, 6]


# ---------------------------------------------------------------- overuse limits: one source


def test_overuse_limits_come_from_the_medication_catalog_only(monkeypatch):
    from utils import catalog

    text = " ".join(ev_for([], D(2026, 1, 1), D(2026, 1, 31)).definitions)
    assert (
        "triptan, ergot, combination analgesic or opioid on 10 or more days a month, NSAID or "
        "simple analgesic on 15 or more days a month" in text
    )
    # A plan-wide correction in content/medications.yaml (here: triptans from 8 days) changes
    # both the flagged months and the printed definition.
    classes = {k: dict(v) for k, v in catalog.acute_classes().items()}
    classes["triptan"]["overuse_days"] = 8
    monkeypatch.setattr(catalog, "acute_classes", lambda: classes)
    entries = []
    for month in (1, 2, 3, 4):
        for i in range(8):
            med = [MedicationDose(name="sumatriptan", drug_class="triptan")]
            a = Attack(
                start_date=D(2026, month, 1 + i),
                start_time=T(9),
                duration_minutes=60,
                medications=med,
            )
            entries.append(a)
    ev = ev_for(stored(*entries), D(2026, 1, 1), D(2026, 4, 30))
    assert ev.overuse.flagged_months == ("2026-01", "2026-02", "2026-03", "2026-04")
    assert ev.overuse.months[0].triggered == ("triptan on 8 days (limit 8)",)
    assert "triptan on 8 or more days a month" in " ".join(ev.definitions)
