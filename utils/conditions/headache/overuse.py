"""Medication overuse: acute-medicine days per month against the limits of each class.

Part of the headache condition's metrics (see ``metrics.py``): ``overuse_limits()`` and
``medication_overuse(days, months, class_limits, mix_limit, mix_excluded, months_needed)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from utils import catalog
from utils.conditions.headache.metrics import HeadacheDay, MonthCounts
from utils.core.dates import days_between, join_and, longest_run, months_text


@dataclass(frozen=True)
class OveruseMonth:
    month: str
    label: str
    days_by_class: dict[str, int]
    any_acute_days: int  # days with any class counted for the mix rule
    triggered: tuple[str, ...]  # plain reasons, e.g. "triptan on 12 days (limit 10)"
    unlogged_days: int = 0  # days of the calendar month not logged (or outside the period)
    possible: bool = False  # would reach a limit if every unlogged day had been a use day


@dataclass(frozen=True)
class Overuse:
    months: tuple[OveruseMonth, ...]
    flagged_months: tuple[str, ...]
    longest_run: tuple[str, ...]
    months_needed: int  # the pattern needs MORE than this many consecutive months
    risk: bool
    message: str
    possible_months: tuple[str, ...] = ()  # flagged, or flagged if unlogged days were use days
    ruled_out: bool = False  # the logged days rule out a run of more than months_needed


def overuse_limits() -> dict[str, int]:
    """Days a month per acute class from which overuse counts (content/medications.yaml)."""
    return {
        cid: int(c["overuse_days"])
        for cid, c in catalog.acute_classes().items()
        if c.get("overuse_days") is not None
    }


def medication_overuse(
    days: Mapping[dt.date, HeadacheDay],
    months: Sequence[MonthCounts],
    class_limits: Mapping[str, int],
    mix_limit: int,
    mix_excluded: Sequence[str],
    months_needed: int = 3,
) -> Overuse:
    out: list[OveruseMonth] = []
    for m in months:
        lo, hi = m.counts.start, m.counts.end
        mix_days = 0
        mix_classes: set[str] = set()
        for d in days_between(lo, hi):
            rec = days.get(d)
            if rec is None or not rec.acute_classes:
                continue
            counted = [c for c in rec.acute_classes if c not in mix_excluded]
            if counted:
                mix_days += 1
                mix_classes.update(counted)
        by_class = m.counts.acute_by_class
        reasons = [
            f"{c.replace('_', ' ')} on {n} days (limit {class_limits[c]})"
            for c, n in by_class.items()
            if c in class_limits and n >= class_limits[c]
        ]
        if not reasons and len(mix_classes) >= 2 and mix_days >= mix_limit:
            reasons.append(
                f"a mix of {join_and(sorted(c.replace('_', ' ') for c in mix_classes))} "
                f"on {mix_days} days (limit {mix_limit})"
            )
        unlogged = m.days_in_month - m.counts.logged
        possible = bool(reasons) or (
            unlogged > 0
            and (
                any(by_class.get(c, 0) + unlogged >= lim for c, lim in class_limits.items())
                or mix_days + unlogged >= mix_limit
            )
        )
        out.append(
            OveruseMonth(
                m.month, m.label, dict(by_class), mix_days, tuple(reasons), unlogged, possible
            )
        )
    flagged = [m.month for m in out if m.triggered]
    best = longest_run(flagged)
    risk = len(best) > months_needed
    # Ruled out only when even counting every unlogged day (days of the month outside the
    # period included) as a use day, no run of more than ``months_needed`` months appears, and
    # at least one month is clear of every limit that way (so 1 logged day never rules it out).
    possible = [m.month for m in out if m.possible]
    ruled_out = len(possible) < len(out) and len(longest_run(possible)) <= months_needed
    if risk:
        msg = (
            f"Acute medicine was used often enough in {len(best)} consecutive months "
            f"({months_text(best)}) to match the medication-overuse pattern. This is a risk to "
            "discuss with your doctor, not a diagnosis."
        )
    elif flagged:
        msg = (
            f"Acute medicine use reached an overuse limit in {months_text(flagged)}, but not for "
            f"more than {months_needed} consecutive months. Worth mentioning to your doctor."
        )
    else:
        msg = "No month reached a medication-overuse limit."
    return Overuse(
        tuple(out),
        tuple(flagged),
        tuple(best),
        months_needed,
        risk,
        msg,
        tuple(possible),
        ruled_out,
    )
