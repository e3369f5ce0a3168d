"""The import rule of docs/architecture.md, checked on the source (a small AST walk, no imports).

(a) Only the ui layer (``utils/ui*``, ``utils/cached.py``: the Streamlit caches) and the hosting
    switch (``utils/hosting.py``, ``utils/local_only.py``) import streamlit.
(b) Renderers (charts, PDF, letters, documents, FHIR) never import the store: they read Evidence.
(c) Shared layers never import a condition package at import time: they reach condition code only
    through ``utils.conditions.part(s)`` inside functions.
(d) Shared layers never name a condition (no ``"headache"`` literal, no ``Attack`` imported).
(e) No module in ``utils/`` is much longer than 500 lines.

Each check lists every violation, so a failure says where.
"""

from __future__ import annotations

import ast
from fnmatch import fnmatch
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UTILS = ROOT / "utils"

STREAMLIT_ALLOWED = ("utils/ui.py", "utils/ui_*.py", "utils/ui/*", "utils/cached.py")
STREAMLIT_ALLOWED += ("utils/hosting.py", "utils/local_only.py")
RENDERERS = (
    "utils/charts*.py",
    "utils/report*.py",
    "utils/letters*.py",
    "utils/documents/*",
    "utils/fhir*.py",
    "utils/exchange/fhir*.py",
    "utils/conditions/*/charts.py",
    "utils/conditions/*/report.py",
    "utils/conditions/*/letters.py",
    "utils/conditions/*/pdf_charts.py",
)
STORE = ("utils.store", "utils.storage")
LINE_LIMIT = 500


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _modules() -> list[Path]:
    return sorted(p for p in UTILS.rglob("*.py") if "migrations" not in p.parts)


def _condition_keys() -> tuple[str, ...]:
    root = UTILS / "conditions"
    return tuple(sorted(p.name for p in root.iterdir() if (p / "__init__.py").is_file()))


def _is_condition_module(rel: str) -> bool:
    """A module inside a condition package (``utils/conditions/<key>/...``)."""
    parts = rel.split("/")
    return len(parts) > 3 and parts[:2] == ["utils", "conditions"]


@cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _package(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    else:
        parts.pop()  # the module's own package
    return ".".join(parts)


def _imported(path: Path, node: ast.AST) -> list[str]:
    """The modules an import statement may load (``from utils import store`` -> ``utils.store``)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            pkg = _package(path).split(".")
            pkg = pkg[: len(pkg) - (node.level - 1)]
            base = ".".join([*pkg, base] if base else pkg)
        return [base] + [f"{base}.{a.name}" for a in node.names]
    return []


def _imports(path: Path, *, module_level: bool) -> list[tuple[int, str]]:
    """(line, module) of every import, or only of those run when the module is imported."""
    tree = _tree(path)
    if not module_level:
        nodes = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    else:
        nodes, todo = [], list(tree.body)
        while todo:
            node = todo.pop()
            if isinstance(node, ast.Import | ast.ImportFrom):
                nodes.append(node)
            elif isinstance(node, ast.If | ast.Try | ast.With):
                for field in ("body", "orelse", "finalbody", "handlers"):
                    todo.extend(getattr(node, field, []))
            elif isinstance(node, ast.ExceptHandler):
                todo.extend(node.body)
    return [(n.lineno, m) for n in nodes for m in _imported(path, n)]


def _under(module: str, roots: tuple[str, ...]) -> bool:
    return any(module == r or module.startswith(r + ".") for r in roots)


def _matches(rel: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch(rel, p) for p in patterns)


def test_a_only_the_ui_layer_and_hosting_import_streamlit() -> None:
    bad = [
        f"{_rel(p)}:{line} imports {m}"
        for p in _modules()
        if not _matches(_rel(p), STREAMLIT_ALLOWED)
        for line, m in _imports(p, module_level=False)
        if _under(m, ("streamlit",))
    ]
    assert bad == []


def test_b_renderers_never_import_the_store() -> None:
    renderers = [p for p in _modules() if _matches(_rel(p), RENDERERS)]
    assert any(_rel(p) == "utils/charts.py" for p in renderers)  # the patterns still match
    bad = [
        f"{_rel(p)}:{line} imports {m}"
        for p in renderers
        for line, m in _imports(p, module_level=False)
        if _under(m, STORE)
    ]
    assert bad == []


def test_c_shared_layers_import_no_condition_package_at_import_time() -> None:
    packages = tuple(f"utils.conditions.{key}" for key in _condition_keys())
    bad = [
        f"{_rel(p)}:{line} imports {m}"
        for p in _modules()
        if not _is_condition_module(_rel(p))
        for line, m in _imports(p, module_level=True)
        if _under(m, packages)
    ]
    assert bad == []


def _condition_names() -> set[str]:
    """Names defined at the top of the condition packages' parts (``Attack``, ``SWEAT_SITES``)."""
    names: set[str] = set()
    for p in _modules():
        if _is_condition_module(_rel(p)) and p.name != "__init__.py":
            for node in _tree(p).body:
                if isinstance(node, ast.ClassDef | ast.FunctionDef):
                    names.add(node.name)
                elif isinstance(node, ast.Assign | ast.AnnAssign):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    names.update(t.id for t in targets if isinstance(t, ast.Name))
    return {n for n in names if not n.startswith("_") and n not in {"SAMPLE", "WHICH", "generate"}}


# Facades kept for the old import paths: they serve the moved names, found through the registry.
FACADES = ("utils/models.py",)
# The same word used for something else: "headache" as a side effect of an injection.
NOT_A_CONDITION = {("utils/core/treatments.py", "headache")}


def test_d_shared_layers_never_name_a_condition() -> None:
    keys = set(_condition_keys())
    moved = _condition_names()
    bad = []
    for p in _modules():
        rel = _rel(p)
        if _is_condition_module(rel) or rel in FACADES:
            continue
        for node in ast.walk(_tree(p)):
            if isinstance(node, ast.Constant) and node.value in keys:
                if (rel, node.value) in NOT_A_CONDITION:
                    continue
                bad.append(f"{rel}:{node.lineno} names '{node.value}'")
            elif isinstance(node, ast.ImportFrom) and node.module == "utils.models":
                bad += [
                    f"{rel}:{node.lineno} imports {a.name}" for a in node.names if a.name in moved
                ]
    assert bad == []


def test_e_no_module_is_much_longer_than_500_lines() -> None:
    long = {
        _rel(p): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > LINE_LIMIT
    }
    assert long == {}


PAGE_LIMIT = 400  # a page is layout: its forms and logic live in utils/ (issue 16)


def test_pages_stay_thin() -> None:
    long = {
        _rel(p): n
        for p in sorted((ROOT / "pages").glob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > PAGE_LIMIT
    }
    assert long == {}
    # The two pages that held most logic (issue 16: 470 and 410 lines) are layout now.
    for name in ("cases.py", "treatments.py"):
        assert len((ROOT / "pages" / name).read_text(encoding="utf-8").splitlines()) <= 250


def test_the_checker_tells_import_time_from_run_time_imports(tmp_path) -> None:
    source = tmp_path / "shared.py"
    source.write_text(
        "import utils.conditions.jaw.models\n"
        "try:\n    from utils import store\nexcept ImportError:\n    pass\n"
        "def f():\n    import streamlit as st\n",
        encoding="utf-8",
    )
    at_import = [m for _, m in _imports(source, module_level=True)]
    anywhere = [m for _, m in _imports(source, module_level=False)]
    assert "utils.conditions.jaw.models" in at_import and "utils.store" in at_import
    assert "streamlit" not in at_import and "streamlit" in anywhere
    assert _under("utils.conditions.jaw.models", ("utils.conditions.jaw",))
    assert not _under("utils.conditions.jawbone", ("utils.conditions.jaw",))
