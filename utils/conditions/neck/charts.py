"""Neck (cervical dystonia) charts, from the Evidence only: pain and pull by month, days with
activity limits by month, before and after each session, and the weeks until each session
wore off against the 8 weeks some plans ask for and the 12 weeks between sessions.

The neck condition's ``charts`` part: ``charts(ev, rows) -> list[Chart]`` in page order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from utils.core.dates import month_bounds, month_label
from utils.core.plotting import (
    BLUE,
    ORANGE,
    REFERENCE,
    SKY,
    VERMILLION,
    Chart,
    Figure,
    add_sessions,
    fmt_day,
    fmt_num,
    in_period,
    period_x,
    style,
    trace,
)

if TYPE_CHECKING:
    from utils.conditions.neck.metrics import NeckSummary
    from utils.evidence import Evidence

BENEFIT_WEEKS = 8  # some plans (the renewal rule set's benefit_min_weeks)
INTERVAL_WEEKS = 12  # the label's and plans' usual spacing between sessions


def _neck(ev: Evidence) -> NeckSummary | None:
    return ev.by_condition.get("neck")


def _mid(month: str) -> dt.date:
    first, last = month_bounds(month)
    return first + (last - first) / 2


def pain_and_pull(ev: Evidence) -> Chart:
    title = "Neck pain and pull, by month"
    neck = _neck(ev)
    months = [m for m in (neck.months if neck else ()) if m.logged_days]
    if neck is None or not months:
        return Chart("neck_pain", title, "Log your neck each day (normal days too) to see this.")
    x = [_mid(m.month) for m in months]
    fig = Figure()
    fig.add_trace(
        trace(
            "scatter",
            x=x,
            y=[m.mean_pain for m in months],
            mode="lines+markers",
            line=dict(color=VERMILLION, width=2),
            name="Mean neck pain (0-10)",
            customdata=[[month_label(m.month), m.logged_days] for m in months],
            hovertemplate="%{customdata[0]}: pain %{y}/10 (%{customdata[1]} days)<extra></extra>",
        )
    )
    fig.add_trace(
        trace(
            "scatter",
            x=x,
            y=[m.mean_pull for m in months],
            mode="lines+markers",
            line=dict(color=BLUE, width=2, dash="dash"),
            name="Mean pull (0 none - 3 severe)",
            yaxis="y2",
            hovertemplate="%{x|%b %Y}: pull %{y}<extra></extra>",
        )
    )
    add_sessions(fig, [s for s in neck.sessions if in_period(ev, s)])
    style(fig, 320)
    fig.update_layout(
        yaxis=dict(range=[0, 10.5], title_text="pain (0-10)"),
        yaxis2=dict(range=[0, 3.15], overlaying="y", side="right", title_text="pull (0-3)"),
    )
    period_x(fig, ev)
    summary = f"{neck.logged_days} days logged"
    if neck.mean_pain is not None:
        summary += f"; mean neck pain {fmt_num(neck.mean_pain)}/10"
    if neck.mean_pull is not None:
        summary += f", mean pull {fmt_num(neck.mean_pull)} of 3"
    return Chart("neck_pain", title, summary + ".", fig.build())


def limit_days(ev: Evidence) -> Chart:
    title = "Days the neck stopped an activity, by month"
    neck = _neck(ev)
    months = [m for m in (neck.months if neck else ()) if m.logged_days]
    if neck is None or not months:
        return Chart(
            "neck_limits", title, "Tick what your neck stopped you doing when you log a day."
        )
    fig = Figure(
        trace(
            "bar",
            x=[_mid(m.month) for m in months],
            y=[m.limit_days for m in months],
            marker_color=ORANGE,
            name="Days with an activity stopped",
            customdata=[[month_label(m.month), m.logged_days] for m in months],
            hovertemplate="%{customdata[0]}: %{y} of %{customdata[1]} logged days<extra></extra>",
        )
    )
    add_sessions(fig, [s for s in neck.sessions if in_period(ev, s)])
    style(fig, 280)
    fig.update_yaxes(title_text="days")
    period_x(fig, ev)
    top = sorted(neck.limit_days_by_activity.items(), key=lambda kv: (-kv[1], kv[0]))
    summary = f"An activity stopped on {neck.limit_days} of {neck.logged_days} logged days"
    if top:
        summary += f"; most often {top[0][0]} ({top[0][1]} days)"
    return Chart("neck_limits", title, summary + ".", fig.build())


def before_after(ev: Evidence) -> Chart:
    title = "Before and after each session: mean neck pain"
    neck = _neck(ev)
    cycles = [
        c
        for c in (neck.cycles if neck else ())
        if in_period(ev, c.session)
        and (c.before.mean_pain is not None or c.after.mean_pain is not None)
    ]
    if neck is None or not cycles:
        return Chart(
            "neck_cycles",
            title,
            "Add your Botox sessions for the neck and log the weeks around them to see this.",
        )
    x = [fmt_day(c.session) for c in cycles]
    fig = Figure(
        trace(
            "bar",
            x=x,
            y=[c.before.mean_pain for c in cycles],
            name="28 days before",
            marker_color=VERMILLION,
            hovertemplate="before %{x}: %{y}/10<extra></extra>",
        ),
        trace(
            "bar",
            x=x,
            y=[c.after.mean_pain for c in cycles],
            name="days 14-42 after",
            marker_color=SKY,
            hovertemplate="after %{x}: %{y}/10<extra></extra>",
        ),
    )
    style(fig, 300)
    fig.update_layout(barmode="group")
    fig.update_xaxes(type="category")
    fig.update_yaxes(range=[0, 10.5], title_text="mean pain (0-10)")
    c = cycles[-1]
    summary = (
        f"Session on {fmt_day(c.session)}: mean pain "
        f"{'no data' if c.before.mean_pain is None else fmt_num(c.before.mean_pain)} before, "
        f"{'no data' if c.after.mean_pain is None else fmt_num(c.after.mean_pain)} after"
    )
    return Chart("neck_cycles", title, summary + ".", fig.build())


def wearing_off(ev: Evidence) -> Chart:
    title = "Weeks until each session wore off"
    neck = _neck(ev)
    cycles = [
        c
        for c in (neck.cycles if neck else ())
        if c.wearing_off is not None and (in_period(ev, c.session) or in_period(ev, c.wearing_off))
    ]
    if neck is None or not cycles:
        return Chart(
            "neck_wearing_off",
            title,
            "Tick 'the last injection is wearing off' on the first day symptoms come back.",
        )
    x = [fmt_day(c.session) for c in cycles]
    fig = Figure(
        trace(
            "bar",
            x=x,
            y=[c.weeks_to_wearing_off for c in cycles],
            marker_color=BLUE,
            name="Weeks until wearing off",
            text=[fmt_num(c.weeks_to_wearing_off or 0) for c in cycles],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="session %{x}: %{y} weeks<extra></extra>",
        )
    )
    for weeks, label in (
        (BENEFIT_WEEKS, f"{BENEFIT_WEEKS} weeks (some plans)"),
        (INTERVAL_WEEKS, f"{INTERVAL_WEEKS} weeks between sessions"),
    ):
        fig.add_hline(
            y=weeks,
            line_dash="dot",
            line_color=REFERENCE,
            annotation_text=label,
            annotation_position="top left",
            annotation_bgcolor="rgba(255,255,255,0.75)",
        )
    style(fig, 300)
    fig.update_layout(showlegend=False)
    fig.update_xaxes(type="category", title_text="session")
    fig.update_yaxes(range=[0, 14], title_text="weeks")
    c = cycles[-1]
    summary = (
        f"The session on {fmt_day(c.session)} wore off after {fmt_num(c.weeks_to_wearing_off)} "
        f"weeks ({c.days_to_wearing_off} days)"
    )
    return Chart("neck_wearing_off", title, summary + ".", fig.build())


def charts(ev: Evidence, rows: Sequence[Any]) -> list[Chart]:
    """The neck charts, in page order."""
    return [pain_and_pull(ev), limit_days(ev), before_after(ev), wearing_off(ev)]
