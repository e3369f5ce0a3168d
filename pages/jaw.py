"""Jaw diary: log jaw pain, symptoms and clenching, tap 'Normal day', browse the diary by day."""

from __future__ import annotations

import streamlit as st

from utils import entry_forms as ef
from utils import ui
from utils.conditions.jaw import forms
from utils.conditions.jaw.models import CLENCHING, JAW_SYMPTOMS, JawDay
from utils.core.entries import now

store = ui.get_store()
profile = ui.require_profile()
ui.show_flash()
today = now().date()
rows = ui.all_entries(profile)

EDIT_KEY = "jaw_edit_id"


st.title("Jaw diary")
st.markdown(
    "Record jaw pain, clenching or grinding and what helped, and tap **Normal day** on good days. "
    "Botox for the jaw is rarely covered, so an appeal needs months of steady records."
)

ui.normal_day_today(
    profile,
    rows,
    JawDay.KIND,
    forms.normal_jaw_day,
    "jaw",
    "One tap when your jaw did not bother you today.",
)

yn = list(ef.YES_NO)
pain_scale = list(range(11))
with st.expander("Log or change a jaw day", expanded=True, icon=":material/edit_calendar:"):
    day, editing_id, editing, d = ui.day_form(
        profile, rows, JawDay.KIND, EDIT_KEY, "jaw_pick_day", "jwf_", forms.jaw_day_to_form
    )
    with st.form("jaw_form"):
        v: dict = {"date": day}
        v["pain"] = st.radio(
            "Worst jaw pain (0 none – 10 worst imaginable)",
            pain_scale,
            index=None if d("pain", None) is None else d("pain", 0),
            horizontal=True,
            key="jwf_pain",
        )
        v["symptoms"] = st.multiselect(
            "Symptoms",
            JAW_SYMPTOMS,
            default=d("symptoms", []),
            key="jwf_symptoms",
            select_all=False,
        )
        c1, c2 = st.columns(2)
        v["clenching"] = c1.multiselect(
            "Clenching or grinding",
            CLENCHING,
            default=d("clenching", []),
            key="jwf_clenching",
            help="During the day, at night, or noticed by a partner or dentist.",
            select_all=False,
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
        ui.save_day(
            profile,
            forms.jaw_day_from_form,
            v,
            editing_id,
            edit_key=EDIT_KEY,
            form_prefix="jwf_",
            rows=rows,
        )

ui.normal_day_other_date(profile, rows, JawDay.KIND, forms.normal_jaw_day, "jaw")

ui.day_diary_below(profile, rows, "jaw", JawDay.KIND, "jaw", EDIT_KEY, "jaw_pick_day", "jwf_")
