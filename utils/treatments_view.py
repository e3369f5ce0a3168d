"""What the Treatments & Botox page shows, worked out without Streamlit (tested directly).

The page reads widgets and draws; everything else (which conditions it offers, the choices and
their defaults, the notes under the trial tables, the next-session lines, the urgent banner's
text, the rows of its tables) is here. The form <-> entry conversions stay in
``utils.entry_forms``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from utils import catalog
from utils import entry_forms as ef
from utils.core.entries import CONDITIONS
from utils.core.treatments import BotoxSession
from utils.safe_text import md
from utils.storage.rows import StoredEntry

SEVERITIES = ["mild", "moderate", "severe"]
HIDDEN_COLUMNS = ("entry_id", "short")  # kept for the buttons and the warning, never shown


def page_conditions(profile_conditions: Sequence[str]) -> list[str]:
    """The conditions the page offers: the profile's, or every one when it tracks none."""
    return list(profile_conditions) or list(CONDITIONS)


def urgent_text(urgent: Sequence[StoredEntry]) -> str:
    """The emergency banner: the advice, then the ongoing urgent side effects (user text escaped)."""
    names = ", ".join(f"{md(r.entry.effect)} since {r.day:%d %b}" for r in urgent)  # type: ignore[attr-defined]
    return ef.URGENT_MESSAGE + (f"\n\nOngoing: {names}." if names else "")


def editing_heading(condition: str) -> str:
    return f"**Editing a {CONDITIONS[condition].lower()} treatment**"


def treatment_options(condition: str) -> tuple[list[str], dict[str, str], list[str]]:
    """(medicine options with 'another treatment' last, the kinds of treatment, their ids)."""
    choices = [label for label, _ in catalog.treatment_choices(condition)]
    classes = ef.treatment_class_choices(condition)
    return [*choices, ef.OWN_TREATMENT], classes, list(classes)


def index_or_first(options: Sequence[Any], value: Any) -> int:
    """The position of ``value`` among ``options``, or 0 when it is not one of them."""
    return options.index(value) if value in options else 0


def trials_note(table: Sequence[dict], condition: str) -> tuple[bool, str]:
    """(warn, sentence) under a condition's table of trials: warn when a trial was short."""
    return any(r["short"] for r in table), ef.short_trials_sentence(table, condition)


def listing_rows(table: Iterable[dict]) -> list[dict]:
    """A table's rows as shown (without the columns kept for the buttons and the warning)."""
    return [{k: v for k, v in r.items() if k not in HIDDEN_COLUMNS} for r in table]


def trial_rules_caption() -> str:
    rules = ef.trial_lengths()
    return f"Usual minimum trial lengths: {rules['source']} Last checked {rules['last_checked']}."


def next_session_lines(rows: Iterable[StoredEntry], today: dt.date) -> list[str]:
    """One line per condition with a Botox session: when the next one is due (or overdue)."""
    lines = []
    for cond, (last, due) in ef.next_sessions(rows).items():
        when = (
            f"overdue since {due:%d %b %Y}"
            if due < today
            else f"due **{due:%A %d %B %Y}** (in {(due - today).days} days)"
        )
        lines.append(
            f"Next {CONDITIONS[cond].lower()} session {when}; last one on {last:%d %b %Y}."
        )
    return lines


def session_conditions(conditions: Sequence[str], editing: Any) -> list[str]:
    """The session form's conditions: the page's, plus the edited session's own if not there."""
    return list(conditions) + (
        [editing.condition] if editing and editing.condition not in conditions else []
    )


def session_choices(rows: Iterable[StoredEntry]) -> tuple[dict[int, str], list[int | None]]:
    """The side effect form's sessions, newest first, then None ('not linked to a session')."""
    items = sorted(
        (r for r in rows if r.kind == BotoxSession.KIND), key=lambda r: r.day, reverse=True
    )
    labels = {r.id: ef.session_label(r) for r in items}
    return labels, [*labels, None]


def session_index(session_ids: Sequence[int | None], default: dict[str, Any]) -> int:
    """The side effect form's session: the edited one's, else the newest."""
    return (
        session_ids.index(default["session_id"])
        if default.get("session_id", 0) in session_ids
        else 0
    )


def session_saved_text(entry: Any) -> str:
    return f"Session saved. Next one due {entry.next_session():%d %b %Y}."
