"""Profiles & settings: one diary per person, what each tracks, sample diaries."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from pydantic import ValidationError

from utils import criteria, forms, hosting, sample, ui
from utils.core.entries import CONDITIONS, EntryError, friendly_errors, now
from utils.core.profile import ProfileSettings
from utils.safe_text import md

store = ui.get_store()
profile = ui.require_profile()
ui.show_flash()

st.title("Profiles & settings")
st.markdown(
    "Each profile is one person's diary, for example your own and a child's. "
    "Profiles never see each other's entries. Choose which profile you are using in the sidebar."
)

st.subheader(f"This profile: {md(profile.name)}")
with st.form("profile_settings"):
    name = st.text_input("Name", value=profile.name, max_chars=80, key="profile_name")
    st.markdown("**Tracks**")
    conditions = [
        key
        for key, label in CONDITIONS.items()
        if st.checkbox(label, value=profile.tracks(key), key=f"cond_{key}")
    ]
    known_year = criteria.year_of_birth(profile.settings)
    year_text = st.text_input(
        "Year of birth (optional: the Botox labels are for adults; leave empty to skip)",
        value="" if known_year is None else str(known_year),
        max_chars=4,
        placeholder="e.g. 1985",
        key="profile_year_of_birth",
    )
    if st.form_submit_button("Save", type="primary"):
        year = year_text.strip()
        year_ok = not year or (year.isdigit() and 1900 <= int(year) <= now().year)
        if not conditions:
            st.error("Not saved: choose at least one thing to track.")
        elif not year_ok:
            st.error(
                f"Not saved: give the year of birth as 4 digits up to {now().year}, or leave it empty."
            )
        else:
            settings = dict(profile.settings)
            settings.pop("year_of_birth", None)
            if year:
                settings["year_of_birth"] = int(year)
            try:
                store.update_profile(
                    profile.id, name=name, conditions=conditions, settings=settings
                )
            except ValueError as exc:
                ui.show_error(exc)
            else:
                ui.flash("Profile saved. The menu now shows the diaries you track.")
                st.rerun()

st.subheader("Identifiers on your documents (optional)")
st.markdown(
    "The doctor summary and the letters can carry your name, date of birth and member ID on "
    "every page, and your treating clinician. Leave them out and the documents print blanks "
    "to fill by hand. " + hosting.where("stored_in_diary")
)
details = ProfileSettings.from_settings(profile.settings)
with st.form("profile_identifiers"):
    print_ids = st.checkbox(
        "Print these on the doctor summary and the letters",
        value=details.print_identifiers,
        key="id_print",
    )
    c1, c2, c3 = st.columns(3)
    patient_name = c1.text_input("Your name", details.patient_name, max_chars=120, key="id_name")
    dob = c2.date_input(
        "Date of birth",
        value=details.date_of_birth,
        min_value=dt.date(1900, 1, 1),
        max_value=now().date(),
        key="id_dob",
    )
    member_id = c3.text_input("Member ID", details.member_id, max_chars=40, key="id_member")
    c1, c2, c3 = st.columns(3)
    clinician = c1.text_input(
        "Clinician's name", details.clinician_name, max_chars=120, key="id_clinician"
    )
    specialty = c2.text_input(
        "Clinician's specialty",
        details.clinician_specialty,
        max_chars=120,
        placeholder="e.g. neurology",
        key="id_specialty",
    )
    npi = c3.text_input("Clinician's NPI (10 digits)", details.clinician_npi, key="id_npi")
    if st.form_submit_button("Save identifiers"):
        try:
            new = ProfileSettings.model_validate(
                {
                    **details.model_dump(),
                    "print_identifiers": print_ids,
                    "patient_name": patient_name,
                    "date_of_birth": dob,
                    "member_id": member_id,
                    "clinician_name": clinician,
                    "clinician_specialty": specialty,
                    "clinician_npi": npi.strip(),
                }
            )
        except ValidationError as exc:
            ui.show_error(EntryError(friendly_errors(exc)))
        else:
            store.update_profile(profile.id, settings=new.to_settings(profile.settings))
            ui.flash("Identifiers saved.")
            st.rerun()

st.subheader("Your plan's thresholds")
st.markdown(
    "The checklist on *Your case* uses thresholds that insurers **commonly** require. Your own "
    "plan's policy may differ: change a number here to match it. Reports say which values were used."
)
used = criteria.resolve_thresholds(profile.settings)
specs = criteria.threshold_specs()
with st.form("thresholds"):
    chosen: dict = {}
    for row in used.rows:
        name, spec = row["name"], specs[row["name"]]
        label = f"{row['label']} (default {row['default']})"
        if "choices" in spec:
            chosen[name] = st.selectbox(
                label, spec["choices"], index=spec["choices"].index(row["value"]), key=f"th_{name}"
            )
        elif isinstance(spec["default"], list):
            chosen[name] = st.text_input(
                label + ", comma separated",
                ", ".join(str(x) for x in row["value"]),
                key=f"th_{name}",
            )
        else:
            is_int = isinstance(spec["default"], int)
            chosen[name] = st.number_input(
                label,
                min_value=spec.get("min"),
                max_value=spec.get("max"),
                value=row["value"],
                step=1 if is_int else 0.05,
                key=f"th_{name}",
            )
    c1, c2 = st.columns(2)
    save = c1.form_submit_button("Save thresholds", type="primary")
    reset = c2.form_submit_button("Back to the common defaults")
if save or reset:
    try:
        new_settings = forms.threshold_settings(profile.settings, {} if reset else chosen)
        store.update_profile(profile.id, settings=new_settings)
    except ValueError as exc:
        ui.show_error(exc)
    else:
        changed = len(new_settings["thresholds"])
        ui.flash(f"Thresholds saved: {changed} differ from the common defaults.")
        st.rerun()

st.subheader("Add a profile")
with st.form("new_profile", clear_on_submit=True):
    new_name = st.text_input("Name", max_chars=80, placeholder="e.g. Sam", key="new_profile_name")
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
            ui.flash(f"Profile '{md(created.name)}' created and selected.")
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
        ui.flash(f"Loaded '{spec.name}'. This is its case; explore the diaries from the menu.")
        st.switch_page("pages/home.py")

st.subheader("A daily reminder")
st.caption(
    "A repeating calendar event that reminds you to log the day and opens this app. "
    "Import the file into your phone's or computer's calendar; import it again to change it."
)
ui.daily_reminder()

st.subheader("Delete this profile")
st.caption("Deletes the profile and every entry in it. Download a backup first (Your data).")
confirm = st.text_input(
    f"Type the profile name ({md(profile.name)}) to confirm", key="delete_confirm"
)
if st.button("Delete profile", disabled=confirm.strip() != profile.name):
    store.delete_profile(profile.id)
    st.session_state.pop(ui.PROFILE_KEY, None)
    ui.flash(f"Deleted '{md(profile.name)}'.")
    st.rerun()
