"""Sweating diary: log a day (HDSS, sites, impact), tap 'Normal day', answer the history once."""

from __future__ import annotations

import streamlit as st

from utils import entry_forms as ef
from utils import ui
from utils.conditions.sweating import forms
from utils.conditions.sweating.models import (
    SKIN_PROBLEMS,
    SWEAT_AFFECTED,
    SWEAT_SITES,
    SWEAT_TRIGGERS,
    SweatDay,
)
from utils.core.entries import now
from utils.core.questionnaires import HDSS_ATTRIBUTION

store = ui.get_store()
profile = ui.require_profile()
ui.show_flash()
today = now().date()
rows = ui.all_entries(profile)

EDIT_KEY = "sweat_edit_id"


st.title("Sweating diary")
st.markdown(
    "Record how much sweating got in your way each day, and tap **Normal day** on good days. "
    "Insurers look for severe sweating (HDSS 3 or 4) that lasts, despite the treatments you tried. "
    "A day you do not log stays *not logged*; it never counts as a normal day."
)

ui.normal_day_today(
    profile,
    rows,
    SweatDay.KIND,
    forms.normal_sweat_day,
    "sweat",
    "One tap when sweating did not bother you today.",
)

yn = list(ef.YES_NO)
with st.expander("Log or change a sweating day", expanded=True, icon=":material/edit_calendar:"):
    day, editing_id, editing, d = ui.day_form(
        profile, rows, SweatDay.KIND, EDIT_KEY, "sweat_pick_day", "swf_", forms.sweat_day_to_form
    )
    with st.form("sweat_form"):
        v: dict = {"date": day}
        v["sites"] = st.multiselect(
            "Where did you sweat?",
            SWEAT_SITES,
            default=d("sites", []),
            key="swf_sites",
            select_all=False,
        )
        v["hdss"] = st.radio(
            "How did your sweating affect you that day? (HDSS)",
            [1, 2, 3, 4],
            index=None if d("hdss", None) is None else d("hdss", 1) - 1,
            format_func=ef.hdss_label,
            key="swf_hdss",
        )
        st.caption(f"{HDSS_ATTRIBUTION} 3 or 4 counts as severe.")
        c1, c2, c3 = st.columns(3)
        v["episodes"] = c1.number_input(
            "Sweating episodes", 0, 200, value=d("episodes", None), key="swf_episodes"
        )
        v["clothing_changes"] = c2.number_input(
            "Clothing changes", 0, 50, value=d("clothing_changes", None), key="swf_clothes"
        )
        v["extra_showers"] = c3.number_input(
            "Extra showers", 0, 50, value=d("extra_showers", None), key="swf_showers"
        )
        c1, c2 = st.columns(2)
        v["affected"] = c1.multiselect(
            "What did you avoid, or what was affected?",
            SWEAT_AFFECTED,
            default=d("affected", []),
            key="swf_affected",
            select_all=False,
        )
        v["triggers"] = c2.multiselect(
            "Triggers",
            SWEAT_TRIGGERS,
            default=d("triggers", []),
            key="swf_triggers",
            select_all=False,
        )
        c1, c2 = st.columns(2)
        v["stopped_during_sleep"] = c1.selectbox(
            "Did it stop while you slept?",
            yn,
            index=yn.index(d("stopped_during_sleep", "Not recorded")),
            key="swf_sleep",
        )
        v["skin_problems"] = c2.multiselect(
            "Skin problems",
            SKIN_PROBLEMS,
            default=d("skin_problems", []),
            key="swf_skin",
            select_all=False,
        )
        st.markdown("**Topical product used** (antiperspirant cream, lotion, cloth)")
        c1, c2, c3 = st.columns(3)
        v["topical_product"] = c1.text_input(
            "Product", value=d("topical_product", ""), max_chars=120, key="swf_product"
        )
        v["topical_strength"] = c2.text_input(
            "Strength (e.g. 20%)",
            value=d("topical_strength", ""),
            max_chars=120,
            key="swf_strength",
        )
        v["topical_irritation"] = c3.selectbox(
            "Skin irritation from it?",
            yn,
            index=yn.index(d("topical_irritation", "Not recorded")),
            key="swf_irritation",
        )
        v["notes"] = st.text_area("Notes", value=d("notes", ""), max_chars=2000, key="swf_notes")
        saved = st.form_submit_button(
            "Save changes" if editing else "Save day", type="primary", key="swf_save"
        )
    if saved:
        ui.save_day(
            profile,
            forms.sweat_day_from_form,
            v,
            editing_id,
            edit_key=EDIT_KEY,
            form_prefix="swf_",
            rows=rows,
        )

ui.normal_day_other_date(profile, rows, SweatDay.KIND, forms.normal_sweat_day, "sweat")

baseline = forms.current_baseline(rows)
with st.expander(
    "Your sweating history" + (" (answered: edit if something changed)" if baseline else ""),
    expanded=baseline is None,
):
    st.markdown(
        "Answer once. Doctors and insurers use these answers to tell primary focal "
        "hyperhidrosis from sweating with another cause."
    )
    b = forms.baseline_to_form(baseline.entry) if baseline else {}  # type: ignore[arg-type]
    with st.form("sweat_baseline_form"):
        bv: dict = {}
        c1, c2, c3 = st.columns(3)
        bv["answered_on"] = c1.date_input(
            "Answered on", value=b.get("answered_on", today), max_value=today, key="swb_date"
        )
        bv["onset_age"] = c2.number_input(
            "Age when it started", 0, 110, value=b.get("onset_age"), key="swb_onset"
        )
        bv["duration_months"] = c3.number_input(
            "How long (months)", 0, 1200, value=b.get("duration_months"), key="swb_months"
        )
        bv["sites"] = st.multiselect(
            "Where do you sweat too much?",
            SWEAT_SITES,
            default=b.get("sites", []),
            key="swb_sites",
            select_all=False,
        )
        answers = list(ef.YES_NO_UNKNOWN)
        for key, question in forms.BASELINE_QUESTIONS.items():
            bv[key] = st.radio(
                question,
                answers,
                index=answers.index(b.get(key, "unknown")),
                format_func=ef.YES_NO_UNKNOWN.get,
                horizontal=True,
                key=f"swb_{key}",
            )
        bv["notes"] = st.text_area(
            "Notes", value=b.get("notes", ""), max_chars=2000, key="swb_notes"
        )
        saved_b = st.form_submit_button(
            "Save changes" if baseline else "Save answers", type="primary", key="swb_save"
        )
    if saved_b:
        try:
            answered = forms.baseline_from_form(bv)
            if baseline is not None:
                store.update(profile.id, baseline.id, answered)
            else:
                store.add(profile.id, answered)
        except ValueError as exc:
            ui.show_error(exc)
        else:
            ui.clear_widgets("swb_")
            ui.flash(
                "Your sweating history is saved."
                + (" The earlier answers are kept in the history." if baseline else "")
            )
            st.rerun()

ui.day_diary_below(
    profile, rows, "sweating", SweatDay.KIND, "sweat", EDIT_KEY, "sweat_pick_day", "swf_"
)
