"""Shared Streamlit pieces: the store, the current profile, the period picker, messages.

The one package in utils/ that imports streamlit. This module holds the store and the caches
keyed by owner (``_store_for``, ``_entries_for``, ``all_entries``, ``binned_entries``) and the
active profile; the rows are a ``utils.core.diary_rows.DiaryRows`` (indexed once per revision,
so a rerun that changes nothing does not scan the diary). The rest lives in its modules and is
re-exported here, so ``from utils import ui; ui.X`` keeps working for every page:

- ``messages``: errors, flashes, Markdown escaping of one-line user text, widget state;
- ``sidebar``: profile switcher, period picker and period, the profile heading, page gating;
- ``editing``: the edit state, ``save_entry``, the one-entry-a-day picker, "normal day" buttons;
- ``entries``: the day-by-day diary and the Edit / Delete / History buttons, the edit dialog;
- ``attacks``: the quick log and the attacks still going;
- ``catch_up``: the month grid of missed days, the week's note, the home page's day diaries;
- ``downloads``: the daily reminder.

Caches are keyed by the database URL, the owner, the profile id and the profile's revision,
never by per-user state read inside the cached function.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import streamlit as st

from utils import local_only
from utils.core.diary_rows import DiaryRows
from utils.storage.checks import LOCAL_OWNER
from utils.storage.engine import default_database_url
from utils.storage.rows import EntriesRead, Profile, StoredEntry
from utils.storage.store import Store

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
    """The store acting for this session's owner (the local user, or the signed-in person)."""
    _through_app()
    return _owner_store()


def _owner_store() -> Store:
    from utils.hosting import current_owner

    store = _store_for(default_database_url())
    owner = current_owner()
    return store if owner == store.owner else store.for_owner(owner)


APP_SCRIPT = str(Path(__file__).resolve().parents[2] / "app.py")


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


# The latest read of each profile's entries (database URL, owner, profile id -> the rows and the
# revision they were read at): the next read, after a save, reads only the rows changed since and
# reuses every other row (Store.entries_refreshed).
_LATEST_ROWS: dict[tuple[str, str, int], EntriesRead] = {}
_LATEST_LOCK = threading.Lock()


@st.cache_resource(show_spinner=False, max_entries=16)
def _entries_for(url: str, profile_id: int, revision: int, owner: str = LOCAL_OWNER) -> DiaryRows:
    # Keyed by owner too, and reached only after ``store.revision`` checked the ownership; the
    # store view is the owner's, so every read (whole or refreshed) checks it again.
    key = (url, owner, profile_id)
    with _LATEST_LOCK:
        previous = _LATEST_ROWS.get(key)
    store = _store_for(url).for_owner(owner)
    # Kept by the revision read with the rows (not ``revision``, read before them: a save that
    # landed in between is then read again next time, never skipped).
    read = store.entries_refreshed(profile_id, previous)
    with _LATEST_LOCK:
        kept = _LATEST_ROWS.pop(key, None)
        # Two sessions may refresh at once: keep the newer read.
        newer = kept is not None and kept.epoch == read.epoch and kept.revision > read.revision
        _LATEST_ROWS[key] = kept if newer else read
        while len(_LATEST_ROWS) > 16:
            _LATEST_ROWS.pop(next(iter(_LATEST_ROWS)))
    # ``DiaryRows`` (a tuple, and a ``Recorded``): indexed once for the pages' reruns, and every
    # evidence built from this read (any period, any page) shares its one grouping by entry type
    # and sort into the recorded order.
    return DiaryRows(read.rows)


def all_entries(profile: Profile, kinds: Sequence[str] | None = None) -> DiaryRows:
    """Every live entry of the profile, or those of ``kinds``, in the store's order (cached
    until the profile's next write).

    The rows are a ``DiaryRows`` (``utils.core.diary_rows``): an immutable tuple shared between
    reruns and sessions, with the indexes the diary helpers use so that a rerun which changes
    nothing does not scan the whole diary again.
    """
    store = get_store()
    rows = _entries_for(store.url, profile.id, store.revision(profile.id), store.owner)
    return rows if kinds is None else rows.of_kinds(kinds)


