"""Coverage checklists: the old import path of the rules layer (a thin facade).

The rule sets and thresholds live in ``utils.rules.thresholds``; the statuses, facts, results,
the ``@check`` registry and the evaluation in ``utils.rules.engine``; the shared checks in
``utils.rules.checks``; each condition's checks in ``utils/conditions/<key>/criteria.py``.
``CHECKS`` is the filled registry (its condition checks are imported on first use).
"""

from __future__ import annotations

from typing import Any

from utils.metrics import month_label
from utils.rules.engine import (
    FOR_CLINICIAN,
    MET,
    MISSING,
    NOT_MET,
    STATUS_LABELS,
    STATUSES,
    CaseFacts,
    Check,
    CriterionResult,
    Outcome,
    RuleSetResult,
    _overall,
    check,
    evaluate,
    evaluate_rule_set,
    load_checks,
    status_label,
)
from utils.rules.thresholds import (
    GENERAL,
    RULES_DIR,
    ThresholdsUsed,
    birth_date,
    default_thresholds,
    effective_thresholds,
    general,
    resolve_thresholds,
    rule_sets,
    threshold_specs,
    year_of_birth,
)


def __getattr__(name: str) -> Any:
    """``CHECKS``, ``_topical_ids`` and ``_topical_min_days`` load condition code on first use."""
    if name == "CHECKS":
        return load_checks()
    if name in ("_topical_ids", "_topical_min_days"):
        from utils.conditions.sweating import criteria as sweating

        return getattr(sweating, name.lstrip("_"))
    raise AttributeError(f"module 'utils.criteria' has no attribute '{name}'")


__all__ = [
    "FOR_CLINICIAN",
    "GENERAL",
    "MET",
    "MISSING",
    "NOT_MET",
    "RULES_DIR",
    "STATUSES",
    "STATUS_LABELS",
    "CaseFacts",
    "Check",
    "CriterionResult",
    "Outcome",
    "RuleSetResult",
    "ThresholdsUsed",
    "_overall",
    "birth_date",
    "check",
    "default_thresholds",
    "effective_thresholds",
    "evaluate",
    "evaluate_rule_set",
    "general",
    "month_label",
    "resolve_thresholds",
    "rule_sets",
    "status_label",
    "threshold_specs",
    "year_of_birth",
]
