"""Spasticity diary: the day's stiffness in one or two taps (details optional), a normal day in
one tap, the clinician's Modified Ashworth grades and goal scores, and the diary by day."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from utils import entry_forms as ef
from utils import ui
from utils.conditions.spasticity import forms
from utils.conditions.spasticity.criteria import CHILD_DOSING_INFO
from utils.conditions.spasticity.models import (
    HARD_TASKS,
    MAS_GRADES,
    MUSCLE_GROUPS,
    PENN_FREQUENCY,
    SIDES,
    WARNING_SIGNS,
    AshworthGrade,
    GoalScore,
    SpasticityDay,
)
from utils.core.entries import now
from utils.core.treatments import SideEffect

store = ui.get_store()
profile = ui.require_profile()
today = now().date()
rows = ui.all_entries(profile)

EDIT_KEY = "spas_edit_id"
MAS_EDIT = "spas_mas_edit_id"
GOAL_EDIT = "spas_goal_edit_id"

st.title("Spasticity diary")

# Warning signs (the label's boxed warning): shown before anything else, every time.
recent = [
    r
    for r in rows.between(today - dt.timedelta(days=6), dt.date.max)  # the last 7 days only
    if r.kind == SpasticityDay.KIND
    and r.entry.warning_signs  # type: ignore[attr-defined]
    and r.day >= today - dt.timedelta(days=6)
]
urgent = ef.urgent_ongoing(rows.of_kinds([SideEffect.KIND]), today)  # reads only those
if recent or urgent:
    st.error(
        ef.URGENT_MESSAGE
        + " Children treated for spasticity are at the highest risk."
        + (
            "\n\nLogged in the last 7 days: " + ", ".join(f"{r.day:%d %b}" for r in recent) + "."
            if recent
            else ""
        ),
        icon=":material/emergency:",
    )
ui.show_flash()

st.markdown(
    "Rate the stiffness of the day (0-10) and save: that is enough. Add spasms, pain, hard "
    "tasks, falls, splint and therapy when you can. A parent or carer can keep this diary for "
    "a child. The clinician's grades and goal scores go in **From the clinician** below."
)

# Who keeps the diary: a child's (a parent or carer) when the date of birth says so (issue 18).
age_group, keeper = forms.who_keeps(profile.settings, today)
if keeper:
    st.info(keeper, icon=":material/child_care:" if age_group == "child" else ":material/cake:")
if age_group in ("child", "child or adult"):
    with st.expander("What the label says about children's doses", icon=":material/info:"):
        st.markdown("\n".join(CHILD_DOSING_INFO))

ui.normal_day_today(
    profile,
    rows,
    SpasticityDay.KIND,
    forms.normal_spasticity_day,
    "spasticity",
    "One tap on a normal day (stiffness, spasms and pain not troublesome, no fall).",
)

scale = list(range(11))
with st.expander("Log or change a day", expanded=True, icon=":material/edit_calendar:"):
    day, editing_id, editing, d = ui.day_form(
        profile,
        rows,
        SpasticityDay.KIND,
        EDIT_KEY,
        "spas_pick_day",
        "spf_",
        forms.spasticity_day_to_form,
    )
    with st.form("spasticity_form"):
        v: dict = {"date": day, "normal_day": d("normal_day", False)}
        v["stiffness"] = st.radio(
            "Stiffness today (0 none – 10 worst)",
            scale,
            index=None if d("stiffness", None) is None else d("stiffness", 0),
            horizontal=True,
            key="spf_stiffness",
        )
        with st.expander("Details (optional)"):
            c1, c2 = st.columns(2)
            v["spasms"] = c1.number_input(
                "Spasms counted today",
                min_value=0,
                max_value=500,
                value=d("spasms", None),
                step=1,
                key="spf_spasms",
            )
            freq = list(PENN_FREQUENCY)
            v["spasm_frequency"] = c2.selectbox(
                "Or: how often spasms came (0-4)",
                freq,
                index=None if d("spasm_frequency", None) is None else d("spasm_frequency", 0),
                format_func=PENN_FREQUENCY.get,
                key="spf_freq",
                placeholder="Not recorded",
            )
            v["pain"] = st.radio(
                "Pain (0 none – 10 worst)",
                scale,
                index=None if d("pain", None) is None else d("pain", 0),
                horizontal=True,
                key="spf_pain",
            )
            v["hard_tasks"] = st.multiselect(
                "What was hard today?",
                HARD_TASKS,
                default=d("hard_tasks", []),
                key="spf_tasks",
                select_all=False,
            )
            c3, c4, c5 = st.columns(3)
            v["falls"] = c3.number_input(
                "Falls", min_value=0, max_value=50, value=d("falls", None), key="spf_falls"
            )
            v["splint_hours"] = c4.number_input(
                "Splint or brace worn (hours)",
                min_value=0.0,
                max_value=24.0,
                value=d("splint_hours", None),
                step=0.5,
                key="spf_splint",
            )
            v["therapy_minutes"] = c5.number_input(
                "Stretching or therapy (minutes)",
                min_value=0,
                max_value=720,
                value=d("therapy_minutes", None),
                step=5,
                key="spf_therapy",
            )
            v["warning_signs"] = st.multiselect(
                "Since the last Botox session: any of these? (seek care now if so)",
                WARNING_SIGNS,
                default=d("warning_signs", []),
                key="spf_warning",
                select_all=False,
            )
            v["notes"] = st.text_area(
                "Notes", value=d("notes", ""), max_chars=2000, key="spf_notes"
            )
        saved = st.form_submit_button(
            "Save changes" if editing else "Save day", type="primary", key="spf_save"
        )
    if saved:
        if v["stiffness"] is not None:
            v["normal_day"] = False
        ui.save_day(
            profile,
            forms.spasticity_day_from_form,
            v,
            editing_id,
            edit_key=EDIT_KEY,
            form_prefix="spf_",
            rows=rows,
        )

ui.normal_day_other_date(
    profile, rows, SpasticityDay.KIND, forms.normal_spasticity_day, "spasticity"
)

# ---------------------------------------------------------------- from the clinician
with st.expander("From the clinician (grades and goal scores)", icon=":material/stethoscope:"):
    st.caption(
        "Copy these from the clinician's form. The Modified Ashworth grade is an examination "
        "by the clinician: do not grade yourself. Goal scores run from -2 (much less than "
        "expected) through 0 (as expected) to +2 (much more than expected)."
    )
    mas_id, mas_entry = ui.editing_entry(profile, MAS_EDIT, AshworthGrade.KIND)
    md_ = forms.ashworth_to_form(mas_entry) if mas_entry else {}
    with st.form("spas_mas_form"):
        st.markdown("**Modified Ashworth grade** (one muscle group and side)")
        m: dict = {}
        c1, c2 = st.columns(2)
        m["date"] = c1.date_input(
            "Examination date", value=md_.get("date", today), max_value=today, key="spm_date"
        )
        m["side"] = c2.radio(
            "Side",
            SIDES,
            index=SIDES.index(md_["side"]) if md_ else 0,
            horizontal=True,
            key="spm_side",
        )
        m["muscle_group"] = st.selectbox(
            "Muscle group",
            MUSCLE_GROUPS,
            index=MUSCLE_GROUPS.index(md_["muscle_group"]) if md_ else None,
            key="spm_muscle",
            placeholder="Choose the muscle group",
        )
        m["grade"] = st.radio(
            "Grade",
            MAS_GRADES,
            index=MAS_GRADES.index(md_["grade"]) if md_ else None,
            horizontal=True,
            key="spm_grade",
        )
        m["target"] = st.checkbox(
            "A muscle the clinician treats (target)",
            value=md_.get("target", False),
            key="spm_target",
        )
        m["clinician"] = st.text_input(
            "Clinician", value=md_.get("clinician", ""), max_chars=120, key="spm_clinician"
        )
        mas_saved = st.form_submit_button(
            "Save changes" if mas_entry else "Save grade", key="spm_save"
        )
    if mas_saved:
        ui.save_entry(
            profile,
            lambda: forms.ashworth_from_form(m),
            mas_id,
            edit_key=MAS_EDIT,
            form_prefix="spm_",
            message="Grade saved.",
        )

    goal_id, goal_entry = ui.editing_entry(profile, GOAL_EDIT, GoalScore.KIND)
    gd = forms.goal_score_to_form(goal_entry) if goal_entry else {}
    with st.form("spas_goal_form"):
        st.markdown("**Goal and its attainment score**")
        g: dict = {}
        c1, c2 = st.columns(2)
        g["date"] = c1.date_input(
            "Visit date", value=gd.get("date", today), max_value=today, key="spg_date"
        )
        scores = [-2, -1, 0, 1, 2]
        g["score"] = c2.radio(
            "Score",
            scores,
            index=scores.index(gd["score"]) if gd else None,
            horizontal=True,
            format_func=lambda s: f"{s:+d}",
            key="spg_score",
        )
        g["goal"] = st.text_input(
            "Goal in your own words (for example: put on a shirt without help)",
            value=gd.get("goal", ""),
            max_chars=120,
            key="spg_goal",
        )
        g["clinician"] = st.text_input(
            "Clinician", value=gd.get("clinician", ""), max_chars=120, key="spg_clinician"
        )
        goal_saved = st.form_submit_button(
            "Save changes" if goal_entry else "Save goal score", key="spg_save"
        )
    if goal_saved:
        ui.save_entry(
            profile,
            lambda: forms.goal_score_from_form(g),
            goal_id,
            edit_key=GOAL_EDIT,
            form_prefix="spg_",
            message="Goal score saved.",
        )

    clin = sorted(
        rows.of_kinds([AshworthGrade.KIND, GoalScore.KIND]),
        key=lambda r: (r.day, r.id),
        reverse=True,
    )
    if not clin:
        st.caption("Nothing from the clinician yet.")
    mas_ids = [r.id for r in clin if r.kind == AshworthGrade.KIND]
    goal_ids = [r.id for r in clin if r.kind == GoalScore.KIND]
    for r in clin:
        st.text(f"{r.day:%d %b %Y}: {r.entry.summary()}")
    ui.entries_with_buttons(profile, mas_ids, "spas_mas", MAS_EDIT, "spm_", rows=clin)
    ui.entries_with_buttons(profile, goal_ids, "spas_goal", GOAL_EDIT, "spg_", rows=clin)

ui.day_diary_below(
    profile, rows, "spasticity", SpasticityDay.KIND, "spasticity", EDIT_KEY, "spas_pick_day", "spf_"
)
