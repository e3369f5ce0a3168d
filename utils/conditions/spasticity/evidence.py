"""Spasticity evidence: the day diary, therapy, oral medicines tried and the response by the
clinician's grades and goal scores, as ``Evidence.by_condition["spasticity"]``; the logged days
(``metrics.SpasticityDayPoint``) as the day series the charts read, ``Evidence.daily["spasticity"]``.

Part API: see ``utils/conditions/headache/evidence.py`` (``section``, ``empty``,
``next_steps``). The summary is also the fact ``spasticity`` the rule-set checks read.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from utils.conditions.spasticity.metrics import age_group, daily_series, spasticity_summary

if TYPE_CHECKING:
    from utils.core.diary import Completeness
    from utils.evidence import Section, SectionInput

KEY = "spasticity"


def empty() -> Section:
    from utils.evidence import Section

    return Section(fields={}, facts={"spasticity": None})


def section(inp: SectionInput) -> Section:
    from utils.evidence import Section

    end = inp.counted_end
    group = age_group(getattr(inp, "year_of_birth", None), getattr(inp, "birth_date", None), end)
    summary = spasticity_summary(inp.entries, inp.start, end, end, group)
    series = daily_series(inp.entries, inp.start, end)
    return Section(
        fields={"by_condition": {KEY: summary}, "daily": {KEY: series}},
        facts={"spasticity": summary},
    )


def next_steps(values: Mapping[str, Any], completeness: Completeness) -> list[str]:
    s = (values.get("by_condition") or {}).get(KEY)
    if s is None:
        return []
    out: list[str] = []
    if not s.goals:
        out.append(
            "Ask the clinician for the goals you agreed and their scores (-2 to +2), and add "
            "them under 'From the clinician'."
        )
    if s.warning_sign_days:
        out.append(
            "Warning signs were logged (swallowing, speech, breathing or weakness all over): "
            "these need medical care at once, not a diary."
        )
    return out
