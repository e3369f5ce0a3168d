"""Spasticity charts: stiffness over time around each session, and the monthly counts the
rule sets read (hard-task days, therapy days) against their thresholds, with spasms and falls.

The condition's ``charts`` part: ``charts(ev, rows) -> list[Chart]`` in page order. Monthly
numbers are the Evidence's; the weekly stiffness line averages the logged days of each week
(the day series ``ev.daily["spasticity"]``). Every chart reads the Evidence only; ``rows`` is
kept for the shared signature and not read.
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
    REFERENCE,
    VERMILLION,
    Chart,
    Figure,
    add_sessions,
    first_day,
    fmt_num,
    in_period,
    period_x,
    style,
    trace,
    week_start,
)

if TYPE_CHECKING:
    from utils.evidence import Evidence


def summary_of(ev: Evidence) -> Any:
    return ev.by_condition.get("spasticity")


def stiffness_trend(ev: Evidence, rows: Iterable[Any]) -> Chart:
    """Stiffness (0-10), weekly average of the logged days that give it; sessions marked."""
    title = "Stiffness over time"
    s = summary_of(ev)
    weeks: dict[dt.date, list[int]] = defaultdict(list)
    for day in ev.daily.get("spasticity", ()):  # the logged days of the period (``rows`` unread)
        if day.stiffness is not None:
            weeks[week_start(day.date)].append(day.stiffness)
    if s is None or not weeks:
        return Chart(
            "spasticity_stiffness", title, "Rate the stiffness each day to see it over time."
        )
    wx = sorted(weeks)
    fig = Figure(
        trace(
            "scatter",
            x=wx,
            y=[round(statistics.fmean(weeks[w]), 1) for w in wx],
            mode="lines+markers",
            line=dict(color=VERMILLION, width=2, shape="hv"),
            name="Stiffness, weekly average",
            customdata=[len(weeks[w]) for w in wx],
            hovertemplate="week of %{x|%d %b %Y}: %{y:.1f}/10 "
            "(%{customdata} days rated)<extra></extra>",
        )
    )
    if s.stiffness_before is not None:
        pct = ev.thresholds.values.get("spasticity_stiffness_drop_pct", 30)
        target = round(s.stiffness_before * (1 - pct / 100), 1)
        fig.add_hline(
            y=target,
            line=dict(color=REFERENCE, dash="dash", width=1),
            annotation_text=f"{pct:g}% below the mean before the last session",
            annotation_position="bottom right",
        )
    add_sessions(fig, [d for d in s.sessions if in_period(ev, d)])
    style(fig, 300)
    fig.update_yaxes(range=[0, 10.5], title_text="stiffness (0-10)")
    period_x(fig, ev)
    text = f"Mean stiffness {fmt_num(s.mean_stiffness)}/10 over the rated days"
    if s.stiffness_change_pct is not None:
        text += (
            f"; {fmt_num(s.stiffness_before)} before and {fmt_num(s.stiffness_after)} after "
            f"the last session ({s.stiffness_change_pct:+g}%)"
        )
    return Chart("spasticity_stiffness", title, text + ".", fig.build())


def _monthly(
    ev: Evidence,
    key: str,
    title: str,
    values: dict[str, int],
    total: int,
    name: str,
    colour: str,
    threshold: float | None,
    threshold_text: str,
    empty: str,
    extra: tuple[str, dict[str, int], str, int] | None = None,
) -> Chart:
    """A monthly bar chart of one of the summary's ``*_by_month`` counts; ``total`` (and the
    extra series' last item) is the summary's count over the period, printed, not added up."""
    s = summary_of(ev)
    if s is None or not s.logged_days_by_month:
        return Chart(key, title, empty)
    months = list(s.logged_days_by_month)
    fig = Figure(
        trace(
            "bar",
            x=[first_day(m) for m in months],
            y=[values.get(m, 0) for m in months],
            marker_color=colour,
            name=name,
            text=[str(values.get(m, 0)) for m in months],  # as plotly stores numbers as text
            textposition="outside",
            cliponaxis=False,
            customdata=[s.logged_days_by_month[m] for m in months],
            hovertemplate="%{x|%b %Y}: %{y} (%{customdata} days logged)<extra></extra>",
            xperiod="M1",
            xperiodalignment="middle",
        )
    )
    if extra is not None:
        label, series, extra_colour, _ = extra
        fig.add_trace(
            trace(
                "bar",
                x=[first_day(m) for m in months],
                y=[series.get(m, 0) for m in months],
                marker_color=extra_colour,
                name=label,
                text=[str(series.get(m, 0)) for m in months],  # as plotly stores numbers as text
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{x|%b %Y}: %{y}<extra></extra>",
                xperiod="M1",
                xperiodalignment="middle",
            )
        )
    add_sessions(fig, [d for d in s.sessions if in_period(ev, d)])
    style(fig, 280)
    fig.update_xaxes(type="date", tickformat="%b %Y", dtick="M1")
    text = f"{name}: {total} in the period ({len(months)} months)"
    if threshold is not None:
        # The rule set counts the whole period, so the threshold is not a line on a month.
        verdict = "reached" if total >= threshold else "not reached yet"
        text += f"; {threshold_text}: {verdict}"
    if extra is not None:
        text += f"; {extra[0].lower()}: {extra[3]}"
    return Chart(key, title, text + ".", fig.build())


def charts(ev: Evidence, rows: Sequence[Any]) -> list[Chart]:
    """The spasticity charts, in page order."""
    s = summary_of(ev)
    th = ev.thresholds.values
    task_min = th.get("spasticity_task_days_min")
    therapy_min = th.get("spasticity_therapy_days_min")
    return [
        stiffness_trend(ev, rows),
        _monthly(
            ev,
            "spasticity_tasks",
            "Days with a hard task, per month",
            s.hard_task_days_by_month if s else {},
            s.hard_task_days if s else 0,
            "Hard-task days",
            ORANGE,
            task_min,
            f"{task_min} days in the period show the impairment (app default)",
            "Tick what was hard when you log a day to see this.",
        ),
        _monthly(
            ev,
            "spasticity_therapy",
            "Therapy days, per month",
            s.therapy_days_by_month if s else {},
            s.therapy_days if s else 0,
            "Therapy days",
            PURPLE,
            therapy_min,
            f"{therapy_min} days in the period show ongoing rehabilitation (app default)",
            "Write the minutes of stretching or therapy to see this.",
        ),
        _monthly(
            ev,
            "spasticity_spasms_falls",
            "Spasm days and falls, per month",
            s.spasm_days_by_month if s else {},
            s.spasm_days if s else 0,
            "Spasm days",
            VERMILLION,
            None,
            "",
            "Log spasms to see this.",
            ("Falls", s.falls_by_month if s else {}, ORANGE, s.falls if s else 0),
        ),
    ]
