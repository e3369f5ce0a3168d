"""Pure diary arithmetic (no I/O, no streamlit): the old import path, kept as a facade.

The code lives with its condition and in the shared core:

- dates, month keys and text helpers: ``utils.core.dates``;
- entry order, averages, response labels, completeness: ``utils.core.diary``;
- headache day classification, counts and the chronic pattern:
  ``utils.conditions.headache.metrics``; medication overuse: ``...headache.overuse``; treatment
  response: ``...headache.response``;
- sweating: ``utils.conditions.sweating.metrics``; jaw: ``utils.conditions.jaw.metrics``.

Every name that was importable from ``utils.metrics`` still is; new code imports from the homes
above.
"""

from __future__ import annotations

from utils import catalog  # noqa: F401
from utils.conditions.headache.metrics import (
    FEATURE_FIELDS,
    HEADACHE,
    HEADACHE_FREE,
    LONG_DAY_HOURS,
    MIGRAINE_RULES,
    NOT_LOGGED,
    OPEN_ATTACK_MAX_HOURS,
    RULE_ICHD,
    RULE_TRIAL,
    ChronicPattern,
    Counts,
    HeadacheDay,
    MonthCounts,
    _union_seconds,
    chronic_pattern,
    classify_headache_days,
    count_days,
    month_counts,
    rolling30,
)
from utils.conditions.headache.overuse import (
    Overuse,
    OveruseMonth,
    medication_overuse,
    overuse_limits,
)
from utils.conditions.headache.response import (
    Response,
    SessionResponse,
    Window,
    headache_response,
)
from utils.conditions.jaw.metrics import JawSummary, JawTreatment, jaw_summary
from utils.conditions.sweating.metrics import (
    PRIMARY_FEATURES,
    HdssChange,
    SweatSummary,
    TopicalTrial,
    sweat_summary,
)
from utils.core.dates import (
    DAY,
    DAY_SECONDS,
    MONTH_NAMES,
    add_months,
    days_between,
    fmt_hours,
    join_and,
    longest_run,
    month_bounds,
    month_key,
    month_label,
    months_text,
    next_month_key,
    runs,
)
from utils.core.diary import (
    LATE_AFTER_DAYS,
    Completeness,
    by_recording,
    completeness,
    daily_kinds,
    responder_label,
)

DAILY_KINDS = daily_kinds()  # every condition's day-entry kinds, from the registry

__all__ = [
    "DAILY_KINDS",
    "DAY",
    "DAY_SECONDS",
    "FEATURE_FIELDS",
    "HEADACHE",
    "HEADACHE_FREE",
    "LATE_AFTER_DAYS",
    "LONG_DAY_HOURS",
    "MIGRAINE_RULES",
    "MONTH_NAMES",
    "NOT_LOGGED",
    "OPEN_ATTACK_MAX_HOURS",
    "PRIMARY_FEATURES",
    "RULE_ICHD",
    "RULE_TRIAL",
    "ChronicPattern",
    "Completeness",
    "Counts",
    "HdssChange",
    "HeadacheDay",
    "JawSummary",
    "JawTreatment",
    "MonthCounts",
    "Overuse",
    "OveruseMonth",
    "Response",
    "SessionResponse",
    "SweatSummary",
    "TopicalTrial",
    "Window",
    "_union_seconds",
    "add_months",
    "by_recording",
    "chronic_pattern",
    "classify_headache_days",
    "completeness",
    "count_days",
    "daily_kinds",
    "days_between",
    "fmt_hours",
    "headache_response",
    "jaw_summary",
    "join_and",
    "longest_run",
    "medication_overuse",
    "month_bounds",
    "month_counts",
    "month_key",
    "month_label",
    "months_text",
    "next_month_key",
    "overuse_limits",
    "responder_label",
    "rolling30",
    "runs",
    "sweat_summary",
]
