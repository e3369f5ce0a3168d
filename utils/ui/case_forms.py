"""The coverage-case page's widget groups (pages/cases.py): the case form, the "record the
next step" box, the deadline cards and the call form. Each draws its widgets and returns what
was submitted; the page saves it (one write, through the store) and reruns.

The widget keys are the page's own (its AppTests and browser flows find the widgets by them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import streamlit as st

from utils import cases_view as cv
from utils import deadlines
from utils.cases import (
    DENIAL_CATEGORIES,
    DOCUMENTS,
    OVERRIDE_LABELS,
    PLAN_TYPES,
    STAGE_DATE_LABELS,
    STAGES,
    CoverageCase,
    next_stages,
)
from utils.core.entries import CONDITIONS


def case_form(
    case: CoverageCase | None,
    key: str,
    nonce: int,
    profile_conditions: Sequence[str],
    today: dt.date,
) -> dict[str, Any] | None:
    """The full case form (new, or editing ``case``); returns the field values when submitted.
    ``nonce`` is the page's form round: a new one after each save gives fresh forms."""
    conditions = list(CONDITIONS)
    dflt = cv.form_defaults(case, profile_conditions, today)
    with st.form(f"case_form_{key}_{nonce}"):
        v: dict[str, Any] = {}
        c1, c2 = st.columns(2)
        v["condition"] = c1.selectbox(
            "Condition",
            conditions,
            index=conditions.index(dflt["condition"]),
            format_func=CONDITIONS.get,
            key=f"{key}_condition",
        )
        v["insurer"] = c2.text_input(
            "Insurer", value=dflt["insurer"], max_chars=120, key=f"{key}_insurer"
        )
        plans = list(PLAN_TYPES)
        v["plan_type"] = c1.selectbox(
            "Plan type",
            plans,
            index=plans.index(dflt["plan_type"]),
            format_func=PLAN_TYPES.get,
            key=f"{key}_plan_type",
        )
        v["self_funded"] = c2.checkbox(
            "My employer's plan is self-funded (ERISA)",
            value=dflt["self_funded"],
            help="Ask HR or look for 'self-funded' or 'ASO' in the plan documents.",
            key=f"{key}_self_funded",
        )
        v["member_id"] = c1.text_input(
            "Member number (optional)",
            value=dflt["member_id"],
            max_chars=120,
            key=f"{key}_member_id",
        )
        v["reference_number"] = c2.text_input(
            "Request or claim reference (optional)",
            value=dflt["reference_number"],
            max_chars=120,
            key=f"{key}_reference_number",
        )
        v["urgent"] = c1.checkbox(
            "Urgent request (decisions in 72 hours)",
            value=dflt["urgent"],
            key=f"{key}_urgent",
        )
        v["post_service"] = c2.checkbox(
            "The treatment was already given (a claim, not a pre-authorization)",
            value=dflt["post_service"],
            key=f"{key}_post_service",
        )
        stages = list(STAGES)
        v["stage"] = c1.selectbox(
            "Where the case stands",
            stages,
            index=stages.index(dflt["stage"]),
            format_func=STAGES.get,
            key=f"{key}_stage",
        )
        outcomes = cv.OUTCOMES
        v["outcome"] = c2.selectbox(
            "Final outcome (once decided)",
            outcomes,
            index=outcomes.index(dflt["outcome"]),
            format_func=cv.outcome_label,
            key=f"{key}_outcome",
        )
        st.markdown("**Dates so far** (leave empty what has not happened yet)")
        cols = st.columns(3)
        for i, (name, label) in enumerate(STAGE_DATE_LABELS.items()):
            v[name] = cols[i % 3].date_input(
                label, value=dflt[name], max_value=today, key=f"{key}_{name}", format="YYYY-MM-DD"
            )
        st.markdown("**If the request was denied**")
        c1, c2 = st.columns([1, 2])
        categories = cv.DENIAL_CHOICES
        v["denial_category"] = c1.selectbox(
            "Reason given",
            categories,
            index=categories.index(dflt["denial_category"]),
            format_func=cv.denial_choice_label,
            key=f"{key}_denial_category",
        )
        v["denial_reason"] = c2.text_area(
            "The reason in the letter's words",
            value=dflt["denial_reason"],
            max_chars=2000,
            height=80,
            key=f"{key}_denial_reason",
        )
        v["notes"] = st.text_area("Notes", value=dflt["notes"], max_chars=2000, key=f"{key}_notes")
        label = "Save changes" if case else "Open the case"
        if not st.form_submit_button(label, type="primary", key=f"{key}_save"):
            return None
    return cv.case_values(v, case)


