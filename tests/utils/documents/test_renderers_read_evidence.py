"""Renderers read the records that are not diary days (the treatment ledger, the questionnaire
histories, the attack durations) from the Evidence: given no raw rows, they draw and write the
same thing (issue 16, "renderers that only render")."""

from __future__ import annotations

import datetime as dt

import pytest

from utils import charts, letters, models
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
