"""Bladder evidence: the bladder diary summary (complete days, counts per 24 h, 3-day blocks,
baseline and after treatment), kept under ``Evidence.by_condition["bladder"]``; its logged days
(``BladderDayCounts``, the summary's ``days``) are also the day series the renderers read,
``Evidence.daily["bladder"]``.

Part API: see ``utils/conditions/headache/evidence.py`` (``section``, ``empty``,
``next_steps``). The checks read the same summary as the fact ``bladder``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from utils.conditions.bladder.metrics import URGENCY_LEVEL, bladder_summary

if TYPE_CHECKING:
    from utils.core.diary import Completeness
    from utils.evidence import Section, SectionInput

URGENT_STEP = (
    "If you cannot pass urine at all, or your lower belly is painful and swollen, or you have "
    "fever, chills or pain in your side: seek care now (urgent care or an emergency "
    "department); do not wait for an appointment."
)


def empty() -> Section:
    from utils.evidence import Section

    return Section(fields={}, facts={"bladder": None})


def section(inp: SectionInput) -> Section:
    from utils.evidence import Section

    level = int(inp.thresholds.get("bladder_urgency_level", URGENCY_LEVEL))
    summary = bladder_summary(inp.entries, inp.start, inp.counted_end, level)
    return Section(
        fields={"by_condition": {"bladder": summary}, "daily": {"bladder": summary.days}},
        facts={"bladder": summary},
    )


def next_steps(values: Mapping[str, Any], completeness: Completeness) -> list[str]:
    b = (values.get("by_condition") or {}).get("bladder")
    if b is None:
        return []
    out: list[str] = []
    if b.retention_reported:
        out.append(URGENT_STEP)
    if b.complete_days < 3:
        out.append(
            f"Keep the bladder diary for 3 whole days in a row (only {b.complete_days} complete "
            "so far): log every void and leak, then tap 'This day is complete' at the end of "
            "the day."
        )
    return out
