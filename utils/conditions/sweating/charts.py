"""Sweating charts: HDSS over time, episodes per week, sites, HDSS around each Botox session.

The sweating condition's ``charts`` part: ``charts(ev, rows) -> list[Chart]`` in page order.
Every chart reads the Evidence only (the day series ``ev.daily["sweating"]``, the summary, the
HDSS history); ``rows`` is kept for the shared signature and not read.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from utils.conditions.sweating.metrics import SweatDayPoint
from utils.core.plotting import (
    BLUE,
    ORANGE,
    REFERENCE,
    SKY,
    Chart,
    Figure,
    add_sessions,
    fmt_day,
    fmt_num,
    in_period,
    period_x,
    plural,
    style,
    trace,
    week_start,
)

if TYPE_CHECKING:
    from utils.evidence import Evidence


def _sweat_days(ev: Evidence) -> tuple[SweatDayPoint, ...]:
    """The logged sweating days of the period, by date (from the evidence's day series)."""
    return ev.daily.get("sweating", ())


def sweat_hdss_trend(ev: Evidence, rows: Iterable[Any]) -> Chart:
    """Daily HDSS as a weekly average, HDSS assessments, and Botox sessions."""
    title = "Sweating severity (HDSS) over time"
    sw = ev.sweating
    days = _sweat_days(ev)
    graded = [(d.date, 1 if d.normal_day else d.hdss) for d in days]
    graded = [(d, v) for d, v in graded if v is not None]
    hdss = ev.questionnaires.get("hdss")  # the HDSS assessments, by date (from the evidence)
    assessments = [a for a in (hdss.entries if hdss else ()) if in_period(ev, a.date)]
    if sw is None or (not graded and not assessments):
        return Chart(
            "hdss_trend",
            title,
            "Log your sweating each day (normal days too) with its HDSS grade to see this trend.",
        )
    weeks: dict[dt.date, list[int]] = defaultdict(list)
    for d, v in graded:
        weeks[week_start(d)].append(v)
    wx = sorted(weeks)
    fig = Figure()
    fig.add_hrect(y0=2.5, y1=4.5, fillcolor="rgba(230,159,0,0.10)", line_width=0, layer="below")
    fig.add_trace(
        trace(
            "scatter",
            x=wx,
            y=[round(statistics.fmean(weeks[w]), 1) for w in wx],
            mode="lines",
            line=dict(color=ORANGE, width=2, shape="hv"),
            name="Daily HDSS, weekly average (normal day = 1)",
            hovertemplate="week of %{x|%d %b %Y}: %{y:.1f}<extra></extra>",
        )
    )
    if assessments:
        fig.add_trace(
            trace(
                "scatter",
                x=[a.date for a in assessments],
                y=[a.score for a in assessments],
                mode="markers",
                marker=dict(symbol="circle", size=11, color=BLUE, line=dict(width=1)),
                name="HDSS assessment",
                customdata=[a.timing for a in assessments],
                hovertemplate="HDSS %{y} (%{customdata}) on %{x|%d %b %Y}<extra></extra>",
            )
        )
    add_sessions(fig, [s for s in sw.sessions if in_period(ev, s)])
    style(fig, 320)
    period_x(fig, ev)
    fig.update_yaxes(
        range=[0.7, 4.5],
        tickmode="array",
        tickvals=[1, 2, 3, 4],
        ticktext=["1 never noticeable", "2 tolerable", "3 barely tolerable", "4 intolerable"],
        rangemode=None,
    )
    if sw.hdss_mean is not None:
        summary = (
            f"Average HDSS {fmt_num(sw.hdss_mean)} on {plural(sw.symptom_days, 'day')} with "
            f"troublesome sweating, and {plural(sw.normal_days, 'normal day')}, out of "
            f"{plural(sw.logged_days, 'logged day')}"
        )
    else:
        summary = f"{sw.logged_days} logged days, none with an HDSS grade"
    return Chart("hdss_trend", title, summary + ".", fig.build())


def sweat_episodes(ev: Evidence, rows: Iterable[Any]) -> Chart:
    """Sweating episodes per week (normal days count as 0 episodes, as in the engine)."""
    title = "Sweating episodes per week"
    sw = ev.sweating
    weeks: dict[dt.date, list[int]] = defaultdict(list)
    for d in _sweat_days(ev):
        eps = 0 if d.normal_day else d.episodes
        if eps is not None:
            weeks[week_start(d.date)].append(eps)
    if sw is None or sw.episodes_per_week is None or not weeks:
        return Chart(
            "episodes",
            title,
            "Count your sweating episodes each day (0 on normal days) to see episodes per week.",
        )
    wx = sorted(weeks)
    # Episodes per week at the engine's rate definition: known episodes x 7 / days with a count.
    wy = [round(sum(weeks[w]) * 7 / len(weeks[w]), 1) for w in wx]
    fig = Figure(
        trace(
            "bar",
            x=wx,
            y=wy,
            xperiod=7 * 86_400_000,
            xperiodalignment="start",
            marker_color=ORANGE,
            name="Episodes per week",
            customdata=[len(weeks[w]) for w in wx],
            hovertemplate="week of %{x|%d %b %Y}: %{y:.0f} episodes a week "
            "(%{customdata} days counted)<extra></extra>",
        )
    )
    fig.add_hline(
        y=sw.episodes_per_week,
        line=dict(color=REFERENCE, dash="dash", width=1.5),
        annotation_text=f"period average {fmt_num(sw.episodes_per_week)}",
        annotation_position="top left",
    )
    add_sessions(fig, [s for s in sw.sessions if in_period(ev, s)])
    style(fig, 300)
    period_x(fig, ev)
    fig.update_layout(bargap=0.05)
    fig.update_yaxes(title_text="episodes a week")
    summary = (
        f"{fmt_num(sw.episodes_per_week)} sweating episodes a week on average over "
        f"{sw.episode_days} days with a count"
    )
    return Chart("episodes", title, summary + ".", fig.build())


def sweat_sites(ev: Evidence, rows: Iterable[Any]) -> Chart:
    """On how many days each body site sweated."""
    title = "Where the sweating was"
    sw = ev.sweating
    counts: dict[str, int] = defaultdict(int)
    for d in _sweat_days(ev):
        for s in d.sites:
            counts[s] += 1
    if sw is None or not counts:
        return Chart("sites", title, "Tick the sweating sites when you log a day to see this.")
    order = sorted(counts, key=lambda s: (-counts[s], s))
    fig = Figure(
        trace(
            "bar",
            x=[counts[s] for s in order],
            y=order,
            orientation="h",
            marker_color=SKY,
            text=[str(counts[s]) for s in order],  # as plotly stores numbers given as text
            textposition="outside",
            cliponaxis=False,
            name="Days",
            hovertemplate="%{y}: %{x} days<extra></extra>",
        )
    )
    style(fig, 120 + 32 * len(order))
    fig.update_layout(showlegend=False)
    fig.update_yaxes(autorange="reversed", nticks=None, rangemode=None)
    fig.update_xaxes(title_text=f"days (of {sw.symptom_days} days with sweating)")
    top = order[0]
    summary = f"{top.capitalize()} on {counts[top]} of {sw.symptom_days} days with sweating"
    if len(order) > 1:
        summary += f", {order[1]} on {counts[order[1]]}"
    return Chart("sites", title, summary + ".", fig.build())


def sweat_hdss_change(ev: Evidence) -> Chart:
    """HDSS before and after each Botox session (the engine's assessments or daily averages)."""
    title = "HDSS before and after each Botox session"
    sw = ev.sweating
    changes = [c for c in (sw.hdss_changes if sw else ()) if c.source != "none"]
    if sw is None or not changes:
        return Chart(
            "hdss_change",
            title,
            "Record your sweating Botox sessions and an HDSS before and about a month after each "
            "(Questionnaires page) to compare them.",
        )
    labels = [f"{fmt_day(c.session)}" for c in changes]
    fig = Figure()
    for name, vals, colour in (
        ("Before", [c.before for c in changes], ORANGE),
        ("After", [c.after for c in changes], BLUE),
    ):
        fig.add_trace(
            trace(
                "bar",
                x=labels,
                y=vals,
                name=name,
                marker_color=colour,
                text=[f"{v:g}" for v in vals],
                textposition="outside",
                cliponaxis=False,
                customdata=[c.note for c in changes],
                hovertemplate=f"{name}: %{{y}}<br>%{{customdata}}<extra></extra>",
            )
        )
    th = ev.thresholds.values.get("hdss_min", 3)
    fig.add_hline(
        y=th,
        line=dict(color=REFERENCE, dash="dash", width=1.5),
        annotation_text=f"HDSS {th}: severe",
        annotation_position="top left",
    )
    style(fig, 300)
    fig.update_layout(barmode="group")
    fig.update_xaxes(type="category", nticks=None, title_text="Botox session")
    fig.update_yaxes(range=[0, 4.6], tickvals=[1, 2, 3, 4], title_text="HDSS", rangemode=None)
    c = changes[-1]
    summary = f"Session of {fmt_day(c.session)}: HDSS {c.before:g} before, {c.after:g} after"
    if c.drop is not None:
        grades = ev.thresholds.values.get("hdss_response_grades", 2)
        summary += (
            f" ({'a response' if c.response else 'not a response'}: a drop of {c.drop:g}, "
            f"{grades} needed)"
        )
    return Chart("hdss_change", title, summary + ".", fig.build())


def charts(ev: Evidence, rows: Sequence[Any]) -> list[Chart]:
    """The sweating charts, in page order."""
    return [
        sweat_hdss_trend(ev, rows),
        sweat_episodes(ev, rows),
        sweat_sites(ev, rows),
        sweat_hdss_change(ev),
    ]
