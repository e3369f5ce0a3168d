"""Renderers read the records that are not diary days (the treatment ledger, the questionnaire
histories, the attack durations) from the Evidence: given no raw rows, they draw and write the
same thing (issue 16, "renderers that only render")."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from utils import charts, conditions, letters, models
from utils.evidence import build_evidence
from utils.exchange import fhir
from utils.sample import load_sample
from utils.store import Store

NOW = dt.datetime(2026, 3, 16, 10, 0)


@pytest.fixture(scope="module")
def migraine(tmp_path_factory):
    models_now = models.now
    models.now = lambda: NOW
    try:
        store = Store(f"sqlite:///{tmp_path_factory.mktemp('ev') / 'm.db'}")
        p = load_sample(store, "migraine", days=200, end=NOW.date())
        rows = store.entries(p.id)
        ev = build_evidence(
            rows, p.conditions, NOW.date() - dt.timedelta(days=179), NOW.date(), p.settings, NOW
        )
        yield ev, rows
    finally:
        models.now = models_now


def _figure(chart) -> str | None:
    return chart.figure.to_json() if chart.figure is not None else None


def test_headache_charts_from_the_ledger_histories_and_durations(migraine) -> None:
    ev, rows = migraine
    assert ev.ledger.treatments and ev.questionnaires["midas"].entries  # the sample has them
    with_rows = {c.key: c for c in charts.charts_for(ev, rows)["headache"]}
    without = {c.key: c for c in charts.charts_for(ev, [])["headache"]}
    for key in ("durations", "timeline", "midas", "hit6"):
        assert with_rows[key].figure is not None, key
        assert (without[key].summary, _figure(without[key])) == (
            with_rows[key].summary,
            _figure(with_rows[key]),
        ), key


def test_headache_letters_from_the_ledger_and_histories(migraine) -> None:
    ev, rows = migraine
    text = letters.necessity_letter(ev, rows, "headache")
    assert "## Preventive treatments tried" in text and "MIDAS on " in text
    assert letters.necessity_letter(ev, [], "headache") == text


def test_fhir_trials_and_sessions_from_the_ledger(migraine) -> None:
    ev, rows = migraine
    full = fhir.build_bundle(ev, rows, profile_key="k")
    kinds = [e.resource.get_resource_type() for e in full.entry]
    assert "MedicationStatement" in kinds and "Procedure" in kinds
    bare = fhir.build_bundle(ev, [], profile_key="k")
    bare_kinds = [e.resource.get_resource_type() for e in bare.entry]
    for kind in ("MedicationStatement", "Procedure"):
        assert bare_kinds.count(kind) == kinds.count(kind), kind


# ------------------------------------------------------------------ every renderer, every sample
# Given the Evidence and no rows at all, every renderer (the trends charts, the PDF with every
# section and the day-by-day appendix, the letter and the clinician's checklist, the FHIR bundle)
# gives the same output as with the rows the Evidence was built from: what it shows entry by
# entry (appendix, side effects, questionnaire responses, daily observations) comes from the
# Evidence's entries as written (``ev.record``) and its day series (``ev.daily``).

SAMPLES = ("migraine", "sweating", "jaw", "bladder", "neck", "spasticity")


@pytest.fixture(scope="module")
def every_sample(tmp_path_factory):
    models_now = models.now
    models.now = lambda: NOW
    try:
        store = Store(f"sqlite:///{tmp_path_factory.mktemp('all') / 'all.db'}")
        out = {}
        for which in SAMPLES:
            p = load_sample(store, which, days=150, end=NOW.date())
            rows = store.entries(p.id)
            start = NOW.date() - dt.timedelta(days=119)
            ev = build_evidence(rows, p.conditions, start, NOW.date(), p.settings, NOW)
            out[which] = (ev, rows)
        # A questionnaire of a condition the profile does not track (no history of it is built).
        rows = store.entries(next(x.id for x in store.profiles() if x.name == "Sample: migraine"))
        out["migraine-as-jaw"] = (
            build_evidence(
                rows, ("jaw",), NOW.date() - dt.timedelta(days=119), NOW.date(), {}, NOW
            ),
            rows,
        )
        yield out
    finally:
        models.now = models_now


def _pdf_text(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(pg.extract_text() for pg in PdfReader(io.BytesIO(pdf)).pages)


def _bundle(ev, rows) -> str:
    return fhir.build_bundle(ev, rows, profile_key="k").model_dump_json()


@pytest.mark.parametrize("which", [*SAMPLES, "migraine-as-jaw"])
def test_every_renderer_gives_the_same_without_the_rows(every_sample, which) -> None:
    from utils import report

    ev, rows = every_sample[which]
    assert rows and ev.record  # the rows are there; the renderers are not given them
    for key, group in charts.charts_for(ev, rows).items():
        bare = charts.charts_for(ev, [])[key]
        assert [(c.key, c.summary, _figure(c)) for c in bare] == [
            (c.key, c.summary, _figure(c)) for c in group
        ], key
    opts = report.ReportOptions(appendix=True)
    full = _pdf_text(report.build_report(ev, rows, opts))
    assert "Appendix: day by day" in full
    assert _pdf_text(report.build_report(ev, [], opts)) == full
    for condition in ev.conditions:
        assert letters.necessity_letter(ev, [], condition) == letters.necessity_letter(
            ev, rows, condition
        ), condition
        assert letters.clinician_checklist(ev, [], condition) == letters.clinician_checklist(
            ev, rows, condition
        ), condition
    assert _bundle(ev, []) == _bundle(ev, rows)


def test_the_appendix_and_side_effects_show_what_was_written(every_sample) -> None:
    """The bare PDF shows the entries as written (so the test above compares something): a side
    effect in the sessions table, and the logged column of the appendix, which is empty for an
    Evidence without its entries as written."""
    import dataclasses

    from utils import report
    from utils.core.treatments import SideEffect

    ev, _ = every_sample["migraine"]
    opts = report.ReportOptions(appendix=True)
    text = _pdf_text(report.build_report(ev, [], opts))
    effects = [w.entry for w in ev.record if isinstance(w.entry, SideEffect)]
    assert effects and effects[0].effect.split()[0] in text
    without = dataclasses.replace(ev, record=())
    stripped = _pdf_text(report.build_report(without, [], opts))
    assert len(stripped) < len(text) and "Attack" not in stripped.split("Appendix: day by day")[1]
    assert "Attack" in text.split("Appendix: day by day")[1]


@pytest.mark.parametrize("key", ["bladder", "neck", "spasticity", "sweating", "jaw"])
def test_every_diary_has_its_day_series(every_sample, key) -> None:
    """One point per logged day of the period, by date (the latest recorded entry of a day)."""
    which = key
    ev, rows = every_sample[which]
    series = ev.daily[key]
    days = sorted(
        {
            r.day
            for r in rows
            if r.kind in conditions.get(key).entry_kinds and ev.period.start <= r.day
        }
    )
    assert [p.date for p in series] == days
    assert "daily" not in ev.to_dict()


# ------------------------------------------------------------------ and no renderer reads its rows
ROOT = Path(__file__).resolve().parents[3]
RAW = {"entries", "rows"}
COLLECT = {"kind", "entries_of", "by_recording", "sorted", "list", "tuple", "len", "enumerate"}


def _renderer_modules() -> list[Path]:
    names = ("charts", "pdf_charts", "report", "letters", "calendar_chart", "treatment_charts")
    found = [p for n in names for p in (ROOT / "utils" / "conditions").glob(f"*/{n}.py")]
    found += [p for p in (ROOT / "utils" / "conditions").glob("*/exchange.py")]
    found += sorted((ROOT / "utils" / "documents").glob("*.py"))
    found += sorted((ROOT / "utils" / "exchange").glob("fhir*.py"))
    return sorted(found + [ROOT / "utils" / "charts.py"])


def _raw_reads(path: Path) -> list[str]:
    """Where a function that takes the Evidence (``ev`` / ``evidence``) iterates, measures or
    collects from its ``entries`` / ``rows`` argument (passing it on unread is allowed)."""
    out = []
    for fn in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(fn, ast.FunctionDef):
            continue
        params = {a.arg for a in fn.args.args + fn.args.kwonlyargs}
        if not params & {"ev", "evidence"} or not params & RAW:
            continue

        def raw(node: ast.AST, params: set[str] = params) -> bool:
            return isinstance(node, ast.Name) and node.id in RAW and node.id in params

        for node in ast.walk(fn):
            hit = (
                (isinstance(node, ast.For | ast.comprehension) and raw(node.iter))
                or (isinstance(node, ast.Subscript | ast.Attribute) and raw(node.value))
                or (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "id", getattr(node.func, "attr", "")) in COLLECT
                    and any(raw(a) for a in node.args)
                )
            )
            if hit:
                out.append(f"{path.relative_to(ROOT)}:{node.lineno} {fn.name}")
    return out


def test_no_renderer_reads_the_rows_it_is_given() -> None:
    modules = _renderer_modules()
    assert len(modules) > 30
    assert [hit for path in modules for hit in _raw_reads(path)] == []
