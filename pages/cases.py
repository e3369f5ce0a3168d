"""Coverage cases: one per condition and plan, its stages, deadlines, documents and call log."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

import utils.cases  # noqa: F401  (registers the case-tracker kinds)
from utils import calendar_export, deadlines, ui, ui_readiness
from utils import cases_view as cv
from utils.cases import (
    DENIAL_CATEGORIES,
    DOCUMENTS,
    OVERRIDE_LABELS,
    PLAN_TYPES,
    STAGE_DATE_LABELS,
    STAGES,
    CaseCall,
    CoverageCase,
    case_with,
    next_stages,
    record_stage,
)
from utils.core.entries import CONDITIONS, build, now
from utils.safe_text import md

store = ui.get_store()
profile = ui.require_profile()
ui.show_flash()
today = now().date()
rules = deadlines.rules()

st.title("Coverage cases")
st.markdown(
    "Open one case per condition and insurance plan. Record each step with its date as it "
    "happens: the app works out your deadlines and puts them in a calendar file for your phone. "
    "**The date printed on your own letter always wins.**"
)

PICK_KEY = "case_pick"
NEXT_PICK_KEY = "case_pick_next"
NONCE_KEY = "case_form_nonce"
NEW = cv.NEW
nonce = st.session_state.get(NONCE_KEY, 0)

rows = ui.all_entries(profile, ["coverage_case", "case_call", "botox_session"])
cases, sessions = cv.case_rows(rows)


def saved(message: str, pick: int | None = None) -> None:
    """After a write: fresh forms, the step recorder reset, a message on the next run."""
    st.session_state[NONCE_KEY] = nonce + 1
    for key in [k for k in st.session_state if str(k).startswith("step_")]:
        del st.session_state[key]
    if pick is not None:
        st.session_state[NEXT_PICK_KEY] = pick
    ui.flash(message)
    st.rerun()


def case_form(case: CoverageCase | None, key: str) -> dict[str, Any] | None:
    """The full case form; returns the field values when submitted."""
    conditions = list(CONDITIONS)
    dflt = cv.form_defaults(case, profile.conditions, today)
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


if NEXT_PICK_KEY in st.session_state:
    st.session_state[PICK_KEY] = st.session_state.pop(NEXT_PICK_KEY)

if not cases:
    st.info(
        "No case yet. Open one when you start preparing a request, or as soon as you receive "
        "a letter from your insurer."
    )
    picked = NEW
else:
    ids = [*cases, NEW]
    if st.session_state.get(PICK_KEY) not in ids:
        st.session_state.pop(PICK_KEY, None)
    picked = st.selectbox(
        "Case",
        ids,
        format_func=lambda i: cv.case_option(cases, i),
        key=PICK_KEY,
    )

if picked == NEW:
    st.subheader("Open a new case")
    values = case_form(None, "new")
    if values is not None:
        try:
            new_id = store.add(profile.id, build(CoverageCase, **values))
        except ValueError as exc:
            ui.show_error(exc)
        else:
            saved("Case opened. Record each next step below as it happens.", pick=new_id)
    st.stop()

row = cases[picked]
case: CoverageCase = row.entry  # type: ignore[assignment]
case_calls = cv.calls_of(rows, row.id)


def update(new_case: CoverageCase, message: str) -> None:
    store.update(profile.id, row.id, new_case, expected_version=row.version)
    saved(message)


# ------------------------------------------------------------------ where it stands

st.subheader(md(case.title()))
st.caption(cv.facts_line(case))
if case.other_rules():
    st.warning(rules["other_rules"], icon=":material/warning:")

st.markdown(cv.stages_text(case))
denial = cv.denial_text(case)
if denial:
    st.markdown(denial)

if case.denied_on and case.stage != "decided":
    if case.denial_category == "experimental":
        st.caption(
            "Denials called experimental or investigational qualify for external review "
            "once the internal appeal is refused."
        )
    st.page_link(
        "pages/guide.py", label="How to appeal: the guide, step 6", icon=":material/explore:"
    )

choices = next_stages(case.stage, appeal_refused=case.final_internal_denial_on is not None)
if choices:
    with st.container(border=True):
        st.markdown("**Record the next step**")

        def step_label(s: str) -> str:
            return cv.step_label(case, s)

        c1, c2 = st.columns(2)
        step = c1.selectbox("What happened", choices, format_func=step_label, key=f"step_{row.id}")
        step_day = c2.date_input(
            "On (the date on the letter, if there is one)",
            value=today,
            max_value=today,
            key=f"step_day_{row.id}",
        )
        extra: dict[str, Any] = {}
        if step == "denied":
            categories = list(DENIAL_CATEGORIES)
            extra["denial_category"] = c1.selectbox(
                "Reason given",
                categories,
                index=cv.denial_index(case),
                format_func=DENIAL_CATEGORIES.get,
                key=f"step_cat_{row.id}",
            )
            extra["denial_reason"] = c2.text_input(
                "The reason in the letter's words (optional)",
                max_chars=2000,
                key=f"step_reason_{row.id}",
            )
        if step == "decided":
            extra["outcome"] = c1.radio(
                "Outcome",
                ["approved", "denied"],
                format_func=str.capitalize,
                horizontal=True,
                key=f"step_outcome_{row.id}",
            )
        if st.button("Save this step", type="primary", key=f"step_save_{row.id}"):
            try:
                moved = record_stage(case, step, step_day, **extra)
                store.update(profile.id, row.id, moved, expected_version=row.version)
            except ValueError as exc:
                ui.show_error(exc)
            else:
                saved(f"Saved: {step_label(step).lower()} on {step_day:%d %b %Y}.")

# ------------------------------------------------------------------ readiness (issue 19)

with st.container(border=True):
    ui_readiness.show(
        ui_readiness.case_evidence(profile, ui.all_entries(profile), today), case.condition
    )

# ------------------------------------------------------------------ deadlines

st.subheader("Deadlines and appointments")
calls_entries = [r.entry for r in case_calls]
items = deadlines.deadlines_for(
    case,
    sessions,
    today,
    calls=calls_entries,  # type: ignore[arg-type]
    case_id=row.id,
)
st.info(rules["letter_wins"], icon=":material/mail:")
if not items:
    st.caption(
        "No deadline yet. Deadlines appear once the request is submitted, decided or denied, "
        "and when a Botox session is recorded for this condition."
    )
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

with st.expander("Dates from your letter", icon=":material/edit_calendar:"):
    st.markdown(
        "If a letter gives a different date for a deadline, enter it here: **your letter "
        "wins** and the app uses it everywhere, calendar file included. Leave empty to use "
        "the usual rule."
    )
    with st.form(f"overrides_{row.id}_{nonce}"):
        cols = st.columns(2)
        new_overrides = {
            field: cols[i % 2].date_input(
                label,
                value=getattr(case, field),
                key=f"ov_{row.id}_{field}",
                format="YYYY-MM-DD",
            )
            for i, (field, label) in enumerate(OVERRIDE_LABELS.items())
        }
        if st.form_submit_button("Save dates from my letter", key=f"ov_save_{row.id}"):
            try:
                update(case_with(case, **new_overrides), "Dates from your letter saved.")
            except ValueError as exc:
                ui.show_error(exc)

all_items = deadlines.profile_deadlines(rows, today)
all_items += ui_readiness.calendar_items(profile, today)  # the nearest readiness date
st.download_button(
    "Download all deadlines and appointments (.ics)",
    icon=":material/calendar_month:",
    data=calendar_export.deadlines_ics(all_items),
    file_name="coverage-diary-deadlines.ics",
    mime="text/calendar",
    disabled=not all_items,
    help="Open the file with your calendar app (phone, Outlook, Google Calendar) to import it. "
    "Each deadline reminds you 30, 14, 7 and 1 days before.",
    key="ics_download",
)

# ------------------------------------------------------------------ documents

st.subheader("Documents for the request or appeal")
with st.form(f"docs_{row.id}_{nonce}"):
    ticked = [
        doc
        for doc, label in DOCUMENTS.items()
        if st.checkbox(label, value=doc in case.documents, key=f"doc_{row.id}_{doc}")
    ]
    if st.form_submit_button("Save checklist", key=f"docs_save_{row.id}"):
        try:
            update(case_with(case, documents=ticked), "Checklist saved.")
        except ValueError as exc:
            ui.show_error(exc)
st.caption(cv.documents_progress(case, len(DOCUMENTS)))

# ------------------------------------------------------------------ call log

st.subheader("Call log")
st.caption(
    "Every call with the insurer or the doctor's office: who, the reference number and what "
    "was said. Appeals are won with this kind of record."
)
with st.expander("Log a call", expanded=not case_calls, icon=":material/add_call:"):
    with st.form(f"call_form_{row.id}_{nonce}"):
        c1, c2, c3 = st.columns(3)
        call_day = c1.date_input("Date", value=today, max_value=today, key=f"call_day_{row.id}")
        who = c2.text_input("Spoke with", max_chars=120, key=f"call_who_{row.id}")
        ref = c3.text_input("Call reference number", max_chars=120, key=f"call_ref_{row.id}")
        said = st.text_area("What was said", max_chars=2000, key=f"call_said_{row.id}")
        follow = st.date_input(
            "Follow up on (optional)", value=None, key=f"call_follow_{row.id}", format="YYYY-MM-DD"
        )
        if st.form_submit_button("Save call", type="primary", key=f"call_save_{row.id}"):
            try:
                call = build(
                    CaseCall,
                    case_id=row.id,
                    date=call_day,
                    spoke_with=who,
                    reference_number=ref,
                    said=said,
                    follow_up_on=follow,
                )
                store.add(profile.id, call)
            except ValueError as exc:
                ui.show_error(exc)
            else:
                saved("Call saved.")

if case_calls:
    table = pd.DataFrame(cv.calls_table(case_calls))
    st.dataframe(table, hide_index=True, width="stretch", key=f"calls_{row.id}")
    call_ids = [r.id for r in case_calls]
    c1, c2 = st.columns([3, 1])
    to_delete = c1.selectbox(
        "Remove a call",
        call_ids,
        format_func=lambda i: cv.call_label(case_calls, i),
        key=f"call_pick_{row.id}",
        label_visibility="collapsed",
    )
    if c2.button("Move call to the bin", key=f"call_del_{row.id}"):
        store.delete(profile.id, to_delete)
        saved("Call moved to the bin.")

# ------------------------------------------------------------------ edit / delete

with st.expander("Edit the case details and dates", icon=":material/edit:"):
    values = case_form(case, f"edit{row.id}")
    if values is not None:
        try:
            update(
                build(CoverageCase, **values),  # type: ignore[arg-type]
                "Case saved; the earlier version is kept in the history.",
            )
        except ValueError as exc:
            ui.show_error(exc)
    if row.version > 1 and st.toggle("Show earlier versions", key=f"case_hist_{row.id}"):
        for h in store.history(profile.id, row.id):
            st.caption(f"version {h.version} ({h.action} on {h.changed_at:%d %b %Y %H:%M})")
            st.json(h.data, expanded=False)

if st.button("Move this case to the bin", key=f"case_del_{row.id}"):
    # One transaction: the case and its calls go to the bin together, or not at all.
    store.delete_many(profile.id, [r.id for r in case_calls] + [row.id])
    st.session_state.pop(PICK_KEY, None)
    saved("Case and its calls moved to the bin.")
