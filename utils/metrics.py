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
    "LATE_AFTER_DAYS",
    "MONTH_NAMES",
    "Completeness",
    "add_months",
    "by_recording",
    "completeness",
    "daily_kinds",
    "days_between",
    "fmt_hours",
    "join_and",
    "longest_run",
    "month_bounds",
    "month_key",
    "month_label",
    "months_text",
    "next_month_key",
    "responder_label",
    "runs",
]


# Names that moved into condition packages: imported on first use (PEP 562), so importing this
# facade imports no condition package (the import rule of docs/architecture.md).
_MOVED = {
    "ChronicPattern": ("utils.conditions.headache.metrics", "ChronicPattern"),
    "Counts": ("utils.conditions.headache.metrics", "Counts"),
    "FEATURE_FIELDS": ("utils.conditions.headache.metrics", "FEATURE_FIELDS"),
    "HEADACHE": ("utils.conditions.headache.metrics", "HEADACHE"),
    "HEADACHE_FREE": ("utils.conditions.headache.metrics", "HEADACHE_FREE"),
    "HdssChange": ("utils.conditions.sweating.metrics", "HdssChange"),
    "HeadacheDay": ("utils.conditions.headache.metrics", "HeadacheDay"),
    "JawSummary": ("utils.conditions.jaw.metrics", "JawSummary"),
    "JawTreatment": ("utils.conditions.jaw.metrics", "JawTreatment"),
    "LONG_DAY_HOURS": ("utils.conditions.headache.metrics", "LONG_DAY_HOURS"),
    "MIGRAINE_RULES": ("utils.conditions.headache.metrics", "MIGRAINE_RULES"),
    "MonthCounts": ("utils.conditions.headache.metrics", "MonthCounts"),
    "NOT_LOGGED": ("utils.conditions.headache.metrics", "NOT_LOGGED"),
    "OPEN_ATTACK_MAX_HOURS": ("utils.conditions.headache.metrics", "OPEN_ATTACK_MAX_HOURS"),
    "Overuse": ("utils.conditions.headache.overuse", "Overuse"),
    "OveruseMonth": ("utils.conditions.headache.overuse", "OveruseMonth"),
    "PRIMARY_FEATURES": ("utils.conditions.sweating.metrics", "PRIMARY_FEATURES"),
    "RULE_ICHD": ("utils.conditions.headache.metrics", "RULE_ICHD"),
    "RULE_TRIAL": ("utils.conditions.headache.metrics", "RULE_TRIAL"),
    "Response": ("utils.conditions.headache.response", "Response"),
    "SessionResponse": ("utils.conditions.headache.response", "SessionResponse"),
    "SweatSummary": ("utils.conditions.sweating.metrics", "SweatSummary"),
    "TopicalTrial": ("utils.conditions.sweating.metrics", "TopicalTrial"),
    "Window": ("utils.conditions.headache.response", "Window"),
    "_union_seconds": ("utils.conditions.headache.metrics", "_union_seconds"),
    "chronic_pattern": ("utils.conditions.headache.metrics", "chronic_pattern"),
    "classify_headache_days": ("utils.conditions.headache.metrics", "classify_headache_days"),
    "count_days": ("utils.conditions.headache.metrics", "count_days"),
    "headache_response": ("utils.conditions.headache.response", "headache_response"),
    "jaw_summary": ("utils.conditions.jaw.metrics", "jaw_summary"),
    "medication_overuse": ("utils.conditions.headache.overuse", "medication_overuse"),
    "month_counts": ("utils.conditions.headache.metrics", "month_counts"),
    "overuse_limits": ("utils.conditions.headache.overuse", "overuse_limits"),
    "rolling30": ("utils.conditions.headache.metrics", "rolling30"),
    "sweat_summary": ("utils.conditions.sweating.metrics", "sweat_summary"),
}


def __getattr__(name: str):  # noqa: ANN202
    if name in _MOVED:
        import importlib

        module, attr = _MOVED[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