def next_step(case: CoverageCase, row_id: int, today: dt.date) -> tuple[str, dt.date, dict] | None:
    """The "record the next step" box of a case (nothing once it is decided); returns ``(step,
    day, extra fields)`` when "Save this step" is tapped."""
    choices = next_stages(case.stage, appeal_refused=case.final_internal_denial_on is not None)
    if not choices:
        return None
    with st.container(border=True):
        st.markdown("**Record the next step**")

        def step_label(s: str) -> str:
            return cv.step_label(case, s)

        c1, c2 = st.columns(2)
        step = c1.selectbox("What happened", choices, format_func=step_label, key=f"step_{row_id}")
        step_day = c2.date_input(
            "On (the date on the letter, if there is one)",
            value=today,
            max_value=today,
            key=f"step_day_{row_id}",
        )
        extra: dict[str, Any] = {}
        if step == "denied":
            categories = list(DENIAL_CATEGORIES)
            extra["denial_category"] = c1.selectbox(
                "Reason given",
                categories,
                index=cv.denial_index(case),
                format_func=DENIAL_CATEGORIES.get,
                key=f"step_cat_{row_id}",
            )
            extra["denial_reason"] = c2.text_input(
                "The reason in the letter's words (optional)",
                max_chars=2000,
                key=f"step_reason_{row_id}",
            )
        if step == "decided":
            extra["outcome"] = c1.radio(
                "Outcome",
                ["approved", "denied"],
                format_func=str.capitalize,
                horizontal=True,
                key=f"step_outcome_{row_id}",
            )
        if st.button("Save this step", type="primary", key=f"step_save_{row_id}"):
            return step, step_day, extra
    return None


def deadline_cards(items: Sequence[deadlines.Deadline]) -> None:
    """One bordered card per deadline or appointment: what, when, how long is left."""
    for d in items:
        with st.container(border=True):
            c1, c2 = st.columns([3, 1])
            c1.markdown(cv.deadline_heading(d))
            colour = cv.deadline_colour(d.days_left)
            c2.markdown(f":{colour}[**{d.days_text()}**]")
            weekend = deadlines.weekend_note(d.due) if d.kind == "deadline" else None
            if weekend:
                st.markdown(f":material/weekend: {weekend}")
            st.caption(cv.deadline_note(d))


def call_form(row_id: int, nonce: int, today: dt.date, expanded: bool) -> dict[str, Any] | None:
    """ "Log a call": the fields of a ``CaseCall`` of case ``row_id`` when saved, else None."""
    with st.expander("Log a call", expanded=expanded, icon=":material/add_call:"):
        with st.form(f"call_form_{row_id}_{nonce}"):
            c1, c2, c3 = st.columns(3)
            call_day = c1.date_input("Date", value=today, max_value=today, key=f"call_day_{row_id}")
            who = c2.text_input("Spoke with", max_chars=120, key=f"call_who_{row_id}")
            ref = c3.text_input("Call reference number", max_chars=120, key=f"call_ref_{row_id}")
            said = st.text_area("What was said", max_chars=2000, key=f"call_said_{row_id}")
            follow = st.date_input(
                "Follow up on (optional)",
                value=None,
                key=f"call_follow_{row_id}",
                format="YYYY-MM-DD",
            )
            if st.form_submit_button("Save call", type="primary", key=f"call_save_{row_id}"):
                return {
                    "case_id": row_id,
                    "date": call_day,
                    "spoke_with": who,
                    "reference_number": ref,
                    "said": said,
                    "follow_up_on": follow,
                }
    return None


def letter_dates(case: CoverageCase, row_id: int, nonce: int) -> dict[str, Any] | None:
    """ "Dates from your letter": the deadline dates a letter gives (None: the usual rule),
    returned when saved."""
    with st.expander("Dates from your letter", icon=":material/edit_calendar:"):
        st.markdown(
            "If a letter gives a different date for a deadline, enter it here: **your letter "
            "wins** and the app uses it everywhere, calendar file included. Leave empty to use "
            "the usual rule."
        )
        with st.form(f"overrides_{row_id}_{nonce}"):
            cols = st.columns(2)
            values = {
                field: cols[i % 2].date_input(
                    label,
                    value=getattr(case, field),
                    key=f"ov_{row_id}_{field}",
                    format="YYYY-MM-DD",
                )
                for i, (field, label) in enumerate(OVERRIDE_LABELS.items())
            }
            if st.form_submit_button("Save dates from my letter", key=f"ov_save_{row_id}"):
                return values
    return None


def documents_checklist(case: CoverageCase, row_id: int, nonce: int) -> list[str] | None:
    """The documents of the request or appeal, ticked; the ticked ones when saved."""
    with st.form(f"docs_{row_id}_{nonce}"):
        ticked = [
            doc
            for doc, label in DOCUMENTS.items()
            if st.checkbox(label, value=doc in case.documents, key=f"doc_{row_id}_{doc}")
        ]
        if st.form_submit_button("Save checklist", key=f"docs_save_{row_id}"):
            return ticked
    return None
