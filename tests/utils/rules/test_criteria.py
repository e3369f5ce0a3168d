"""utils.criteria: rule-set files, thresholds per profile, and criterion statuses."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.diaries import stored
from utils import catalog, metrics, models
from utils.criteria import (
    CHECKS,
    MET,
    MISSING,
    NOT_MET,
    default_thresholds,
    effective_thresholds,
    resolve_thresholds,
    rule_sets,
)
from utils.evidence import build_evidence
from utils.models import Attack, HeadacheCheckin, Midas, SweatBaseline, Treatment

AT = dt.datetime(2026, 11, 20, 12, 0)
D = dt.date


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: AT)


def crit(ev, full_id):
    rs_id, c_id = full_id.split(".")
    return next(c for c in ev.checklist(rs_id).criteria if c.criterion == c_id)


# ---------------------------------------------------------------- rule-set files


def test_the_four_rule_sets_exist():
    assert set(rule_sets()) == {
        "chronic_migraine_first",
        "chronic_migraine_renewal",
        "hyperhidrosis_first",
        "hyperhidrosis_renewal",
        "overactive_bladder_first",
        "overactive_bladder_renewal",
        "neurogenic_bladder_first",
        "neurogenic_bladder_renewal",
        "cervical_dystonia_first",
        "cervical_dystonia_renewal",
        "spasticity_first",
        "spasticity_renewal",
    }


@pytest.mark.parametrize("rs_id", sorted(rule_sets()))
def test_every_criterion_is_complete(rs_id):
    rs = rule_sets()[rs_id]
    th = default_thresholds()
    assert rs["condition"] in models.CONDITIONS and rs["kind"] in ("first", "renewal")
    ids = [c["id"] for c in rs["criteria"]]
    assert len(ids) == len(set(ids))
    for c in rs["criteria"]:
        assert c["check"] in CHECKS, c["id"]
        assert c["source"] and c["next_step"]
        assert len(c["sureness"]) > 10, f"{rs_id}.{c['id']} has no sureness note"
        assert isinstance(c.get("commonly_required", True), bool)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(c["last_checked"]))
        for name in (c.get("thresholds") or {}).values():
            assert name in th, f"{rs_id}.{c['id']} uses unknown threshold {name}"
        if c.get("primary"):
            assert c["primary"] in th
        c["question"].format(**th)  # every placeholder is a threshold
        # Documentation actions only: never advice to take or stop a treatment.
        assert not re.search(
            r"\b(take|stop taking|increase|reduce) (your|the) (dose|medicine)", c["next_step"], re.I
        )


def test_definitions_name_the_numbers_in_use():
    ev = build_evidence(
        [],
        ("headache", "sweating"),
        D(2026, 1, 1),
        D(2026, 3, 31),
        {"thresholds": {"headache_days_per_month": 14}},
        AT,
    )
    text = " ".join(ev.definitions)
    assert "at least 14 headache days" in text
    assert "ICHD-3 1.3 criterion C" in text
    assert "{" not in text


def test_overuse_limits_follow_ichd():
    limits = metrics.overuse_limits()
    assert limits == {
        "triptan": 10,
        "ergot": 10,
        "opioid": 10,
        "combination_analgesic": 10,
        "simple_analgesic": 15,
        "nsaid": 15,
    }
    assert set(limits) <= set(catalog.acute_classes())


# ---------------------------------------------------------------- thresholds


def test_default_thresholds():
    th = default_thresholds()
    assert th["headache_days_per_month"] == 15
    assert th["migraine_days_per_month"] == 8
    assert th["history_months"] == 3
    assert th["preventive_classes_failed"] == 2 and th["preventive_trial_days"] == 60
    assert th["renewal_reduction_pct"] == 50
    assert th["response_thresholds_pct"] == [30, 50]
    assert th["hdss_min"] == 3 and th["hdss_response_grades"] == 2
    assert th["migraine_day_rule"] == "ichd3"
    # Defaults are copies: changing the result does not change the next call.
    th["response_thresholds_pct"].append(70)
    assert default_thresholds()["response_thresholds_pct"] == [30, 50]


def test_effective_thresholds_by_name_and_by_criterion_id():
    th = effective_thresholds(
        {
            "thresholds": {
                "renewal_reduction_pct": 30,  # a threshold name (NICE)
                "chronic_migraine_first.preventives": 3,  # a full criterion id
                "headache_days": "14",  # a bare criterion id; text is accepted
                "migraine_day_rule": "ichd3_or_trial",
            }
        }
    )
    assert th["renewal_reduction_pct"] == 30
    assert th["preventive_classes_failed"] == 3
    assert th["headache_days_per_month"] == 14 and isinstance(th["headache_days_per_month"], int)
    assert th["migraine_day_rule"] == "ichd3_or_trial"


def test_bad_settings_are_ignored_and_reported():
    used = resolve_thresholds(
        {
            "thresholds": {
                "headache_days_per_month": 40,  # above 31
                "history_months": "three",
                "migraine_day_rule": "mine",
                "nonsense": 1,
                "diary_completeness": 0.5,  # bare id used by four rule sets, same threshold
                "preventives": 3,  # bare id in one rule set -> fine
                "midas": 6,  # bare id in two rule sets with different thresholds
                "sessions": 2,  # bare id in two rule sets with different thresholds
                "response_thresholds_pct": [50, 30],
            }
        }
    )
    assert used.values["headache_days_per_month"] == 15
    assert used.values["history_months"] == 3
    assert used.values["migraine_day_rule"] == "ichd3"
    assert used.values["min_logged_share"] == 0.5
    assert used.values["preventive_classes_failed"] == 3
    assert used.values["midas_months"] == 3  # the ambiguous "midas" is refused
    assert used.values["response_thresholds_pct"] == [30, 50]
    reasons = {i["key"]: i["reason"] for i in used.ignored}
    assert set(reasons) == {
        "headache_days_per_month",
        "history_months",
        "migraine_day_rule",
        "nonsense",
        "sessions",
        "midas",
    }
    assert reasons["nonsense"] == "unknown threshold"
    assert reasons["midas"].startswith("ambiguous")
    assert reasons["sessions"].startswith("ambiguous")
    rows = {r["name"]: r for r in used.rows}
    assert rows["min_logged_share"]["from_settings"] and rows["min_logged_share"]["default"] == 0.8
    assert not rows["headache_days_per_month"]["from_settings"]


def test_no_settings_means_defaults():
    assert effective_thresholds(None) == default_thresholds()
    assert effective_thresholds({}) == default_thresholds()


# ---------------------------------------------------------------- statuses


def test_empty_diary_is_missing_data_not_a_refusal():
    ev = build_evidence([], ("headache",), D(2026, 1, 1), D(2026, 3, 31), {}, AT)
    first = ev.checklist("chronic_migraine_first")
    statuses = {c.criterion: c.status for c in first.criteria}
    assert statuses["headache_days"] == MISSING
    assert statuses["midas"] == MISSING
    assert statuses["preventives"] == NOT_MET
    assert statuses["diary_completeness"] == NOT_MET
    assert first.status == NOT_MET
    assert ev.checklist("chronic_migraine_renewal").applies is False
    # Every unmet criterion has a gap and a next step.
    for c in first.criteria:
        if c.status != MET:
            assert c.gap and c.next_step


def test_duration_gap_makes_hours_missing_data():
    # Jan-Apr 2026, every day logged: 6 attacks a month without a duration, 10 of 5 h and 5 of
    # 1 h, the rest check-ins. Long days (4 h or more that day): 10 a month, below 15; with the 6
    # unknown days long it would be 16 >= 15: either way -> missing data, naming the months.
    # Headache days 6 + 10 + 5 = 21 a month: the pattern months Jan-Apr are the ones shown.
    entries = []
    for month in (1, 2, 3, 4):
        first = D(2026, month, 1)
        n = (D(2026, month + 1, 1) - first).days
        for i in range(n):
            d = first + dt.timedelta(days=i)
            if i < 6:
                entries.append(Attack(start_date=d, pain=7))
            elif i < 16:
                entries.append(
                    Attack(start_date=d, start_time=dt.time(8), duration_minutes=300, pain=7)
                )
            elif i < 21:
                entries.append(
                    Attack(start_date=d, start_time=dt.time(8), duration_minutes=60, pain=7)
                )
            else:
                entries.append(HeadacheCheckin(date=d))
    ev = build_evidence(stored(*entries), ("headache",), D(2026, 1, 1), D(2026, 4, 30), {}, AT)
    c = crit(ev, "chronic_migraine_first.hours_per_day")
    assert c.status == MISSING
    assert c.evidence == (
        "Days with 4 hours or more of headache: Jan 2026 10, Feb 2026 10, Mar 2026 10, Apr 2026 10."
    )
    assert "hours unknown on 6 headache days in Jan 2026" in c.gap
    assert ev.completeness.missing_duration == 24
    # A plan that counts 10 long days a month: 10 of each month is enough.
    ev = build_evidence(
        stored(*entries),
        ("headache",),
        D(2026, 1, 1),
        D(2026, 4, 30),
        {"thresholds": {"long_days_per_month": 10}},
        AT,
    )
    assert crit(ev, "chronic_migraine_first.hours_per_day").status == MET


def test_midas_within_three_months_and_preventives_met():
    entries = stored(
        Midas(date=D(2026, 3, 1), q1=10, q2=5, q3=5, q4=3, q5=1),
        Treatment(
            condition="headache",
            name="topiramate",
            treatment_class="anticonvulsant",
            start=D(2025, 1, 1),
            stop=D(2025, 3, 1),
            outcome="inadequate_response",
        ),
        Treatment(
            condition="headache",
            name="candesartan",
            treatment_class="arb",
            start=D(2025, 4, 1),
            outcome="contraindicated",
        ),
        Treatment(
            condition="headache",
            name="magnesium",
            treatment_class="other_preventive",
            start=D(2025, 6, 1),
            stop=D(2025, 9, 1),
            outcome="inadequate_response",
        ),
    )
    ev = build_evidence(entries, ("headache",), D(2026, 3, 1), D(2026, 5, 31), {}, AT)
    m = crit(ev, "chronic_migraine_first.midas")
    # 31 May minus 3 months is 28 Feb: 1 Mar is inside.
    assert m.status == MET and m.evidence.startswith(
        "MIDAS 24 (grade IV, severe disability) on 2026-03-01"
    )
    p = crit(ev, "chronic_migraine_first.preventives")
    # topiramate 1 Jan - 1 Mar 2025 = 60 days counted both ends -> counts.
    assert p.status == MET
    assert "topiramate (60 days, did not help enough)" in p.evidence
    assert "candesartan (contraindicated)" in p.evidence
    # Three classes required by this plan: "other preventive" does not count -> not met.
    ev = build_evidence(
        entries,
        ("headache",),
        D(2026, 3, 1),
        D(2026, 5, 31),
        {"thresholds": {"preventive_classes_failed": 3}},
        AT,
    )
    p = crit(ev, "chronic_migraine_first.preventives")
    assert p.status == NOT_MET
    assert "magnesium (other preventive) is not a class plans usually count" in p.gap


def test_sweating_history_unknowns():
    # Only 1 "yes" and 2 unknown -> could still reach 2: missing data naming the questions.
    base = SweatBaseline(
        answered_on=D(2026, 1, 1),
        onset_age=40,
        bilateral_symmetric="yes",
        impairs_daily_activities="no",
        weekly_episodes="no",
        family_history="no",
        secondary_causes_checked="no",
    )
    ev = build_evidence(stored(base), ("sweating",), D(2026, 1, 1), D(2026, 3, 31), {}, AT)
    c = crit(ev, "hyperhidrosis_first.primary_features")
    assert c.status == MISSING and c.gap == "not answered: it stops during sleep"
    assert crit(ev, "hyperhidrosis_first.secondary_causes").status == NOT_MET
    assert crit(ev, "hyperhidrosis_first.duration").status == MISSING
    assert crit(ev, "hyperhidrosis_first.topical").status == NOT_MET
    steps = ev.next_steps["sweating"]
    # One sentence per next step of the open criteria, each ending with its gap.
    assert any(
        s.startswith("Answer all six questions") and s.endswith("it stops during sleep.")
        for s in steps
    )
    assert any(s.startswith("Ask your doctor to record that secondary causes") for s in steps)
    assert all(s.endswith(".") for s in steps)
