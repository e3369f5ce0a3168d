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
from utils.conditions.headache.calendar_chart import (
    CAL_FREE,
    CAL_IMPAIRED,
    CAL_MILD,
    CAL_NOT_LOGGED,
    CAL_PAIN,
    CALENDAR_CATEGORIES,
    CALENDAR_MAX_MONTHS,
    FREE_COLOUR,
    MILD_DOT,
    calendar_heatmap,
    day_category,
)
from utils.conditions.headache.charts import (
    DURATION_BINS,
    MIN_TREND_DAYS,
    ROLLING_DAYS,
    duration_histogram,
    monthly_bars,
    overuse_bars,
    pain_duration_trend,
)
from utils.conditions.headache.metrics import HEADACHE, HEADACHE_FREE, NOT_LOGGED, HeadacheDay
from utils.conditions.headache.treatment_charts import (
    botox_response,
    headache_sessions,
    hit6_history,
    midas_history,
    treatment_timeline,
)
from utils.conditions.jaw.charts import jaw_pain_trend, jaw_symptoms
from utils.conditions.sweating.charts import (
    sweat_episodes,
    sweat_hdss_change,
    sweat_hdss_trend,
    sweat_sites,
)
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
    "CALENDAR_CATEGORIES",
    "CALENDAR_MAX_MONTHS",
    "CAL_FREE",
    "CAL_IMPAIRED",
    "CAL_MILD",
    "CAL_NOT_LOGGED",
    "CAL_PAIN",
    "DURATION_BINS",
    "FREE_COLOUR",
    "GREEN",
    "GREY",
    "HEADACHE",
    "HEADACHE_FREE",
    "MILD_DOT",
    "MIN_TREND_DAYS",
    "NOT_LOGGED",
    "NOT_LOGGED_COLOUR",
    "ORANGE",
    "OUTCOME_COLOURS",
    "POINT_COLOUR",
    "PURPLE",
    "REFERENCE",
    "ROLLING_DAYS",
    "SESSION_COLOUR",
    "SESSION_NAME",
    "SKY",
    "VERMILLION",
    "YELLOW",
    "Chart",
    "Evidence",
    "HeadacheDay",
    "botox_response",
    "calendar_heatmap",
    "charts_for",
    "day_category",
    "duration_histogram",
    "fmt_hours",
    "headache_sessions",
    "hit6_history",
    "jaw_pain_trend",
    "jaw_symptoms",
    "midas_history",
    "month_bounds",
    "month_label",
    "monthly_bars",
    "overuse_bars",
    "pain_duration_trend",
    "sweat_episodes",
    "sweat_hdss_change",
    "sweat_hdss_trend",
    "sweat_sites",
    "treatment_timeline",
]


def charts_for(ev: Evidence, rows: Sequence[Any]) -> dict[str, list[Chart]]:
    """Every chart for the conditions the evidence covers, grouped by condition, in page order
    (each condition's ``charts`` part, in the registry's display order)."""
    from utils import conditions

    return {
        spec.key: module.charts(ev, rows)
        for spec, module in conditions.parts("charts")
        if spec.key in ev.conditions
    }
