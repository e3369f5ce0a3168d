"""Bladder charts: each key count per complete diary day against its reference line, with the
Botox bladder sessions marked.

The bladder condition's ``charts`` part: ``charts(ev, rows) -> list[Chart]`` in page order. Built
from ``ev.by_condition["bladder"]`` only (the engine's day counts; nothing is recounted).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from utils.conditions.bladder.metrics import COUNT_LABELS
from utils.core.plotting import (
    BLUE,
    REFERENCE,
    VERMILLION,
    Chart,
    Figure,
    add_sessions,
    fmt_num,
    in_period,
    period_x,
    style,
    trace,
)

if TYPE_CHECKING:
    from utils.evidence import Evidence

FREQUENT_VOIDS = 8  # more than 8 voids in 24 h: the usual "frequent" mark (a definition only)
KEYS = ("urge_leaks", "voids", "urgency_episodes", "nocturia")


def _summary(ev: Evidence) -> Any:
    return ev.by_condition.get("bladder")


def _reference(ev: Evidence, key: str, b: Any) -> tuple[float | None, str]:
    if key == "voids":
        return FREQUENT_VOIDS, f"{FREQUENT_VOIDS} a day (more is the usual 'frequent' mark)"
    if key == "urge_leaks" and b.baseline is not None and b.baseline.urge_leaks > 0:
        pct = ev.thresholds.values.get("oab_response_pct", 50)
        line = round(b.baseline.urge_leaks * (1 - pct / 100), 2)
        return line, f"{pct}% below the baseline of {fmt_num(b.baseline.urge_leaks)} a day"
    base = getattr(b.baseline, key, None) if b.baseline is not None else None
    if base is not None:
        return base, f"baseline {fmt_num(base)} a day"
    return None, ""


def count_chart(ev: Evidence, key: str) -> Chart:
    label = COUNT_LABELS[key]
    title = f"{label} per complete diary day"
    chart_key = f"bladder_{key}"
    b = _summary(ev)
    days = [
        d
        for d in ev.daily.get("bladder", ())  # the summary's logged days (``b.days``)
        if d.complete and getattr(d, key) is not None and in_period(ev, d.date)
    ]
    if not days:
        return Chart(
            chart_key,
            title,
            "Log every void and leak of a day and mark it complete to see this chart.",
        )
    xs: list[Any] = []
    ys: list[Any] = []
    for prev, d in zip([None, *days], days, strict=False):
        if prev is not None and (d.date - prev.date).days > 1:
            xs.append(None)  # no line across days that are not complete (a gap, not a trend)
            ys.append(None)
        xs.append(d.date)
        ys.append(getattr(d, key))
    fig = Figure(
        trace(
            "scatter",
            x=xs,
            y=ys,
            connectgaps=False,
            mode="lines+markers",
            line=dict(color=VERMILLION if key == "urge_leaks" else BLUE, width=2),
            name=f"{label} (complete days only)",
            hovertemplate="%{x|%a %d %b %Y}: %{y}<extra></extra>",
        )
    )
    ref, ref_text = _reference(ev, key, b)
    if ref is not None:
        fig.add_hline(
            y=ref,
            line=dict(color=REFERENCE, width=1.5, dash="dash"),
            annotation_text=ref_text,
            annotation_position="top left",
        )
    add_sessions(fig, [s for s in b.sessions if in_period(ev, s)])
    style(fig, 280)
    fig.update_yaxes(rangemode="tozero", title_text="per day")
    period_x(fig, ev)
    mean = b.per_day.get(key)
    summary = f"{fmt_num(mean) if mean is not None else 'no'} per 24 h over {b.complete_days} complete days"
    if key == "urge_leaks" and b.urge_leak_change_pct is not None:
        summary += f"; {fmt_num(b.urge_leak_change_pct)}% fewer than the pre-treatment baseline"
    return Chart(chart_key, title, summary + ".", fig.build())


def charts(ev: Evidence, rows: Sequence[Any]) -> list[Chart]:
    """The bladder charts, in page order."""
    return [count_chart(ev, key) for key in KEYS]
