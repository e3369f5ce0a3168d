"""Plotly figures as plain dicts: the trends charts' fast path to the very same figure JSON.

``Figure`` holds a figure's traces and layout as the dicts plotly would hold (``trace``,
``shape`` and ``annotation`` make the pieces as plotly's constructors store them) and offers the
few ``go.Figure`` methods the charts use, with plotly's results key for key; ``build()`` makes
the ``go.Figure`` once, without plotly's validation of every property on every call (about ten
times faster). tests/utils/core/test_plotting.py and the charts' tests validate the results
again with plotly; ``python -m tests.chart_json`` compares every chart's JSON between versions.

``SharedFigure`` is that ``go.Figure``: its ``to_dict`` (which ``st.plotly_chart`` calls for
every chart on every run) gives plotly's dict in one pass.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

import plotly.graph_objects as go
from _plotly_utils.basevalidators import is_homogeneous_array
from _plotly_utils.utils import convert_to_base64, is_skipped_key, to_typed_array_spec


def _nest(props: dict[str, Any]) -> dict[str, Any]:
    """Plotly's "magic underscore" paths as nested dicts: ``marker_color`` -> marker.color."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        if value is None:  # plotly keeps no property set to None
            continue
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
        """``go.Figure.add_hline`` on a one-plot figure. A label at the top left with no other
        ``annotation_*`` option is made here; any other label by plotly itself."""
        if annotation_position != "top left" or any(k.startswith("annotation") for k in props):
            fig = go.Figure()
            fig.add_hline(
                y=y,
                line=line,
                annotation_text=annotation_text,
                annotation_position=annotation_position,
                **props,
            )
            self.add_shapes(s.to_plotly_json() for s in fig.layout.shapes)
            self.add_annotations(a.to_plotly_json() for a in fig.layout.annotations)
            return
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
        return SharedFigure({"data": self.data, "layout": layout}, _validate=False)


_ATOMS = (str, int, float, bool, type(None), dt.date, dt.datetime, dt.time)
_CONTAINERS = (dict, list, tuple)


def _dict_copy(value: Any, convert: bool = True) -> Any:
    """``copy.deepcopy(value)`` then plotly's ``convert_to_base64`` on it (a dict's array value,
    such as a numpy array, becomes a typed array, except under the keys plotly skips), in one
    pass that shares immutable leaves (text, numbers, dates) instead of rebuilding each."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if type(v) in _ATOMS:
                out[k] = v
            elif isinstance(v, _CONTAINERS):
                out[k] = _dict_copy(v, convert and not is_skipped_key(k))
            elif convert and not is_skipped_key(k) and is_homogeneous_array(v):
                out[k] = to_typed_array_spec(copy.deepcopy(v))
            else:
                out[k] = copy.deepcopy(v)
        return out
    items = [
        v
        if type(v) in _ATOMS
        else _dict_copy(v, convert)
        if isinstance(v, _CONTAINERS)
        else copy.deepcopy(v)
        for v in value
    ]
    return items if isinstance(value, list) else tuple(items)


class SharedFigure(go.Figure):
    """A ``go.Figure`` whose ``to_dict`` makes the same dict in one pass over its properties
    (``go.Figure.to_dict`` deep-copies them, then walks the copy again for arrays to convert):
    ``st.plotly_chart`` calls it for every chart on every run. Nothing else differs."""

    def to_dict(self) -> dict[str, Any]:
        res = {"data": _dict_copy(self._data), "layout": _dict_copy(self._layout)}
        frames = copy.deepcopy([frame._props for frame in self._frame_objs])
        if frames:
            convert_to_base64(frames)
            res["frames"] = frames
        return res


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
