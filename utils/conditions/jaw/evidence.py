"""Jaw (TMJ / bruxism) evidence: the jaw day diary summary, the daily series the charts read
(``ev.daily["jaw"]``), and the appeal sentences that stand in for a payer checklist (Botox for
the jaw is off-label and usually refused).

Part API: see ``utils/conditions/headache/evidence.py`` (``section``, ``empty``,
``next_steps``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from utils import metrics
from utils.conditions.jaw import metrics as jaw_metrics
from utils.conditions.jaw.models import JawDay

if TYPE_CHECKING:
    from utils.evidence import Section, SectionInput

JAW_STEPS = (
    "Botox for jaw pain (TMJ disorder, bruxism) is off-label and usually refused; a complete "
    "diary and a list of every treatment tried is what an appeal needs.",
)


# The entry classes ``section`` reads (besides the ledger's; see ``utils.evidence._section``).
READS = (JawDay,)


def empty() -> Section:
    from utils.evidence import Section

    return Section(fields={"jaw": None}, facts={})


def section(inp: SectionInput) -> Section:
    from utils.evidence import Section

    end = inp.counted_end
    summary = metrics.jaw_summary(inp.entries, inp.start, end, end)
    series = jaw_metrics.daily_series(inp.entries, inp.start, end)
    return Section(fields={"jaw": summary, "daily": {"jaw": series}}, facts={})


def next_steps(values: Mapping[str, Any], completeness: metrics.Completeness) -> list[str]:
    jaw = values.get("jaw")
    if jaw is None:
        return []
    out = list(JAW_STEPS)
    n = completeness.days_in_period
    if n and jaw.logged_days < n:
        out.append(
            f"Log your jaw every day, 'normal day' included (only {jaw.logged_days} of "
            f"{n} days logged)."
        )
    if not jaw.treatments:
        out.append(
            "Add the jaw treatments you have tried (night guard, physiotherapy, "
            "medicines) with dates and how they worked."
        )
    return out


def case_note(ev: Any) -> str | None:
    """The "Your case" view's sentence: jaw pain days, and why there is no checklist."""
    j = ev.jaw
    if j is None:
        return None
    return (
        f"Jaw pain on {j.pain_days} of {j.logged_days} logged days. Botox for TMJ disorder "
        "or bruxism is off-label and usually refused as experimental; the diary still "
        "documents the case for an appeal or an exception request."
    )
