"""Form conversions and listings for the sweating, jaw, treatment and questionnaire pages."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import clock
from utils import entry_forms as ef
from utils.models import (
    MIGRAINE_PROTOCOL_AREAS,
    BotoxSession,
    EntryError,
    JawDay,
    Midas,
    SideEffect,
    Treatment,
)
from utils.store import Store

TODAY = clock.TODAY


def test_sweat_day_round_trip() -> None:
    v = {
        "date": TODAY,
        "sites": ["underarms", "palms"],
        "hdss": 3,
        "episodes": 4,
        "clothing_changes": 1,
        "extra_showers": None,
        "affected": ["handshakes"],
        "triggers": ["heat"],
        "stopped_during_sleep": "Yes",
        "skin_problems": [],
        "topical_product": " Drysol ",
        "topical_strength": "20%",
        "topical_irritation": "No",
        "notes": "",
    }
    e = ef.sweat_day_from_form(v)
    assert e.topical_product == "Drysol" and e.stopped_during_sleep is True
    assert e.topical_irritation is False and e.extra_showers is None
    back = ef.sweat_day_to_form(e)
    assert ef.sweat_day_from_form(back) == e


def test_sweat_day_needs_hdss() -> None:
    with pytest.raises(EntryError, match="HDSS"):
        ef.sweat_day_from_form({"date": TODAY, "hdss": None})


def test_normal_days_and_conflicts(store: Store) -> None:
    p = store.create_profile("Me", ["sweating", "jaw"])
    assert ef.normal_sweat_day(TODAY).normal_day
    assert ef.normal_jaw_day(TODAY).normal_day
    store.add(p.id, ef.normal_sweat_day(TODAY))
    store.add(p.id, ef.jaw_day_from_form({"date": TODAY, "pain": 4}))
    rows = store.entries(p.id)
    assert "already recorded as a normal day" in ef.normal_day_conflict(rows, "sweat_day", TODAY)
    assert "already has an entry" in ef.normal_day_conflict(rows, "jaw_day", TODAY)
    assert ef.normal_day_conflict(rows, "sweat_day", TODAY - dt.timedelta(days=1)) is None


def test_baseline_round_trip(store: Store) -> None:
    b = ef.baseline_from_form(
        {"answered_on": TODAY, "onset_age": 15, "duration_months": None, "family_history": "yes"}
    )
    assert b.bilateral_symmetric == "unknown" and b.family_history == "yes"
    assert ef.baseline_from_form(ef.baseline_to_form(b)) == b
    p = store.create_profile("Me", ["sweating"])
    assert ef.current_baseline(store.entries(p.id)) is None
    entry_id = store.add(p.id, b)
    assert ef.current_baseline(store.entries(p.id)).id == entry_id


def test_jaw_round_trip() -> None:
    e = ef.jaw_day_from_form(
        {
            "date": TODAY,
            "pain": 6,
            "symptoms": ["locking"],
            "clenching": ["night"],
            "night_guard": "Yes",
            "helped": " soft food ",
            "notes": "",
        }
    )
    assert isinstance(e, JawDay) and e.night_guard is True and e.helped == "soft food"
    assert ef.jaw_day_from_form(ef.jaw_day_to_form(e)) == e
    with pytest.raises(EntryError, match="jaw pain"):
        ef.jaw_day_from_form({"date": TODAY, "pain": None})


def treatment_form(**over):
    v = {
        "condition": "headache",
        "medicine": "topiramate (Topamax)",
        "own_name": "",
        "own_class": "anticonvulsant",
        "dose": "50 mg",
        "strength": "",
        "start": TODAY - dt.timedelta(days=40),
        "still_taking": False,
        "stop": TODAY - dt.timedelta(days=1),
        "outcome": "inadequate_response",
        "side_effects": "",
        "prescriber": "Dr. A",
        "notes": "",
    }
    v.update(over)
    return v


def test_treatment_from_catalog_and_own() -> None:
    t = ef.treatment_from_form(treatment_form())
    assert (t.name, t.treatment_class) == ("topiramate", "anticonvulsant")
    assert ef.treatment_to_form(t)["medicine"] == "topiramate (Topamax)"
    own = ef.treatment_from_form(
        treatment_form(
            medicine=ef.OWN_TREATMENT, own_name="flunarizine", own_class="other_preventive"
        )
    )
    assert own.name == "flunarizine" and own.treatment_class == "other_preventive"
    form = ef.treatment_to_form(own)
    assert form["medicine"] == ef.OWN_TREATMENT and form["own_name"] == "flunarizine"
    still = ef.treatment_from_form(treatment_form(still_taking=True))
    assert still.outcome == "ongoing" and still.stop is None
    assert ef.treatment_from_form(ef.treatment_to_form(still)) == still


def test_treatment_refusals() -> None:
    with pytest.raises(EntryError, match="before the start"):
        ef.treatment_from_form(treatment_form(stop=TODAY - dt.timedelta(days=50)))
    with pytest.raises(EntryError, match="type the treatment's name"):
        ef.treatment_from_form(treatment_form(medicine=ef.OWN_TREATMENT))
    with pytest.raises(EntryError, match="not a"):
        ef.treatment_from_form(treatment_form(condition="jaw"))


def test_trial_lengths_content() -> None:
    rules = ef.trial_lengths()
    assert rules["source"] and rules["last_checked"]
    assert ef.minimum_trial_days("headache", "beta_blocker") == 60
    assert ef.minimum_trial_days("sweating", "aluminium_chloride") == 30
    assert ef.minimum_trial_days("sweating", "iontophoresis") is None
    assert ef.minimum_trial_days("jaw", "night_guard") == 42


def _t(
    start_ago: int,
    stop_ago: int | None,
    outcome: str,
    name="propranolol",
    cls="beta_blocker",
    condition="headache",
) -> Treatment:
    return Treatment(
        condition=condition,
        name=name,
        treatment_class=cls,
        start=TODAY - dt.timedelta(days=start_ago),
        stop=None if stop_ago is None else TODAY - dt.timedelta(days=stop_ago),
        outcome=outcome,
        side_effects="dizzy" if outcome == "side_effects" else "",
    )


def test_trial_length_notes() -> None:
    assert ef.trial_length_note(_t(100, 41, "inadequate_response"), TODAY) == (
        False,
        "60 days: meets the usual 60",
    )
    short, note = ef.trial_length_note(_t(100, 42, "side_effects"), TODAY)
    assert short and "59 days" in note and "60" in note
    short, note = ef.trial_length_note(_t(19, None, "ongoing"), TODAY)
    assert short and note == "still short: 20 of 60 days so far, 40 to go"
    assert not ef.trial_length_note(_t(10, None, "contraindicated"), TODAY)[0]
    assert not ef.trial_length_note(_t(10, 5, "contraindicated"), TODAY)[0]
    ionto = _t(5, 1, "inadequate_response", "ionto", "iontophoresis", "sweating")
    assert ef.trial_length_note(ionto, TODAY) == (False, "5 days (no usual minimum for this kind)")


def test_trial_table_sorted_and_sentence(store: Store) -> None:
    p = store.create_profile("Me")
    store.add(p.id, _t(30, None, "ongoing", name="atogepant", cls="preventive_gepant"))
    store.add(p.id, _t(300, 200, "inadequate_response"))
    store.add(p.id, _t(9, None, "ongoing", name="night guard", cls="night_guard", condition="jaw"))
    table = ef.trial_table(store.entries(p.id), "headache", TODAY)
    assert [r["Treatment"] for r in table] == ["propranolol", "atogepant"]
    assert table[1]["Stop"] == "still taking" and table[1]["short"]
    sentence = ef.short_trials_sentence(table, "headache")
    assert sentence.startswith("1 trial is short of the usual minimum of 60 days")
    assert "atogepant (31 days)" in sentence
    assert ef.short_trials_sentence(table[:1], "headache").startswith("Every trial meets")
    assert ef.short_trials_sentence([], "jaw") == "No treatments recorded yet."


def session_form(**over):
    v = {
        "date": TODAY,
        "condition": "headache",
        "product": "botox",
        "units": 155.0,
        "protocol": True,
        "areas": ["masseter"],
        "injector": "Dr. B",
        "cost": None,
        "custom_next": False,
        "next_date": TODAY,
        "notes": "",
    }
    v.update(over)
    return v


def test_session_round_trip_and_next_date() -> None:
    s = ef.session_from_form(session_form())
    assert s.areas == [*MIGRAINE_PROTOCOL_AREAS, "masseter"]
    assert s.next_session() == TODAY + dt.timedelta(weeks=12)
    assert ef.session_from_form(ef.session_to_form(s)) == s
    custom = ef.session_from_form(
        session_form(custom_next=True, next_date=TODAY + dt.timedelta(days=100))
    )
    assert custom.next_session() == TODAY + dt.timedelta(days=100)
    with pytest.raises(EntryError, match="units"):
        ef.session_from_form(session_form(units=None))
    with pytest.raises(EntryError, match="outside the usual range"):
        ef.session_from_form(session_form(units=900))
    with pytest.raises(EntryError, match="future"):
        ef.session_from_form(session_form(date=TODAY + dt.timedelta(days=3)))


def test_session_rows_and_next_sessions(store: Store) -> None:
    p = store.create_profile("Me", ["headache", "sweating"])
    old = BotoxSession(date=TODAY - dt.timedelta(days=200), condition="headache", units=155)
    new = BotoxSession(
        date=TODAY - dt.timedelta(days=20),
        condition="headache",
        units=155,
        areas=list(MIGRAINE_PROTOCOL_AREAS),
    )
    sw = BotoxSession(
        date=TODAY - dt.timedelta(days=5),
        condition="sweating",
        units=100,
        areas=["left underarm", "right underarm"],
        next_date=TODAY + dt.timedelta(days=170),
    )
    for s in (old, new, sw):
        store.add(p.id, s)
    rows = store.entries(p.id)
    table = ef.session_rows(rows)
    assert [r["Date"] for r in table] == [sw.date, new.date, old.date]
    assert table[1]["Areas"].startswith("migraine protocol")
    nxt = ef.next_sessions(rows)
    assert nxt["headache"] == (new.date, new.date + dt.timedelta(days=84))
    assert nxt["sweating"] == (sw.date, TODAY + dt.timedelta(days=170))


def test_side_effects_and_urgency(store: Store) -> None:
    p = store.create_profile("Me")
    sid = store.add(
        p.id, BotoxSession(date=TODAY - dt.timedelta(days=3), condition="headache", units=155)
    )
    e = ef.side_effect_from_form(
        {
            "effect": "trouble swallowing",
            "session_id": sid,
            "start": TODAY,
            "ongoing": True,
            "end": TODAY,
            "severity": "severe",
            "notes": "",
        }
    )
    assert e.end is None and e.is_urgent()
    assert ef.side_effect_from_form(ef.side_effect_to_form(e)) == e
    own = ef.side_effect_from_form(
        {
            "effect": ef.OWN_EFFECT,
            "own_effect": "rash",
            "start": TODAY,
            "ongoing": False,
            "end": TODAY,
            "severity": "mild",
        }
    )
    assert own.effect == "rash" and ef.side_effect_to_form(own)["effect"] == ef.OWN_EFFECT
    with pytest.raises(EntryError, match="describe"):
        ef.side_effect_from_form({"effect": ef.OWN_EFFECT, "start": TODAY, "severity": "mild"})
    store.add(p.id, e)
    store.add(p.id, own)
    past = SideEffect(
        effect="trouble breathing",
        start=TODAY - dt.timedelta(days=9),
        end=TODAY - dt.timedelta(days=8),
        severity="severe",
    )
    store.add(p.id, past)
    rows = store.entries(p.id)
    urgent = ef.urgent_ongoing(rows, TODAY)
    assert [r.entry.effect for r in urgent] == ["trouble swallowing"]
    table = ef.side_effect_rows(rows, TODAY)
    swallow = next(r for r in table if r["Side effect"] == "trouble swallowing")
    assert swallow["Urgent"] and swallow["Until"] == "still going" and swallow["After session"]
    breathing = next(r for r in table if r["Side effect"] == "trouble breathing")
    assert not breathing["Urgent"]


def midas_form(**over):
    v = {
        "date": TODAY,
        "q1": 1,
        "q2": 2,
        "q3": 3,
        "q4": 4,
        "q5": 11,
        "headache_days": 40,
        "average_pain": 6,
        "notes": "",
    }
    v.update(over)
    return v


def test_midas_form() -> None:
    m = ef.midas_from_form(midas_form())
    assert isinstance(m, Midas) and m.score() == 21
    assert ef.midas_from_form(ef.midas_to_form(m)) == m
    with pytest.raises(EntryError, match="more than the 92 days in three months"):
        ef.midas_from_form(midas_form(q2=93))
    with pytest.raises(EntryError, match="give a number of days"):
        ef.midas_from_form(midas_form(q3=None))
    with pytest.raises(EntryError, match="Headache days"):
        ef.midas_from_form(midas_form(headache_days=120))


def test_hit6_and_hdss_forms() -> None:
    assert ef.hit6_from_form({"date": TODAY, "total": 60}).total == 60
    for bad in (35, 79):
        with pytest.raises(EntryError, match="between 36 and 78"):
            ef.hit6_from_form({"date": TODAY, "total": bad})
    with pytest.raises(EntryError, match="enter the total"):
        ef.hit6_from_form({"date": TODAY, "total": None})
    assert ef.hdss_from_form({"date": TODAY, "score": 3, "timing": "before treatment"}).score == 3
    with pytest.raises(EntryError, match="choose the statement"):
        ef.hdss_from_form({"date": TODAY, "score": None})


def test_questionnaire_rows_and_reminder(store: Store) -> None:
    p = store.create_profile("Me")
    assert "No MIDAS" in ef.midas_reminder([], TODAY)
    store.add(p.id, ef.midas_from_form(midas_form(date=TODAY - dt.timedelta(days=120))))
    store.add(p.id, ef.hit6_from_form({"date": TODAY, "total": 56}))
    store.add(p.id, ef.hdss_from_form({"date": TODAY, "score": 4, "timing": "routine"}))
    rows = store.entries(p.id)
    midas = ef.questionnaire_rows(rows, "midas")
    assert midas[0]["Score"] == 21 and midas[0]["Grade"].startswith("IV")
    assert midas[0]["Q5"] == 11 and midas[0]["A. headache days"] == 40
    assert ef.questionnaire_rows(rows, "hit6")[0]["Impact"] == "substantial impact"
    assert ef.questionnaire_rows(rows, "hdss_assessment")[0]["HDSS"] == 4
    assert "more than three months ago" in ef.midas_reminder(rows, TODAY)
    store.add(p.id, ef.midas_from_form(midas_form(date=TODAY - dt.timedelta(days=10))))
    assert ef.midas_reminder(store.entries(p.id), TODAY) is None


def test_months_before_clamps() -> None:
    assert ef.months_before(dt.date(2026, 5, 31), 3) == dt.date(2026, 2, 28)
    assert ef.months_before(dt.date(2026, 2, 15), 3) == dt.date(2025, 11, 15)


def test_hdss_label_shows_statement() -> None:
    assert ef.hdss_label(4).startswith("4: My sweating is intolerable")
