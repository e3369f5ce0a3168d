"""Caches shared by every session of an app server (``st.cache_resource``, ``st.cache_data``):
in hosted mode one server holds many people's diaries, so each cached function

- takes whose diary it is as arguments (the owner and the profile id), never from the session:
  its body names no session reader (session state, ``st.user``, ``st.context``, the current
  owner or store), and running it with every session reader booby-trapped still works;
- refuses an owner who does not own the profile (the ownership check is inside the key's
  reads, not only in the caller);
- returns objects that cannot be changed in place at the top level (frozen dataclasses, tuples).

The scan finds every cached function in utils/, pages/ and app.py: a new one must be added to
``CACHED`` below (and so to these checks) or the first test fails."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from utils import sample
from utils.store import Store, StoreError

pytestmark = pytest.mark.both_databases

ROOT = Path(__file__).resolve().parents[3]
ALICE = "https://idp.example/#alice"
BOB = "https://idp.example/#bob"

# Every cached function: (module, name). ``_store_for`` is keyed by the database URL only: it
# returns the local user's store, from which each call takes the owner's view (``for_owner``).
CACHED = {
    ("utils/ui/__init__.py", "_store_for"),
    ("utils/ui/__init__.py", "_entries_for"),
    ("utils/ui/entries.py", "_entries_of_kinds"),
    ("utils/ui/entries.py", "_listing"),
    ("utils/cached.py", "_evidence"),
    ("utils/cached.py", "_charts"),
    ("utils/cached.py", "_letter_texts"),
}
KEYED_BY_URL_ONLY = {"_store_for"}
# Names that read the session (who is signed in, which profile is selected, the browser).
SESSION_READERS = {
    "session_state",
    "user",
    "context",
    "query_params",
    "current_owner",
    "signed_in",
    "get_store",
    "_owner_store",
    "require_profile",
    "current_profile",
}


def _is_cache_decorator(node: ast.expr) -> bool:
    target = node.func if isinstance(node, ast.Call) else node
    return isinstance(target, ast.Attribute) and target.attr in ("cache_resource", "cache_data")


def cached_functions() -> dict[tuple[str, str], ast.FunctionDef]:
    found = {}
    files = [*sorted((ROOT / "utils").rglob("*.py")), *sorted((ROOT / "pages").glob("*.py"))]
    for path in [*files, ROOT / "app.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
                _is_cache_decorator(d) for d in node.decorator_list
            ):
                found[(path.relative_to(ROOT).as_posix(), node.name)] = node
    return found


def test_every_cached_function_is_known_keyed_by_owner_and_profile_and_reads_no_session() -> None:
    found = cached_functions()
    assert set(found) == CACHED, "a cached function was added or removed: update CACHED"
    for (path, name), node in found.items():
        params = [a.arg for a in node.args.args + node.args.kwonlyargs]
        if name in KEYED_BY_URL_ONLY:
            assert params == ["url"], f"{path}:{name} takes more than the database URL"
        else:
            assert "owner" in params and "profile_id" in params, (
                f"{path}:{name} is not keyed by owner and profile: {params}"
            )
        for sub in ast.walk(node):
            used = (
                sub.attr
                if isinstance(sub, ast.Attribute)
                else sub.id
                if isinstance(sub, ast.Name)
                else None
            )
            assert used not in SESSION_READERS, f"{path}:{name} reads the session ({used})"


def test_the_scan_would_catch_a_cached_function_reading_session_state(tmp_path) -> None:
    """The scan's own check: a cached function that reads the session is reported."""
    bad = ast.parse(
        "import streamlit as st\n"
        "@st.cache_resource\n"
        "def rows(url, owner, profile_id):\n"
        "    return st.session_state['profile']\n"
    )
    node = next(n for n in ast.walk(bad) if isinstance(n, ast.FunctionDef))
    assert any(_is_cache_decorator(d) for d in node.decorator_list)
    names = {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)}
    assert names & SESSION_READERS == {"session_state"}


class _Forbidden:
    """Stands in for a session reader (st.session_state, st.user, st.context): any use fails."""

    def __init__(self, what: str) -> None:
        self._what = what

    def _fail(self, *args, **kwargs):
        raise AssertionError(f"a cached function used {self._what}")

    __getattr__ = __getitem__ = __contains__ = __iter__ = __bool__ = _fail

    def get(self, *args, **kwargs):
        self._fail()


@pytest.fixture
def alice_diary(store: Store):
    alice = store.for_owner(ALICE)
    profile = sample.load_sample(alice, "migraine", days=60, end=dt.date(2026, 10, 1))
    return alice, profile


def _args(store: Store, alice: Store, profile, owner: str) -> tuple:
    from utils import cached

    return (
        store.url,
        profile.id,
        alice.revision(profile.id),
        dt.date(2026, 8, 1),
        dt.date(2026, 10, 1),
        cached.settings_key(profile.settings),
        tuple(profile.conditions),
        dt.datetime(2026, 10, 1, 9),
        profile,
        owner,
    )


