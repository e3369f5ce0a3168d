"""Neck (cervical dystonia) evidence: the neck diary summary (``metrics.NeckSummary``) under
``Evidence.by_condition["neck"]``, which is the summary JSON's top-level key ``"neck"`` only when
the profile tracks the neck; its facts (``neck``) for the checks of the CD rule sets; and the
day series the renderers read (``ev.daily["neck"]``, ``metrics.NeckDayPoint``, not in the JSON).

Part API: see ``utils/conditions/headache/evidence.py`` (``section``, ``empty``,
``next_steps``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from utils.conditions.neck.metrics import daily_series, neck_summary

if TYPE_CHECKING:
    from utils.evidence import Section, SectionInput
    from utils.metrics import Completeness


def empty() -> Section:
    from utils.evidence import Section

    return Section(fields={}, facts={})


def section(inp: SectionInput) -> Section:
    from utils.evidence import Section

    summary = neck_summary(inp.entries, inp.start, inp.counted_end)
    series = daily_series(inp.entries, inp.start, inp.counted_end)
    return Section(
        fields={"by_condition": {"neck": summary}, "daily": {"neck": series}},
        facts={"neck": summary},
    )


def next_steps(values: Mapping[str, Any], completeness: Completeness) -> list[str]:
    neck = (values.get("by_condition") or {}).get("neck")
    if neck is None:
        return []
    if not neck.urgent_days:
        return []
    last = neck.urgent_days[-1]
    return [
        f"Swallowing, breathing, voice or weakness trouble was logged on {len(neck.urgent_days)} "
        f"day{'s' if len(neck.urgent_days) != 1 else ''} (last {last:%d %b %Y}): if it is "
        "happening now, get medical help now; tell the clinician, and add it as a side effect "
        "under Treatments."
    ]
