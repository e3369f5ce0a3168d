"""Headache form conversions and the refusals the issue lists (nothing is built from bad input)."""

from __future__ import annotations

import datetime as dt

import pytest

from utils import forms, models
from utils.models import Attack, EntryError

NOW = dt.datetime(2026, 11, 20, 15, 30)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: NOW)


def values(**kw):
    v = {
        "start_date": dt.date(2026, 11, 18),
        "start_time": dt.time(7, 0),
        "time_unknown": False,
        "end_mode": "Duration",
        "duration_hours": 5.5,
        "end_date": dt.date(2026, 11, 18),
        "end_time": dt.time(0, 0),
        "pain": 7,
        "function": 2,
        "side": "left",
        "pulsating": "Yes",
        "worse_with_activity": "Yes",
        "nausea_vomiting": "No",
        "light_sensitivity": "Yes",
        "sound_sensitivity": "Not recorded",
        "aura": "No",
        "aura_types": [],
        "medicines": ["sumatriptan (Imitrex)"],
        "own_medicine": "",
        "own_medicine_class": "simple_analgesic",
        "dose": "50 mg",
        "relief_2h": "partial",
        "lost_work_hours": 4.0,
        "lost_household_hours": 0.0,
        "lost_social_hours": 0.0,
        "triggers": ["stress", " "],
        "notes": "",
    }
    v.update(kw)
    return v


def test_full_form_builds_attack() -> None:
    a = forms.attack_from_form(values())
    assert a.duration_minutes == 330
    assert a.pulsating is True and a.nausea_vomiting is False and a.sound_sensitivity is None
    assert [(m.name, m.drug_class, m.dose, m.relief_2h) for m in a.medications] == [
        ("sumatriptan", "triptan", "50 mg", "partial")
    ]
    assert a.triggers == ["stress"]
    assert a.lost_work_hours == 4.0 and a.lost_household_hours is None


def test_form_round_trip_for_editing() -> None:
    a = forms.attack_from_form(
        values(own_medicine="Migraleve", own_medicine_class="combination_analgesic")
    )
    again = forms.attack_from_form(forms.attack_to_form(a))
    assert again == a


def test_end_time_mode_and_midnight_crossing() -> None:
    a = forms.attack_from_form(
        values(end_mode="End date and time", end_date=dt.date(2026, 11, 19), end_time=dt.time(3, 0))
    )
    assert a.end == dt.datetime(2026, 11, 19, 3, 0)
    assert a.duration() == dt.timedelta(hours=20)


def test_unknown_start_time_keeps_duration() -> None:
    a = forms.attack_from_form(values(time_unknown=True))
    assert a.start_time is None and a.duration_minutes == 330


def test_still_going_runs_to_now() -> None:
    a = forms.attack_from_form(values(end_mode="Still going", start_date=dt.date(2026, 11, 20)))
    assert a.ongoing and a.duration(NOW) == dt.timedelta(hours=8, minutes=30)


@pytest.mark.parametrize(
    "change, message",
    [
        (
            {
                "end_mode": "End date and time",
                "end_date": dt.date(2026, 11, 17),
                "end_time": dt.time(1, 0),
            },
            "before the start",
        ),
        ({"start_date": dt.date(2026, 11, 21)}, "future"),
        ({"start_date": dt.date(2026, 11, 20), "start_time": dt.time(18, 0)}, "future"),
        ({"pain": 11}, "less than or equal to 10"),
        ({"pain": -1}, "greater than or equal to 0"),
        ({"own_medicine": "Mystery", "own_medicine_class": "magic"}, "unknown medicine class"),
        ({"notes": "x" * 2001}, "too long"),
        ({"end_mode": "Duration", "duration_hours": 0}, "duration"),
        ({"medicines": ["not a medicine"]}, "unknown medicine"),
    ],
)
def test_bad_input_is_refused_with_a_message(change, message) -> None:
    with pytest.raises(EntryError) as err:
        forms.attack_from_form(values(**change))
    assert message in str(err.value).lower()


def test_quick_attack_is_three_taps() -> None:
    a = forms.quick_attack("Severe")
    assert (
        a.ongoing and a.pain == 8 and a.start_date == NOW.date() and a.start_time == dt.time(15, 30)
    )
    with pytest.raises(EntryError):
        forms.quick_attack("Unbearable")


def test_open_attacks_and_ending_them() -> None:
    from tests.diaries import stored

    going = forms.quick_attack("Mild", at=dt.datetime(2026, 11, 16, 21, 0))
    done = forms.attack_from_form(values())
    rows = stored(done, going)
    (open_row,) = forms.open_attacks(rows)
    assert open_row.entry is going
    assert forms.since_text(going) == "since Mon 21:00"
    ended = forms.end_attack(going, NOW)
    assert not ended.ongoing and ended.end == NOW and ended.pain == 3
    with pytest.raises(EntryError, match="before the start"):
        forms.end_attack(going, dt.datetime(2026, 11, 16, 20, 59))
    with pytest.raises(EntryError, match="future"):
        forms.end_attack(going, NOW + dt.timedelta(minutes=6))
    # Ended within the minute it started (quick log, then "ended now"): one minute long.
    just_now = forms.quick_attack("Mild", at=NOW)
    assert forms.end_attack(just_now, NOW + dt.timedelta(seconds=20)).duration() == dt.timedelta(
        minutes=1
    )


def test_day_rows_list_unlogged_days() -> None:
    from utils.store import StoredEntry

    t = dt.datetime(2026, 11, 20, 21, 0)
    a = Attack(start_date=dt.date(2026, 11, 18), duration_minutes=60, pain=3)
    rows = [StoredEntry(1, 1, "attack", a.day(), t, t, 1, a)]
    listing = forms.day_rows(rows, dt.date(2026, 11, 17), dt.date(2026, 11, 19), ["attack"])
    assert [r["day"].day for r in listing] == [19, 18, 17]
    assert [r["logged"] for r in listing] == [False, True, False]
    assert listing[0]["summary"] == "not logged"
    assert listing[1]["late"] is False


def test_known_triggers_include_patient_tags() -> None:
    from utils.store import StoredEntry

    t = dt.datetime(2026, 11, 20, 21, 0)
    a = Attack(start_date=dt.date(2026, 11, 18), duration_minutes=60, triggers=["perfume"])
    tags = forms.known_triggers([StoredEntry(1, 1, "attack", a.day(), t, t, 1, a)], ["stress"])
    assert tags == ["stress", "perfume"]


def test_threshold_settings_keep_only_changes_and_refuse_bad_values() -> None:
    new = forms.threshold_settings(
        {"other": 1},
        {
            "headache_days_per_month": 14,
            "migraine_days_per_month": 8,
            "response_thresholds_pct": "30, 50",
        },
    )
    assert new == {"other": 1, "thresholds": {"headache_days_per_month": 14}}
    new = forms.threshold_settings({}, {"response_thresholds_pct": "30,40"})
    assert new["thresholds"] == {"response_thresholds_pct": [30, 40]}
    with pytest.raises(EntryError, match="from 1 to 31"):
        forms.threshold_settings({}, {"headache_days_per_month": 40})
    with pytest.raises(EntryError, match="separated by commas"):
        forms.threshold_settings({}, {"response_thresholds_pct": "thirty"})
