"""Neck (cervical dystonia) evidence: the neck diary summary (``metrics.NeckSummary``) under
``Evidence.by_condition["neck"]``, which is the summary JSON's top-level key ``"neck"`` only when
the profile tracks the neck; its facts (``neck``) for the checks of the CD rule sets.

Part API: see ``utils/conditions/headache/evidence.py`` (``section``, ``empty``,
``next_steps``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from utils.conditions.neck.metrics import neck_summary

if TYPE_CHECKING:
    from utils.evidence import Section, SectionInput
    from utils.metrics import Completeness


def empty() -> Section:
    from utils.evidence import Section

    return Section(fields={}, facts={})


def section(inp: SectionInput) -> Section:
    from utils.evidence import Section

    summary = neck_summary(inp.entries, inp.start, inp.counted_end)
    return Section(fields={"by_condition": {"neck": summary}}, facts={"neck": summary})


def next_steps(values: Mapping[str, Any], completeness: Completeness) -> list[str]:
    neck = (values.get("by_condition") or {}).get("neck")
    if neck is None:
        return []
    out = []
    n = completeness.days_in_period
    if n and neck.logged_days < n:
        out.append(
            f"Log your neck every day, 'normal day' included (only {neck.logged_days} of {n} "
            "days logged)."
        )
    if neck.sessions and not any(c.wearing_off for c in neck.cycles):
        out.append(
            "Tick 'the last injection is wearing off' on the first day your symptoms come back: "
            "it shows how long each session helps."
        )
    if neck.baseline_scale is None:
        out.append(
            "Ask your clinician for the TWSTRS or Tsui total before treatment and add it on the "
            "neck diary page (some plans ask for a baseline on a standard scale)."
        )
    return out
