"""Jaw charts: pain over time and symptom days.

The jaw condition's ``charts`` part: ``charts(ev, rows) -> list[Chart]`` in page order.
Every chart reads the Evidence only (the day series ``ev.daily["jaw"]``, the summary); ``rows``
is kept for the shared signature and not read.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from utils.core.plotting import (
    ORANGE,
    PURPLE,
    VERMILLION,
    Chart,
    Figure,
    add_sessions,
    fmt_num,
    in_period,
    period_x,
    style,
    trace,
    week_start,
)

if TYPE_CHECKING:
    from utils.evidence import Evidence


def jaw_pain_trend(ev: Evidence, rows: Iterable[Any]) -> Chart:
    """Jaw pain as a weekly average of logged days (normal day = 0)."""
    title = "Jaw pain over time"
    jaw = ev.jaw
    weeks: dict[dt.date, list[int]] = defaultdict(list)
    for p in ev.daily.get("jaw", ()):  # the logged days of the period, by date
        v = 0 if p.normal_day else p.pain
        if v is not None:
            weeks[week_start(p.date)].append(v)
    if jaw is None or not weeks:
        return Chart(
            "jaw_trend", title, "Log your jaw each day (normal days too) to see pain over time."
        )
    wx = sorted(weeks)
    fig = Figure(
        trace(
            "scatter",
            x=wx,
            y=[round(statistics.fmean(weeks[w]), 1) for w in wx],
            mode="lines",
            line=dict(color=VERMILLION, width=2, shape="hv"),
            name="Jaw pain, weekly average (normal day = 0)",
            customdata=[len(weeks[w]) for w in wx],
            hovertemplate="week of %{x|%d %b %Y}: %{y:.1f}/10 "
            "(%{customdata} days logged)<extra></extra>",
        )
    )
    add_sessions(fig, [s for s in jaw.sessions if in_period(ev, s)])
    style(fig, 300)
    fig.update_yaxes(range=[0, 10.5], title_text="pain (0-10)")
    period_x(fig, ev)
    summary = f"Jaw pain on {jaw.pain_days} of {jaw.logged_days} logged days"
    if jaw.mean_pain is not None:
        summary += f", averaging {fmt_num(jaw.mean_pain)}/10 on those days"
    return Chart("jaw_trend", title, summary + ".", fig.build())


def jaw_symptoms(ev: Evidence) -> Chart:
    """How often each jaw symptom and clenching was logged (the engine's day counts)."""
    title = "Jaw symptoms: on how many days"
    jaw = ev.jaw
    if jaw is None or not (jaw.symptom_days or jaw.clenching_days):
        return Chart(
            "jaw_symptoms", title, "Tick your jaw symptoms when you log a day to see this."
        )
    items = sorted(jaw.symptom_days.items(), key=lambda kv: (-kv[1], kv[0]))
    items += [
        (f"clenching: {k}", v)
        for k, v in sorted(jaw.clenching_days.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    fig = Figure(
        trace(
            "bar",
            x=[v for _, v in items],
            y=[k for k, _ in items],
            orientation="h",
            marker_color=[PURPLE if k.startswith("clenching") else ORANGE for k, _ in items],
            text=[str(v) for _, v in items],  # as plotly stores numbers given as text
            textposition="outside",
            cliponaxis=False,
            name="Days",
            hovertemplate="%{y}: %{x} days<extra></extra>",
        )
    )
    style(fig, 120 + 28 * len(items))
    fig.update_layout(showlegend=False)
    fig.update_yaxes(autorange="reversed", nticks=None, rangemode=None)
    fig.update_xaxes(title_text=f"days (of {jaw.logged_days} logged days)")
    k, v = items[0]
    summary = f"Most frequent: {k} on {v} of {jaw.logged_days} logged days"
    return Chart("jaw_symptoms", title, summary + ".", fig.build())


def charts(ev: Evidence, rows: Sequence[Any]) -> list[Chart]:
    """The jaw charts, in page order."""
    return [jaw_pain_trend(ev, rows), jaw_symptoms(ev)]
