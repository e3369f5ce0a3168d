"""Shared Streamlit pieces: the store, the current profile, the period picker, messages.

The one module in utils/ that imports streamlit. Caches are keyed by the database URL, the
profile id and the profile's revision, never by per-user state read inside the cached function.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import streamlit as st

from utils import local_only, models
from utils.models import CONDITIONS, EntryError
from utils.safe_text import md
from utils.store import (
    LOCAL_OWNER,
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
    """The store acting for this session's owner (the local user, or the signed-in person)."""
    _through_app()
    return _owner_store()


def _owner_store() -> Store:
    from utils.hosting import current_owner

    store = _store_for(default_database_url())
    owner = current_owner()
    return store if owner == store.owner else store.for_owner(owner)


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


# The latest read of each profile's entries (database URL, owner, profile id -> rows): the next read,
# after a save, reuses every row that did not change (Store.entries_refreshed).
_LATEST_ROWS: dict[tuple[str, str, int], tuple[StoredEntry, ...]] = {}
_LATEST_LOCK = threading.Lock()


@st.cache_resource(show_spinner=False, max_entries=16)
def _entries_for(
    url: str, profile_id: int, revision: int, owner: str = LOCAL_OWNER
) -> tuple[StoredEntry, ...]:
    # Keyed by owner too, and reached only after ``store.revision`` checked the ownership; the
    # store view is the owner's, so every read (whole or refreshed) checks it again.
    key = (url, owner, profile_id)
    with _LATEST_LOCK:
        previous = _LATEST_ROWS.get(key)
    store = _store_for(url).for_owner(owner)
    if previous:
        rows = tuple(store.entries_refreshed(profile_id, previous))
    else:
        rows = tuple(store.entries(profile_id))
    with _LATEST_LOCK:
        _LATEST_ROWS.pop(key, None)
        _LATEST_ROWS[key] = rows
        while len(_LATEST_ROWS) > 16:
            _LATEST_ROWS.pop(next(iter(_LATEST_ROWS)))
    return rows


def all_entries(profile: Profile, kinds: Sequence[str] | None = None) -> list[StoredEntry]:
    """Every live entry of the profile (cached until the profile's next write)."""
    store = get_store()
    rows = _entries_for(store.url, profile.id, store.revision(profile.id), store.owner)
    if kinds is None:
        return list(rows)
    wanted = set(kinds)
    return [r for r in rows if r.kind in wanted]


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


def _sidebar_picked() -> None:
    set_profile(st.session_state[SIDEBAR_PROFILE_KEY])


def md_escape(text: object) -> str:
    """User text as literal Markdown on one line (headings, labels): ``safe_text.md``."""
    return md(str(text).replace("\r\n", " ").replace("\n", " "))


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


def _incomplete(item: StoredEntry) -> list[str]:
    from utils import forms

    if item.kind == "attack":
        return forms.attack_missing(item.entry)  # type: ignore[arg-type]
    return []


def entry_actions(
    profile: Profile,
    entry_id: int,
    key: str,
    edit_key: str,
    *,
    editable: bool = True,
    form_prefix: str | None = None,
) -> None:
    """One entry with its own buttons: Complete (when details are missing) or Edit (opens the
    page's form on it), Ended now (an attack still going), Delete (to the bin) and History.

    Plain buttons in reading order: reachable with Tab and pressed with Enter or Space.
    """
    store = get_store()
    item = store.get(profile.id, entry_id)
    missing = _incomplete(item) if editable else []
    st.markdown(
        f"{md_escape(item.entry.summary())}  \n:gray[recorded {item.recorded_at:%d %b %Y %H:%M}, "
        f"version {item.version}" + (f"; missing: {', '.join(missing)}" if missing else "") + "]"
    )
    with st.container(horizontal=True, gap="small"):
        if editable:
            label = "Complete" if missing else "Edit"
            if st.button(
                label,
                key=f"{key}_edit_{entry_id}",
                type="primary" if missing else "secondary",
                icon=":material/edit_note:" if missing else ":material/edit:",
            ):
                st.session_state[edit_key] = entry_id
                st.session_state[_version_key(edit_key)] = item.version
                st.session_state[SCROLL_TO_FORM] = True
                if form_prefix:
                    clear_widgets(form_prefix)
                st.rerun()
        if item.kind == "attack" and getattr(item.entry, "ongoing", False):
            ended_now_button(profile, entry_id, item.entry, key=f"{key}_endnow_{entry_id}")
        if st.button("Delete", key=f"{key}_del_{entry_id}", icon=":material/delete:"):
            store.delete(profile.id, entry_id)
            st.session_state.pop(edit_key, None)
            flash("Moved to the bin. Restore it from Your data → Bin.")
            st.rerun()
        show_history = item.version > 1 and st.toggle("History", key=f"{key}_hist_{entry_id}")
    if show_history:
        for h in store.history(profile.id, entry_id):
            st.caption(f"version {h.version} ({h.action} on {h.changed_at:%d %b %Y %H:%M})")
            st.json(h.data, expanded=False)


DAYS_PER_PAGE = 14


