"""Sweating's figures for the printed report (the API: ``utils.documents.charts``).

``charts(ev)``: sweating days per month and the HDSS chart; without a headache diary, page 1
shows the sweating days per month (``summary_chart``).
"""

from __future__ import annotations

from utils.documents.charts import Chart, all_charts, figure, monthly_counts, png
from utils.evidence import Evidence

SUMMARY_KEY = "sweat_months"


def charts(ev: Evidence) -> list[Chart | None]:
    if ev.sweating is None:
        return []
    return [
        monthly_counts(
            "sweat_months",
            "Sweating days per month",
            ev.sweating.symptom_days_by_month,
            "days with sweating",
            ev,
        ),
        hdss_chart(ev),
    ]


def leads_summary(ev: Evidence) -> bool:
    return ev.sweating is not None


def summary_chart(ev: Evidence) -> Chart | None:
    """The same figure as the charts section's (drawn once per evidence)."""
    return next((c for c in all_charts(ev) if c.key == SUMMARY_KEY), None)


def hdss_chart(ev: Evidence) -> Chart | None:
    s = ev.sweating
    if s is None:
        return None
    changes = [c for c in s.hdss_changes if c.before is not None or c.after is not None]
    fig, ax = figure(2.3)
    if changes:
        xs = range(len(changes))
        ax.bar(
            [x - 0.2 for x in xs],
            [c.before or 0 for c in changes],
            0.4,
            color="0.45",
            edgecolor="black",
            linewidth=0.4,
            label="HDSS before",
        )
        ax.bar(
            [x + 0.2 for x in xs],
            [c.after or 0 for c in changes],
            0.4,
            color="white",
            hatch="////",
            edgecolor="black",
            linewidth=0.4,
            label="HDSS after",
        )
        ax.set_xticks(list(xs))
        ax.set_xticklabels([f"Session\n{c.session:%d %b %Y}" for c in changes], fontsize=6)
        alt = "Bars of HDSS before and after each Botox session for sweating: " + "; ".join(
            f"{c.session.isoformat()}: {c.before} before, {c.after} after ({c.source})"
            for c in changes
        )
        title = "HDSS before and after Botox (sweating)"
    else:
        dist = s.hdss_distribution
        labels = ["normal day", "HDSS 1", "HDSS 2", "HDSS 3", "HDSS 4"]
        values = [dist.get("normal_day", 0)] + [dist.get(str(i), 0) for i in range(1, 5)]
        if not any(values):
            return None
        ax.bar(
            range(5),
            values,
            0.6,
            color=["white", "0.9", "0.7", "0.4", "0.1"],
            edgecolor="black",
            linewidth=0.4,
        )
        ax.set_xticks(range(5))
        ax.set_xticklabels(labels, fontsize=6)
        ax.set_ylabel("logged days", fontsize=7)
        alt = "Bars of logged sweating days by HDSS grade: " + "; ".join(
            f"{lbl}: {v}" for lbl, v in zip(labels, values, strict=True)
        )
        title = "Sweating days by HDSS grade"
    if changes:
        ax.axhline(3, color="black", linestyle="--", linewidth=0.8)
        ax.text(max(len(changes), 4) - 0.4, 3.05, "HDSS 3: severe", fontsize=6, ha="right")
        ax.set_ylim(0, 4.4)
        ax.set_xlim(-0.7, max(len(changes), 4) - 0.3)
        ax.set_ylabel("HDSS (1-4)", fontsize=7)
        ax.legend(fontsize=6, loc="upper left", frameon=False, ncols=2)
    return Chart(
        "hdss", title, png(fig), alt, "HDSS 3-4 is severe; a fall of 2 grades is a response."
    )
