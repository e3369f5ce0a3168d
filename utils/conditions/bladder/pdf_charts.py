"""Bladder's figure for the printed report (the API: ``utils.documents.charts``): urge leaks and
voids per complete diary day, Botox bladder sessions marked; page 1's chart when no condition
before it in display order leads.
"""

from __future__ import annotations

from utils.documents.charts import Chart, all_charts, figure, png
from utils.evidence import Evidence

SUMMARY_KEY = "bladder_days"


def charts(ev: Evidence) -> list[Chart | None]:
    b = ev.by_condition.get("bladder")
    if b is None:
        return []
    days = [d for d in ev.daily.get("bladder", ()) if d.complete]  # the summary's ``b.days``
    if not days:
        return [None]
    fig, ax = figure(2.3)
    xs = [d.date for d in days]
    ax.plot(
        xs, [d.voids for d in days], "o-", color="0.55", markersize=3, linewidth=1, label="voids"
    )
    ax.plot(
        xs,
        [d.urge_leaks for d in days],
        "s-",
        color="black",
        markersize=3,
        linewidth=1.2,
        label="urge leaks",
    )
    ax.axhline(8, color="0.3", linestyle=":", linewidth=0.8)
    ax.text(xs[0], 8.2, "8 voids a day", fontsize=6)
    for s in b.sessions:
        if xs[0] <= s <= xs[-1]:
            ax.axvline(s, color="black", linestyle="--", linewidth=0.8)
            ax.text(s, ax.get_ylim()[1] * 0.95, " Botox", fontsize=6)
    ax.set_ylim(bottom=0)
    ax.set_ylabel("per day", fontsize=7)
    ax.legend(fontsize=6, loc="upper right", frameon=False, ncols=2)
    fig.autofmt_xdate()
    alt = "Voids and urge leaks per complete diary day: " + "; ".join(
        f"{d.date.isoformat()}: {d.voids} voids, {d.urge_leaks} urge leaks" for d in days[-12:]
    )
    return [
        Chart(
            SUMMARY_KEY,
            "Bladder diary: voids and urge leaks per complete day",
            png(fig),
            alt,
            "Complete diary days only; dashed lines: Botox bladder sessions.",
        )
    ]


def leads_summary(ev: Evidence) -> bool:
    return ev.by_condition.get("bladder") is not None


def summary_chart(ev: Evidence) -> Chart | None:
    return next((c for c in all_charts(ev) if c.key == SUMMARY_KEY), None)