def test_cached_functions_run_with_every_session_reader_booby_trapped(
    store, alice_diary, monkeypatch
) -> None:
    import streamlit as st

    from utils import cached, hosting, ui
    from utils.ui import entries

    alice, profile = alice_diary
    monkeypatch.setattr(ui, "_store_for", lambda url: store)
    for module in (st, ui.st, cached.st, hosting.st):
        monkeypatch.setattr(module, "session_state", _Forbidden("st.session_state"))
        monkeypatch.setattr(module, "user", _Forbidden("st.user"))
        monkeypatch.setattr(module, "context", _Forbidden("st.context"))
        monkeypatch.setattr(module, "query_params", _Forbidden("st.query_params"))
    args = _args(store, alice, profile, ALICE)
    rows = ui._entries_for.__wrapped__(store.url, profile.id, args[2], ALICE)
    assert len(rows) == alice.count(profile.id)
    kinds = ("attack", "midas")
    picked = entries._entries_of_kinds.__wrapped__(store.url, profile.id, args[2], ALICE, kinds)
    assert [r.id for r in picked] == [r.id for r in alice.entries(profile.id, list(kinds))]
    listing = entries._listing.__wrapped__(
        store.url, profile.id, args[2], ALICE, ("midas",), "questionnaire", "midas", args[4]
    )
    assert (
        listing.entry_ids
        == [
            r.id for r in sorted(alice.entries(profile.id, ["midas"]), key=lambda r: (r.day, r.id))
        ][::-1]
    )
    evidence = cached._evidence.__wrapped__(*args)
    assert evidence.period.start == dt.date(2026, 8, 1)
    items = cached._charts.__wrapped__(*args, section="headache")
    assert items and all(item.key for item in items)
    draft, checklist = cached._letter_texts.__wrapped__(*args, "necessity", "headache", None, None)
    assert "[DOCTOR TO" in draft and checklist.startswith("# Checklist for the clinician")


def test_a_cached_function_refuses_an_owner_who_does_not_own_the_profile(
    store, alice_diary, monkeypatch
) -> None:
    from utils import cached, ui
    from utils.ui import entries

    alice, profile = alice_diary
    monkeypatch.setattr(ui, "_store_for", lambda url: store)
    # The key's revision is read through the owner's store: Bob's is refused first...
    with pytest.raises(StoreError, match=f"no profile with id {profile.id}"):
        store.for_owner(BOB).revision(profile.id)
    # ... and a key made up with Bob as owner is refused inside every cached read, too.
    args = _args(store, alice, profile, BOB)
    with pytest.raises(StoreError, match=f"no profile with id {profile.id}"):
        ui._entries_for.__wrapped__(store.url, profile.id, args[2], BOB)
    with pytest.raises(StoreError, match=f"no profile with id {profile.id}"):
        entries._entries_of_kinds.__wrapped__(store.url, profile.id, args[2], BOB, ("attack",))
    with pytest.raises(StoreError, match=f"no profile with id {profile.id}"):
        entries._listing.__wrapped__(
            store.url, profile.id, args[2], BOB, ("midas",), "questionnaire", "midas", args[4]
        )
    with pytest.raises(StoreError, match=f"no profile with id {profile.id}"):
        cached._evidence.__wrapped__(*args)
    with pytest.raises(StoreError, match=f"no profile with id {profile.id}"):
        cached._charts.__wrapped__(*args)
    with pytest.raises(StoreError, match=f"no profile with id {profile.id}"):
        cached._letter_texts.__wrapped__(*args, "necessity", "headache", None, None)


def test_cached_results_cannot_be_changed_in_place_at_the_top_level(
    store, alice_diary, monkeypatch
) -> None:
    from utils import cached, ui
    from utils.ui import entries

    alice, profile = alice_diary
    monkeypatch.setattr(ui, "_store_for", lambda url: store)
    args = _args(store, alice, profile, ALICE)
    rows = ui._entries_for.__wrapped__(store.url, profile.id, args[2], ALICE)
    assert isinstance(rows, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        rows[0].day = dt.date(2000, 1, 1)  # type: ignore[misc]
    picked = entries._entries_of_kinds.__wrapped__(
        store.url, profile.id, args[2], ALICE, ("attack",)
    )
    assert isinstance(picked, tuple) and picked
    with pytest.raises(dataclasses.FrozenInstanceError):
        picked[0].day = dt.date(2000, 1, 1)  # type: ignore[misc]
    listing = entries._listing.__wrapped__(
        store.url, profile.id, args[2], ALICE, ("midas",), "questionnaire", "midas", args[4]
    )
    assert isinstance(listing.rows, tuple) and listing.rows
    with pytest.raises(dataclasses.FrozenInstanceError):
        listing.frame = None  # type: ignore[misc]
    with pytest.raises(TypeError):
        listing.rows[0]["Score"] = 0  # type: ignore[index]
    with pytest.raises(AttributeError):  # an Arrow table has no setters
        listing.frame.num_rows = 0
    evidence = cached._evidence.__wrapped__(*args)
    assert isinstance(evidence.days, tuple) and isinstance(evidence.checklists, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        evidence.period = None  # type: ignore[misc]
    for section in ("headache", "sweating"):
        charts = cached._charts.__wrapped__(*args, section=section)
        assert isinstance(charts, tuple) and charts
        for chart in charts:
            with pytest.raises(dataclasses.FrozenInstanceError):
                chart.figure = None  # type: ignore[misc]
