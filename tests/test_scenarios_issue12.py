"""Issue 12, hand-computed diaries stored in a real database and read back through
``python -m utils.cli summary``: the JSON must carry the verdicts worked out by hand."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.diaries import MIGRAINE
from utils import cli, models
from utils.models import (
    Attack,
    BotoxSession,
    HdssAssessment,
    HeadacheCheckin,
    Hit6,
    JawDay,
    MedicationDose,
    Midas,
    SweatDay,
    Treatment,
)
from utils.store import Store

D = dt.date
T = dt.time
DAY = dt.timedelta(days=1)
NOW = dt.datetime(2026, 11, 27, 12, 0)


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: NOW)


def evening(e) -> tuple:
    return (e, dt.datetime.combine(e.day(), T(21)))


def summary(db_url, capsys, name: str, start: str, end: str, *extra: str) -> dict:
    code = cli.main(
        ["--database", db_url, "summary", "--profile", name, "--start", start, "--end", end]
        + list(extra)
    )
    assert code == 0
    return json.loads(capsys.readouterr().out)


def criteria_of(out: dict, rule_set: str) -> dict[str, dict]:
    rs = next(c for c in out["checklists"] if c["id"] == rule_set)
    return {c["criterion"]: c for c in rs["criteria"]}


def month_days(month: int) -> list[dt.date]:
    first = D(2026, month, 1)
    nxt = D(2026, month + 1, 1)
    return [first + DAY * i for i in range((nxt - first).days)]


def test_first_authorization_by_hand(store: Store, db_url, capsys) -> None:
    """Period 31 Jan - 1 Jun 2026 (one-day partial months at both edges, nothing logged there).

    Feb, Mar, Apr, May: 18 headache days each, every other day a check-in. Each attack starts
    at 08:00; the first 16 of each month last 5 h, the last 2 last 2 h. Feb-Apr take a triptan
    on 10 attack days; May takes none.

    By hand:
    - headache days 18, 18, 18, 18 in the 4 whole months: a run of 4 >= 3 -> met;
    - long days (4 h or more that day) 16 a month >= 15 -> met, named month by month;
    - triptan days 10, 10, 10, 0: 3 flagged months is not more than 3, and every day of the
      whole months is logged; but Jan and Jun are partial (30 and 29 days outside the period
      count as unlogged), so Jan could be flagged: Jan-Apr is a possible run of 4 -> the diary
      cannot rule overuse out -> for the clinician;
    - history of more than 3 months: for the clinician;
    - born 1990 -> 35 or older -> adult met; specialty "neurologist" on topiramate -> met;
    - overall: no criterion not met or missing except preventives (1 class of 2) -> not met.
    """
    profile = store.create_profile("First", ["headache"])
    store.update_profile(profile.id, settings={"year_of_birth": 1990})
    items = []
    for month in (2, 3, 4, 5):
        for i, d in enumerate(month_days(month)):
            if i < 18:
                meds = (
                    [MedicationDose(name="sumatriptan", drug_class="triptan")]
                    if month < 5 and i < 10
                    else []
                )
                items.append(
                    Attack(
                        start_date=d,
                        start_time=T(8),
                        duration_minutes=300 if i < 16 else 120,
                        medications=meds,
                        **MIGRAINE,
                    )
                )
            else:
                items.append(HeadacheCheckin(date=d))
    items.append(
        Treatment(
            condition="headache",
            name="topiramate",
            treatment_class="anticonvulsant",
            start=D(2025, 6, 1),
            stop=D(2025, 9, 30),
            outcome="inadequate_response",
            specialty="neurologist",
        )
    )
    store.add_many(profile.id, [evening(e) for e in items])
    out = summary(db_url, capsys, "First", "2026-01-31", "2026-06-01")
    assert out["schema_version"] == 2
    c = criteria_of(out, "chronic_migraine_first")
    assert c["headache_days"]["status"] == "met"
    assert c["headache_days"]["evidence"] == (
        "18, 18, 18 and 18 headache days in Feb, Mar, Apr, May 2026."
    )
    assert c["hours_per_day"]["status"] == "met"
    assert c["hours_per_day"]["evidence"] == (
        "Days with 4 hours or more of headache: Feb 2026 16, Mar 2026 16, Apr 2026 16, May 2026 16."
    )
    assert out["overuse"]["flagged_months"] == ["2026-02", "2026-03", "2026-04"]
    assert out["overuse"]["risk"] is False and out["overuse"]["ruled_out"] is False
    assert c["medication_overuse"]["status"] == "for_clinician"
    assert c["medication_overuse"]["status_label"] == "for the clinician"
    assert c["history"]["status"] == "for_clinician"
    assert c["adult"]["status"] == "met"
    assert c["specialist"]["status"] == "met"
    assert c["preventives"]["status"] == "not_met"
    first = next(r for r in out["checklists"] if r["id"] == "chronic_migraine_first")
    assert first["status"] == "not_met"
    assert first["counts"]["for_clinician"] == 2


def test_day_counts_by_hand(store: Store, db_url, capsys) -> None:
    """An attack 31 Mar 22:00 for 6 h with a triptan at 01:30, and a "still going" attack
    begun 23 Nov 09:00 (99 h before now, 27 Nov 12:00).

    By hand: with the period ending 31 Mar the triptan (1 Apr) is not counted at all; with it
    ending 30 Apr it is on 1 Apr; March's counts are the same both ways. The open attack is
    past 72 h: only 23 Nov counts (09:00 to midnight, 15 h), flagged open; 24-27 Nov are not
    headache days.
    """
    profile = store.create_profile("Days", ["headache"])
    items = [
        Attack(
            start_date=D(2026, 3, 31),
            start_time=T(22),
            duration_minutes=360,
            medications=[MedicationDose(name="sumatriptan", drug_class="triptan", time=T(1, 30))],
            **MIGRAINE,
        ),
        Attack(start_date=D(2026, 11, 23), start_time=T(9), ongoing=True, **MIGRAINE),
    ]
    store.add_many(profile.id, [evening(e) for e in items])
    march = summary(db_url, capsys, "Days", "2026-03-01", "2026-03-31")
    april = summary(db_url, capsys, "Days", "2026-03-01", "2026-04-30")
    assert march["months"][0]["counts"]["acute_by_class"] == {}
    assert march["months"][0]["counts"] == april["months"][0]["counts"]
    days = {d["date"]: d for d in april["days"]}
    assert days["2026-04-01"]["acute_classes"] == ["triptan"]
    assert days["2026-03-31"]["acute_classes"] == []
    nov = summary(db_url, capsys, "Days", "2026-11-20", "2026-11-27")
    days = {d["date"]: d for d in nov["days"]}
    assert days["2026-11-23"]["hours"] == 15.0
    assert days["2026-11-23"]["open_attack"] is True
    assert days["2026-11-23"]["open_attack_past_72h"] is True
    assert [d for d in days if days[d]["status"] == "headache"] == ["2026-11-23"]


def test_renewal_by_hand(store: Store, db_url, capsys) -> None:
    """Sessions 1 Apr, 20 Jun (80 days later: a likely denial reason) and 12 Sep 2026.

    Baseline 1 Jan - 31 Mar: every day logged, 2 of every 3 days a headache (60 of 90, 20 per
    30). The days after the sessions are all check-ins (0 headache days: 100 % fewer). MIDAS 40
    on 20 Mar, 24 on 1 Oct (40 % lower); HIT-6 64 then 62 (2 points).

    By hand: reduction met on the days path first (100 % >= 50 %); the MIDAS criterion is met
    (40 % >= 30 %); spacing not met: 20 Jun came 80 days after 1 Apr; the window of session 1
    ends 19 Jun, the day before session 2.
    """
    profile = store.create_profile("Renewal", ["headache"])
    items = []
    for i in range(90):
        d = D(2026, 1, 1) + DAY * i
        if i % 3 < 2:
            items.append(Attack(start_date=d, start_time=T(8), duration_minutes=300, **MIGRAINE))
        else:
            items.append(HeadacheCheckin(date=d))
    items += [HeadacheCheckin(date=D(2026, 4, 1) + DAY * i) for i in range(230)]
    for d in (D(2026, 4, 1), D(2026, 6, 20), D(2026, 9, 12)):
        items.append(BotoxSession(date=d, condition="headache", units=155))
    items += [
        Midas(date=D(2026, 3, 20), q1=20, q2=10, q3=5, q4=5, q5=0),
        Midas(date=D(2026, 10, 1), q1=12, q2=6, q3=3, q4=3, q5=0),
        Hit6(date=D(2026, 3, 20), total=64),
        Hit6(date=D(2026, 10, 1), total=62),
    ]
    store.add_many(profile.id, [evening(e) for e in items])
    out = summary(db_url, capsys, "Renewal", "2026-04-01", "2026-10-31")
    c = criteria_of(out, "chronic_migraine_renewal")
    assert c["reduction"]["status"] == "met"
    assert c["reduction"]["evidence"].startswith(
        "Met on the path 'headache days at least 50% fewer': 20 headache days per 30 logged days"
    )
    assert c["midas"]["status"] == "met"
    assert c["midas"]["evidence"] == (
        "MIDAS 40 on 2026-03-20 (before the first session) against 24 on 2026-10-01 (40% lower)."
    )
    assert c["spacing"]["status"] == "not_met"
    assert c["spacing"]["gap"].startswith(
        "likely denial reason: the session on 2026-06-20 came 80 days after the one on 2026-04-01"
    )
    s1 = out["responses"]["headache"]["sessions"][0]
    assert (s1["window"]["start"], s1["window"]["end"], s1["complete"]) == (
        "2026-04-01",
        "2026-06-19",
        True,
    )


def test_hyperhidrosis_and_duplicates_by_hand(store: Store, db_url, capsys) -> None:
    """Sweating: a glycopyrronium cloth for 35 days that did not help; HDSS 3 on 10 Mar,
    HDSS 1 "before treatment" on the session day 15 Mar (not before it), session 15 Mar.
    Jaw: two entries for 5 Mar, pain 2 recorded at 09:00 and pain 6 at 21:00.

    By hand: topical trial met (35 >= 30 days, any topical class counts); HDSS severe met from
    the 10 Mar assessment (the session-day one is not before the first session); the jaw day
    counts pain 6, the later record.
    """
    profile = store.create_profile("Skin", ["sweating", "jaw"])
    items = [
        evening(
            Treatment(
                condition="sweating",
                name="Qbrexza",
                treatment_class="glycopyrronium_cloth",
                start=D(2026, 1, 1),
                stop=D(2026, 2, 4),
                outcome="inadequate_response",
            )
        ),
        evening(HdssAssessment(date=D(2026, 3, 10), score=3, timing="before treatment")),
        evening(HdssAssessment(date=D(2026, 3, 15), score=1, timing="before treatment")),
        evening(BotoxSession(date=D(2026, 3, 15), condition="sweating", units=100)),
        (JawDay(date=D(2026, 3, 5), pain=6), dt.datetime(2026, 3, 5, 21)),
        (JawDay(date=D(2026, 3, 5), pain=2), dt.datetime(2026, 3, 5, 9)),
    ]
    store.add_many(profile.id, items)
    out = summary(db_url, capsys, "Skin", "2026-01-01", "2026-03-31")
    c = criteria_of(out, "hyperhidrosis_first")
    assert (c["topical"]["status"], c["topical"]["evidence"]) == (
        "met",
        "Qbrexza: 35 days, did not help enough.",
    )
    assert (c["hdss_severe"]["status"], c["hdss_severe"]["evidence"]) == (
        "met",
        "HDSS 3 on 2026-03-10 (before treatment).",
    )
    assert out["jaw"]["mean_pain"] == 6.0


def test_plan_options_by_hand(store: Store, db_url, capsys) -> None:
    """Headache and sweating in one profile, with the plan's settings: the trial migraine-day
    rule and the sweating-complication criterion.

    - 3 Mar 22:00, a 5-hour tension-type attack: 2 h on the 3rd, 3 h on the 4th; no day has
      4 hours, so neither is a trial migraine day (the attack's 5 h do not count).
    - Erenumab from 1 Jan, still taken; a Botox session of 200 U on 1 Mar: the antibody
      overlaps the session (for the clinician) and 200 U is above the labelled 155 (a likely
      denial reason); HIT-6 66 on 1 Mar, 60 on 1 Apr (6 points: not judged yet, one session).
    - Sweating days 2 and 3 Mar, maceration on the 3rd: the complication criterion is met.
    """
    profile = store.create_profile("Plan", ["headache", "sweating"])
    store.update_profile(
        profile.id,
        settings={
            "thresholds": {
                "migraine_day_rule": "ichd3_or_trial",
                "sweat_complication_required": "yes",
            }
        },
    )
    items = [
        Attack(
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
        ),
        Treatment(
            condition="headache",
            name="erenumab",
            treatment_class="cgrp_mab",
            start=D(2026, 1, 1),
            outcome="ongoing",
        ),
        BotoxSession(date=D(2026, 3, 1), condition="headache", units=200),
        Hit6(date=D(2026, 3, 1), total=66),
        Hit6(date=D(2026, 4, 1), total=60),
        SweatDay(date=D(2026, 3, 2), hdss=3, sites=["underarms"]),
        SweatDay(date=D(2026, 3, 3), hdss=3, sites=["underarms"], skin_problems=["maceration"]),
    ]
    store.add_many(profile.id, [evening(e) for e in items])
    out = summary(db_url, capsys, "Plan", "2026-03-01", "2026-04-30")
    days = {d["date"]: d for d in out["days"]}
    assert (days["2026-03-03"]["hours"], days["2026-03-04"]["hours"]) == (2.0, 3.0)
    assert days["2026-03-03"]["migraine_trial"] is False
    assert days["2026-03-04"]["migraine_trial"] is False
    first = criteria_of(out, "chronic_migraine_first")
    assert first["cgrp_overlap"]["status"] == "for_clinician"
    assert first["cgrp_overlap"]["evidence"] == (
        "Erenumab was being taken at the session on 2026-03-01."
    )
    renewal = criteria_of(out, "chronic_migraine_renewal")
    assert renewal["spacing"]["status"] == "not_met"
    assert renewal["spacing"]["gap"] == (
        "likely denial reason: 200 units on 2026-03-01 is above the labelled 155 units"
    )
    assert renewal["reduction"]["status"] == "missing_data"
    assert "HIT-6 at least 5 points lower: no HIT-6 after session 2" in renewal["reduction"]["gap"]
    sweat = criteria_of(out, "hyperhidrosis_first")
    assert sweat["medical_complication"]["status"] == "met"
    assert sweat["medical_complication"]["evidence"] == "Skin problems logged: maceration on 1 day."
