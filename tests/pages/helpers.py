"""Helpers for page tests with streamlit.testing.v1.AppTest."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_page(page: str | None = None, profile_id: int | None = None) -> AppTest:
    """Run the app (optionally as a given profile) and switch to ``page`` (e.g. 'pages/x.py')."""
    at = AppTest.from_file(APP, default_timeout=60)
    if profile_id is not None:
        at.session_state["profile_id"] = profile_id
    at.run()
    assert not at.exception, at.exception
    if page is not None:
        at.switch_page(page)
        at.run()
        assert not at.exception, at.exception
    return at


def by_key(elements, prefix: str):
    """The one widget whose key starts with ``prefix`` (form widgets carry a changing suffix)."""
    found = [e for e in elements if e.key and e.key.startswith(prefix)]
    assert len(found) == 1, f"{prefix}: {[e.key for e in elements]}"
    return found[0]


def run_through_app(monkeypatch) -> None:
    """Make every AppTest run go through app.py's navigation, as a browser session does.

    AppTest normally runs a page it switched to on its own (Streamlit's legacy ``pages/``
    mode), without app.py's sidebar; tests of the sidebar need the real shell on every page.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def open_entry_buttons(at: AppTest, key: str) -> AppTest:
    """Open the "Edit or delete an entry" expander named ``key`` (its buttons are drawn only
    while it is open), as a person does by clicking it, and run the page."""
    from utils.ui.entries import entries_open_key

    at.session_state[entries_open_key(key)] = True
    at.run()
    assert not at.exception, at.exception
    return at
