"""The Coverage cases page's logic, without Streamlit."""

from __future__ import annotations

import datetime as dt

import utils.cases  # noqa: F401  (registers the case-tracker kinds)
from utils import cases_view as cv
from utils.cases import OVERRIDE_LABELS, STAGE_DATE_LABELS, CaseCall, CoverageCase
from utils.deadlines import Deadline
from utils.store import Store

TODAY = dt.date(2026, 11, 20)


def case(**changes) -> CoverageCase:
    fields = {"condition": "jaw", "insurer": "Acme", "plan_type": "marketplace"}
    return CoverageCase(**{**fields, "opened": dt.date(2026, 10, 1), **changes})


def test_a_new_case_starts_with_the_profile_first_condition_and_opened_today() -> None:
    d = cv.form_defaults(None, ["sweating", "jaw"], TODAY)
    assert d["condition"] == "sweating" and d["plan_type"] == "employer"
    assert d["stage"] == "gathering" and d["outcome"] == "" and d["denial_category"] == ""
    assert d["opened"] == TODAY
    assert all(d[n] is None for n in STAGE_DATE_LABELS if n != "opened")
    assert cv.form_defaults(None, [], TODAY)["condition"] == "headache"


def test_an_edited_case_starts_from_its_own_values() -> None:
    c = case(member_id="M1", urgent=True)
    d = cv.form_defaults(c, ["headache"], TODAY)
    assert d["condition"] == "jaw" and d["member_id"] == "M1" and d["urgent"] is True
    assert d["opened"] == dt.date(2026, 10, 1) and d["outcome"] == ""


def test_case_values_empty_choices_become_none_and_an_edit_keeps_documents() -> None:
    c = case(documents=["denial_letter"])
    v = cv.case_values({"outcome": "", "denial_category": "", "insurer": "B"}, c)
    assert v["outcome"] is None and v["denial_category"] is None
    assert v["documents"] == ["denial_letter"]
    assert set(OVERRIDE_LABELS) <= set(v)
    assert "documents" not in cv.case_values({"outcome": "", "denial_category": ""}, None)


def test_facts_line_escapes_user_text() -> None:
    line = cv.facts_line(case(member_id="*M*", self_funded=True, urgent=True))
    assert "*M*" not in line and "self-funded" in line and line.endswith("urgent")


def test_step_label_names_the_final_internal_denial() -> None:
    appeal = CoverageCase.model_construct(stage="internal_appeal")  # only the stage matters
    submitted = CoverageCase.model_construct(stage="pa_submitted")
    assert cv.step_label(appeal, "denied").startswith("Appeal refused")
    assert not cv.step_label(submitted, "denied").startswith("Appeal refused")
    assert cv.step_label(appeal, "decided") == cv.step_label(submitted, "decided")


def test_deadline_colour_at_the_thresholds() -> None:
    assert cv.deadline_colour(-1) == "red"
    assert cv.deadline_colour(0) == "orange"
    assert cv.deadline_colour(14) == "orange"
    assert cv.deadline_colour(15) == "green"


def test_deadline_note_says_when_the_letter_wins() -> None:
    base = {"key": "k", "title": "T", "due": TODAY, "days_left": 3, "rule": "R.", "source": "S"}
    plain = Deadline(**base, last_checked="2026-01")
    assert cv.deadline_note(plain) == "Rule: R. Source: S, last checked 2026-01."
    letter = Deadline(
        **base, last_checked="2026-01", overridden=True, computed=dt.date(2026, 12, 1)
    )
    assert cv.deadline_note(letter).endswith("would give 01 Dec 2026; your letter wins.")
    assert "from your letter" in cv.deadline_heading(letter)
    assert "from your letter" not in cv.deadline_heading(plain)


def test_calls_newest_first_with_their_table_and_labels(store: Store) -> None:
    p = store.create_profile("Me", ["jaw"])
    cid = store.add(p.id, case())
    other = store.add(p.id, case(insurer="Other"))
    old = store.add(p.id, CaseCall(case_id=cid, date=dt.date(2026, 10, 2), said="first " * 20))
    new = store.add(
        p.id, CaseCall(case_id=cid, date=dt.date(2026, 10, 9), spoke_with="Dana", said="ok")
    )
    store.add(p.id, CaseCall(case_id=other, date=dt.date(2026, 10, 5), said="x"))
    rows = store.entries(p.id)
    cases, sessions = cv.case_rows(rows)
    assert set(cases) == {cid, other} and sessions == []
    calls = cv.calls_of(rows, cid)
    assert [r.id for r in calls] == [new, old]
    assert cv.calls_table(calls)["Spoke with"] == ["Dana", ""]
    assert cv.call_label(calls, old) == "02 Oct 2026: " + ("first " * 20)[:60]
    assert cv.case_option(cases, cv.NEW) == "+ Open a new case"
    assert cv.case_option(cases, cid).startswith(cases[cid].entry.title())
