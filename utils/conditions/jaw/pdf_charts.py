"""Jaw's figure for the printed report (the API: ``utils.documents.charts``): pain days per month."""

from __future__ import annotations

from utils.documents.charts import Chart, monthly_counts
from utils.evidence import Evidence


def charts(ev: Evidence) -> list[Chart | None]:
    if ev.jaw is None:
        return []
    return [
        monthly_counts(
            "jaw_months",
            "Jaw pain days per month",
            ev.jaw.pain_days_by_month,
            "jaw pain days",
            ev,
        )
    ]
