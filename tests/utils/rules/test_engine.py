"""utils.rules.engine: the @check registry is filled through the condition registry, at first
use and not at import time (issue 16: shared layers reach condition code only at run time)."""

from __future__ import annotations

import subprocess
import sys

from utils import criteria
from utils.rules import engine, thresholds


def _imported_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {m for m in out if m.startswith("utils.conditions.")}


def test_importing_the_engine_imports_no_condition_checks():
    found = _imported_after(
        "import utils.rules.engine, utils.criteria, utils.evidence, utils.readiness"
    )
    assert not {m for m in found if m.endswith((".criteria", ".renewal", ".evidence"))}


def test_evaluation_loads_the_condition_checks():
    found = _imported_after("import utils.rules.engine as e\ne.load_checks()")
    assert {"utils.conditions.headache.criteria", "utils.conditions.sweating.criteria"} <= found


def test_every_criterion_names_a_registered_check():
    checks = engine.load_checks()
    for rs in thresholds.rule_sets().values():
        for c in rs["criteria"]:
            assert c["check"] in checks, f"{rs['id']}.{c['id']}"


def test_the_old_names_still_import():
    assert criteria.CHECKS is engine.CHECKS
    assert criteria.evaluate is engine.evaluate
    assert criteria.resolve_thresholds is thresholds.resolve_thresholds
    assert criteria._topical_min_days("aluminium_chloride", 30) == 30


def test_overall_status_order():
    # Not met wins; then missing data; then for the clinician; met only when all are met.
    o = engine._overall
    assert o([engine.MET, engine.NOT_MET, engine.MISSING]) == engine.NOT_MET
    assert o([engine.MET, engine.FOR_CLINICIAN, engine.MISSING]) == engine.MISSING
    assert o([engine.MET, engine.FOR_CLINICIAN]) == engine.FOR_CLINICIAN
    assert o([engine.MET, engine.MET]) == engine.MET
