"""Spasticity's figures for the printed report (the API: ``utils.documents.charts``): hard-task
days and therapy days per month."""

from __future__ import annotations

from utils.documents.charts import Chart, monthly_counts
from utils.evidence import Evidence


def charts(ev: Evidence) -> list[Chart | None]:
    s = ev.by_condition.get("spasticity")
    if s is None:
        return []
    return [
        monthly_counts(
            "spasticity_tasks",
            "Days with a hard task per month",
            s.hard_task_days_by_month,
            "hard-task days",
            ev,
        ),
        monthly_counts(
            "spasticity_therapy",
            "Therapy days per month",
            s.therapy_days_by_month,
            "therapy days",
            ev,
        ),
    ]


SUMMARY_KEY = "spasticity_tasks"  # page 1's chart when spasticity is the main condition


def leads_summary(ev: Evidence) -> bool:
    return ev.by_condition.get("spasticity") is not None


def summary_chart(ev: Evidence) -> Chart | None:
    """The same figure as the charts section's (drawn once per evidence)."""
    from utils.documents.charts import all_charts

    return next((c for c in all_charts(ev) if c.key == SUMMARY_KEY), None)
