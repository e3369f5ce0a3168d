"""The case tracker in AppTest: a denied case followed from denial to external review."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import utils.cases  # noqa: F401  (registers the case-tracker kinds)
from utils import models
from utils.cases import CoverageCase
from utils.models import build

ROOT = Path(__file__).resolve().parent.parent.parent
D = dt.date


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: dt.datetime(2026, 11, 27, 12, 0))


def open_page(profile_id: int, page: str = "pages/cases.py") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.session_state["profile_id"] = profile_id
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception
    return at


def text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [i.value for i in at.info] + [w.value for w in at.warning]
    return "\n".join(parts)


def step(at: AppTest, case_id: int, stage: str, day: dt.date, **extra) -> None:
    at.selectbox(key=f"step_{case_id}").set_value(stage).run()
    at.date_input(key=f"step_day_{case_id}").set_value(day)
    if "category" in extra:
        at.selectbox(key=f"step_cat_{case_id}").set_value(extra["category"])
    at.button(key=f"step_save_{case_id}").click().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]


def test_empty_page_offers_a_new_case(store) -> None:
    profile = store.create_profile("P", ["headache"])
    at = open_page(profile.id)
    assert at.title[0].value == "Coverage cases"
    assert "No case yet" in text(at)
    at.button(key="new_save").click().run()  # no insurer given
    assert at.error and "insurer" in at.error[0].value.lower()


def test_denied_case_followed_to_appeal_with_deadlines(store) -> None:
    profile = store.create_profile("P", ["headache"])
    at = open_page(profile.id)
    at.text_input(key="new_insurer").set_value("Acme Health")
    at.selectbox(key="new_plan_type").set_value("marketplace")
    at.button(key="new_save").click().run()
    assert not at.exception and not at.error
    (row,) = store.entries(profile.id, ["coverage_case"])
    cid = row.id
    assert at.selectbox(key="case_pick").value == cid

    step(at, cid, "pa_submitted", D(2026, 9, 1))
    assert "Insurer's decision due" in text(at)
    assert "72 days ago" in text(at)  # due 16 Sep 2026

    step(at, cid, "denied", D(2026, 9, 12), category="step_therapy")
    page = text(at)
    assert "Insurer's decision due" not in page
    assert "File the internal appeal" in page
    assert "Thursday 11 March 2027" in page and "104 days left" in page
    assert "Step therapy" in page
    assert "your own letter wins" in page.lower()

    # The letter gives an earlier date: it wins.
    at.date_input(key=f"ov_{cid}_internal_appeal_due_override").set_value(D(2027, 3, 1))
    at.button(key=f"ov_save_{cid}").click().run()
    page = text(at)
    assert "from your letter" in page and "Monday 01 March 2027" in page
    assert "94 days left" in page and "your letter wins" in page

    # A call with a follow-up date.
    at.text_input(key=f"call_who_{cid}").set_value("Dana")
    at.text_input(key=f"call_ref_{cid}").set_value("REF-42")
    at.text_area(key=f"call_said_{cid}").set_value("Denied for step therapy; appeal by fax.")
    at.date_input(key=f"call_follow_{cid}").set_value(D(2026, 12, 4))
    at.button(key=f"call_save_{cid}").click().run()
    assert not at.error
    assert "Follow up on the call of 27 Nov 2026 (Dana)" in text(at)
    assert at.dataframe[0].value["Reference"].tolist() == ["REF-42"]

    step(at, cid, "internal_appeal", D(2026, 11, 20))
    page = text(at)
    assert "File the internal appeal" not in page
    assert "Insurer's appeal decision due" in page and "23 days left" in page

    step(at, cid, "denied", D(2026, 11, 25))  # appeal refused: final internal denial
    page = text(at)
    assert "Request the external review" in page
    assert "Thursday 25 March 2027" in page and "118 days left" in page

    stored = store.get(profile.id, cid).entry
    assert isinstance(stored, CoverageCase)
    assert stored.final_internal_denial_on == D(2026, 11, 25)
    assert stored.denial_category == "step_therapy"  # the refusal kept the first reason
    assert "Now: **Internal appeal refused**" in page
    options = at.selectbox(key=f"step_{cid}").options
    assert options == ["External review requested", "Decided"]
    assert stored.stage == "internal_appeal"
    assert store.get(profile.id, cid).version == 6

    # The calendar file is offered, and the home page shows the nearest deadline.
    assert at.get("download_button")
    home = open_page(profile.id, "pages/home.py")
    assert "Next deadline: Request the external review" in text(home)


def test_medicare_plan_says_other_rules_apply(store) -> None:
    profile = store.create_profile("P", ["headache"])
    store.add(
        profile.id,
        build(
            CoverageCase,
            condition="headache",
            insurer="Medicare",
            plan_type="medicare",
            opened=D(2026, 11, 1),
        ),
    )
    at = open_page(profile.id)
    assert "follow their own appeal rules" in text(at)


def test_documents_checklist_and_edit(store) -> None:
    profile = store.create_profile("P", ["sweating"])
    cid = store.add(
        profile.id,
        build(CoverageCase, condition="sweating", insurer="Acme", opened=D(2026, 11, 1)),
    )
    at = open_page(profile.id)
    at.checkbox(key=f"doc_{cid}_denial_letter").check()
    at.checkbox(key=f"doc_{cid}_diary_summary").check()
    at.button(key=f"docs_save_{cid}").click().run()
    assert store.get(profile.id, cid).entry.documents == ["diary_summary", "denial_letter"]
    assert "2 of 5 ready" in text(at)
    at.text_input(key=f"edit{cid}_member_id").set_value("M-123")
    at.date_input(key=f"edit{cid}_pa_submitted_on").set_value(D(2026, 11, 20))
    at.selectbox(key=f"edit{cid}_stage").set_value("pa_submitted")
    at.button(key=f"edit{cid}_save").click().run()
    assert not at.error, [e.value for e in at.error]
    entry = store.get(profile.id, cid).entry
    assert entry.member_id == "M-123" and entry.documents == ["diary_summary", "denial_letter"]
    assert "member M\\-123" in text(at)  # user text is escaped for Markdown: shows "M-123"
    assert "Insurer's decision due" in text(at)
