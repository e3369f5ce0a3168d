"""Sweating diary: log a day (HDSS, sites, impact), tap 'Normal day', answer the history once."""

from __future__ import annotations

import streamlit as st

from utils import entry_forms as ef
from utils import ui
from utils.models import (
    HDSS_ATTRIBUTION,
    SKIN_PROBLEMS,
    SWEAT_AFFECTED,
    SWEAT_SITES,
    SWEAT_TRIGGERS,
    SweatDay,
    now,
)
from utils.store import StoreError

store = ui.get_store()
profile = ui.require_profile()
ui.show_flash()
today = now().date()
rows = ui.all_entries(profile)

EDIT_KEY = "sweat_edit_id"


def add_normal_day(day) -> None:
    conflict = ef.normal_day_conflict(rows, SweatDay.KIND, day)
    if conflict:
        st.info(conflict)
        return
    try:
        store.add(profile.id, ef.normal_sweat_day(day))
    except ValueError as exc:
        ui.show_error(exc)
    else:
        ui.flash(f"{day:%d %b %Y} recorded as a normal day.")
        st.rerun()


st.title("Sweating diary")
st.markdown(
    "Record how much sweating got in your way each day, and tap **Normal day** on good days. "
    "Insurers look for severe sweating (HDSS 3 or 4) that lasts, despite the treatments you tried. "
    "A day you do not log stays *not logged*; it never counts as a normal day."
)

c1, c2 = st.columns([1, 2], vertical_alignment="center")
if c1.button(
    "Normal day today",
    key="sweat_normal_today",
    type="primary",
    icon=":material/sentiment_satisfied:",
):
    add_normal_day(today)
logged_today = next((r for r in rows if r.kind == SweatDay.KIND and r.day == today), None)
c2.caption(
    f"Today is logged: {logged_today.entry.summary()}."
    if logged_today
    else "One tap when sweating did not bother you today."
)

editing_id = st.session_state.get(EDIT_KEY)
editing: SweatDay | None = None
if editing_id is not None:
    try:
        editing = store.get(profile.id, editing_id).entry  # type: ignore[assignment]
    except ValueError:
        st.session_state.pop(EDIT_KEY, None)
        editing_id = None
defaults = ef.sweat_day_to_form(editing) if editing else {}


def d(key: str, fallback):
    value = defaults.get(key)
    return fallback if value is None else value


yn = list(ef.YES_NO)
with st.expander(
    "Edit sweating day" if editing else "Log a sweating day",
    expanded=True,
    icon=":material/edit:" if editing else ":material/add_circle:",
):
    with st.form("sweat_form"):
        v: dict = {}
        c1, c2 = st.columns(2)
        v["date"] = c1.date_input("Day", value=d("date", today), max_value=today, key="swf_date")
        v["sites"] = c2.multiselect(
            "Where did you sweat?", SWEAT_SITES, default=d("sites", []), key="swf_sites"
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
        )
        v["triggers"] = c2.multiselect(
            "Triggers", SWEAT_TRIGGERS, default=d("triggers", []), key="swf_triggers"
        )
        c1, c2 = st.columns(2)
        v["stopped_during_sleep"] = c1.selectbox(
            "Did it stop while you slept?",
            yn,
            index=yn.index(d("stopped_during_sleep", "Not recorded")),
            key="swf_sleep",
        )
        v["skin_problems"] = c2.multiselect(
            "Skin problems", SKIN_PROBLEMS, default=d("skin_problems", []), key="swf_skin"
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
        try:
            entry = ef.sweat_day_from_form(v)
            if editing_id is not None:
                store.update(profile.id, editing_id, entry)
            elif ef.normal_day_conflict(rows, SweatDay.KIND, entry.date):
                raise StoreError(
                    f"{entry.date:%d %b %Y} already has an entry: select it in the diary below "
                    "and edit it instead"
                )
            else:
                store.add(profile.id, entry)
        except ValueError as exc:
            ui.show_error(exc)
        else:
            st.session_state.pop(EDIT_KEY, None)
            ui.clear_widgets("swf_")
            ui.flash(
                "Changes saved; the earlier version is kept in the history."
                if editing
                else f"{entry.date:%d %b %Y} saved."
            )
            st.rerun()
    if editing is not None and st.button("Cancel editing", key="sweat_cancel"):
        st.session_state.pop(EDIT_KEY, None)
        ui.clear_widgets("swf_")
        st.rerun()

with st.expander("A normal day on another date", icon=":material/sunny:"):
    other_day = st.date_input("Day", value=today, max_value=today, key="sweat_normal_day")
    if st.button("Normal day", key="sweat_normal_save"):
        add_normal_day(other_day)

baseline = ef.current_baseline(rows)
with st.expander(
    "Your sweating history" + (" (answered: edit if something changed)" if baseline else ""),
    expanded=baseline is None,
):
    st.markdown(
        "Answer once. Doctors and insurers use these answers to tell primary focal "
        "hyperhidrosis from sweating with another cause."
    )
    b = ef.baseline_to_form(baseline.entry) if baseline else {}  # type: ignore[arg-type]
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
            "Where do you sweat too much?", SWEAT_SITES, default=b.get("sites", []), key="swb_sites"
        )
        answers = list(ef.YES_NO_UNKNOWN)
        for key, question in ef.BASELINE_QUESTIONS.items():
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
            answered = ef.baseline_from_form(bv)
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

ui.diary_by_day(
    profile,
    rows,
    (SweatDay.KIND,),
    "sweat",
    EDIT_KEY,
    empty_hint="Log a day above, or tap **Normal day today**.",
    form_prefix="swf_",
)
