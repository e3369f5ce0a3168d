"""Every condition's charts part: one ``charts(ev, rows)`` API, iterated by utils.charts."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

from tests.test_architecture import NOT_A_CONDITION
from utils import charts, conditions
from utils.core.plotting import Chart
from utils.evidence import build_evidence

ROOT = Path(__file__).resolve().parents[3]
END = dt.date(2025, 5, 31)
AT = dt.datetime.combine(END, dt.time(21, 0))


def test_every_condition_has_a_charts_part() -> None:
    found = [spec.key for spec, module in conditions.parts("charts") if callable(module.charts)]
    assert found == list(conditions.keys())


def test_charts_for_follows_the_registry() -> None:
    keys = conditions.keys()
    ev = build_evidence([], keys, END - dt.timedelta(days=29), END, None, AT)
    groups = charts.charts_for(ev, [])
    assert list(groups) == list(keys)
    for spec, module in conditions.parts("charts"):
        got = module.charts(ev, [])
        assert got and all(isinstance(c, Chart) for c in got)
        assert [c.key for c in groups[spec.key]] == [c.key for c in got]
    only = build_evidence([], (keys[-1],), END - dt.timedelta(days=29), END, None, AT)
    assert list(charts.charts_for(only, [])) == [keys[-1]]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def test_chart_renderers_never_import_the_store() -> None:
    files = [ROOT / "utils/charts.py", ROOT / "utils/core/plotting.py"]
    files += sorted((ROOT / "utils/conditions").glob("*/*chart*.py"))
    assert len(files) > 4
    for path in files:
        assert not any(
            m == "utils.store" or m.startswith("utils.store.") for m in _imports(path)
        ), path


def test_shared_core_never_imports_a_condition_at_import_time() -> None:
    for path in sorted((ROOT / "utils/core").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
        names = {getattr(n, "module", None) or n.names[0].name for n in top}
        assert not any(str(m).startswith("utils.conditions") for m in names), path
        literals = {
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
        }
        # "headache" is also a side effect of an injection (tests/test_architecture.py lists it).
        allowed = {word for rel, word in NOT_A_CONDITION if (ROOT / rel) == path}
        assert not (literals - allowed) & set(conditions.keys()), path
