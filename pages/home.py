"""Home: first-run welcome, quick log, today's check-in, and the case overview per condition."""

from __future__ import annotations

import streamlit as st

from utils import casefile, conditions, entry_forms, forms, hosting, sample, ui, ui_readiness
from utils import deadlines as case_deadlines
from utils.core.entries import CONDITIONS, now
from utils.core.questionnaires import Midas
from utils.safe_text import md

store = ui.get_store()
profile = ui.current_profile()
ui.show_flash()

if profile is None:
    st.title("Welcome to Coverage Diary")
    st.markdown(
        "Insurers cover Botox for chronic migraine, severe sweating and some other conditions "
        "when the records show it is **medically necessary**: how often, how bad, for how long, "
        "and what was tried first. Coverage Diary helps you keep those records day by day and "
        "turns them into the summary your doctor and your insurer read. "
        + hosting.where("stays")
    )
    with st.form("onboarding"):
        st.subheader("1. What do you want to track?")
        picked = [
            key
            for key, label in CONDITIONS.items()
            if st.checkbox(label, value=(key == "headache"), key=f"onb_{key}")
        ]
        name = st.text_input(
            "Name for this diary (optional)",
            value="My diary",
            max_chars=80,
            help=hosting.where("shown")
            + " Useful if you keep a diary for a family member too.",
        )
        if st.form_submit_button("Start my diary", type="primary"):
            if not picked:
                st.error("Choose at least one thing to track.")
            else:
                try:
                    created = store.create_profile(name or "My diary", picked)
                except ValueError as exc:
                    ui.show_error(exc)
                else:
                    ui.set_profile(created.id)
                    ui.flash("Your diary is ready. Log today below.")
                    st.rerun()
    st.subheader("Or look around first")
    st.caption(
        "A sample diary is made up. It lives in its own profile and is removed in one click."
    )
    cols = st.columns(len(sample.SAMPLES))
    for col, (key, spec) in zip(cols, sample.SAMPLES.items(), strict=True):
        with col:
            st.markdown(f"**{spec.name}**  \n{spec.description}")
            if st.button("Load this sample", key=f"load_{key}"):
                loaded = sample.load_sample(store, key)
                ui.set_profile(loaded.id)
                ui.flash(f"Loaded '{spec.name}'. Remove it any time under Profiles & settings.")
                st.rerun()
    st.stop()

st.title("Your case")
if profile.is_sample:
    st.info(
        f"You are looking at **{md(profile.name)}**, a made-up diary. "
        "Switch profile in the sidebar, or remove it under Profiles & settings."
    )

today = now().date()
rows = ui.all_entries(profile)

# ---------------------------------------------------------------- attacks still going (banner)
open_rows = forms.open_attacks(rows) if profile.tracks("headache") else []
if open_rows:
    ui.open_attacks_banner(profile, open_rows)

if profile.tracks("headache"):
    st.subheader("Headache today")
    left, right = st.columns(2)
    with left:
        if open_rows:
            ui.quick_log_open_attack(profile, open_rows[-1])
        else:
            ui.quick_log(profile)
    with right:
        todays = [r for r in rows.on(today) if r.kind in ("attack", "headache_checkin")]
        if todays:
            st.markdown("**Logged today:**")
            for r in todays:
                st.markdown(f"- {md(r.entry.summary())}")
        else:
            st.markdown("Nothing logged today yet.")
        if not any(r.kind == "headache_checkin" for r in todays):
            if st.button("No headache today", key="checkin_today"):
                try:
                    store.add(profile.id, forms.checkin(today))
                except ValueError as exc:
                    ui.show_error(exc)
                else:
                    ui.flash("Headache-free day recorded.")
                    st.rerun()
        st.caption("A day with no entry counts as *not logged*, never as headache-free.")
    ui.week_note(rows, "headache")

# Every one-entry-a-day diary (its forms part has a DAY_DIARY), in the registry's order.
for day_diary in [s.key for s, f in conditions.parts("forms") if getattr(f, "DAY_DIARY", None)]:
    if profile.tracks(day_diary):
        ui.home_quick_actions(profile, rows, day_diary)
        ui.week_note(rows, day_diary)

# Every one-tap diary (its forms part has HOME_ACTIONS, e.g. "Void now"), in the registry's order.
for one_tap in [s.key for s, f in conditions.parts("forms") if getattr(f, "HOME_ACTIONS", None)]:
    if profile.tracks(one_tap):
        ui.home_one_taps(profile, rows, one_tap)

# ---------------------------------------------------------------- deadlines and reminders
next_deadline = case_deadlines.nearest(
    case_deadlines.profile_deadlines(rows, today), prefer_deadlines=True
)
if next_deadline is not None:
    with st.container(border=True):
        st.markdown(
            f":material/event: **Next deadline: {next_deadline.title}** "
            f"({next_deadline.case_title}) on {next_deadline.due:%A %d %B %Y}: "
            f"**{next_deadline.days_text()}**."
        )
        st.page_link(
            "pages/cases.py", label="Open your coverage cases", icon=":material/folder_shared:"
        )

# The case window's evidence (the last 12 months, or since the diary began): cached per revision.
evidence = ui_readiness.case_evidence(profile, rows, today)
ui_readiness.nearest(evidence, today)  # issue 19

if profile.tracks("headache"):
    midas_due = entry_forms.midas_reminder(rows.of_kinds([Midas.KIND]), today)  # reads those
    if midas_due:
        st.warning(midas_due, icon=":material/assignment:")
        st.page_link(
            "pages/questionnaires.py",
            label="Fill in the MIDAS questionnaire",
            icon=":material/assignment:",
        )

# ---------------------------------------------------------------- the case, condition by condition
start, end = casefile.case_window(today, casefile.first_diary_day(rows))  # the evidence's window
st.subheader("What an insurer would check")
st.caption(
    f"Checked over {ui.period_label(start, end)} (the last 12 months, or since your diary began) "
    "against thresholds that "
    "insurers **commonly** require; set your own plan's numbers under Profiles & settings. "
    "Self-reported diary data. This is documentation, not medical advice."
)
if not rows:
    st.info(
        "Your diary is empty, so every check below is *missing data*. Start by logging today, "
        "then add the treatments you have already tried (Treatments & Botox)."
    )
for condition in evidence.conditions:
    view = casefile.condition_view(evidence, condition)
    with st.container(border=True):
        st.markdown(f"### {ui.condition_label(condition)}")
        st.markdown(view.logged_line)
        if view.key_numbers is not None:
            st.dataframe(view.key_numbers, hide_index=True, width="stretch")
        for checklist in view.checklists:
            st.markdown(f"**{checklist.title}**: {checklist.summary}")
            for item in checklist.items:
                st.markdown(
                    f"{item.icon} **{item.status_text}**: {item.question}  \n"
                    f"{item.evidence}" + (f"  \n:orange[Gap:] {item.gap}" if item.gap else "")
                )
            st.caption(checklist.sources)
        ui_readiness.show(evidence, condition)  # when is the case ready? (issue 19)
        if view.note:
            st.info(view.note)
        if view.next_steps:
            st.markdown("**Next steps that would close the gaps**")
            st.markdown("\n".join(f"- {step}" for step in view.next_steps))

st.subheader("What to do next")
st.markdown(casefile.general_next_steps(evidence, bool(rows)))
