"""Spasticity readiness: when an oral medicine still being taken reaches its trial length, and
from when the clinician's follow-up grades and goal scores can show a benefit.

Part API: see ``utils/conditions/headache/readiness.py`` (``PROJECTIONS``). The other criteria
(cause, contracture, specialist, the diary counts) use the shared projection.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from utils.conditions.spasticity.metrics import ORAL_AGENT_CLASSES
from utils.rules import engine
from utils.rules.readiness import CriterionReadiness, _param, _questionnaire_after, _trials

if TYPE_CHECKING:
    from utils.evidence import Evidence


def _oral(
    ev: Evidence, cr: engine.CriterionResult, facts: engine.CaseFacts, rs: Mapping[str, Any]
) -> CriterionReadiness:
    days = int(_param(rs, cr.criterion, "days", ev.thresholds.values) or 28)
    return _trials(ev, cr, facts, set(ORAL_AGENT_CLASSES), 1, lambda c: days, "spasticity")


PROJECTIONS: dict[str, Callable[..., CriterionReadiness | None]] = {
    "spasticity_oral_agents": _oral,
    "spasticity_benefit": lambda ev, cr, facts, rs: _questionnaire_after(
        ev, cr, facts, rs, "follow-up grade or goal score from the clinician"
    ),
}
