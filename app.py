"""Coverage Diary: page setup, navigation and the shared sidebar. Nothing else lives here."""

from __future__ import annotations

import streamlit as st

from utils import ui

st.set_page_config(page_title="Coverage Diary", page_icon="📓", layout="wide")

# (file, title, icon, condition the page belongs to or None for every profile)
PAGES = [
    ("pages/home.py", "Your case", "🏠", None),
    ("pages/headache.py", "Headache diary", "🤕", "headache"),
    ("pages/profiles.py", "Profiles & settings", "⚙️", None),
]

profile = ui.current_profile()
tracked = set(profile.conditions) if profile else set()
pages = [
    st.Page(path, title=title, icon=icon, default=(i == 0))
    for i, (path, title, icon, condition) in enumerate(PAGES)
    if condition is None or condition in tracked
]
navigation = st.navigation(pages)
ui.sidebar(profile)
navigation.run()