def binned_entries(profile: Profile) -> tuple[StoredEntry, ...]:
    """The profile's bin (deleted entries, oldest day first), read once per revision: moving an
    entry to the bin, restoring it and emptying the bin each move the revision on. Shared
    between reruns and sessions of the owner (kept with the revision's rows): never modify."""
    store = get_store()
    rows = _entries_for(store.url, profile.id, store.revision(profile.id), store.owner)
    return rows.memo("bin", lambda: tuple(store.entries(profile.id, deleted=True)))


SIDEBAR_PROFILE_KEY = "sidebar_profile"


def current_profile() -> Profile | None:
    """The active profile: the one piece of state every control reads (``PROFILE_KEY``).

    A new visit opens the profile used last (remembered in the database), else the first one.
    """
    store = get_store()
    profiles = store.profiles()
    if not profiles:
        st.session_state.pop(PROFILE_KEY, None)
        return None
    chosen = st.session_state.get(PROFILE_KEY)
    for p in profiles:
        if p.id == chosen:
            return p
    last = store.last_used()
    first = last or next((p for p in profiles if not p.is_sample), profiles[0])
    st.session_state[PROFILE_KEY] = first.id
    return first


def set_profile(profile_id: int) -> None:
    """Make ``profile_id`` the active profile (every control follows; remembered for next visit)."""
    _owner_store().mark_used(profile_id)  # refuses a profile of another owner
    st.session_state[PROFILE_KEY] = profile_id


# The rest of the package, re-exported (imported last: these modules use the names above).
from utils.ui.attacks import (  # noqa: E402
    HEADACHE_EDIT_KEY,
    QUICK_ROUND,
    ended_now_button,
    open_attacks_banner,
    quick_log,
    quick_log_open_attack,
)
from utils.ui.catch_up import (  # noqa: E402
    LOG_DAY_KEY,
    catch_up,
    home_one_taps,
    home_quick_actions,
    open_day_for,
    week_note,
)
from utils.ui.downloads import app_address, daily_reminder  # noqa: E402
from utils.ui.editing import (  # noqa: E402
    SCROLL_TO_FORM,
    cancel_edit_button,
    day_form,
    day_to_edit,
    editing_entry,
    normal_day_other_date,
    normal_day_today,
    save_day,
    save_entry,
)
from utils.ui.entries import (  # noqa: E402
    DAYS_PER_PAGE,
    day_diary_below,
    diary_by_day,
    edit_dialog,
    entries_with_buttons,
    entry_actions,
)
from utils.ui.messages import (  # noqa: E402
    clear_widgets,
    condition_label,
    flash,
    md_escape,
    show_error,
    show_flash,
)
from utils.ui.sidebar import (  # noqa: E402
    period,
    period_label,
    period_picker,
    profile_heading,
    require_profile,
    sidebar,
    visible_pages,
)

__all__ = [
    "APP_SCRIPT",
    "DAYS_PER_PAGE",
    "DEFAULT_PRESET",
    "HEADACHE_EDIT_KEY",
    "LOG_DAY_KEY",
    "PERIOD_KEY",
    "PERIOD_PRESETS",
    "PROFILE_KEY",
    "QUICK_ROUND",
    "SCROLL_TO_FORM",
    "SHELL_SEEN",
    "SIDEBAR_PROFILE_KEY",
    "all_entries",
    "binned_entries",
    "app_address",
    "cancel_edit_button",
    "catch_up",
    "clear_widgets",
    "condition_label",
    "current_profile",
    "daily_reminder",
    "day_diary_below",
    "day_form",
    "day_to_edit",
    "diary_by_day",
    "edit_dialog",
    "editing_entry",
    "ended_now_button",
    "entries_with_buttons",
    "entry_actions",
    "flash",
    "get_store",
    "home_one_taps",
    "home_quick_actions",
    "md_escape",
    "normal_day_other_date",
    "normal_day_today",
    "open_attacks_banner",
    "open_day_for",
    "period",
    "period_label",
    "period_picker",
    "profile_heading",
    "quick_log",
    "quick_log_open_attack",
    "require_profile",
    "save_day",
    "save_entry",
    "set_profile",
    "show_error",
    "show_flash",
    "sidebar",
    "st",
    "visible_pages",
    "week_note",
]
