"""Catching up on missed days (month grid), the week's note and the home page's quick actions
of the day diaries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st

from utils import models
from utils.core.diary_rows import rows_on
from utils.storage.rows import Profile, StoredEntry
from utils.ui import get_store
from utils.ui.editing import normal_day_today
from utils.ui.messages import clear_widgets, condition_label, flash, show_error

_CELL = {"not logged": "·", "free": "✓", "logged": "●"}


def catch_up(profile: Profile, rows: Sequence[StoredEntry], condition: str, on_open) -> None:
    """A month grid of one diary: mark several missed days at once as headache-free (or a
    normal day), or open one day to log it. ``on_open(day)`` runs as a button callback."""
    from utils import catchup

    today = models.now().date()
    free = catchup.free_label(condition)
    key = f"catchup_{condition}"
    with st.expander("Catch up on missed days", icon=":material/event_repeat:"):
        months = catchup.recent_months(today)
        year, month = st.selectbox(
            "Month",
            months,
            format_func=lambda ym: dt.date(ym[0], ym[1], 1).strftime("%B %Y"),
            key=f"{key}_month",
        )
        days = catchup.month_days(year, month, today)
        states = catchup.day_states(rows, condition, days)
        # App-made numbers and symbols only (no user text): a fixed-layout table fits a phone.
        cell = "padding:4px 2px;text-align:center;border:1px solid rgba(128,128,128,.35)"
        head = "".join(
            f'<th style="{cell}">{n}</th>' for n in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
        )
        body = ""
        for week in catchup.month_grid(year, month):
            tds = ""
            for d in week:
                text = "" if d is None else str(d.day)
                if d is not None and d in states:
                    text += f" {_CELL[states[d]]}"
                tds += f'<td style="{cell}">{text}</td>'
            body += f"<tr>{tds}</tr>"
        st.html(
            '<table style="table-layout:fixed;width:100%;max-width:28rem;border-collapse:'
            f'collapse;font-size:0.9rem" aria-label="Days of the month"><tr>{head}</tr>{body}</table>'
        )
        st.caption(f"✓ {free} · ● logged · a dot alone: not logged (counts as missing data).")
        missed = [d for d in days if states[d] == catchup.NOT_LOGGED]
        if not missed:
            st.success("Every day of this month up to today is logged.")
            return
        n = st.session_state.get(f"{key}_round", 0)
        picked = st.pills(
            f"Missed days to mark as {free}",
            missed,
            selection_mode="multi",
            format_func=lambda d: f"{d:%a} {d.day}",
            key=f"{key}_days_{n}",
            help="Only days you remember: a day left as it is stays 'not logged'.",
        )
        if st.button(
            f"Mark {len(picked)} day{'s' if len(picked) != 1 else ''} as {free}",
            key=f"{key}_mark_{n}",
            disabled=not picked,
            type="primary",
        ):
            try:
                get_store().add_many(
                    profile.id, [(catchup.free_entry(condition, d), None) for d in sorted(picked)]
                )
            except ValueError as exc:
                show_error(exc)
            else:
                st.session_state[f"{key}_round"] = n + 1
                flash(f"{len(picked)} day{'s' if len(picked) != 1 else ''} recorded as {free}.")
                st.rerun()
        c1, c2 = st.columns([2, 1], vertical_alignment="bottom")
        c1.selectbox(
            "Or open one missed day to log it",
            missed,
            index=len(missed) - 1,
            format_func=lambda d: f"{d:%A %d %B}",
            key=f"{key}_open_day",
        )
        c2.button(
            "Open this day",
            key=f"{key}_open",
            on_click=lambda: on_open(st.session_state[f"{key}_open_day"]),
        )


def week_note(rows: Sequence[StoredEntry], condition: str) -> None:
    """A gentle note of the days not logged so far this week (nothing when all are logged)."""
    from utils import catchup

    missed = catchup.unlogged_this_week(rows, condition, models.now().date())
    if missed:
        n = len(missed)
        st.caption(
            f":material/info: {condition_label(condition)}: {n} day{'s' if n != 1 else ''} of "
            f"this week not logged yet ({catchup.days_text(missed)}). Fill them in while you "
            "remember, or leave them: an unlogged day is simply missing, never counted as good."
        )


def open_day_for(condition: str, pick_key: str | None, form_prefix: str):
    """The on_open callback of a diary's catch-up: put the day into the page's form."""

    def _open(day: dt.date) -> None:
        clear_widgets(form_prefix)
        if pick_key is not None:
            st.session_state[pick_key] = day
        else:
            st.session_state[LOG_DAY_KEY] = day

    return _open


LOG_DAY_KEY = "headache_log_day"  # the attack form's start date, set by "Open this day"


def home_quick_actions(profile: Profile, rows: Sequence[StoredEntry], condition: str) -> None:
    """The home page's quick actions of a day diary: normal day today, or log a day."""
    from utils import catchup, conditions

    # The condition's forms part says what its quick actions show (``DAY_DIARY``).
    diary = conditions.part(condition, "forms").DAY_DIARY  # type: ignore[union-attr]
    kind, page, heading, link, hint = (
        diary[k] for k in ("kind", "page", "heading", "link", "hint")
    )
    st.subheader(heading)
    normal_day_today(
        profile,
        rows,
        kind,
        lambda day: catchup.free_entry(condition, day),
        f"home_{condition}",
        hint,
    )
    st.page_link(page, label=link, icon=":material/edit_calendar:")


def _short(button: dict) -> str:
    """A one-tap button's name in messages: its ``short`` or its label without " now"."""
    return button.get("short") or button["label"].removesuffix(" now")


def home_one_taps(profile: Profile, rows: Sequence[StoredEntry], condition: str) -> None:
    """The home page's one-tap buttons of a condition (its forms part's ``HOME_ACTIONS``): each
    saves ``home_action(action)`` now; today's count of each action is shown under them."""
    from utils import conditions

    part = conditions.part(condition, "forms")
    actions = (  # a part may vary its buttons by the profile's settings (bladder: neurogenic)
        part.home_actions(profile.settings)  # type: ignore[union-attr]
        if hasattr(part, "home_actions")
        else part.HOME_ACTIONS  # type: ignore[union-attr]
    )
    st.subheader(actions["heading"])
    buttons = actions["buttons"]
    today = models.now().date()
    for col, b in zip(st.columns(len(buttons)), buttons, strict=True):
        if col.button(
            b["label"],
            type="primary",
            icon=b["icon"],
            key=f"home_{condition}_{b['action']}",
            width="stretch",
        ):
            try:
                entry = part.home_action(b["action"])  # type: ignore[union-attr]
                get_store().add(profile.id, entry)
            except ValueError as exc:
                show_error(exc)
            else:
                flash(f"{_short(b)} logged at {models.now():%H:%M}.")
                st.rerun()
    done = [
        r.entry.event
        for r in rows_on(rows, today)
        if getattr(r.entry, "event", None) in {b["action"] for b in buttons}
    ]
    st.caption(
        "Today so far: "
        + ", ".join(f"{_short(b)}: {done.count(b['action'])}" for b in buttons)
        + ". Add details later in the diary."
    )
    st.page_link(actions["page"], label=actions["link"], icon=":material/edit_calendar:")