def _unlogged_run(days: Sequence[dt.date]) -> str:
    first, last = min(days), max(days)
    if first == last:
        return f"{first:%a %d %b}: not logged"
    return f"{last:%a %d %b} – {first:%a %d %b}: not logged ({len(days)} days)"


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
    """The period day by day, newest first (unlogged days included), each entry with its own
    Complete / Edit / Delete buttons; a read-only table of every day below."""
    import pandas as pd

    from utils.forms import day_rows

    start, end = period(profile)
    st.subheader("Your diary")
    st.caption(
        f"{period_label(start, end)}. Change the period in the sidebar. "
        "Each entry has its own buttons to complete, edit or delete it."
    )
    listing = day_rows(rows, start, end, kinds)
    if not any(r["logged"] for r in listing):
        st.info(f"Nothing logged in this period yet. {empty_hint}")
        return
    logged = sum(r["logged"] for r in listing)
    st.markdown(f"**{logged} of {len(listing)} days logged** in this period.")
    shown_key = f"{key}_days_shown"
    shown = st.session_state.get(shown_key, DAYS_PER_PAGE)
    kinds_by_id = {r.id: r.kind for r in rows}
    gap: list[dt.date] = []
    for info in listing[:shown]:
        if not info["entry_ids"]:
            gap.append(info["day"])
            continue
        if gap:
            st.caption(_unlogged_run(gap))
            gap = []
        with st.container(border=True):
            late = " · entered late" if info["late"] else ""
            st.markdown(f"**{info['day']:%A %d %B %Y}**{late}")
            for entry_id in info["entry_ids"]:
                editable = editable_kinds is None or kinds_by_id.get(entry_id) in editable_kinds
                entry_actions(
                    profile, entry_id, key, edit_key, editable=editable, form_prefix=form_prefix
                )
    if gap:
        st.caption(_unlogged_run(gap))
    if len(listing) > shown:
        more = min(DAYS_PER_PAGE, len(listing) - shown)
        if st.button(f"Show {more} earlier days", key=f"{key}_more", icon=":material/expand_more:"):
            st.session_state[shown_key] = shown + DAYS_PER_PAGE
            st.rerun()
    with st.expander("Every day of the period as a table"):
        table = pd.DataFrame(
            {
                "Day": [r["day"] for r in listing],
                "What was logged": [r["summary"] for r in listing],
                "Entered late": ["yes" if r["late"] else "" for r in listing],
            }
        )
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            key=f"{key}_days",
            column_config={"Day": st.column_config.DateColumn(format="ddd D MMM YYYY")},
        )


# ---------------------------------------------------------------- editing entries (all pages)


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
    existing = next((r for r in rows if r.kind == kind and r.day == day), None)
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


# ---------------------------------------------------------------- quick log and open attacks

QUICK_ROUND = "quick_round"  # one number per quick-log form: its widgets' keys carry it
HEADACHE_EDIT_KEY = "headache_edit_id"  # the headache page's "editing this attack" state


def quick_log(profile: Profile) -> None:
    """The home page's quick log: how bad -> save (an attack that started now, still going).

    Each round of the form has its own widget keys: after a save the next round starts empty
    (Save disabled), and a second tap that reaches the app late belongs to the finished round,
    whose button no longer exists, so one submission saves one attack.
    """
    from utils import forms

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
    from utils import forms

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
    from utils import forms

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
    from utils import forms

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


def edit_dialog(title: str, edit_key: str, form_prefix: str, render) -> None:
    """Show the page's form for the entry being edited in a dialog: in view wherever the Edit
    button was, keyboard focus inside it; closing it (Esc, x) ends the editing."""

    def _dismissed() -> None:
        st.session_state.pop(edit_key, None)
        clear_widgets(form_prefix)

    @st.dialog(title, width="large", on_dismiss=_dismissed)
    def _dialog() -> None:
        render()

    _dialog()


# ---------------------------------------------------------------- catching up on missed days

_CELL = {"not logged": "·", "free": "✓", "logged": "●"}


def catch_up(profile: Profile, rows: Sequence[StoredEntry], condition: str, on_open) -> None:
    """A month grid of one diary: mark several missed days at once as headache-free (or a
    normal day), or open one day to log it. ``on_open(day)`` runs as a button callback."""
    from utils import catchup

    today = models.now().date()
    free = catchup.FREE_LABEL[condition]
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


_DAY_DIARIES = {
    # condition: (kind, page, heading, link label, hint)
    "sweating": (
        "sweat_day",
        "pages/sweating.py",
        "Sweating today",
        "Log a sweating day",
        "One tap when sweating did not bother you today.",
    ),
    "jaw": (
        "jaw_day",
        "pages/jaw.py",
        "Jaw today",
        "Log a jaw day",
        "One tap when your jaw did not bother you today.",
    ),
}


def home_quick_actions(profile: Profile, rows: Sequence[StoredEntry], condition: str) -> None:
    """The home page's quick actions of a day diary: normal day today, or log a day."""
    from utils import catchup

    kind, page, heading, link, hint = _DAY_DIARIES[condition]
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


def entries_with_buttons(
    profile: Profile, entry_ids: Sequence[int], key: str, edit_key: str, form_prefix: str
) -> None:
    """Under a table of entries: each entry with its own Edit / Delete / History buttons
    (keyboard-usable, no row selection in the grid needed)."""
    if not entry_ids:
        return
    with st.expander("Edit or delete an entry", icon=":material/edit:"):
        for entry_id in entry_ids:
            with st.container(border=True):
                entry_actions(profile, entry_id, key, edit_key, form_prefix=form_prefix)
