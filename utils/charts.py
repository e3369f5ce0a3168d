"""Plotly figure builders for the trends page: the old import path, kept as a facade.

The shared layer (``Chart``, palette, styling, Botox session markers, the questionnaire history
chart) is ``utils.core.plotting``; each condition's builders are its ``charts`` part,
``utils/conditions/<key>/charts.py``, exposing ``charts(ev, rows) -> list[Chart]``.
``charts_for`` asks the registry for those parts, so this module names no condition; the other
names are re-exported so every existing import keeps working.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from utils import catalog, metrics  # noqa: F401
from utils.core.dates import fmt_hours, month_bounds, month_label
from utils.core.plotting import (
    BAND_SHADES,
    BLUE,
    GREEN,
    GREY,
    NOT_LOGGED_COLOUR,
    ORANGE,
    OUTCOME_COLOURS,
    POINT_COLOUR,
    PURPLE,
    REFERENCE,
    SESSION_COLOUR,
    SESSION_NAME,
    SKY,
    VERMILLION,
    YELLOW,
    Chart,
)
from utils.evidence import Evidence

__all__ = [
    "BAND_SHADES",
    "BLUE",
    "GREEN",
    "GREY",
    "NOT_LOGGED_COLOUR",
    "ORANGE",
    "OUTCOME_COLOURS",
    "POINT_COLOUR",
    "PURPLE",
    "REFERENCE",
    "SESSION_COLOUR",
    "SESSION_NAME",
    "SKY",
    "VERMILLION",
    "YELLOW",
    "Chart",
    "Evidence",
    "charts_for",
    "section_charts",
    "sections",
    "fmt_hours",
    "month_bounds",
    "month_label",
]


def charts_for(ev: Evidence, rows: Sequence[Any]) -> dict[str, list[Chart]]:
    """Every chart for the conditions the evidence covers, grouped by condition, in page order
    (each condition's ``charts`` part, in the registry's display order)."""
    return {key: section_charts(ev, rows, key) for key in sections(ev)}


def sections(ev: Evidence) -> list[str]:
    """The trends page's sections: each condition the evidence covers that has charts, in the
    registry's display order."""
    from utils import conditions

    return [spec.key for spec, _ in conditions.parts("charts") if spec.key in ev.conditions]


def section_charts(ev: Evidence, rows: Sequence[Any], condition: str) -> list[Chart]:
    """One condition's charts, in page order (the page builds only the section on screen)."""
    from utils import conditions

    module = conditions.part(condition, "charts")
    return module.charts(ev, rows) if module is not None else []


# Names that moved into condition packages: imported on first use (PEP 562), so importing this
# facade imports no condition package (the import rule of docs/architecture.md).
_MOVED = {
    "CALENDAR_CATEGORIES": ("utils.conditions.headache.calendar_chart", "CALENDAR_CATEGORIES"),
    "CALENDAR_MAX_MONTHS": ("utils.conditions.headache.calendar_chart", "CALENDAR_MAX_MONTHS"),
    "CAL_FREE": ("utils.conditions.headache.calendar_chart", "CAL_FREE"),
    "CAL_IMPAIRED": ("utils.conditions.headache.calendar_chart", "CAL_IMPAIRED"),
    "CAL_MILD": ("utils.conditions.headache.calendar_chart", "CAL_MILD"),
    "CAL_NOT_LOGGED": ("utils.conditions.headache.calendar_chart", "CAL_NOT_LOGGED"),
    "CAL_PAIN": ("utils.conditions.headache.calendar_chart", "CAL_PAIN"),
    "DURATION_BINS": ("utils.conditions.headache.charts", "DURATION_BINS"),
    "FREE_COLOUR": ("utils.conditions.headache.calendar_chart", "FREE_COLOUR"),
    "HEADACHE": ("utils.conditions.headache.metrics", "HEADACHE"),
    "HEADACHE_FREE": ("utils.conditions.headache.metrics", "HEADACHE_FREE"),
    "HeadacheDay": ("utils.conditions.headache.metrics", "HeadacheDay"),
    "MILD_DOT": ("utils.conditions.headache.calendar_chart", "MILD_DOT"),
    "MIN_TREND_DAYS": ("utils.conditions.headache.charts", "MIN_TREND_DAYS"),
    "NOT_LOGGED": ("utils.conditions.headache.metrics", "NOT_LOGGED"),
    "ROLLING_DAYS": ("utils.conditions.headache.charts", "ROLLING_DAYS"),
    "botox_response": ("utils.conditions.headache.treatment_charts", "botox_response"),
    "calendar_heatmap": ("utils.conditions.headache.calendar_chart", "calendar_heatmap"),
    "day_category": ("utils.conditions.headache.calendar_chart", "day_category"),
    "duration_histogram": ("utils.conditions.headache.charts", "duration_histogram"),
    "headache_sessions": ("utils.conditions.headache.treatment_charts", "headache_sessions"),
    "hit6_history": ("utils.conditions.headache.treatment_charts", "hit6_history"),
    "jaw_pain_trend": ("utils.conditions.jaw.charts", "jaw_pain_trend"),
    "jaw_symptoms": ("utils.conditions.jaw.charts", "jaw_symptoms"),
    "midas_history": ("utils.conditions.headache.treatment_charts", "midas_history"),
    "monthly_bars": ("utils.conditions.headache.charts", "monthly_bars"),
    "overuse_bars": ("utils.conditions.headache.charts", "overuse_bars"),
    "pain_duration_trend": ("utils.conditions.headache.charts", "pain_duration_trend"),
    "sweat_episodes": ("utils.conditions.sweating.charts", "sweat_episodes"),
    "sweat_hdss_change": ("utils.conditions.sweating.charts", "sweat_hdss_change"),
    "sweat_hdss_trend": ("utils.conditions.sweating.charts", "sweat_hdss_trend"),
    "sweat_sites": ("utils.conditions.sweating.charts", "sweat_sites"),
    "treatment_timeline": ("utils.conditions.headache.treatment_charts", "treatment_timeline"),
}


def __getattr__(name: str):  # noqa: ANN202
    if name in _MOVED:
        import importlib

        module, attr = _MOVED[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
