"""Headache diary: log or edit an attack, record headache-free days, browse the diary by day."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from utils import catalog, forms, ui
from utils.conditions.headache.models import AURA_TYPES, FUNCTION_LABELS, SIDES, Attack
from utils.core.entries import now

store = ui.get_store()
profile = ui.require_profile()
ui.show_flash()
today = now().date()

st.title("Headache diary")
st.markdown(
    "Log each attack with its length and features, and tap **No headache** on good days. "
    "Insurers count headache days per month, so a complete month matters more than a perfect entry."
)

EDIT_KEY = ui.HEADACHE_EDIT_KEY
editing_id, editing = ui.editing_entry(profile, EDIT_KEY, Attack.KIND)
rows = ui.all_entries(profile)

med_labels = [label for label, _ in catalog.acute_choices()]
classes = catalog.acute_classes()
triggers = forms.known_triggers(rows, forms.DEFAULT_TRIGGERS)


ROUND_KEY = "attack_form_round"


def _saved(new: bool) -> None:
    st.session_state.pop(ui.LOG_DAY_KEY, None)
    if new:
        st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1


def attack_form(editing_id: int | None, editing: Attack | None) -> None:
    """The attack form: empty for a new attack, or pre-filled with the attack being edited."""
    defaults = forms.attack_to_form(editing) if editing else {}
    # Form widget key suffix: the form starts afresh for another entry, and each new-attack
    # form is one round: after a save the next round has new keys, so a second tap that
    # reaches the app late belongs to a form that no longer exists (one submission, one save).
    fk = f"{editing_id}" if editing is not None else f"new{st.session_state.get(ROUND_KEY, 0)}"

    def d(key: str, fallback):  # form default: the edited entry's value, or the fallback
        return defaults.get(key, fallback)

    if editing is not None and editing.ongoing:
        ui.ended_now_button(profile, editing_id, editing, key=f"edit_end_now_{editing_id}")
    with st.form(f"attack_form_{fk}"):
        v: dict = {}
        if editing is None:
            v["start_preset"] = st.segmented_control(
                "Started",
                forms.START_PRESETS,
                key=f"a_start_preset_{fk}",
                help="Tap one, or leave it and give the date and time below. "
                "'Earlier today' uses the time below; 'Yesterday evening' is yesterday at 20:00.",
            )
        c1, c2, c3 = st.columns(3)
        v["start_date"] = c1.date_input(
            "Started on",
            value=d("start_date", st.session_state.get(ui.LOG_DAY_KEY, today)),
            max_value=today,
            key=f"a_start_date_{fk}",
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
        # Nothing is chosen for the person: unanswered stays "not recorded" (counted missing).
        v["pain"] = st.pills(
            "Worst pain (0 none – 10 worst imaginable)",
            list(range(11)),
            default=d("pain", None),
            key=f"a_pain_{fk}",
            help="Leave it untapped if you do not know: it stays 'not recorded'.",
        )
        v["function"] = st.segmented_control(
            "Effect on what you could do",
            list(FUNCTION_LABELS),
            default=d("function", None),
            format_func=FUNCTION_LABELS.get,
            key=f"a_function_{fk}",
        )
        st.markdown(
            "**Features** (what doctors use to tell migraine from other headaches). "
            "Untapped stays *not recorded*."
        )
        side_options = ["", *SIDES]
        v["side"] = st.selectbox(
            "Where",
            side_options,
            index=side_options.index(d("side", None) or ""),
            format_func=lambda s: s or "not recorded",
            key=f"a_side_{fk}",
        )
        feature_labels = {
            "pulsating": "Throbbing / pulsating",
            "worse_with_activity": "Worse with routine activity (stairs, walking)",
            "nausea_vomiting": "Nausea or vomiting",
            "light_sensitivity": "Bothered by light",
            "sound_sensitivity": "Bothered by sound",
            "aura": "Aura before or during",
        }
        for key, label in feature_labels.items():  # one per line, in reading order
            answered = d(key, None)
            v[key] = st.segmented_control(
                label,
                forms.FEATURE_CHOICES,
                default=answered if answered in ("Yes", "No") else None,
                key=f"a_{key}_{fk}",
            )
        v["aura_types"] = st.multiselect(
            "Aura kind",
            AURA_TYPES,
            default=d("aura_types", []),
            key=f"a_aura_types_{fk}",
            select_all=False,
        )
        st.markdown("**Acute medicines taken**")
        c1, c2 = st.columns(2)
        v["medicines"] = c1.multiselect(
            "From the list",
            med_labels,
            default=d("medicines", []),
            key=f"a_medicines_{fk}",
            select_all=False,
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
            select_all=False,
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
            on_saved=lambda _entry: _saved(editing is None),
        )
    ui.cancel_edit_button(editing_id, EDIT_KEY, "a_", "headache_cancel")


if editing is not None:  # opens in view (a dialog), pre-filled
    missing = forms.attack_missing(editing)  # type: ignore[arg-type]
    ui.edit_dialog(
        "Complete the attack" if missing else "Edit attack",
        EDIT_KEY,
        "a_",
        lambda: attack_form(editing_id, editing),  # type: ignore[arg-type]
    )
with st.expander(
    "Log an attack", icon=":material/add_circle:", expanded=ui.LOG_DAY_KEY in st.session_state
):
    attack_form(None, None)

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

ui.catch_up(profile, rows, "headache", ui.open_day_for("headache", None, "a_"))
ui.week_note(rows, "headache")

ui.diary_by_day(
    profile,
    rows,
    ("attack", "headache_checkin"),
    "headache",
    EDIT_KEY,
    empty_hint="Use **Log an attack** above, or **A day without headache**.",
    editable_kinds=("attack",),
)
