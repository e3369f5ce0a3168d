"""The plain-dict figure builder and the figure class the trends page draws: plotly's results."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

from utils.core import plotting


def _text(d: dict) -> str:
    return json.dumps(d, cls=PlotlyJSONEncoder, sort_keys=True)


def test_shared_figure_to_dict_is_plotly_s_own() -> None:
    """``SharedFigure.to_dict`` (what st.plotly_chart serialises) gives go.Figure's dict: arrays
    converted to typed arrays where plotly converts them, dates and text as they are."""
    day = dt.date(2026, 3, 1)
    spec = {
        "data": [
            {"type": "bar", "x": [day, day + dt.timedelta(days=1)], "y": np.array([1.5, 2.0])},
            {"type": "scatter", "x": (1, 2), "y": [None, 3], "customdata": ["a", "b"]},
        ],
        "layout": {"xaxis": {"range": np.array([0, 3])}, "height": 300, "title": {"text": "t"}},
    }
    mine = plotting.SharedFigure(spec).to_dict()
    plotly_s = go.Figure(spec).to_dict()
    assert _text(mine) == _text(plotly_s)
    assert mine["data"][1]["y"] == [None, 3]
    assert "bdata" in mine["data"][0]["y"]  # converted, as plotly does


def test_shared_figure_to_dict_is_a_copy() -> None:
    fig = plotting.SharedFigure({"data": [{"type": "bar", "x": [1], "y": [2]}]})
    d = fig.to_dict()
    d["data"][0]["y"].append(3)
    d["layout"]["template"]["layout"]["height"] = 1
    assert fig.to_dict()["data"][0]["y"] == [2]
    assert fig.layout.template.layout.height is None


def test_figure_builder_matches_go_figure_methods() -> None:
    """``plotting.Figure`` with ``trace`` and its update methods holds what go.Figure holds."""
    mine = plotting.Figure()
    theirs = go.Figure()
    mine.add_trace(plotting.trace("bar", x=[1, 2], y=[3, 4], marker_color="#000000", name="n"))
    theirs.add_trace(go.Bar(x=[1, 2], y=[3, 4], marker_color="#000000", name="n"))
    mine.add_hline(y=2, line=dict(dash="dash", width=1.5), annotation_text="two")
    theirs.add_hline(
        y=2,
        line=dict(dash="dash", width=1.5),
        annotation_text="two",
        annotation_position="top left",
    )
    mine.add_hrect(y0=1, y1=2, fillcolor="rgba(0,0,0,0.1)", line_width=0, layer="below")
    theirs.add_hrect(y0=1, y1=2, fillcolor="rgba(0,0,0,0.1)", line_width=0, layer="below")
    for fig in (mine, theirs):
        plotting.style(fig, 300)
        fig.update_layout(barmode="group", legend=dict(y=-0.2), hovermode="x unified")
        fig.update_xaxes(type="category", nticks=None)
        fig.update_yaxes(range=[0, 5], title_text="days", rangemode=None)
    assert _text(mine.build().to_dict()) == _text(theirs.to_dict())
