"""The shared layer of the Plotly charts: the ``Chart`` type, palette, styling and helpers.

Every chart builder is pure: it takes the ``Evidence`` (and, only for what the engine does not
aggregate, the profile's stored entries) and returns a ``Chart``: the figure *and* the one
sentence that states its key number, made from the same values the traces carry. Without enough
data the figure is ``None`` and the sentence says what to log to see the chart.

A condition's builders live in ``utils/conditions/<key>/charts.py``, whose API is
``charts(ev, rows) -> list[Chart]`` (its charts in page order); ``utils.charts.charts_for``
iterates over the registry's ``charts`` parts. Nothing here names a condition.

The headache, sweating and jaw charts build their figures as plain dicts with
``utils.core.figures.Figure`` (re-exported here with ``trace``, ``shape``, ``annotation``): the
same figure JSON, made about ten times faster; ``style``, ``add_sessions`` and ``period_x`` take
either kind of figure.

Style: the Okabe-Ito colour-blind-safe palette; not-logged days in grey with a hatch mark (never a
red/green contrast); transparent backgrounds so Streamlit's light or dark theme shows through;
legends at the bottom and few ticks so a phone screen can read them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import plotly.graph_objects as go

from utils.core.dates import month_bounds
from utils.core.figures import Figure, SharedFigure, annotation, shape, trace  # noqa: F401

if TYPE_CHECKING:
    from utils.evidence import Evidence

# Okabe-Ito (Okabe & Ito 2008), the colour-blind-safe palette; black is left out (dark theme).
ORANGE, SKY, GREEN, YELLOW, BLUE, VERMILLION, PURPLE = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
)
GREY = "#8C8C8C"
NOT_LOGGED_COLOUR = "#A3A3A3"
REFERENCE = "#7A7A7A"
# Questionnaire points: a mid blue that keeps 3:1 against every band in both themes.
POINT_COLOUR = "#2F86D0"
BAND_SHADES = tuple(f"rgba(86,180,233,{a})" for a in (0.04, 0.09, 0.15, 0.22))
MILD_DOT = "#4A4300"  # the dot that marks mild days (a pattern, not only a hue)
SESSION_COLOUR = GREEN
SESSION_NAME = "Botox session"
OUTCOME_COLOURS = {
    "inadequate_response": ORANGE,
    "side_effects": PURPLE,
    "contraindicated": GREY,
    "ongoing": SKY,
    "other": GREY,
}


@dataclass(frozen=True)
class Chart:
    """One chart of the trends page: a figure (or None) and its one-sentence summary."""

    key: str
    title: str
    summary: str  # the key number; when ``figure`` is None, what to log to see the chart
    figure: go.Figure | None = None

    @property
    def empty(self) -> bool:
        return self.figure is None


# ---------------------------------------------------------------- helpers


def style(fig: go.Figure | Figure, height: int = 320) -> go.Figure | Figure:
    """The shared look of every chart (one template for all: size, margins, transparent
    backgrounds, legend below, few ticks). Each property is set on its layout object directly,
    the same values ``update_layout`` / ``update_xaxes`` would merge in, about three times
    faster (plotly parses a path for every key of an update)."""
    if isinstance(fig, Figure):
        lay = fig.layout
        lay["height"] = height
        lay["autosize"] = True
        margin = lay.setdefault("margin", {})
        margin.update(l=8, r=8, t=24, b=8)
        lay["paper_bgcolor"] = "rgba(0,0,0,0)"
        lay["plot_bgcolor"] = "rgba(0,0,0,0)"
        legend = lay.setdefault("legend", {})
        legend.update(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0)
        legend.setdefault("title", {})["text"] = ""
        lay.setdefault("hoverlabel", {})["namelength"] = -1
        lay["bargap"] = 0.15
        for axis in fig.axes("x"):
            axis.update(nticks=6, showgrid=False)
        for axis in fig.axes("y"):
            axis.update(nticks=6, rangemode="tozero", zeroline=False)
        return fig
    lay = fig.layout
    lay.height = height
    lay.autosize = True
    margin = lay.margin
    margin.l, margin.r, margin.t, margin.b = 8, 8, 24, 8
    lay.paper_bgcolor = "rgba(0,0,0,0)"
    lay.plot_bgcolor = "rgba(0,0,0,0)"
    legend = lay.legend
    legend.orientation = "h"
    legend.yanchor = "top"
    legend.y = -0.12
    legend.xanchor = "left"
    legend.x = 0
    legend.title.text = ""
    lay.hoverlabel.namelength = -1
    lay.bargap = 0.15
    for axis in fig.select_xaxes():
        axis.nticks = 6
        axis.showgrid = False
    for axis in fig.select_yaxes():
        axis.nticks = 6
        axis.rangemode = "tozero"
        axis.zeroline = False
    return fig


def fmt_day(d: dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


def fmt_num(v: float) -> str:
    """A rate or average with at most one decimal: 18.49 -> '18.5', 3.0 -> '3'."""
    return f"{round(v, 1):g}"


def plural(n: float, word: str) -> str:
    if n == 1:
        return f"{n:g} {word}"
    return f"{n:g} {word}es" if word.endswith(("s", "x")) else f"{n:g} {word}s"


def first_day(month: str) -> dt.date:
    return month_bounds(month)[0]


def entries_of(rows: Iterable[Any], cls: type) -> list[Any]:
    out = []
    for r in rows:
        e = getattr(r, "entry", r)
        if isinstance(e, cls):
            out.append(e)
    return out


def in_period(ev: Evidence, d: dt.date) -> bool:
    return ev.period.start <= d <= ev.period.counted_end


def add_sessions(fig: go.Figure | Figure, dates: Sequence[dt.date], rows: int = 1) -> None:
    """Botox sessions as dotted vertical lines across the plot (every row of a subplot figure),
    labelled on top: never as a data point on a value axis. One legend entry."""
    if not dates:
        return
    line = dict(color=SESSION_COLOUR, width=2, dash="dot")
    shapes = []
    for row in range(1, rows + 1):
        xref = "x" if row == 1 else f"x{row}"
        yref = "y domain" if row == 1 else f"y{row} domain"
        shapes += [
            dict(
                type="line",
                x0=d,
                x1=d,
                y0=0,
                y1=1,
                xref=xref,
                yref=yref,
                line=line,
                name=SESSION_NAME,
                layer="above",
            )
            for d in dates
        ]
    labels = [
        dict(
            x=d,
            y=1,
            xref="x",
            yref="y domain",
            text="Botox",
            showarrow=False,
            yanchor="bottom",
            font=dict(size=11, color=SESSION_COLOUR),
            hovertext=f"Botox session {fmt_day(d)}",
        )
        for d in dates
    ]
    # The legend entry (draws nothing itself: the lines above are the sessions).
    legend = dict(
        x=list(dates),
        y=[None] * len(dates),
        mode="lines",
        line=dict(color=SESSION_COLOUR, width=2, dash="dot"),
        name=SESSION_NAME,
        hoverinfo="skip",
    )
    if isinstance(fig, Figure):
        fig.add_shapes(shape(**s) for s in shapes)
        fig.add_annotations(annotation(**a) for a in labels)
        fig.add_trace(trace("scatter", **legend))
        return
    # Shapes and labels are made as layout objects and added in one assignment each: the same
    # layout as ``add_shape`` / ``add_annotation`` one by one, without their per-call cost.
    fig.layout.shapes = (*fig.layout.shapes, *(go.layout.Shape(**s) for s in shapes))
    fig.layout.annotations = (
        *fig.layout.annotations,
        *(go.layout.Annotation(**a) for a in labels),
    )
    fig.add_trace(go.Scatter(**legend))


def period_x(
    fig: go.Figure | Figure, ev: Evidence, first: dt.date | None = None, **where: Any
) -> None:
    """Show the whole period on a date axis, even with one point (no sub-second ticks)."""
    lo = min(first or ev.period.start, ev.period.start)
    fig.update_xaxes(type="date", range=[lo, ev.period.counted_end + dt.timedelta(days=1)], **where)


def week_start(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


# ---------------------------------------------------------------- questionnaires


def history_chart(
    key: str,
    title: str,
    points: Sequence[tuple[dt.date, int]],
    bands: Sequence[tuple[int, int, str]],
    top: int,
    bottom: int,
    what: str,
    log_hint: str,
    grade_of: Callable[[int], str],
    ev: Evidence,
    sessions: Sequence[dt.date] = (),
) -> Chart:
    if not points:
        return Chart(key, title, log_hint)
    fig = Figure()
    shades = BAND_SHADES
    # The bands as ``add_hrect`` draws them (a rectangle across the plot, its label at the top
    # left).
    rects, labels = [], []
    for i, (lo, hi, label) in enumerate(bands):
        y0 = lo - 0.5 if i else bottom
        y1 = hi + 0.5 if i < len(bands) - 1 else top
        rects.append(
            shape(
                type="rect",
                x0=0,
                x1=1,
                xref="x domain",
                y0=y0,
                y1=y1,
                yref="y",
                fillcolor=shades[i % len(shades)],
                line_width=0,
                layer="below",
            )
        )
        labels.append(
            annotation(
                x=0,
                xref="x domain",
                xanchor="left",
                y=y1,
                yref="y",
                yanchor="top",
                text=label,
                showarrow=False,
                font_size=11,
            )
        )
    fig.add_shapes(rects)
    fig.add_annotations(labels)
    fig.add_trace(
        trace(
            "scatter",
            x=[d for d, _ in points],
            y=[v for _, v in points],
            mode="lines+markers+text",
            text=[str(v) for _, v in points],
            textposition="top center",
            marker=dict(size=10, color=POINT_COLOUR),
            line=dict(color=POINT_COLOUR),
            name=what,
            customdata=[grade_of(v) for _, v in points],
            hovertemplate=f"{what} %{{y}} (%{{customdata}}) on %{{x|%d %b %Y}}<extra></extra>",
        )
    )
    add_sessions(fig, sessions)
    style(fig, 300)
    fig.update_yaxes(range=[bottom, top], title_text=what, rangemode=None)
    period_x(fig, ev)
    d, v = points[-1]
    summary = f"Latest {what} {v} on {fmt_day(d)} ({grade_of(v)})"
    if len(points) > 1:
        d0, v0 = points[0]
        summary += f", from {v0} on {fmt_day(d0)}"
    return Chart(key, title, summary + ".", fig.build())
