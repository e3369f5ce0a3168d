"""Profiles & settings: one diary per person, what each tracks, sample diaries."""

from __future__ import annotations

import streamlit as st

from utils import sample, ui
from utils.models import CONDITIONS

store = ui.get_store()
profile = ui.require_profile()
ui.show_flash()

st.title("Profiles & settings")
st.markdown(
    "Each profile is one person's diary, for example your own and a child's. "
    "Profiles never see each other's entries. Choose which profile you are using in the sidebar."
)

st.subheader(f"This profile: {profile.name}")
with st.form("profile_settings"):
    name = st.text_input("Name", value=profile.name, max_chars=80)
    st.markdown("**Tracks**")
    conditions = [
        key
        for key, label in CONDITIONS.items()
        if st.checkbox(label, value=profile.tracks(key), key=f"cond_{key}")
    ]
    if st.form_submit_button("Save", type="primary"):
        if not conditions:
            st.error("Not saved: choose at least one thing to track.")
        else:
            try:
                store.update_profile(profile.id, name=name, conditions=conditions)
            except ValueError as exc:
                ui.show_error(exc)
            else:
                ui.flash("Profile saved. The menu now shows the diaries you track.")
                st.rerun()

st.subheader("Add a profile")
with st.form("new_profile", clear_on_submit=True):
    new_name = st.text_input("Name", max_chars=80, placeholder="e.g. Sam")
    new_conditions = st.multiselect(
        "Tracks", list(CONDITIONS), default=["headache"], format_func=CONDITIONS.get
    )
    if st.form_submit_button("Create profile"):
        try:
            created = store.create_profile(new_name, new_conditions or ["headache"])
        except ValueError as exc:
            ui.show_error(exc)
        else:
            ui.set_profile(created.id)
            ui.flash(f"Profile '{created.name}' created and selected.")
            st.rerun()

st.subheader("Sample diaries")
st.caption("Made-up diaries to explore the app. Each lives in its own profile.")
for key, spec in sample.SAMPLES.items():
    exists = store.profile_by_name(spec.name) is not None
    c1, c2 = st.columns([3, 1])
    c1.markdown(f"**{spec.name}**: {spec.description}")
    if exists:
        if c2.button("Remove", key=f"rm_sample_{key}"):
            sample.remove_sample(store, key)
            ui.flash(f"Removed '{spec.name}'.")
            st.rerun()
    elif c2.button("Load", key=f"load_sample_{key}"):
        loaded = sample.load_sample(store, key)
        ui.set_profile(loaded.id)
        ui.flash(f"Loaded '{spec.name}'.")
        st.rerun()

st.subheader("Delete this profile")
st.caption("Deletes the profile and every entry in it. Download a backup first (Your data).")
confirm = st.text_input(f"Type the profile name ({profile.name}) to confirm", key="delete_confirm")
if st.button("Delete profile", disabled=confirm.strip() != profile.name):
    store.delete_profile(profile.id)
    st.session_state.pop(ui.PROFILE_KEY, None)
    ui.flash(f"Deleted '{profile.name}'.")
    st.rerun()
