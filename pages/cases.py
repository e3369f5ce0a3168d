"""Coverage cases: one per condition and plan, its stages, deadlines, documents and call log."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

import utils.cases  # noqa: F401  (registers the case-tracker kinds)
from utils import calendar_export, deadlines, ui, ui_readiness
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
from utils.models import CONDITIONS, build, now
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
NEW = 0
nonce = st.session_state.get(NONCE_KEY, 0)

rows = ui.all_entries(profile, ["coverage_case", "case_call", "botox_session"])
cases = {r.id: r for r in rows if r.kind == "coverage_case"}
sessions = [r.entry for r in rows if r.kind == "botox_session"]


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
    first = next(iter(profile.conditions), "headache")
    with st.form(f"case_form_{key}_{nonce}"):
        v: dict[str, Any] = {}
        c1, c2 = st.columns(2)
        v["condition"] = c1.selectbox(
            "Condition",
            conditions,
            index=conditions.index(case.condition if case else first),
            format_func=CONDITIONS.get,
            key=f"{key}_condition",
        )
        v["insurer"] = c2.text_input(
            "Insurer", value=case.insurer if case else "", max_chars=120, key=f"{key}_insurer"
        )
        plans = list(PLAN_TYPES)
        v["plan_type"] = c1.selectbox(
            "Plan type",
            plans,
            index=plans.index(case.plan_type if case else "employer"),
            format_func=PLAN_TYPES.get,
            key=f"{key}_plan_type",
        )
        v["self_funded"] = c2.checkbox(
            "My employer's plan is self-funded (ERISA)",
            value=case.self_funded if case else False,
            help="Ask HR or look for 'self-funded' or 'ASO' in the plan documents.",
            key=f"{key}_self_funded",
        )
        v["member_id"] = c1.text_input(
            "Member number (optional)",
            value=case.member_id if case else "",
            max_chars=120,
            key=f"{key}_member_id",
        )
        v["reference_number"] = c2.text_input(
            "Request or claim reference (optional)",
            value=case.reference_number if case else "",
            max_chars=120,
            key=f"{key}_reference_number",
        )
        v["urgent"] = c1.checkbox(
            "Urgent request (decisions in 72 hours)",
            value=case.urgent if case else False,
            key=f"{key}_urgent",
        )
        v["post_service"] = c2.checkbox(
            "The treatment was already given (a claim, not a pre-authorization)",
            value=case.post_service if case else False,
            key=f"{key}_post_service",
        )
        stages = list(STAGES)
        v["stage"] = c1.selectbox(
            "Where the case stands",
            stages,
            index=stages.index(case.stage if case else "gathering"),
            format_func=STAGES.get,
            key=f"{key}_stage",
        )
        outcomes = ["", "approved", "denied"]
        v["outcome"] = c2.selectbox(
            "Final outcome (once decided)",
            outcomes,
            index=outcomes.index((case.outcome if case else None) or ""),
            format_func=lambda o: o.capitalize() if o else "not decided yet",
            key=f"{key}_outcome",
        )
        st.markdown("**Dates so far** (leave empty what has not happened yet)")
        cols = st.columns(3)
        for i, (name, label) in enumerate(STAGE_DATE_LABELS.items()):
            default = getattr(case, name) if case else (today if name == "opened" else None)
            v[name] = cols[i % 3].date_input(
                label, value=default, max_value=today, key=f"{key}_{name}", format="YYYY-MM-DD"
            )
        st.markdown("**If the request was denied**")
        c1, c2 = st.columns([1, 2])
        categories = ["", *DENIAL_CATEGORIES]
        v["denial_category"] = c1.selectbox(
            "Reason given",
            categories,
            index=categories.index((case.denial_category if case else None) or ""),
            format_func=lambda c: DENIAL_CATEGORIES.get(c, "not denied / not known"),
            key=f"{key}_denial_category",
        )
        v["denial_reason"] = c2.text_area(
            "The reason in the letter's words",
            value=case.denial_reason if case else "",
            max_chars=2000,
            height=80,
            key=f"{key}_denial_reason",
        )
        v["notes"] = st.text_area(
            "Notes", value=case.notes if case else "", max_chars=2000, key=f"{key}_notes"
        )
        label = "Save changes" if case else "Open the case"
        if not st.form_submit_button(label, type="primary", key=f"{key}_save"):
            return None
    v["outcome"] = v["outcome"] or None
    v["denial_category"] = v["denial_category"] or None
    if case is not None:
        for field in ("documents", *OVERRIDE_LABELS):
            v[field] = getattr(case, field)
    return v


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
        format_func=lambda i: (
            "+ Open a new case"
            if i == NEW
            else f"{cases[i].entry.title()} · {cases[i].entry.stage_label()}"
        ),  # type: ignore[attr-defined]
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
case_calls = sorted(
    (r for r in rows if r.kind == "case_call" and r.entry.case_id == row.id),  # type: ignore[attr-defined]
    key=lambda r: (r.day, r.id),
    reverse=True,
)


def update(new_case: CoverageCase, message: str) -> None:
    store.update(profile.id, row.id, new_case, expected_version=row.version)
    saved(message)


# ------------------------------------------------------------------ where it stands

st.subheader(md(case.title()))
facts = [PLAN_TYPES[case.plan_type]]
if case.self_funded:
    facts.append("self-funded")
if case.member_id:
    facts.append(f"member {md(case.member_id)}")
if case.reference_number:
    facts.append(f"reference {md(case.reference_number)}")
if case.urgent:
    facts.append("urgent")
st.caption(" · ".join(facts))
if case.other_rules():
    st.warning(rules["other_rules"], icon=":material/warning:")

reached = {label: day for label, day in case.stage_dates()}
st.markdown(
    "  \n".join(
        f":material/check_circle: **{label}**: {day:%d %b %Y}" for label, day in reached.items()
    )
    + f"  \n:material/arrow_forward: Now: **{case.stage_label()}**"
)
if case.denied_on and case.denial_category:
    reason = DENIAL_CATEGORIES[case.denial_category]
    st.markdown(
        f"**Denial reason:** {reason}" + (f": {md(case.denial_reason)}" if case.denial_reason else "")
    )

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
            if s == "denied" and case.stage == "internal_appeal":
                return "Appeal refused (final internal denial)"
            return STAGES[s]

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
                index=categories.index(case.denial_category) if case.denial_category else 0,
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
        badge = " · :blue-badge[from your letter]" if d.overridden else ""
        c1.markdown(f"**{d.title}**{badge}  \n{d.due:%A %d %B %Y}")
        colour = "red" if d.days_left < 0 else "orange" if d.days_left <= 14 else "green"
        c2.markdown(f":{colour}[**{d.days_text()}**]")
        weekend = deadlines.weekend_note(d.due) if d.kind == "deadline" else None
        if weekend:
            st.markdown(f":material/weekend: {weekend}")
        note = f"Rule: {d.rule} Source: {d.source}, last checked {d.last_checked}."
        if d.overridden and d.computed:
            note += f" The usual rule would give {d.computed:%d %b %Y}; your letter wins."
        st.caption(note)

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
st.caption(f"{len(case.documents)} of {len(DOCUMENTS)} ready.")

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
    table = pd.DataFrame(
        {
            "Date": [r.entry.date for r in case_calls],  # type: ignore[attr-defined]
            "Spoke with": [r.entry.spoke_with for r in case_calls],  # type: ignore[attr-defined]
            "Reference": [r.entry.reference_number for r in case_calls],  # type: ignore[attr-defined]
            "What was said": [r.entry.said for r in case_calls],  # type: ignore[attr-defined]
            "Follow up": [r.entry.follow_up_on for r in case_calls],  # type: ignore[attr-defined]
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key=f"calls_{row.id}")
    call_ids = [r.id for r in case_calls]
    c1, c2 = st.columns([3, 1])
    to_delete = c1.selectbox(
        "Remove a call",
        call_ids,
        format_func=lambda i: next(
            f"{r.entry.date:%d %b %Y}: {r.entry.said[:60]}"  # type: ignore[attr-defined]
            for r in case_calls
            if r.id == i
        ),
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
