"""The quick log and the attacks still going (home page, headache page).

Headache only: it uses the headache forms part (``utils/conditions/headache/forms.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st

from utils import models
from utils.storage.rows import Profile, StoredEntry
from utils.ui import get_store
from utils.ui.messages import clear_widgets, flash, show_error

QUICK_ROUND = "quick_round"  # one number per quick-log form: its widgets' keys carry it
HEADACHE_EDIT_KEY = "headache_edit_id"  # the headache page's "editing this attack" state


def quick_log(profile: Profile) -> None:
    """The home page's quick log: how bad -> save (an attack that started now, still going).

    Each round of the form has its own widget keys: after a save the next round starts empty
    (Save disabled), and a second tap that reaches the app late belongs to the finished round,
    whose button no longer exists, so one submission saves one attack.
    """
    from utils.conditions.headache import forms

    n = st.session_state.get(QUICK_ROUND, 0)
    st.markdown("**Quick log**: an attack that started now. Add the details later.")
    severity = st.segmented_control(
        "How bad is it?", list(forms.QUICK_SEVERITY), key=f"quick_severity_{n}"
    )
    if st.button("Save attack", type="primary", key=f"quick_save_{n}", disabled=severity is None):
        try:
            get_store().add(profile.id, forms.quick_attack(severity))
        except ValueError as exc:
            show_error(exc)
        else:
            st.session_state[QUICK_ROUND] = n + 1
            clear_widgets(f"quick_severity_{n}")
            flash(f"{severity} attack saved as still going. End it or add details any time.")
            st.rerun()


def _end_attack(profile: Profile, row: StoredEntry, end: dt.datetime) -> None:
    from utils.conditions.headache import forms

    try:
        get_store().update(profile.id, row.id, forms.end_attack(row.entry, end))  # type: ignore[arg-type]
    except ValueError as exc:
        show_error(exc)
    else:
        flash(f"Attack {forms.since_text(row.entry)} ended {end:%a %d %b %H:%M}.")  # type: ignore[arg-type]
        st.rerun()


def _open_details(row: StoredEntry) -> None:
    st.session_state[HEADACHE_EDIT_KEY] = row.id
    clear_widgets("a_")
    st.switch_page("pages/headache.py")


def quick_log_open_attack(profile: Profile, row: StoredEntry) -> None:
    """While an attack is still going, the quick log offers to end it (or to log another)."""
    from utils.conditions.headache import forms

    st.markdown(
        f"**Quick log**: your attack {forms.since_text(row.entry)} "  # type: ignore[arg-type]
        "is still going."
    )
    if row.entry.start_time is not None and st.button(  # type: ignore[attr-defined]
        "It has ended now", type="primary", key="quick_end_open", icon=":material/check:"
    ):
        _end_attack(profile, row, models.now())
    if st.toggle("Log a separate, new attack", key="quick_new_anyway"):
        quick_log(profile)


def open_attacks_banner(profile: Profile, open_rows: Sequence[StoredEntry]) -> None:
    """One line per attack still going: ended now / ended at ... / add details."""
    from utils.conditions.headache import forms

    today = models.now().date()
    with st.container(border=True):
        st.markdown(
            ":material/hourglass_top: **Still going?** An attack without an end runs on in the "
            "diary: end it, or add its details."
        )
        for row in open_rows:
            a = row.entry
            # App-made text only (dates, numbers): safe as Markdown.
            label = f"Attack still going {forms.since_text(a)}"  # type: ignore[arg-type]
            if a.pain is not None:  # type: ignore[attr-defined]
                label += f", pain {a.pain}/10"  # type: ignore[attr-defined]
            st.markdown(f"**{label}**")
            row_box = st.container(horizontal=True, gap="small")
            c1 = c2 = c3 = row_box
            if a.start_time is not None:  # type: ignore[attr-defined]
                if c1.button("Ended now", key=f"open_end_now_{row.id}", icon=":material/check:"):
                    _end_attack(profile, row, models.now())
                with c2.popover("Ended at ...", icon=":material/schedule:"):
                    day = st.date_input(
                        "Ended on",
                        value=today,
                        min_value=a.start_date,  # type: ignore[attr-defined]
                        max_value=today,
                        key=f"open_end_day_{row.id}",
                    )
                    at = st.time_input(
                        "at",
                        value=dt.time(models.now().hour),
                        step=900,
                        key=f"open_end_time_{row.id}",
                    )
                    if st.button("Save the end", key=f"open_end_at_{row.id}", type="primary"):
                        _end_attack(profile, row, dt.datetime.combine(day, at))
            if c3.button("Add details", key=f"open_details_{row.id}", icon=":material/edit:"):
                _open_details(row)


def ended_now_button(profile: Profile, entry_id: int, attack, *, key: str) -> None:
    """'Ended now' for an attack still going (needs a start time)."""
    if attack.start_time is None:
        return
    if st.button("It ended now", key=key, icon=":material/check:"):
        row = get_store().get(profile.id, entry_id)
        st.session_state.pop(HEADACHE_EDIT_KEY, None)
        clear_widgets("a_")
        _end_attack(profile, row, models.now())
