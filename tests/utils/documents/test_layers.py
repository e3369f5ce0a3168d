"""The documents layer: renderers never read the store, shared modules never name a condition,
and the old import paths (``utils.report``, ``utils.letters``, ``utils.report_charts``) still
give the same objects."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from utils import conditions, letters, report, report_charts
from utils.documents import charts, letter_pdf, pdf

ROOT = Path(__file__).resolve().parents[3]
SHARED = sorted((ROOT / "utils" / "documents").glob("*.py")) + [
    ROOT / "utils" / "report.py",
    ROOT / "utils" / "letters.py",
    ROOT / "utils" / "report_charts.py",
]
RENDERER_PARTS = ("report", "letters", "pdf_charts")


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


def _renderers() -> list[Path]:
    parts = [
        ROOT / "utils" / "conditions" / key / f"{name}.py"
        for key in conditions.keys()
        for name in RENDERER_PARTS
    ]
    return SHARED + [p for p in parts if p.exists()]


@pytest.mark.parametrize("path", _renderers(), ids=lambda p: str(p.relative_to(ROOT)))
def test_renderers_never_import_the_store(path: Path) -> None:
    assert not {m for m in _imports(path) if m == "utils.store" or m.startswith("utils.store.")}


@pytest.mark.parametrize("path", SHARED, ids=lambda p: str(p.relative_to(ROOT)))
def test_shared_document_modules_name_no_condition(path: Path) -> None:
    """No condition key as a string, no ``ev.<condition>`` and no condition module imported at
    import time: a shared module reaches condition code through the registry only."""
    keys = set(conditions.keys())
    tree = ast.parse(path.read_text())
    named = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and n.value in keys]
    attrs = [n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr in keys]
    assert not named and not attrs, (named, attrs)
    assert not {m for m in _imports(path) if m.startswith("utils.conditions.")}


def test_every_condition_has_the_document_parts_with_their_api() -> None:
    for spec in conditions.all_specs():
        part = conditions.part(spec.key, "report")
        assert callable(part.diagnosis) and callable(part.section), spec.key
        text = conditions.part(spec.key, "letters")
        assert text.CONDITION_TEXT and callable(text.request_lines), spec.key
        assert callable(text.sections), spec.key
        assert callable(conditions.part(spec.key, "pdf_charts").charts), spec.key


def test_letters_build_on_the_public_pdf_document() -> None:
    assert issubclass(letter_pdf.LetterDoc, pdf.Doc)
    assert report._Doc is pdf.Doc and letters._LetterDoc is letter_pdf.LetterDoc


def test_old_names_still_resolve() -> None:
    assert report.RENEWAL_OF == {
        "chronic_migraine_renewal": "chronic_migraine_first",
        "hyperhidrosis_renewal": "hyperhidrosis_first",
        "overactive_bladder_renewal": "overactive_bladder_first",
        "neurogenic_bladder_renewal": "neurogenic_bladder_first",
        "cervical_dystonia_renewal": "cervical_dystonia_first",
        "spasticity_renewal": "spasticity_first",
    }
    assert list(report.DIAGNOSIS) == [
        "headache",
        "sweating",
        "jaw",
        "bladder",
        "neck",
        "spasticity",
    ]
    assert report.PLAIN_VALUES["ichd3"] == "ICHD-3 criteria only"
    assert list(letters.CONDITION_TEXT) == [
        "headache",
        "sweating",
        "jaw",
        "bladder",
        "neck",
        "spasticity",
    ]
    assert list(letters.APPROVED_USE) == ["headache", "sweating", "bladder", "neck", "spasticity"]
    assert letters.RULE_SETS["sweating"] == ("hyperhidrosis_first", "hyperhidrosis_renewal")
    assert "jaw" not in letters.RULE_SETS
    assert report_charts.monthly_counts is charts.monthly_counts
    assert callable(report_charts.hdss_chart) and callable(report_charts.page_one)
    with pytest.raises(AttributeError):
        report_charts.no_such_chart  # noqa: B018
    with pytest.raises(AttributeError):
        report.NO_SUCH_TABLE  # noqa: B018


def test_every_section_switch_is_an_option_and_switches_its_section_off() -> None:
    import dataclasses

    fields = {f.name for f in dataclasses.fields(report.ReportOptions)}
    assert list(report.SECTIONS)[:4] == ["charts", "treatments", "sessions", "questionnaires"]
    assert list(report.SECTIONS)[-1] == "appendix"
    assert set(report.SECTIONS) <= fields
    for _, part in conditions.parts("report"):
        assert part.SWITCH[0] in report.SECTIONS, part.__name__
