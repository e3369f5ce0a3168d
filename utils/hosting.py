"""Local or hosted mode, and whose diary a session shows.

Local mode (the default): one person on this computer, no sign-in; every profile belongs to the
fixed local user (``utils.store.LOCAL_OWNER``).

Hosted mode (``COVERAGE_DIARY_MODE=hosted``): one server for many people. Each visitor signs in
through the OpenID Connect provider configured in ``.streamlit/secrets.toml`` (Streamlit's
``st.login``); the owner of the profiles they see and make is their stable subject at that
provider: the issuer and the subject (``iss#sub``), never the e-mail address, which can change or
be reused.
"""

from __future__ import annotations

import os

import streamlit as st

from utils.storage.checks import LOCAL_OWNER

ENV_MODE = "COVERAGE_DIARY_MODE"


class NotSignedIn(RuntimeError):
    """Hosted mode, and nobody is signed in in this session."""


def hosted() -> bool:
    """True when this server runs in hosted mode (several people, sign-in required)."""
    return os.environ.get(ENV_MODE, "").strip().lower() == "hosted"


def browser_time_zone() -> str | None:
    """The time zone the person's browser reports (None outside a session, or if unknown)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    if get_script_run_ctx() is None:
        return None
    try:
        return st.context.timezone
    except Exception:  # noqa: BLE001 - no browser context: the server's own time zone
        return None


def use_browser_time_zone() -> None:
    """Hosted mode: "today" is the person's day, in their browser's time zone."""
    from utils.core import entries

    entries.user_time_zone = browser_time_zone


def owner_of(user: object) -> str:
    """The owner text for a signed-in OpenID Connect user: ``issuer#subject``."""
    issuer = str(_claim(user, "iss") or "").strip()
    subject = str(_claim(user, "sub") or "").strip()
    if not issuer or not subject:
        raise NotSignedIn("the sign-in did not name the person (no issuer or subject)")
    return f"{issuer}#{subject}"


def _claim(user: object, name: str) -> object:
    try:
        return user[name]  # type: ignore[index]
    except (KeyError, AttributeError, TypeError):
        return getattr(user, name, None)


def current_owner() -> str:
    """Whose profiles this session reads and writes: the local user, or the signed-in person."""
    if not hosted():
        return LOCAL_OWNER
    user = st.user
    if not signed_in():
        raise NotSignedIn("sign in first")
    return owner_of(user)


def signed_in() -> bool:
    """True when a person is signed in in this session (False outside a session)."""
    try:
        return bool(st.user.is_logged_in)
    except (AttributeError, KeyError):
        return False


# Where the diary is kept, in the words the pages use: (local mode, hosted mode).
TEXTS = {
    "stays": (
        "Everything stays on this computer.",
        "Everything is kept in this service's database, under your sign-in: only you see it.",
    ),
    "sidebar": (
        "Stored only on this computer. No account, no tracking.",
        "Stored on this service's server, under your sign-in. No tracking.",
    ),
    "stored_in_diary": (
        "Stored only in this diary, on this computer.",
        "Stored only in this diary, on this service's server, under your sign-in.",
    ),
    "shown": (
        "Only shown on this computer.",
        "Only shown to you, when signed in.",
    ),
}


def where(text: str) -> str:
    """The sentence ``text`` of ``TEXTS`` for the mode this server runs in."""
    return TEXTS[text][1 if hosted() else 0]


ENV_PROVIDER = "COVERAGE_DIARY_AUTH_PROVIDER"


def provider() -> str | None:
    """The ``[auth.NAME]`` section to sign in with, or None for the single ``[auth]`` provider."""
    return os.environ.get(ENV_PROVIDER, "").strip() or None


def sign_in_page() -> None:
    """What a visitor who is not signed in sees in hosted mode: no diary, only the sign-in."""
    st.title("Coverage Diary")
    st.markdown(
        "This Coverage Diary is shared by several people. Sign in to open your own diaries: "
        "each person sees only the diaries they made, never anyone else's."
    )
    if st.button("Sign in", type="primary", icon=":material/login:"):
        name = provider()
        if name is None:
            st.login()
        else:
            st.login(name)


def account_box() -> None:
    """Who is signed in, and the sign-out button (sidebar, hosted mode only)."""
    user = st.user
    shown = _claim(user, "name") or _claim(user, "email") or "you"
    with st.sidebar:
        st.caption("Signed in as")
        st.text(str(shown))  # the provider's text is data: never Markdown
        st.button("Sign out", icon=":material/logout:", on_click=st.logout)
