"""Headache diary: log or edit an attack, record headache-free days, browse the diary by day."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from utils import catalog, forms, ui
from utils.models import AURA_TYPES, FUNCTION_LABELS, SIDES, Attack, now

store = ui.get_store()
profile = ui.require_profile()
ui.show_flash()
today = now().date()

st.title("Headache diary")
st.markdown(
    "Log each attack with its length and features, and tap **No headache** on good days. "
    "Insurers count headache days per month, so a complete month matters more than a perfect entry."
)

EDIT_KEY = "headache_edit_id"
editing_id, editing = ui.editing_entry(profile, EDIT_KEY, Attack.KIND)
defaults = forms.attack_to_form(editing) if editing else {}  # type: ignore[arg-type]
fk = f"{editing_id}"  # form widget key suffix: the form starts afresh for another entry
rows = ui.all_entries(profile)


def d(key: str, fallback):  # form default: the edited entry's value, or the fallback
    return defaults.get(key, fallback)


med_labels = [label for label, _ in catalog.acute_choices()]
classes = catalog.acute_classes()
triggers = forms.known_triggers(rows, forms.DEFAULT_TRIGGERS)

with st.expander(
    "Edit attack" if editing else "Log an attack",
    expanded=editing is not None,
    icon=":material/edit:" if editing else ":material/add_circle:",
):
    with st.form(f"attack_form_{editing_id}"):
        c1, c2, c3 = st.columns(3)
        v: dict = {}
        v["start_date"] = c1.date_input(
            "Started on", value=d("start_date", today), max_value=today, key=f"a_start_date_{fk}"
        )
        v["start_time"] = c2.time_input(
            "at",
            value=d("start_time", now().time().replace(second=0, microsecond=0)),
            step=900,
            key=f"a_start_time_{fk}",
        )
        v["time_unknown"] = c3.checkbox(
            "Start time unknown", value=d("time_unknown", False), key=f"a_time_unknown_{fk}"
        )
        c1, c2, c3 = st.columns(3)
        v["end_mode"] = c1.radio(
            "How long?",
            forms.END_MODES,
            index=forms.END_MODES.index(d("end_mode", "Duration")),
            key=f"a_end_mode_{fk}",
        )
        v["duration_hours"] = c2.number_input(
            "Duration (hours)",
            min_value=0.0,
            max_value=336.0,
            value=float(d("duration_hours", 0.0)),
            step=0.5,
            key=f"a_duration_hours_{fk}",
        )
        v["end_date"] = c3.date_input(
            "Ended on", value=d("end_date", today), max_value=today, key=f"a_end_date_{fk}"
        )
        v["end_time"] = c3.time_input(
            "at ", value=d("end_time", dt.time(0, 0)), step=900, key=f"a_end_time_{fk}"
        )
        c1, c2 = st.columns(2)
        v["pain"] = c1.slider(
            "Worst pain (0 none – 10 worst imaginable)",
            0,
            10,
            value=d("pain", 5) if d("pain", 5) is not None else 5,
            key=f"a_pain_{fk}",
        )
        v["function"] = c2.radio(
            "Effect on what you could do",
            list(FUNCTION_LABELS),
            index=d("function", 1) if d("function", 1) is not None else 1,
            format_func=FUNCTION_LABELS.get,
            key=f"a_function_{fk}",
        )
        st.markdown("**Features** (what doctors use to tell migraine from other headaches)")
        c1, c2, c3 = st.columns(3)
        side_options = ["", *SIDES]
        v["side"] = c1.selectbox(
            "Where",
            side_options,
            index=side_options.index(d("side", None) or ""),
            format_func=lambda s: s or "not recorded",
            key=f"a_side_{fk}",
        )
        yn = list(forms.YES_NO)
        feature_labels = {
            "pulsating": "Throbbing / pulsating",
            "worse_with_activity": "Worse with routine activity (stairs, walking)",
            "nausea_vomiting": "Nausea or vomiting",
            "light_sensitivity": "Bothered by light",
            "sound_sensitivity": "Bothered by sound",
            "aura": "Aura before or during",
        }
        for i, (key, label) in enumerate(feature_labels.items()):
            col = (c1, c2, c3)[(i + 1) % 3]
            v[key] = col.selectbox(
                label, yn, index=yn.index(d(key, "Not recorded")), key=f"a_{key}_{fk}"
            )
        v["aura_types"] = st.multiselect(
            "Aura kind", AURA_TYPES, default=d("aura_types", []), key=f"a_aura_types_{fk}"
        )
        st.markdown("**Acute medicines taken**")
        c1, c2 = st.columns(2)
        v["medicines"] = c1.multiselect(
            "From the list", med_labels, default=d("medicines", []), key=f"a_medicines_{fk}"
        )
        v["own_medicine"] = c2.text_input(
            "Other medicine (name)",
            value=d("own_medicine", ""),
            max_chars=120,
            key=f"a_own_medicine_{fk}",
        )
        class_ids = list(classes)
        v["own_medicine_class"] = c2.selectbox(
            "Its kind",
            class_ids,
            index=class_ids.index(d("own_medicine_class", "simple_analgesic")),
            format_func=lambda c: classes[c]["label"],
            key=f"a_own_medicine_class_{fk}",
        )
        c1, c2 = st.columns(2)
        v["dose"] = c1.text_input("Dose", value=d("dose", ""), max_chars=120, key=f"a_dose_{fk}")
        relief = ["", "none", "partial", "full"]
        v["relief_2h"] = c2.selectbox(
            "Relief after 2 hours",
            relief,
            index=relief.index(d("relief_2h", None) or ""),
            format_func=lambda r: r or "not recorded",
            key=f"a_relief_2h_{fk}",
        )
        st.markdown("**Time lost** (hours)")
        c1, c2, c3 = st.columns(3)
        v["lost_work_hours"] = c1.number_input(
            "Work or school",
            0.0,
            336.0,
            float(d("lost_work_hours", 0.0)),
            0.5,
            key=f"a_lost_work_{fk}",
        )
        v["lost_household_hours"] = c2.number_input(
            "Household",
            0.0,
            336.0,
            float(d("lost_household_hours", 0.0)),
            0.5,
            key=f"a_lost_house_{fk}",
        )
        v["lost_social_hours"] = c3.number_input(
            "Family and social life",
            0.0,
            336.0,
            float(d("lost_social_hours", 0.0)),
            0.5,
            key=f"a_lost_social_{fk}",
        )
        v["triggers"] = st.multiselect(
            "Triggers (type to add your own)",
            triggers,
            default=d("triggers", []),
            accept_new_options=True,
            key=f"a_triggers_{fk}",
        )
        v["notes"] = st.text_area(
            "Notes", value=d("notes", ""), max_chars=2000, key=f"a_notes_{fk}"
        )
        saved = st.form_submit_button(
            "Save changes" if editing else "Save attack", type="primary", key=f"a_save_{fk}"
        )
    if saved:
        ui.save_entry(
            profile,
            lambda: forms.attack_from_form(v),
            editing_id,
            edit_key=EDIT_KEY,
            form_prefix="a_",
            message="Attack saved.",
        )
    ui.cancel_edit_button(editing_id, EDIT_KEY, "a_", "headache_cancel")

with st.expander("A day without headache", icon=":material/sunny:"):
    day = st.date_input("Day", value=today, max_value=today, key="checkin_day")
    if st.button("No headache that day", key="checkin_save"):
        if any(r.kind == "headache_checkin" and r.day == day for r in rows):
            st.info(f"{day:%d %b %Y} is already recorded as headache-free.")
        else:
            try:
                store.add(profile.id, forms.checkin(day))
            except ValueError as exc:
                ui.show_error(exc)
            else:
                ui.flash(f"{day:%d %b %Y} recorded as headache-free.")
                st.rerun()

ui.diary_by_day(
    profile,
    rows,
    ("attack", "headache_checkin"),
    "headache",
    EDIT_KEY,
    empty_hint="Use **Log an attack** above, or **A day without headache**.",
    editable_kinds=("attack",),
)
