"""Editing entries on every page: the edit state, saving (optimistic concurrency), one entry
a day diaries' day picker and their "normal day" buttons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from utils import models
from utils.core.diary_rows import rows_on
from utils.form_values import defaults_reader
from utils.safe_text import md
from utils.storage.errors import StaleEntryError, StoreError
from utils.storage.rows import Profile, StoredEntry
from utils.ui import get_store
from utils.ui.messages import clear_widgets, flash, show_error

SCROLL_TO_FORM = "_scroll_to_form"


def _scroll_here() -> None:
    """Bring this point of the page into view once (after an Edit button far below it).

    App-made script only (no user text in it), run in the page itself.
    """
    st.html(
        '<div id="cd-edit-form"></div><script>'
        "setTimeout(() => { const t = document.getElementById('cd-edit-form');"
        " if (t) { t.scrollIntoView({block: 'start'}); } }, 50);</script>",
        unsafe_allow_javascript=True,
    )


def editing_entry(profile: Profile, edit_key: str, kind: str | None = None):
    """(entry id, entry) when the page's form is editing an entry (of ``kind``), else (None, None).

    An id that no longer exists (deleted meanwhile) simply ends the editing. Right after an Edit
    button, the form (drawn just after this call) is scrolled into view.
    """
    entry_id = st.session_state.get(edit_key)
    if entry_id is None:
        return None, None
    try:
        item = get_store().get(profile.id, entry_id)
    except ValueError:
        st.session_state.pop(edit_key, None)
        st.session_state.pop(_version_key(edit_key), None)
        return None, None
    if kind is not None and item.kind != kind:
        return None, None
    st.session_state.setdefault(_version_key(edit_key), item.version)
    stale = st.session_state.pop(_stale_key(edit_key), None)
    if stale:
        st.warning(stale, icon=":material/sync_problem:")
    if st.session_state.pop(SCROLL_TO_FORM, False):
        _scroll_here()
    return entry_id, item.entry


def _version_key(edit_key: str) -> str:
    """Where the version an edit started from is kept (optimistic concurrency)."""
    return f"{edit_key}__version"


def _stale_key(edit_key: str) -> str:
    return f"{edit_key}__stale"


def save_entry(
    profile: Profile,
    entry_or_build,
    entry_id: int | None,
    *,
    edit_key: str,
    form_prefix: str,
    message,
    one_per_day: Sequence[StoredEntry] | None = None,
    on_saved=None,
) -> bool:
    """Validate and add (or, when editing, update) an entry; then clear the form and rerun.

    ``entry_or_build`` is an entry or a function that builds one (so its validation errors are
    shown the same way). ``message``: the confirmation, or a function of the saved entry that
    writes it. ``one_per_day``: the rows to check that a new entry's day is still free
    (sweating and jaw diaries keep one entry a day). ``on_saved(entry)`` runs after a save.
    A refused entry shows what to fix and saves nothing; returns False then.
    """
    store = get_store()
    try:
        entry = entry_or_build() if callable(entry_or_build) else entry_or_build
        if entry_id is not None:
            store.update(
                profile.id,
                entry_id,
                entry,
                expected_version=st.session_state.get(_version_key(edit_key)),
            )
        else:
            if one_per_day is not None and any(
                r.kind == entry.KIND and r.day == entry.day() for r in one_per_day
            ):
                raise StoreError(
                    f"{entry.day():%d %b %Y} already has an entry: select it in the diary below "
                    "and edit it instead"
                )
            store.add(profile.id, entry, one_per_day=one_per_day is not None)
    except StaleEntryError as exc:
        # Another window saved this entry meanwhile: show its latest version in the form.
        st.session_state[_version_key(edit_key)] = exc.latest.version
        st.session_state[_stale_key(edit_key)] = f"Not saved: {exc}"
        clear_widgets(form_prefix)
        st.rerun()
    except ValueError as exc:
        show_error(exc)
        return False
    st.session_state.pop(edit_key, None)
    st.session_state.pop(_version_key(edit_key), None)
    clear_widgets(form_prefix)
    if on_saved is not None:
        on_saved(entry)
    text = message(entry) if callable(message) else message
    if entry_id is not None:
        text = (
            f"{text} The earlier version is kept in the history."
            if callable(message)
            else "Changes saved; the earlier version is kept in the history."
        )
    flash(text)
    st.rerun()
    return True  # pragma: no cover - st.rerun() does not return


def cancel_edit_button(entry_id: int | None, edit_key: str, form_prefix: str, key: str) -> None:
    """A 'Cancel editing' button while an entry is being edited."""
    if entry_id is not None and st.button("Cancel editing", key=key):
        st.session_state.pop(edit_key, None)
        st.session_state.pop(_version_key(edit_key), None)
        clear_widgets(form_prefix)
        st.rerun()


def day_to_edit(
    profile: Profile,
    rows: Sequence[StoredEntry],
    kind: str,
    edit_key: str,
    pick_key: str,
    form_prefix: str,
    label: str = "Day",
):
    """A one-entry-a-day diary's day picker: opening a day that has an entry edits it.

    Returns (day, entry id, entry) with id and entry None when the day is still free. An Edit
    button in the listing (``edit_key``) moves the picker to that entry's day.
    """
    today = models.now().date()
    _, explicit = editing_entry(profile, edit_key, kind)
    if explicit is not None:
        st.session_state[pick_key] = explicit.day()
        st.session_state.pop(edit_key, None)
    if pick_key not in st.session_state:
        st.session_state[pick_key] = today
    day = st.date_input(
        label,
        max_value=today,
        key=pick_key,
        on_change=clear_widgets,
        args=(form_prefix,),
        help="A day that already has an entry opens that entry, to change it.",
    )
    existing = next((r for r in rows_on(rows, day) if r.kind == kind), None)
    version_key, owner_key = _version_key(edit_key), f"{_version_key(edit_key)}_of"
    if existing is None:
        st.session_state.pop(version_key, None)
        st.session_state.pop(owner_key, None)
        return day, None, None
    # The version this edit starts from, kept per entry (optimistic concurrency): a version
    # remembered for another entry never applies to this one.
    if st.session_state.get(owner_key) != existing.id:
        st.session_state[version_key] = existing.version
        st.session_state[owner_key] = existing.id
    stale = st.session_state.pop(_stale_key(edit_key), None)
    if stale:
        st.warning(stale, icon=":material/sync_problem:")
    return day, existing.id, existing.entry


def _add_normal_day(profile: Profile, rows, kind: str, build, day: dt.date) -> None:
    from utils.entry_forms import normal_day_conflict

    conflict = normal_day_conflict(rows, kind, day)
    if conflict:
        st.info(conflict)
        return
    try:  # checked again inside the write: another window may have logged the day meanwhile
        get_store().add(profile.id, build(day), one_per_day=True)
    except ValueError as exc:
        show_error(exc)
    else:
        flash(f"{day:%d %b %Y} recorded as a normal day.")
        st.rerun()


def normal_day_today(
    profile: Profile, rows: Sequence[StoredEntry], kind: str, build, key: str, hint: str
) -> None:
    """'Normal day today' in one tap (one entry a day), and whether today is logged already."""
    today = models.now().date()
    c1, c2 = st.columns([1, 2], vertical_alignment="center")
    if c1.button(
        "Normal day today",
        key=f"{key}_normal_today",
        type="primary",
        icon=":material/sentiment_satisfied:",
    ):
        _add_normal_day(profile, rows, kind, build, today)
    logged = next((r for r in rows_on(rows, today) if r.kind == kind), None)
    c2.caption(f"Today is logged: {md(logged.entry.summary())}." if logged else hint)


def normal_day_other_date(
    profile: Profile, rows: Sequence[StoredEntry], kind: str, build, key: str
) -> None:
    """A normal day recorded for a chosen date."""
    today = models.now().date()
    with st.expander("A normal day on another date", icon=":material/sunny:"):
        day = st.date_input("Day", value=today, max_value=today, key=f"{key}_normal_day")
        if st.button("Normal day", key=f"{key}_normal_save"):
            _add_normal_day(profile, rows, kind, build, day)


def day_form(
    profile: Profile,
    rows: Sequence[StoredEntry],
    kind: str,
    edit_key: str,
    pick_key: str,
    form_prefix: str,
    to_form: Callable[[Any], dict[str, Any]],
) -> tuple[dt.date, int | None, Any, Callable[[str, Any], Any]]:
    """The opening of a one-entry-a-day diary's form (sweating, jaw): the day picker
    (``day_to_edit``) and, when that day has an entry, a note that it is being changed.

    Returns (day, entry id, entry, ``d``): id and entry are None while the day is free;
    ``d(key, fallback)`` is the form's default for a field (the entry's value, converted by
    ``to_form``, or ``fallback``).
    """
    day, editing_id, editing = day_to_edit(profile, rows, kind, edit_key, pick_key, form_prefix)
    d = defaults_reader(to_form(editing) if editing else {})
    if editing is not None:
        st.caption(
            f"{day:%a %d %b %Y} already has an entry: change it below "
            "(the earlier version is kept), or pick another day."
        )
    return day, editing_id, editing, d


def save_day(
    profile: Profile,
    from_form: Callable[[dict[str, Any]], Any],
    values: dict[str, Any],
    entry_id: int | None,
    *,
    edit_key: str,
    form_prefix: str,
    rows: Sequence[StoredEntry],
) -> None:
    """Save a one-entry-a-day diary's form (``save_entry`` with the day kept free)."""
    save_entry(
        profile,
        lambda: from_form(values),
        entry_id,
        edit_key=edit_key,
        form_prefix=form_prefix,
        message=f"{values['date']:%d %b %Y} saved.",
        one_per_day=rows,
    )
