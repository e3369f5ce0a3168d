"""utils.readiness reads each condition's projections through the registry (issue 16)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.diaries import stored
from utils import conditions, models, readiness
from utils.evidence import build_evidence
from utils.models import JawDay
from utils.rules import engine, thresholds

AT = dt.datetime(2026, 6, 30, 12, 0)


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: AT)


def test_a_condition_projects_only_checks_of_its_own_rule_sets():
    checks = engine.load_checks()
    for spec, module in conditions.parts("readiness"):
        own = {
            c["check"]
            for rs in thresholds.rule_sets().values()
            if rs["condition"] == spec.key
            for c in rs["criteria"]
        }
        for name in module.PROJECTIONS:
            assert name in checks and name in own, (spec.key, name)
        # No condition projects a check the shared layer already projects.
        assert not set(module.PROJECTIONS) & set(readiness.SHARED), spec.key


def test_a_condition_without_rule_set_says_why_from_its_package():
    rows = stored(JawDay(date=dt.date(2026, 6, 1), pain=3))
    ev = build_evidence(rows, ("jaw",), dt.date(2026, 6, 1), dt.date(2026, 6, 30), {}, AT)
    jaw = conditions.part("jaw", "readiness")
    assert ev.readiness.no_rule_set == {"jaw": jaw.NO_RULE_SET}
    assert ev.readiness.no_rule_set["jaw"].startswith("No insurer checklist: Botox for jaw pain")
