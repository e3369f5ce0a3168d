"""Coverage cases: one per condition and plan, its stages, deadlines, documents and call log."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

import utils.cases  # noqa: F401  (registers the case-tracker kinds)
from utils import calendar_export, deadlines, ui, ui_readiness
from utils import cases_view as cv
from utils.cases import (
    DOCUMENTS,
    CaseCall,
    CoverageCase,
    case_with,
    record_stage,
)
from utils.core.entries import build, now
from utils.safe_text import md
from utils.ui import case_forms

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
    return case_forms.case_form(case, key, nonce, profile.conditions, today)


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

moved_to = case_forms.next_step(case, row.id, today)
if moved_to is not None:
    step, step_day, extra = moved_to
    try:
        moved = record_stage(case, step, step_day, **extra)
        store.update(profile.id, row.id, moved, expected_version=row.version)
    except ValueError as exc:
        ui.show_error(exc)
    else:
        saved(f"Saved: {cv.step_label(case, step).lower()} on {step_day:%d %b %Y}.")

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
case_forms.deadline_cards(items)

new_overrides = case_forms.letter_dates(case, row.id, nonce)
if new_overrides is not None:
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
ticked = case_forms.documents_checklist(case, row.id, nonce)
if ticked is not None:
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
call = case_forms.call_form(row.id, nonce, today, expanded=not case_calls)
if call is not None:
    try:
        store.add(profile.id, build(CaseCall, **call))
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
