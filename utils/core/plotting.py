"""The shared layer of the Plotly charts: the ``Chart`` type, palette, styling and helpers.

Every chart builder is pure: it takes the ``Evidence`` (and, only for what the engine does not
aggregate, the profile's stored entries) and returns a ``Chart``: the figure *and* the one
sentence that states its key number, made from the same values the traces carry. Without enough
data the figure is ``None`` and the sentence says what to log to see the chart.

A condition's builders live in ``utils/conditions/<key>/charts.py``, whose API is
``charts(ev, rows) -> list[Chart]`` (its charts in page order); ``utils.charts.charts_for``
iterates over the registry's ``charts`` parts. Nothing here names a condition.

Style: the Okabe-Ito colour-blind-safe palette; not-logged days in grey with a hatch mark (never a
red/green contrast); transparent backgrounds so Streamlit's light or dark theme shows through;
legends at the bottom and few ticks so a phone screen can read them.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import plotly.graph_objects as go

from utils.core.dates import month_bounds

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


# ---------------------------------------------------------------- figures as plain dicts


def _nest(props: dict[str, Any]) -> dict[str, Any]:
    """Plotly's "magic underscore" paths as nested dicts: ``marker_color`` -> marker.color."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        *path, leaf = key.split("_")
        node = out
        for part in path:
            node = node.setdefault(part, {})
        if isinstance(value, dict) and isinstance(node.get(leaf), dict):
            node[leaf].update(value)
        else:
            node[leaf] = value
    return out


def _constructed(props: dict[str, Any]) -> dict[str, Any]:
    """A graph object's properties as its constructor stores them: in name order at every level
    (a ``dict`` value is a nested object), None and empty objects left out."""
    out: dict[str, Any] = {}
    for key in sorted(props):
        value = props[key]
        if isinstance(value, dict):
            value = _constructed(value)
            if not value:
                continue
        if value is not None:
            out[key] = value
    return out


def trace(kind: str, **props: Any) -> dict[str, Any]:
    """One trace as the dict ``go.<Kind>(**props)`` holds (the same JSON), without plotly's
    validation of every property: ``trace("bar", x=..., marker_color=SKY)``."""
    out = _constructed(_nest(props))
    out["type"] = kind
    return out


def shape(**props: Any) -> dict[str, Any]:
    """A layout shape as ``go.layout.Shape(**props)`` holds it."""
    return _constructed(_nest(props))


def annotation(**props: Any) -> dict[str, Any]:
    """A layout annotation as ``go.layout.Annotation(**props)`` holds it."""
    return _constructed(_nest(props))


_AXIS = re.compile(r"^([xy])axis(\d*)$")


@functools.cache
def _grid(rows: int, spacing: float, heights: tuple[float, ...] | None) -> dict[str, Any]:
    """The axes ``make_subplots(rows=rows, cols=1, shared_xaxes=True, ...)`` lays out, made once
    per process (a deep copy is used per figure)."""
    from plotly.subplots import make_subplots

    fig = make_subplots(
        rows=rows,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=spacing,
        row_heights=list(heights) if heights else None,
    )
    layout = fig.layout.to_plotly_json()
    layout.pop("template", None)
    return layout


