"""Downloads made in the page: the daily reminder (.ics) and the app's own address."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from utils import models


def app_address() -> str:
    """This app's address as the browser sees it (without the page), for links out of the app."""
    from urllib.parse import urlsplit

    url = getattr(st.context, "url", None) or ""
    parts = urlsplit(url)
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}/"
    return "http://localhost:8501/"


def daily_reminder() -> None:
    """Choose a time and download a daily recurring .ics event that opens the app."""
    from utils import calendar_export

    c1, c2 = st.columns(2)
    at = c1.time_input("Remind me every day at", value=dt.time(20, 0), step=900, key="reminder_at")
    url = c2.text_input(
        "App address the reminder opens",
        value=app_address(),
        max_chars=300,
        key="reminder_url",
        help="The address in your browser's address bar when this app is open.",
    )
    st.download_button(
        "Download the daily reminder (.ics)",
        data=calendar_export.daily_reminder_ics(
            at, url.strip() or app_address(), start=models.now().date()
        ),
        file_name="coverage-diary-daily-reminder.ics",
        mime="text/calendar",
        icon=":material/alarm:",
        key="reminder_download",
    )
