"""Home: first-run welcome, quick log, today's check-in, and the case overview per condition."""

from __future__ import annotations

import streamlit as st

from utils import forms, sample, ui
from utils.models import CONDITIONS, now

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
        "Everything stays on this computer."
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
            help="Only shown on this computer. Useful if you keep a diary for a family member too.",
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
        f"You are looking at **{profile.name}**, a made-up diary. "
        "Switch profile in the sidebar, or remove it under Profiles & settings."
    )

today = now().date()
rows = ui.all_entries(profile)

if profile.tracks("headache"):
    st.subheader("Headache today")
    left, right = st.columns(2)
    with left:
        st.markdown("**Quick log**: an attack that started now. Add the details later.")
        severity = st.segmented_control(
            "How bad is it?", list(forms.QUICK_SEVERITY), key="quick_severity"
        )
        if st.button("Save attack", type="primary", key="quick_save", disabled=severity is None):
            try:
                store.add(profile.id, forms.quick_attack(severity))
            except ValueError as exc:
                ui.show_error(exc)
            else:
                ui.flash(
                    f"{severity} attack saved as still going. Complete it in the Headache diary."
                )
                st.rerun()
    with right:
        todays = [r for r in rows if r.day == today and r.kind in ("attack", "headache_checkin")]
        if todays:
            st.markdown("**Logged today:**")
            for r in todays:
                st.markdown(f"- {r.entry.summary()}")
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

st.subheader("Your diaries")
for condition in profile.conditions:
    kinds = {
        "headache": ("attack", "headache_checkin"),
        "sweating": ("sweat_day",),
        "jaw": ("jaw_day",),
    }[condition]
    last30 = [r for r in rows if r.kind in kinds and (today - r.day).days < 30]
    logged = len({r.day for r in last30})
    st.markdown(f"**{ui.condition_label(condition)}**: {logged} of the last 30 days logged.")

from utils import deadlines as case_deadlines  # noqa: E402  (coverage-case deadlines)

next_deadline = case_deadlines.nearest(case_deadlines.profile_deadlines(rows, today))
if next_deadline is not None:
    with st.container(border=True):
        st.markdown(
            f"📅 **Next deadline: {next_deadline.title}** ({next_deadline.case_title}) on "
            f"{next_deadline.due:%A %d %B %Y}: **{next_deadline.days_text()}**."
        )
        st.page_link("pages/cases.py", label="Open your coverage cases", icon="📁")

from utils import entry_forms  # noqa: E402  (questionnaire reminder)

if profile.tracks("headache"):
    midas_due = entry_forms.midas_reminder(rows, today)
    if midas_due:
        st.warning(midas_due, icon="📋")
        st.page_link("pages/questionnaires.py", label="Fill in the MIDAS questionnaire", icon="📋")

st.subheader("What to do next")
if not rows:
    st.markdown(
        "- Log every day, including good days: insurers look at whole months.\n"
        "- Record the treatments you have already tried, with dates and how they ended."
    )
else:
    st.markdown(
        "- Keep logging daily; the more complete the months, the stronger the case.\n"
        "- Check that every attack has its duration and features filled in."
    )
