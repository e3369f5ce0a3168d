"""Neurogenic detrusor overactivity: its rule set replaces the overactive-bladder first
authorization when the profile's settings say so (``bladder_type``); the anticholinergic check
one day below, at and above the trial length; the clinician's items are never met; the age
threshold one below, at and above 5 for a child."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.utils.conditions.bladder.test_boundaries import facts
from utils.conditions.bladder import criteria as bc
from utils.core.treatments import Treatment
from utils.rules.engine import CaseFacts, evaluate, evaluate_rule_set
from utils.rules.thresholds import default_thresholds, rule_sets

D = dt.date
END = D(2026, 6, 30)


def _med(days: int, outcome: str = "inadequate_response", cls: str = "oab_anticholinergic"):
    start = D(2026, 1, 1)
    return Treatment(
        condition="bladder",
        name="solifenacin" if cls == "oab_anticholinergic" else "mirabegron",
        treatment_class=cls,
        start=start,
        stop=None if outcome == "ongoing" else start + dt.timedelta(days=days - 1),
        outcome=outcome,
        side_effects="dry mouth" if outcome == "side_effects" else "",
    )


def _ids(bladder_type: str | None) -> list[str]:
    th = default_thresholds()
    if bladder_type is not None:
        th["bladder_type"] = bladder_type
    return [r.id for r in evaluate(facts(), ["bladder"], th)]


def test_overactive_by_default_neurogenic_when_the_settings_say_so() -> None:
    assert _ids(None) == ["overactive_bladder_first", "overactive_bladder_renewal"]
    assert _ids("overactive") == ["overactive_bladder_first", "overactive_bladder_renewal"]
    assert _ids("neurogenic") == ["neurogenic_bladder_first", "neurogenic_bladder_renewal"]


def test_the_neurogenic_rule_set_lists_the_label_items() -> None:
    rs = rule_sets()["neurogenic_bladder_first"]
    assert rs["listed"] == "when_tracked" and rs["condition"] == "bladder"
    assert [c["id"] for c in rs["criteria"]] == [
        "age",
        "neurologic_condition",
        "detrusor_overactivity",
        "urodynamics",
        "anticholinergic",
        "self_catheterization",
        "infection_ruled_out",
    ]
    urodynamics = next(c for c in rs["criteria"] if c["id"] == "urodynamics")
    assert urodynamics["commonly_required"] is False  # some plans only


@pytest.mark.parametrize(("days", "status"), [(27, "not_met"), (28, "met"), (29, "met")])
def test_anticholinergic_trial_length(days: int, status: str) -> None:
    t = _med(days)
    assert t.days_on(END) == days
    out = bc._ndo_anticholinergic(facts(treatments=[t]), {"days": 28}, {})
    assert out.status == status
    if status == "not_met":
        assert "27 days (28 commonly required)" in out.gap


def test_anticholinergic_not_tolerated_counts_at_any_length() -> None:
    out = bc._ndo_anticholinergic(facts(treatments=[_med(5, "side_effects")]), {"days": 28}, {})
    assert out.status == "met" and "side effects after 5 days" in out.evidence


def test_a_beta3_agonist_does_not_count_and_an_ongoing_trial_is_missing_data() -> None:
    beta3 = _med(90, "side_effects", cls="beta3_agonist")
    assert bc._ndo_anticholinergic(facts(treatments=[beta3]), {"days": 28}, {}).status == "not_met"
    ongoing = bc._ndo_anticholinergic(facts(treatments=[_med(0, "ongoing")]), {"days": 28}, {})
    assert ongoing.status == "missing_data" and "still being taken" in ongoing.gap


def test_the_clinicians_items_are_never_met() -> None:
    f = facts()
    for fn in (bc._ndo_neurologic, bc._ndo_urodynamics, bc._ndo_catheter):
        assert fn(f, {}, {}).status == "for_clinician"
    rs = rule_sets()["neurogenic_bladder_first"]
    result = evaluate_rule_set(rs, f, default_thresholds())
    assert result.status != "met"


@pytest.mark.parametrize(
    ("born", "status"),
    [(D(2021, 7, 1), "not_met"), (D(2021, 6, 30), "met"), (D(2020, 6, 30), "met")],
)
def test_a_child_from_5_when_the_plan_setting_is_5(born: dt.date, status: str) -> None:
    base = facts()
    f = CaseFacts(**{**base.__dict__, "birth_date": born})
    th = {**default_thresholds(), "bladder_type": "neurogenic", "oab_min_age": 5}
    result = evaluate_rule_set(rule_sets()["neurogenic_bladder_first"], f, th)
    age = next(c for c in result.criteria if c.criterion == "age")
    assert age.status == status
