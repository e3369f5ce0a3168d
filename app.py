"""Coverage Diary: page setup, navigation and the shared sidebar. Nothing else lives here."""

from __future__ import annotations

import streamlit as st

import utils.cases  # noqa: F401  (registers the case-tracker kinds)
from utils import ui

st.set_page_config(page_title="Coverage Diary", page_icon="📓", layout="wide")

# (file, title, icon, condition the page belongs to or None for every profile)
PAGES = [
    ("pages/home.py", "Your case", "🏠", None),
    ("pages/headache.py", "Headache diary", "🤕", "headache"),
    ("pages/sweating.py", "Sweating diary", "💧", "sweating"),
    ("pages/jaw.py", "Jaw diary", "🦷", "jaw"),
    ("pages/treatments.py", "Treatments & Botox", "💉", None),
    ("pages/questionnaires.py", "Questionnaires", "📋", None),
    ("pages/cases.py", "Coverage cases", "📁", None),
    ("pages/guide.py", "Insurance guide", "🧭", None),
    ("pages/data.py", "Your data", "💾", None),
    ("pages/profiles.py", "Profiles & settings", "⚙️", None),
]

profile = ui.current_profile()
pages = [
    st.Page(path, title=title, icon=icon, default=(path == PAGES[0][0]))
    for path, title, icon, _ in ui.visible_pages(PAGES, profile.conditions if profile else ())
]
navigation = st.navigation(pages)
ui.sidebar(profile)
navigation.run()
