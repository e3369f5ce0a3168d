"""Shared Streamlit pieces: the store, the current profile, the period picker, messages.

The one module in utils/ that imports streamlit. Caches are keyed by the database URL, the
profile id and the profile's revision, never by per-user state read inside the cached function.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

import streamlit as st

from utils import local_only, models
from utils.models import CONDITIONS, EntryError
from utils.safe_text import md
from utils.store import (
    Profile,
    StaleEntryError,
    Store,
    StoredEntry,
    StoreError,
    default_database_url,
)

local_only.pin_addresses()  # no internet lookups on a foreign origin (utils/local_only.py)

PROFILE_KEY = "profile_id"
PERIOD_KEY = "period_preset"
PERIOD_PRESETS = {
    "Last 30 days": 30,
    "Last 3 months": 91,
    "Last 6 months": 182,
    "Last 12 months": 365,
    "Last 2 years": 730,
    "Everything": None,
    "Custom": -1,
}
DEFAULT_PRESET = "Last 3 months"


@st.cache_resource(show_spinner=False)
def _store_for(url: str) -> Store:
    return Store(url)


def get_store() -> Store:
    _through_app()
    return _store_for(default_database_url())


APP_SCRIPT = str(Path(__file__).resolve().parent.parent / "app.py")


SHELL_SEEN = "_app_shell_seen"


def _through_app() -> None:
    """Make sure a visitor's first page runs inside app.py's navigation (sidebar, page config).

    With a ``pages/`` folder, Streamlit starts in its legacy pages mode: until some session has
    run ``st.navigation``, a first visitor who opens a deep link (``/trends``) gets that page
    file run on its own, without app.py. Every page asks for the store first, so on a session's
    first run without app.py, switch the legacy mode off and run again: the visit then goes
    through app.py, to the same page. (Streamlit's AppTest turns the legacy mode on again for
    every run of a page it switched to; those sessions have seen app.py already and are left
    as they are.)
    """
    from streamlit.runtime.pages_manager import PagesManager

    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == APP_SCRIPT:
            st.session_state[SHELL_SEEN] = True
            return
        frame = frame.f_back
    if PagesManager.uses_pages_directory and not st.session_state.get(SHELL_SEEN):
        PagesManager.uses_pages_directory = False
        st.rerun()


@st.cache_resource(show_spinner=False, max_entries=16)
def _entries_for(url: str, profile_id: int, revision: int) -> tuple[StoredEntry, ...]:
    return tuple(_store_for(url).entries(profile_id))


def all_entries(profile: Profile, kinds: Sequence[str] | None = None) -> list[StoredEntry]:
    """Every live entry of the profile (cached until the profile's next write)."""
    store = get_store()
    rows = _entries_for(store.url, profile.id, store.revision(profile.id))
    if kinds is None:
        return list(rows)
    wanted = set(kinds)
    return [r for r in rows if r.kind in wanted]


def current_profile() -> Profile | None:
    store = get_store()
    profiles = store.profiles()
    if not profiles:
        st.session_state.pop(PROFILE_KEY, None)
        return None
    chosen = st.session_state.get(PROFILE_KEY)
    for p in profiles:
        if p.id == chosen:
            return p
    first = next((p for p in profiles if not p.is_sample), profiles[0])
    st.session_state[PROFILE_KEY] = first.id
    return first


def set_profile(profile_id: int) -> None:
    st.session_state[PROFILE_KEY] = profile_id


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
        picked = st.selectbox(
            "Profile",
            ids,
            index=ids.index(profile.id),
            format_func=lambda i: names[i],
            key="sidebar_profile",
            help="Each profile is one person's diary. Manage them under Profiles & settings.",
        )
        if picked != profile.id:
            set_profile(picked)
            st.rerun()
        period_picker()
        st.caption("Stored only on this computer. No account, no tracking.")


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
                first = min(r.day for r in rows)
        return first, today
    return today - dt.timedelta(days=days - 1), today


def period_label(start: dt.date, end: dt.date) -> str:
    return f"{start:%d %b %Y} – {end:%d %b %Y} ({(end - start).days + 1} days)"


def show_error(exc: Exception) -> None:
    """A refused input: say what to fix. Nothing was saved."""
    if isinstance(exc, EntryError):
        lines = "\n".join(f"- {md(m)}" for m in exc.messages)
        st.error(f"Not saved. Please fix:\n{lines}")
    elif isinstance(exc, StoreError):
        st.error(f"Not saved: {md(exc)}")
    else:  # pragma: no cover - unexpected
        raise exc


def flash(message: str) -> None:
    """Show a message after the next rerun (forms clear themselves on submit)."""
    st.session_state["_flash"] = message


def show_flash() -> None:
    msg = st.session_state.pop("_flash", None)
    if msg:
        st.success(msg)


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


def condition_label(condition: str) -> str:
    return CONDITIONS.get(condition, condition)


def clear_widgets(prefix: str) -> None:
    """Forget a form's widget values so it shows its defaults again."""
    for key in [k for k in st.session_state if str(k).startswith(prefix)]:
        del st.session_state[key]


def entry_actions(
    profile: Profile,
    entry_id: int,
    key: str,
    edit_key: str,
    *,
    editable: bool = True,
    form_prefix: str | None = None,
) -> None:
    """One entry with Edit (opens the page's form on it), Delete (to the bin) and History."""
    store = get_store()
    item = store.get(profile.id, entry_id)
    c1, c2, c3, c4 = st.columns([5, 1, 1, 1])
    c1.markdown(
        f"{md(item.entry.summary())}  \n:gray[recorded {item.recorded_at:%d %b %Y %H:%M}, "
        f"version {item.version}]"
    )
    if editable and c2.button("Edit", key=f"{key}_edit_{entry_id}"):
        st.session_state[edit_key] = entry_id
        st.session_state[_version_key(edit_key)] = item.version
        if form_prefix:
            clear_widgets(form_prefix)
        st.rerun()
    if c3.button("Delete", key=f"{key}_del_{entry_id}"):
        store.delete(profile.id, entry_id)
        st.session_state.pop(edit_key, None)
        flash("Moved to the bin. Restore it from Your data → Bin.")
        st.rerun()
    if item.version > 1 and c4.toggle("History", key=f"{key}_hist_{entry_id}"):
        for h in store.history(profile.id, entry_id):
            st.caption(f"version {h.version} ({h.action} on {h.changed_at:%d %b %Y %H:%M})")
            st.json(h.data, expanded=False)


def diary_by_day(
    profile: Profile,
    rows: Sequence[StoredEntry],
    kinds: Sequence[str],
    key: str,
    edit_key: str,
    *,
    empty_hint: str,
    editable_kinds: Sequence[str] | None = None,
    form_prefix: str | None = None,
) -> None:
    """The period day by day (unlogged days included); select a day to edit or delete."""
    import pandas as pd

    from utils.forms import day_rows

    start, end = period(profile)
    st.subheader("Your diary")
    st.caption(
        f"{period_label(start, end)}. Change the period in the sidebar. "
        "Select a day to edit or delete its entries."
    )
    listing = day_rows(rows, start, end, kinds)
    if not any(r["logged"] for r in listing):
        st.info(f"Nothing logged in this period yet. {empty_hint}")
        return
    logged = sum(r["logged"] for r in listing)
    st.markdown(f"**{logged} of {len(listing)} days logged** in this period.")
    table = pd.DataFrame(
        {
            "Day": [r["day"] for r in listing],
            "What was logged": [r["summary"] for r in listing],
            "Entered late": ["yes" if r["late"] else "" for r in listing],
        }
    )
    picked = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=f"{key}_days",
        column_config={"Day": st.column_config.DateColumn(format="ddd D MMM YYYY")},
    )
    selected = picked.selection.rows if picked else []
    if not selected:
        return
    info = listing[selected[0]]
    st.markdown(f"**{info['day']:%A %d %B %Y}**")
    if not info["entry_ids"]:
        st.caption("Nothing logged on this day.")
    kinds_by_id = {r.id: r.kind for r in rows}
    for entry_id in info["entry_ids"]:
        editable = editable_kinds is None or kinds_by_id.get(entry_id) in editable_kinds
        entry_actions(profile, entry_id, key, edit_key, editable=editable, form_prefix=form_prefix)


# ---------------------------------------------------------------- editing entries (all pages)


def editing_entry(profile: Profile, edit_key: str, kind: str | None = None):
    """(entry id, entry) when the page's form is editing an entry (of ``kind``), else (None, None).

    An id that no longer exists (deleted meanwhile) simply ends the editing.
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
    logged = next((r for r in rows if r.kind == kind and r.day == today), None)
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
