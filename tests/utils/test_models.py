"""Validation of every entry kind: good values pass, bad values are refused with a readable reason."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import clock
from utils.models import (
    Attack,
    BotoxSession,
    EntryError,
    HdssAssessment,
    HeadacheCheckin,
    Hit6,
    JawDay,
    Midas,
    SideEffect,
    SweatBaseline,
    SweatDay,
    Treatment,
    build,
    parse_entry,
    validate,
)

TODAY = clock.TODAY
YESTERDAY = TODAY - dt.timedelta(days=1)
TOMORROW = TODAY + dt.timedelta(days=1)


def refused(cls, fragment: str, **values) -> None:
    with pytest.raises(EntryError) as err:
        build(cls, **values)
    text = " ".join(err.value.messages).lower()
    assert fragment.lower() in text, err.value.messages


# ---------------------------------------------------------------- headache


def test_attack_good_and_bad() -> None:
    a = build(Attack, start_date=YESTERDAY, start_time=dt.time(8), duration_minutes=300, pain=6)
    assert a.duration() == dt.timedelta(hours=5)
    refused(Attack, "future", start_date=TOMORROW)
    refused(Attack, "less than or equal to 10", start_date=YESTERDAY, pain=11)
    refused(
        Attack,
        "either an end time or a duration",
        start_date=YESTERDAY,
        start_time=dt.time(8),
        duration_minutes=60,
        end=dt.datetime.combine(YESTERDAY, dt.time(9)),
    )


def test_headache_checkin() -> None:
    assert build(HeadacheCheckin, date=TODAY).day() == TODAY
    refused(HeadacheCheckin, "future", date=TOMORROW)


# ---------------------------------------------------------------- sweating


def test_sweat_day_good() -> None:
    s = build(SweatDay, date=TODAY, hdss=3, sites=["underarms"], episodes=4, clothing_changes=2)
    assert s.summary().startswith("Sweating HDSS 3")
    n = build(SweatDay, date=TODAY, normal_day=True)
    assert "Normal day" in n.summary()


@pytest.mark.parametrize(
    ("values", "fragment"),
    [
        ({"date": TODAY}, "HDSS 1-4"),
        ({"date": TODAY, "hdss": 5}, "less than or equal to 4"),
        ({"date": TODAY, "hdss": 0}, "greater than or equal to 1"),
        ({"date": TOMORROW, "hdss": 2}, "future"),
        ({"date": TODAY, "normal_day": True, "sites": ["palms"]}, "normal day has no"),
        ({"date": TODAY, "hdss": 2, "sites": ["elbows"]}, "sites"),
        ({"date": TODAY, "hdss": 2, "episodes": -1}, "greater than or equal to 0"),
        ({"date": TODAY, "hdss": 2, "notes": "x" * 2001}, "too long"),
    ],
)
def test_sweat_day_bad(values, fragment) -> None:
    refused(SweatDay, fragment, **values)


def test_sweat_baseline() -> None:
    b = build(
        SweatBaseline, answered_on=TODAY, onset_age=14, duration_months=24, family_history="yes"
    )
    assert b.day() == TODAY
    refused(SweatBaseline, "future", answered_on=TOMORROW)
    refused(SweatBaseline, "less than or equal to 110", answered_on=TODAY, onset_age=200)
    refused(SweatBaseline, "family history", answered_on=TODAY, family_history="maybe")


# ---------------------------------------------------------------- jaw


def test_jaw_day() -> None:
    j = build(
        JawDay, date=TODAY, pain=5, symptoms=["locking"], clenching=["night"], night_guard=True
    )
    assert j.summary() == "Jaw pain 5/10 (locking)"
    assert build(JawDay, date=TODAY, normal_day=True).summary().startswith("Normal day")
    refused(JawDay, "give the jaw pain", date=TODAY)
    refused(JawDay, "less than or equal to 10", date=TODAY, pain=11)
    refused(JawDay, "normal day has no", date=TODAY, normal_day=True, pain=3)
    refused(JawDay, "future", date=TOMORROW, pain=2)
    refused(JawDay, "clenching", date=TODAY, pain=2, clenching=["always"])


# ---------------------------------------------------------------- treatments


def treatment(**over):
    values = dict(
        condition="headache",
        name="topiramate",
        treatment_class="anticonvulsant",
        start=TODAY - dt.timedelta(days=100),
        stop=TODAY - dt.timedelta(days=41),
        outcome="inadequate_response",
    )
    values.update(over)
    return values


def test_treatment_good_and_days_on() -> None:
    t = build(Treatment, **treatment())
    assert t.days_on() == 60  # both ends counted
    ongoing = build(Treatment, **treatment(stop=None, outcome="ongoing"))
    assert ongoing.days_on(today=TODAY) == 101
    assert ongoing.days_on(today=TODAY - dt.timedelta(days=100)) == 1
    never = build(Treatment, **treatment(stop=None, outcome="contraindicated"))
    assert never.days_on() == 0
    same_day = build(Treatment, **treatment(stop=TODAY - dt.timedelta(days=100)))
    assert same_day.days_on() == 1


@pytest.mark.parametrize(
    ("over", "fragment"),
    [
        ({"stop": TODAY - dt.timedelta(days=101)}, "stop date is before the start"),
        ({"start": TOMORROW, "stop": None, "outcome": "ongoing"}, "future"),
        ({"stop": TOMORROW}, "future"),
        ({"stop": None}, "give the stop date"),
        ({"outcome": "ongoing"}, "not 'still taking'"),
        ({"outcome": "side_effects"}, "which side effects"),
        ({"treatment_class": "night_guard"}, "is a jaw treatment"),
        ({"treatment_class": "magic"}, "unknown treatment class"),
        ({"name": ""}, "at least 1 character"),
    ],
)
def test_treatment_bad(over, fragment) -> None:
    refused(Treatment, fragment, **treatment(**over))


# ---------------------------------------------------------------- Botox sessions and side effects


def test_botox_session() -> None:
    s = build(BotoxSession, date=TODAY, condition="headache", units=155)
    assert s.next_session() == TODAY + dt.timedelta(days=84)
    later = build(
        BotoxSession,
        date=TODAY,
        condition="sweating",
        units=100,
        next_date=TODAY + dt.timedelta(days=180),
    )
    assert later.next_session() == TODAY + dt.timedelta(days=180)
    assert (
        build(BotoxSession, date=TODAY, condition="sweating", product="dysport", units=1000).units
        == 1000
    )


@pytest.mark.parametrize(
    ("values", "fragment"),
    [
        ({"date": TOMORROW, "units": 155}, "future"),
        ({"units": 0}, "greater than 0"),
        ({"units": -5}, "greater than 0"),
        ({"units": 700}, "outside the usual range"),
        ({"units": 1200, "product": "dysport"}, "less than or equal to 1000"),
        ({"units": 155, "next_date": TODAY}, "next session must be after"),
        ({"units": 155, "areas": ["knee"]}, "areas"),
        ({"units": 155, "cost": -1}, "greater than or equal to 0"),
    ],
)
def test_botox_session_bad(values, fragment) -> None:
    base = {"date": TODAY, "condition": "headache"}
    refused(BotoxSession, fragment, **{**base, **values})


def test_side_effect() -> None:
    e = build(SideEffect, effect="neck pain", start=YESTERDAY, severity="mild")
    assert not e.is_urgent()
    assert build(
        SideEffect, effect="trouble swallowing", start=TODAY, severity="severe"
    ).is_urgent()
    assert build(SideEffect, effect="Short of breath", start=TODAY, severity="severe").is_urgent()
    refused(
        SideEffect, "end date is before", effect="x", start=TODAY, end=YESTERDAY, severity="mild"
    )
    refused(SideEffect, "future", effect="x", start=TOMORROW, severity="mild")
    refused(SideEffect, "severity", effect="x", start=TODAY, severity="awful")
    refused(SideEffect, "at least 1 character", effect="", start=TODAY, severity="mild")


# ---------------------------------------------------------------- questionnaires


def test_midas() -> None:
    m = build(Midas, date=TODAY, q1=1, q2=2, q3=3, q4=4, q5=5, headache_days=30, average_pain=6)
    assert m.score() == 15
    assert m.summary() == "MIDAS 15 (grade III)"
    assert build(Midas, date=TODAY, q1=92, q2=0, q3=0, q4=0, q5=0).score() == 92
    refused(Midas, "less than or equal to 92", date=TODAY, q1=93, q2=0, q3=0, q4=0, q5=0)
    refused(Midas, "greater than or equal to 0", date=TODAY, q1=-1, q2=0, q3=0, q4=0, q5=0)
    refused(Midas, "headache days", date=TODAY, q1=0, q2=0, q3=0, q4=0, q5=0, headache_days=100)
    refused(Midas, "average pain", date=TODAY, q1=0, q2=0, q3=0, q4=0, q5=0, average_pain=11)
    refused(Midas, "q5", date=TODAY, q1=0, q2=0, q3=0, q4=0)
    refused(Midas, "future", date=TOMORROW, q1=0, q2=0, q3=0, q4=0, q5=0)


@pytest.mark.parametrize("total", [36, 49, 50, 78])
def test_hit6_good(total) -> None:
    assert build(Hit6, date=TODAY, total=total).total == total


@pytest.mark.parametrize("total", [35, 79, 0])
def test_hit6_bad(total) -> None:
    refused(Hit6, "total", date=TODAY, total=total)


def test_hdss_assessment() -> None:
    a = build(HdssAssessment, date=TODAY, score=4, timing="before treatment")
    assert a.summary() == "HDSS 4 (before treatment)"
    refused(HdssAssessment, "less than or equal to 4", date=TODAY, score=5)
    refused(HdssAssessment, "timing", date=TODAY, score=2, timing="someday")
    refused(HdssAssessment, "future", date=TOMORROW, score=2)


def test_parse_and_validate_round_trip() -> None:
    s = build(BotoxSession, date=TODAY, condition="headache", units=155, areas=["procerus"])
    assert validate(s) == s
    assert parse_entry("botox_session", s.model_dump(mode="json")) == s
    with pytest.raises(EntryError, match="unknown entry kind"):
        parse_entry("nonsense", {})


BOXED_WARNING = (
    "trouble speaking",
    "slurred speech",
    "hoarse or changed voice",
    "double vision",
    "blurred vision",
    "generalized muscle weakness",
    "loss of bladder control",
    "trouble breathing",
    "trouble swallowing",
)


@pytest.mark.parametrize("effect", BOXED_WARNING)
def test_every_boxed_warning_symptom_is_urgent(effect: str) -> None:
    assert build(SideEffect, effect=effect, start=TODAY, severity="moderate").is_urgent()


@pytest.mark.parametrize(
    "effect", ["neck pain", "sweating elsewhere (compensatory)", "dry eyes", "swelling"]
)
def test_common_side_effects_are_not_urgent(effect: str) -> None:
    assert not build(SideEffect, effect=effect, start=TODAY, severity="mild").is_urgent()


def test_urgent_message_names_every_boxed_warning_symptom() -> None:
    from utils.entry_forms import URGENT_MESSAGE

    text = URGENT_MESSAGE.lower()
    for words in (
        "breathing",
        "swallowing",
        "speaking",
        "voice",
        "double or blurred vision",
        "drooping eyelids",
        "weakness",
        "bladder control",
        "hours to weeks",
    ):
        assert words in text, words


@pytest.mark.parametrize(
    ("npi", "ok"), [("123456789", False), ("1234567890", True), ("12345678901", False)]
)
def test_profile_settings_npi_has_ten_digits(npi: str, ok: bool) -> None:
    from pydantic import ValidationError

    from utils.models import ProfileSettings

    if ok:
        assert ProfileSettings(clinician_npi=npi).clinician_npi == npi
    else:
        with pytest.raises(ValidationError):
            ProfileSettings(clinician_npi=npi)
    assert ProfileSettings(clinician_npi="").clinician_npi == ""


def test_profile_settings_keep_other_keys_and_drop_bad_values() -> None:
    from utils.models import ProfileSettings

    settings = {
        "thresholds": {"x": 1},
        "patient_name": "Ana",
        "clinician_npi": "12",
        "date_of_birth": "1980-01-02",
    }
    read = ProfileSettings.from_settings(settings)
    assert read.patient_name == "Ana" and read.clinician_npi == ""
    assert read.date_of_birth == dt.date(1980, 1, 2)
    written = read.to_settings(settings)
    assert written["thresholds"] == {"x": 1} and written["patient_name"] == "Ana"
    assert not ProfileSettings.from_settings(None).print_identifiers
