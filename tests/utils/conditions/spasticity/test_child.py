"""Spasticity for a child (issue 18): the age comes from the profile's date or year of birth; the
renewal checks a child's Botox units against the label's absolute ceiling for children (the
lower of 10 units per kg or 340 units per 3 months, both limbs: an unverified recalled figure,
so the weight-based part is the clinician's); the dosing text is the facts' wording, as
information only, never a dose for this patient.

By hand (period 1 Sep - 31 Oct 2026, one session on 1 Oct):
- born 1 Jan 2016 (10 years old): a child. 339 / 340 units: for the clinician (within 340, the
  per-kg limit needs the weight); 341 units: not met (above 340).
- born 1 Jan 1980: an adult: met (the children's ceiling does not apply).
- no date or year of birth: missing data.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.utils.conditions.spasticity.test_criteria import criterion
from utils.conditions.spasticity import criteria as sc
from utils.conditions.spasticity.models import SpasticityDay
from utils.core.treatments import BotoxSession
from utils.rules.thresholds import default_thresholds, rule_sets

D = dt.date
CHILD = {"date_of_birth": "2016-01-01"}
ADULT = {"date_of_birth": "1980-01-01"}


def diary(units: float) -> list:
    return [
        SpasticityDay(date=D(2026, 9, 1), stiffness=5),
        BotoxSession(date=D(2026, 10, 1), condition="spasticity", units=units),
    ]


@pytest.mark.parametrize(
    ("units", "status"), [(339, "for_clinician"), (340, "for_clinician"), (341, "not_met")]
)
def test_a_childs_units_at_the_childrens_ceiling(units: float, status: str) -> None:
    c = criterion(diary(units), "spasticity_renewal", "child_dose", CHILD)
    assert c.status == status
    if status == "not_met":
        assert "341 units on 2026-10-01 is above 340" in c.gap
    else:
        assert "within 340 units" in c.evidence
        assert "weight" in c.gap


def test_an_adult_is_not_held_to_the_childrens_ceiling() -> None:
    c = criterion(diary(400), "spasticity_renewal", "child_dose", ADULT)
    assert c.status == "met" and "adult" in c.evidence


def test_an_unknown_age_is_missing_data() -> None:
    c = criterion(diary(300), "spasticity_renewal", "child_dose", {})
    assert c.status == "missing_data"
    assert "birth" in c.next_step


def test_the_childrens_ceiling_is_a_sourced_threshold_not_a_plan_rule() -> None:
    assert default_thresholds()["spasticity_child_max_units"] == 340
    rs = rule_sets()["spasticity_renewal"]
    row = next(c for c in rs["criteria"] if c["id"] == "child_dose")
    assert row["commonly_required"] is False
    assert "unverified" in row["sureness"].lower()


def test_the_dosing_text_is_the_labels_wording_as_information() -> None:
    text = " ".join(sc.CHILD_DOSING_INFO)
    for words in ("3-6 units per kg", "6 units per kg or 200 units", "10 units per kg or 340"):
        assert words in text
    assert "information" in text.lower() and "not a dose" in text.lower()
    for advice in ("you should", "give ", "inject "):
        assert advice not in text.lower()


def test_the_pdf_says_a_childs_diary_kept_by_a_parent(store) -> None:
    import io

    from pypdf import PdfReader

    from tests.clock import NOW
    from utils.evidence import build_evidence
    from utils.report import ReportOptions, build_report

    p = store.create_profile("Sam", ["spasticity"], settings=CHILD)
    for e in diary(300):
        store.add(p.id, e)
    rows = store.entries(p.id)
    ev = build_evidence(rows, p.conditions, D(2026, 9, 1), D(2026, 10, 31), CHILD, NOW)
    assert ev.by_condition["spasticity"].age_group == "child"
    pdf = build_report(ev, rows, ReportOptions())
    text = " ".join(" ".join(pg.extract_text() for pg in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "A child's profile, kept by a parent or carer" in text
    assert "names no dose" in text


@pytest.mark.parametrize(
    ("today", "group"),
    [(D(2026, 11, 29), "child"), (D(2026, 11, 30), "adult"), (D(2026, 12, 1), "adult")],
)
def test_who_keeps_the_diary_turns_at_the_18th_birthday(today: dt.date, group: str) -> None:
    from utils.conditions.spasticity.forms import who_keeps

    got, text = who_keeps({"date_of_birth": "2008-11-30"}, today)
    assert got == group
    if group == "child":
        assert text.startswith("A child's diary (age 17), kept by a parent or carer.")
    else:
        assert text == ""


def test_who_keeps_with_only_a_year_or_nothing() -> None:
    from utils.conditions.spasticity.forms import who_keeps

    assert who_keeps({"year_of_birth": 2008}, D(2026, 6, 1))[0] == "child or adult"
    assert "birthday decides" in who_keeps({"year_of_birth": 2008}, D(2026, 6, 1))[1]
    assert who_keeps({"year_of_birth": 2012}, D(2026, 6, 1))[1].startswith(
        "A child's diary (born in 2012)"
    )
    assert who_keeps({}, D(2026, 6, 1))[1].startswith("Add the date of birth")
