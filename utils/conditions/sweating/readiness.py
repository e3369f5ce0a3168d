"""Sweating readiness: the topical trial in progress, and how long the diary shows sweating.

Part API: see ``utils/conditions/headache/readiness.py`` (``PROJECTIONS``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from utils.conditions.sweating.criteria import topical_ids, topical_min_days
from utils.rules import engine
from utils.rules.engine import MET
from utils.rules.readiness import (
    DATE,
    DAY,
    CriterionReadiness,
    _param,
    _questionnaire_after,
    _trials,
    fmt,
)

if TYPE_CHECKING:
    from utils.evidence import Evidence


def _duration(ev: Evidence, cr: engine.CriterionResult, facts: engine.CaseFacts) -> Any:
    """Sweating for N months: the diary shows it N months after its first sweating day."""
    months = int(next(iter(cr.thresholds.values()), 6))
    days = sorted(d for d, x in facts.sweat_days.items() if not x.normal_day)
    if cr.status == MET or not days:
        return None
    from utils.core.dates import add_months

    date = ev.period.counted_end
    while add_months(date, -months) < days[0]:
        date += DAY
    return CriterionReadiness(
        cr.id,
        cr.criterion,
        cr.status,
        DATE,
        date,
        f"The diary shows sweating since {fmt(days[0])}: it can show {months} months on "
        f"{fmt(date)}, if the sweating history is not filled in sooner.",
        "from the first sweating day in the diary",
        "",
    )


def _topical(
    ev: Evidence, cr: engine.CriterionResult, facts: engine.CaseFacts, rs: Mapping[str, Any]
) -> CriterionReadiness:
    days = int(_param(rs, cr.criterion, "days", ev.thresholds.values) or 30)
    return _trials(ev, cr, facts, topical_ids(rs), 1, lambda c: topical_min_days(c, days), None)


PROJECTIONS: dict[str, Callable[..., CriterionReadiness | None]] = {
    "topical_trial": _topical,
    "symptom_duration": lambda ev, cr, facts, rs: _duration(ev, cr, facts),
    "hdss_improvement": lambda ev, cr, facts, rs: _questionnaire_after(
        ev, cr, facts, rs, "HDSS assessment"
    ),
}
