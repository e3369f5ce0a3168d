"""Messages, Markdown escaping and widget state shared by every page (Streamlit)."""

from __future__ import annotations

import streamlit as st

from utils.core.entries import CONDITIONS, EntryError
from utils.safe_text import md
from utils.storage.errors import StoreError


def md_escape(text: object) -> str:
    """User text as literal Markdown on one line (headings, labels): ``safe_text.md``."""
    return md(str(text).replace("\r\n", " ").replace("\n", " "))


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


def condition_label(condition: str) -> str:
    return CONDITIONS.get(condition, condition)


def clear_widgets(prefix: str) -> None:
    """Forget a form's widget values so it shows its defaults again."""
    for key in [k for k in st.session_state if str(k).startswith(prefix)]:
        del st.session_state[key]
