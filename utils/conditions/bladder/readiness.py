"""Bladder readiness: the date the 12 weeks since the last bladder injection are reached.

Part API: see ``utils/conditions/headache/readiness.py`` (``PROJECTIONS``). The other bladder
criteria use the shared projections (missing data: record it; for the clinician).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from utils.rules.engine import MET
from utils.rules.readiness import DATE, CriterionReadiness, fmt

if TYPE_CHECKING:
    from utils.evidence import Evidence
    from utils.rules import engine


def _interval(ev: Evidence, cr: engine.CriterionResult, facts: engine.CaseFacts, rs: Any) -> Any:
    sessions = sorted(s for s in facts.sessions.get("bladder", ()) if s <= facts.end)
    if cr.status == MET or not sessions:
        return None
    days = int(next(iter(cr.thresholds.values()), 84))
    date = sessions[-1] + dt.timedelta(days=days)
    return CriterionReadiness(
        cr.id,
        cr.criterion,
        cr.status,
        DATE,
        date,
        f"{days} days after the last bladder injection ({fmt(sessions[-1])}): {fmt(date)}.",
        "from the last bladder session",
        "",
    )


PROJECTIONS: dict[str, Callable[..., CriterionReadiness | None]] = {
    "bladder_interval": _interval,
}
