"""Coverage Diary: page setup, navigation and the shared sidebar. Nothing else lives here."""

from __future__ import annotations

import streamlit as st

from utils import conditions, hosting, ui

st.set_page_config(page_title="Coverage Diary", page_icon="📓", layout="wide")

if hosting.hosted():
    hosting.use_browser_time_zone()
if hosting.hosted() and not hosting.signed_in():
    # Hosted mode: nothing of any diary (not even the list of pages) before the sign-in.
    sign_in = st.Page(hosting.sign_in_page, title="Sign in", url_path="sign-in", default=True)
    st.navigation([sign_in], position="hidden").run()
    st.stop()

# (file, title, icon, condition the page belongs to or None for every profile)
PAGES = [
    ("pages/home.py", "Your case", ":material/home:", None),
    *((c.page, c.page_title, c.page_icon, c.key) for c in conditions.all_specs() if c.page),
    ("pages/treatments.py", "Treatments & Botox", ":material/vaccines:", None),
    ("pages/questionnaires.py", "Questionnaires", ":material/assignment:", None),
    ("pages/trends.py", "Trends", ":material/monitoring:", None),
    ("pages/reports.py", "Reports & letters", ":material/description:", None),
    ("pages/cases.py", "Coverage cases", ":material/folder_shared:", None),
    ("pages/guide.py", "Insurance guide", ":material/explore:", None),
    ("pages/data.py", "Your data", ":material/save:", None),
    ("pages/profiles.py", "Profiles & settings", ":material/settings:", None),
]

profile = ui.current_profile()
pages = [
    st.Page(path, title=title, icon=icon, default=(path == PAGES[0][0]))
    for path, title, icon, _ in ui.visible_pages(PAGES, profile.conditions if profile else ())
]
navigation = st.navigation(pages)
ui.sidebar(profile)
if hosting.hosted():
    hosting.account_box()
ui.profile_heading(profile)
navigation.run()
