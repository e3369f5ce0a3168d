"""Jaw diary: log jaw pain, symptoms and clenching, tap 'Normal day', browse the diary by day."""

from __future__ import annotations

import streamlit as st

from utils import entry_forms as ef
from utils import ui
from utils.models import CLENCHING, JAW_SYMPTOMS, JawDay, now
from utils.store import StoreError

store = ui.get_store()
profile = ui.require_profile()
ui.show_flash()
today = now().date()
rows = ui.all_entries(profile)

EDIT_KEY = "jaw_edit_id"


def add_normal_day(day) -> None:
    conflict = ef.normal_day_conflict(rows, JawDay.KIND, day)
    if conflict:
        st.info(conflict)
        return
    try:
        store.add(profile.id, ef.normal_jaw_day(day))
    except ValueError as exc:
        ui.show_error(exc)
    else:
        ui.flash(f"{day:%d %b %Y} recorded as a normal day.")
        st.rerun()


st.title("Jaw diary")
st.markdown(
    "Record jaw pain, clenching or grinding and what helped, and tap **Normal day** on good days. "
    "Botox for the jaw is rarely covered, so an appeal needs months of steady records."
)

c1, c2 = st.columns([1, 2], vertical_alignment="center")
if c1.button(
    "Normal day today",
    key="jaw_normal_today",
    type="primary",
    icon=":material/sentiment_satisfied:",
):
    add_normal_day(today)
logged_today = next((r for r in rows if r.kind == JawDay.KIND and r.day == today), None)
c2.caption(
    f"Today is logged: {logged_today.entry.summary()}."
    if logged_today
    else "One tap when your jaw did not bother you today."
)

editing_id = st.session_state.get(EDIT_KEY)
editing: JawDay | None = None
if editing_id is not None:
    try:
        editing = store.get(profile.id, editing_id).entry  # type: ignore[assignment]
    except ValueError:
        st.session_state.pop(EDIT_KEY, None)
        editing_id = None
defaults = ef.jaw_day_to_form(editing) if editing else {}


def d(key: str, fallback):
    value = defaults.get(key)
    return fallback if value is None else value


yn = list(ef.YES_NO)
pain_scale = list(range(11))
with st.expander(
    "Edit jaw day" if editing else "Log a jaw day",
    expanded=True,
    icon=":material/edit:" if editing else ":material/add_circle:",
):
    with st.form("jaw_form"):
        v: dict = {}
        v["date"] = st.date_input("Day", value=d("date", today), max_value=today, key="jwf_date")
        v["pain"] = st.radio(
            "Worst jaw pain (0 none – 10 worst imaginable)",
            pain_scale,
            index=None if d("pain", None) is None else d("pain", 0),
            horizontal=True,
            key="jwf_pain",
        )
        v["symptoms"] = st.multiselect(
            "Symptoms", JAW_SYMPTOMS, default=d("symptoms", []), key="jwf_symptoms"
        )
        c1, c2 = st.columns(2)
        v["clenching"] = c1.multiselect(
            "Clenching or grinding",
            CLENCHING,
            default=d("clenching", []),
            key="jwf_clenching",
            help="During the day, at night, or noticed by a partner or dentist.",
        )
        v["night_guard"] = c2.selectbox(
            "Night guard worn last night?",
            yn,
            index=yn.index(d("night_guard", "Not recorded")),
            key="jwf_guard",
        )
        v["helped"] = st.text_input(
            "What helped? (warm compress, soft food, exercises…)",
            value=d("helped", ""),
            max_chars=120,
            key="jwf_helped",
        )
        v["notes"] = st.text_area("Notes", value=d("notes", ""), max_chars=2000, key="jwf_notes")
        saved = st.form_submit_button(
            "Save changes" if editing else "Save day", type="primary", key="jwf_save"
        )
    if saved:
        try:
            entry = ef.jaw_day_from_form(v)
            if editing_id is not None:
                store.update(profile.id, editing_id, entry)
            elif ef.normal_day_conflict(rows, JawDay.KIND, entry.date):
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
            ui.clear_widgets("jwf_")
            ui.flash(
                "Changes saved; the earlier version is kept in the history."
                if editing
                else f"{entry.date:%d %b %Y} saved."
            )
            st.rerun()
    if editing is not None and st.button("Cancel editing", key="jaw_cancel"):
        st.session_state.pop(EDIT_KEY, None)
        ui.clear_widgets("jwf_")
        st.rerun()

with st.expander("A normal day on another date", icon=":material/sunny:"):
    other_day = st.date_input("Day", value=today, max_value=today, key="jaw_normal_day")
    if st.button("Normal day", key="jaw_normal_save"):
        add_normal_day(other_day)

ui.diary_by_day(
    profile,
    rows,
    (JawDay.KIND,),
    "jaw",
    EDIT_KEY,
    empty_hint="Log a day above, or tap **Normal day today**.",
    form_prefix="jwf_",
)
