"""Lists of entries with their own buttons: the day-by-day diary, tables' Edit / Delete /
History buttons, and the edit dialog."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import streamlit as st

from utils.core.diary_rows import rows_by_id
from utils.storage.rows import Profile, StoredEntry
from utils.treatments_view import listing_rows
from utils.ui import _entries_for, all_entries, get_store
from utils.ui.attacks import ended_now_button
from utils.ui.editing import SCROLL_TO_FORM, _version_key
from utils.ui.messages import clear_widgets, flash, md_escape
from utils.ui.sidebar import period, period_label


def _incomplete(item: StoredEntry) -> list[str]:
    """What the entry still lacks, as its condition's forms part says (``incomplete``)."""
    from utils import conditions

    for _spec, forms in conditions.parts("forms"):
        incomplete = getattr(forms, "incomplete", None)
        if incomplete is not None and item.kind in _spec.entry_kinds:
            return incomplete(item.entry)
    return []


def entry_actions(
    profile: Profile,
    entry_id: int,
    key: str,
    edit_key: str,
    *,
    editable: bool = True,
    form_prefix: str | None = None,
    item: StoredEntry | None = None,
) -> None:
    """One entry with its own buttons: Complete (when details are missing) or Edit (opens the
    page's form on it), Ended now (an attack still going), Delete (to the bin) and History.

    Plain buttons in reading order: reachable with Tab and pressed with Enter or Space.
    ``item`` is the entry as already read (the profile's cached rows of this revision): without
    it the entry is read from the store, one query per entry.
    """
    store = get_store()
    if item is None or item.id != entry_id:
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
    by_id = rows_by_id(rows)  # kept with the revision's rows (a plain dict for a plain list)
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
                item = by_id.get(entry_id)
                editable = editable_kinds is None or (item and item.kind) in editable_kinds
                entry_actions(
                    profile,
                    entry_id,
                    key,
                    edit_key,
                    editable=editable,
                    form_prefix=form_prefix,
                    item=item,
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


@st.cache_resource(show_spinner=False, max_entries=64)
def _entries_of_kinds(
    url: str, profile_id: int, revision: int, owner: str, kinds: tuple[str, ...]
) -> tuple[StoredEntry, ...]:
    # Picked once per revision from the profile's cached rows (read through the owner's store,
    # which refuses a profile of another owner); a rerun with nothing changed reuses them.
    wanted = frozenset(kinds)
    return tuple(r for r in _entries_for(url, profile_id, revision, owner) if r.kind in wanted)


@dataclass(frozen=True)
class PageEntries:
    """A page's entries of some kinds at one revision of the profile (read once per run), and
    the tables built from them (``listing``), all of the same revision."""

    url: str
    owner: str
    profile_id: int
    revision: int
    kinds: tuple[str, ...]
    rows: tuple[StoredEntry, ...]

    def listing(self, table: str, arg: str = "", *, today: dt.date) -> Listing:
        """A table of these entries (``table``: questionnaire (``arg`` its kind), trials
        (``arg`` the condition), sessions, side_effects); cached until the profile's next
        write or the next day."""
        return _listing(
            self.url, self.profile_id, self.revision, self.owner, self.kinds, table, arg, today
        )


def page_entries(profile: Profile, kinds: Sequence[str]) -> PageEntries:
    """The profile's live entries of ``kinds``, in the store's order (cached until the profile's
    next write): a page about a few kinds does not walk the whole diary on every rerun."""
    store = get_store()
    revision = store.revision(profile.id)
    kinds = tuple(kinds)
    rows = _entries_of_kinds(store.url, profile.id, revision, store.owner, kinds)
    return PageEntries(store.url, store.owner, profile.id, revision, kinds, rows)


@dataclass(frozen=True)
class Listing:
    """A page's table of entries: its rows (read-only, with the hidden columns) and the table
    as shown (a read-only Arrow table of the other columns, ready for ``st.dataframe``)."""

    rows: tuple[Mapping[str, Any], ...]
    frame: Any  # pyarrow.Table

    @property
    def entry_ids(self) -> list[int]:
        return [r["entry_id"] for r in self.rows]


def _table_rows(table: str, arg: str, rows: Sequence[StoredEntry], today: dt.date) -> list[dict]:
    from utils import entry_forms as ef

    if table == "questionnaire":
        return ef.questionnaire_rows(rows, arg)
    if table == "trials":
        return ef.trial_table(rows, arg, today)
    if table == "sessions":
        return ef.session_rows(rows)
    if table == "side_effects":
        return ef.side_effect_rows(rows, today)
    raise ValueError(f"no listing called {table!r}")


@st.cache_resource(show_spinner=False, max_entries=128)
def _listing(
    url: str,
    profile_id: int,
    revision: int,
    owner: str,
    kinds: tuple[str, ...],
    table: str,
    arg: str,
    today: dt.date,
) -> Listing:
    # Built once per revision and day (trial lengths and ongoing side effects count to today)
    # from the rows picked for the owner (``_entries_of_kinds`` refuses another owner's profile).
    import pandas as pd
    from streamlit import dataframe_util

    built = _table_rows(
        table, arg, _entries_of_kinds(url, profile_id, revision, owner, kinds), today
    )
    shown = pd.DataFrame(listing_rows(built))  # without the columns kept for the buttons
    return Listing(
        rows=tuple(MappingProxyType(dict(r)) for r in built),
        frame=dataframe_util.convert_pandas_df_to_arrow_table(shown),
    )


def entries_open_key(key: str) -> str:
    """The session key of the "Edit or delete an entry" expander of ``entries_with_buttons``
    called with ``key`` (True while it is open)."""
    return f"entries_open_{key}"


def entries_with_buttons(
    profile: Profile,
    entry_ids: Sequence[int],
    key: str,
    edit_key: str,
    form_prefix: str,
    *,
    rows: Sequence[StoredEntry] | None = None,
    table_key: str | None = None,
) -> None:
    """Under a table of entries: each entry with its own Edit / Delete / History buttons
    (keyboard-usable, no row selection in the grid needed), in the table's order, the first
    ``DAYS_PER_PAGE`` of them and more on request.

    The buttons are drawn only while their expander is open (it reruns the page when opened or
    closed), so a long diary's page stays quick. ``rows``: the page's rows holding these
    entries (else the profile's cached rows are looked up). ``table_key``: names the expander
    and its "Show more" button when one page has several lists with the same ``key``.
    """
    if not entry_ids:
        return
    name = table_key or key
    box = st.expander(
        "Edit or delete an entry",
        icon=":material/edit:",
        key=entries_open_key(name),
        on_change="rerun",
    )
    if not box.open:
        return
    if rows is None:
        rows = all_entries(profile)  # read once (cached), not once per entry
    by_id = rows_by_id(rows)
    shown_key = f"{name}_entries_shown"
    shown = st.session_state.get(shown_key, DAYS_PER_PAGE)
    with box:
        for entry_id in entry_ids[:shown]:
            with st.container(border=True):
                entry_actions(
                    profile,
                    entry_id,
                    key,
                    edit_key,
                    form_prefix=form_prefix,
                    item=by_id.get(entry_id),
                )
        if len(entry_ids) > shown:
            more = min(DAYS_PER_PAGE, len(entry_ids) - shown)
            label = f"Show {more} more {'entry' if more == 1 else 'entries'}"
            if st.button(label, key=f"{name}_more_entries", icon=":material/expand_more:"):
                st.session_state[shown_key] = shown + DAYS_PER_PAGE
                st.rerun()


def day_diary_below(
    profile: Profile,
    rows: Sequence[StoredEntry],
    condition: str,
    kind: str,
    key: str,
    edit_key: str,
    pick_key: str,
    form_prefix: str,
) -> None:
    """The end of a one-entry-a-day diary page (sweating, jaw): catching up on missed days, the
    week's note, then the diary day by day."""
    from utils.ui.catch_up import catch_up, open_day_for, week_note

    catch_up(profile, rows, condition, open_day_for(condition, pick_key, form_prefix))
    week_note(rows, condition)
    diary_by_day(
        profile,
        rows,
        (kind,),
        key,
        edit_key,
        empty_hint="Log a day above, or tap **Normal day today**.",
        form_prefix=form_prefix,
    )
