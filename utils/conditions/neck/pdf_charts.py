"""Neck figure for the printed report (the API: ``utils.documents.charts``): days with an
activity stopped per month."""

from __future__ import annotations

from utils.documents.charts import Chart, monthly_counts
from utils.evidence import Evidence


def charts(ev: Evidence) -> list[Chart | None]:
    neck = ev.by_condition.get("neck")
    if neck is None:
        return []
    return [
        monthly_counts(
            "neck_limit_months",
            "Neck: days an activity was stopped, per month",
            {m.month: m.limit_days for m in neck.months},
            "days with an activity stopped",
            ev,
        )
    ]
