"""utils/ui/ is one package: every name the pages use is still ``ui.X``, the store and the
owner-keyed caches stay where tests patch them, and the logic below the pages runs without
Streamlit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from utils import ui

ROOT = Path(__file__).resolve().parents[3]


def test_every_public_name_is_re_exported() -> None:
    for name in ui.__all__:
        assert hasattr(ui, name), name
    for name in ("save_entry", "diary_by_day", "catch_up", "quick_log", "daily_reminder"):
        assert getattr(ui, name).__module__.startswith("utils.ui."), name


def test_the_app_script_is_the_real_app() -> None:
    assert Path(ui.APP_SCRIPT) == ROOT / "app.py"


def test_patching_the_store_factory_reaches_the_entries_cache(monkeypatch) -> None:
    asked = []

    class FakeStore:
        def for_owner(self, owner):
            asked.append(owner)
            return self

        def entries_refreshed(self, profile_id, previous=None):
            from utils.storage.rows import EntriesRead

            return EntriesRead((f"row of {profile_id}",), 1, 1)

    monkeypatch.setattr(ui, "_store_for", lambda url: FakeStore())
    rows = ui._entries_for.__wrapped__("sqlite:///nowhere-ui-test.db", 7, 1, "alice")
    assert rows == ("row of 7",) and asked == ["alice"]


def test_pages_reach_the_pieces_through_ui_only() -> None:
    assert ui.visible_pages(
        [("a.py", "A", "", None), ("b.py", "B", "", "jaw"), ("c.py", "C", "", "sweating")],
        ["jaw"],
    ) == [("a.py", "A", "", None), ("b.py", "B", "", "jaw")]
    assert ui.md_escape("*a*\nb") == ui.md_escape("*a* b")


def test_the_logic_below_the_pages_imports_no_streamlit() -> None:
    modules = [
        "utils.cases_view",
        "utils.treatments_view",
        "utils.form_values",
        "utils.forms",
        "utils.entry_forms",
        "utils.questionnaire_forms",
        "utils.conditions.headache.forms",
        "utils.conditions.sweating.forms",
        "utils.conditions.jaw.forms",
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "assert 'streamlit' not in sys.modules, 'streamlit imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