class Figure:
    """A Plotly figure as plain dicts, built with the few ``go.Figure`` methods the charts use
    (``add_trace``, ``add_hline``, ``add_hrect``, ``update_layout``, ``update_xaxes`` /
    ``update_yaxes``) and the same result, key for key, without plotly's validation and path
    parsing on every call (about ten times faster). ``build()`` makes the ``go.Figure``.

    Traces come from ``trace()``; a ``rows`` figure is ``make_subplots(rows, 1,
    shared_xaxes=True)``'s grid. The template is the default one, as ``go.Figure()`` sets it.
    """

    def __init__(
        self,
        *traces: dict[str, Any],
        rows: int = 1,
        vertical_spacing: float = 0.08,
        row_heights: Sequence[float] | None = None,
    ) -> None:
        self.data: list[dict[str, Any]] = list(traces)
        self.layout: dict[str, Any] = {}
        self.rows = rows
        if rows > 1:
            grid = _grid(rows, vertical_spacing, tuple(row_heights) if row_heights else None)
            self.layout.update(copy.deepcopy(grid))

    # -- traces and layout objects

    def add_trace(self, trace: dict[str, Any], row: int | None = None, col: int | None = None):
        if row is not None:
            suffix = "" if row == 1 else str(row)
            trace = {**trace, "xaxis": f"x{suffix}", "yaxis": f"y{suffix}"}
        self.data.append(trace)
        return self

    def add_shapes(self, shapes: Iterable[dict[str, Any]]) -> None:
        self.layout.setdefault("shapes", []).extend(shapes)

    def add_annotations(self, annotations: Iterable[dict[str, Any]]) -> None:
        self.layout.setdefault("annotations", []).extend(annotations)

    def add_hline(
        self,
        y: float,
        line: dict[str, Any] | None = None,
        annotation_text: str | None = None,
        annotation_position: str = "top left",
        **props: Any,
    ) -> None:
        """``go.Figure.add_hline`` on a one-plot figure (label at the top left only)."""
        if annotation_position != "top left":
            raise ValueError(annotation_position)
        self.add_shapes(
            [
                shape(
                    type="line",
                    x0=0,
                    x1=1,
                    xref="x domain",
                    y0=y,
                    y1=y,
                    yref="y",
                    line=line,
                    **props,
                )
            ]
        )
        if annotation_text is not None:
            self.add_annotations(
                [
                    annotation(
                        showarrow=False,
                        text=annotation_text,
                        x=0,
                        xanchor="left",
                        xref="x domain",
                        y=y,
                        yanchor="bottom",
                        yref="y",
                    )
                ]
            )

    def add_hrect(self, y0: float, y1: float, **props: Any) -> None:
        """``go.Figure.add_hrect`` on a one-plot figure, without a label."""
        self.add_shapes(
            [shape(type="rect", x0=0, x1=1, xref="x domain", y0=y0, y1=y1, yref="y", **props)]
        )

    # -- updates, with plotly's order: objects made at once, values set at the end

    def _update(self, target: dict[str, Any], props: dict[str, Any]) -> None:
        leaves: list[tuple[dict[str, Any], str, Any]] = []

        def walk(node: dict[str, Any], items: dict[str, Any]) -> None:
            for key, value in items.items():
                *path, leaf = key.split("_")
                here = node
                for part in path:
                    here = here.setdefault(part, {})
                if isinstance(value, dict):
                    walk(here.setdefault(leaf, {}), value)
                else:
                    leaves.append((here, leaf, value))

        walk(target, props)
        for node, key, value in leaves:
            if value is None:
                node.pop(key, None)
            else:
                node[key] = value

    def update_layout(self, **props: Any) -> Figure:
        self._update(self.layout, props)
        return self

    def axes(self, letter: str, row: int | None = None) -> list[dict[str, Any]]:
        """The layout's x or y axes (every row, or one), made when the figure has none yet."""
        if row is not None:
            return [self.layout.setdefault(f"{letter}axis{'' if row == 1 else row}", {})]
        found = [v for k, v in self.layout.items() if (m := _AXIS.match(k)) and m[1] == letter]
        return found or [self.layout.setdefault(f"{letter}axis", {})]

    def update_xaxes(self, row: int | None = None, col: int | None = None, **props: Any):
        for axis in self.axes("x", row):
            self._update(axis, props)
        return self

    def update_yaxes(self, row: int | None = None, col: int | None = None, **props: Any):
        for axis in self.axes("y", row):
            self._update(axis, props)
        return self

    def build(self) -> go.Figure:
        """The ``go.Figure`` (its JSON is this figure's dicts with the default template first).
        Its properties are taken as they are: ``trace()`` and the methods above make only
        what plotly would make (tests/utils/test_charts.py validates every sample figure)."""
        import plotly.io as pio

        layout = self.layout
        name = pio.templates.default
        if name is not None:
            layout = {"template": _template_json(name), **layout}
        return go.Figure({"data": self.data, "layout": layout}, _validate=False)


_TEMPLATES: dict[str, tuple[Any, dict[str, Any]]] = {}


def _template_json(name: str) -> dict[str, Any]:
    """A registered template's JSON, made once per template object (``go.Figure`` deep-copies
    it into each figure, so the figures never share it; a template registered again under the
    same name is read again)."""
    import plotly.io as pio

    template = pio.templates[name]
    known = _TEMPLATES.get(name)
    if known is None or known[0] is not template:
        known = _TEMPLATES[name] = (template, template.to_plotly_json())
    return known[1]


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
