"""The sidebar (profile switcher, period picker), the profile heading and page gating."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st

from utils import models
from utils.storage.rows import Profile
from utils.ui import (
    DEFAULT_PRESET,
    PERIOD_KEY,
    PERIOD_PRESETS,
    SIDEBAR_PROFILE_KEY,
    all_entries,
    current_profile,
    get_store,
    set_profile,
)
from utils.ui.messages import md_escape


def _sidebar_picked() -> None:
    set_profile(st.session_state[SIDEBAR_PROFILE_KEY])


def profile_heading(profile: Profile | None) -> None:
    """The active profile's name above every page's title (as data, never as Markdown)."""
    if profile is None:
        return
    sample = " (made-up sample)" if profile.is_sample else ""
    st.caption(f":material/person: Diary of **{md_escape(profile.name)}**{sample}")


def sidebar(profile: Profile | None) -> None:
    """Profile switcher and period picker, shared by every page."""
    store = get_store()
    with st.sidebar:
        if profile is None:
            st.caption("No diary yet: start on the home page.")
            return
        profiles = store.profiles()
        ids = [p.id for p in profiles]
        names = {p.id: p.name + (" (sample)" if p.is_sample else "") for p in profiles}
        # The widget shows the active profile (set before it is drawn, so a profile chosen
        # elsewhere, e.g. "Create profile", is what it shows); a pick writes the active profile.
        # Only set when it differs: writing a widget's state on every run costs a round trip
        # to the browser that reruns the page (and can cancel a download being prepared).
        if st.session_state.get(SIDEBAR_PROFILE_KEY) != profile.id:
            st.session_state[SIDEBAR_PROFILE_KEY] = profile.id
        st.selectbox(
            "Profile",
            ids,
            format_func=lambda i: names[i],
            key=SIDEBAR_PROFILE_KEY,
            on_change=_sidebar_picked,
            help="Each profile is one person's diary. Manage them under Profiles & settings.",
        )
        period_picker()
        from utils import hosting

        st.caption(hosting.where("sidebar"))


def period_picker() -> None:
    preset = st.selectbox(
        "Period",
        list(PERIOD_PRESETS),
        index=list(PERIOD_PRESETS).index(st.session_state.get(PERIOD_KEY, DEFAULT_PRESET)),
        key="sidebar_period",
    )
    st.session_state[PERIOD_KEY] = preset
    if preset == "Custom":
        today = models.now().date()
        start, end = st.session_state.get("period_custom", (today - dt.timedelta(days=90), today))
        picked = st.date_input("From - to", value=(start, end), max_value=today, key="period_range")
        if isinstance(picked, tuple) and len(picked) == 2:
            st.session_state["period_custom"] = picked


def period(profile: Profile | None = None) -> tuple[dt.date, dt.date]:
    """The period chosen in the sidebar, as (first day, last day) inclusive."""
    today = models.now().date()
    preset = st.session_state.get(PERIOD_KEY, DEFAULT_PRESET)
    days = PERIOD_PRESETS.get(preset, 91)
    if days == -1:
        return st.session_state.get("period_custom", (today - dt.timedelta(days=90), today))
    if days is None:
        first = today
        if profile is not None:
            rows = all_entries(profile)
            if rows:
                first = rows.memo("first_day", lambda: min(r.day for r in rows))
        return first, today
    return today - dt.timedelta(days=days - 1), today


def period_label(start: dt.date, end: dt.date) -> str:
    return f"{start:%d %b %Y} – {end:%d %b %Y} ({(end - start).days + 1} days)"


def require_profile() -> Profile:
    """The current profile, or stop the page with a pointer to the home page."""
    profile = current_profile()
    if profile is None:
        st.info("There is no diary yet. Start on the home page: choose what you track.")
        st.page_link("pages/home.py", label="Go to the home page", icon=":material/home:")
        st.stop()
    return profile


def visible_pages(
    pages: Sequence[tuple[str, str, str, str | None]], conditions: Sequence[str]
) -> list[tuple[str, str, str, str | None]]:
    """The pages a profile sees: every general page, and the diaries of what it tracks."""
    return [p for p in pages if p[3] is None or p[3] in conditions]
