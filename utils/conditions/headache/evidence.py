"""Headache / migraine evidence: the classified days, month counts, rolling 30 days, the chronic
pattern, medication overuse, the response to Botox, per-attack durations, MIDAS and HIT-6.

Part API (every ``utils/conditions/<key>/evidence.py``, iterated by ``utils.evidence``):
``section(inp) -> Section`` computes the condition's share of the ``Evidence`` fields and of the
``CaseFacts`` the checks read; ``empty() -> Section`` gives the values when the condition is not
tracked; ``next_steps(values, completeness) -> list[str]`` (optional) adds the condition's own
sentences after its checklist steps. Optional, for the "Your case" view (``utils.casefile``):
``key_numbers(ev) -> list[dict] | None`` (a small table of the engine's figures) and
``case_note(ev) -> str | None`` (one sentence under the checklists). Optional, for speed:
``READS``, the entry classes ``section`` reads besides the ledger's; the section is then kept and
reused while those entries are unchanged (``utils.evidence._section``; a part without it is
computed on every build).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from utils import metrics
from utils.conditions.headache.models import Attack, HeadacheCheckin
from utils.core.diary import Recorded
from utils.core.questionnaires import Hit6, Midas
from utils.ledger import questionnaire_history
from utils.rules.thresholds import general

if TYPE_CHECKING:
    from utils.evidence import Section, SectionInput


# The entry classes ``section`` reads (besides the ledger's): a section is reused while these
# entries are the same objects (``utils.evidence._section``).
READS = (Attack, HeadacheCheckin, Midas, Hit6)


@dataclass(frozen=True)
class AttackDuration:
    start: dt.date  # the day the attack began (inside the period)
    hours: float | None  # its known length; a still-going attack runs to the evidence time
    ongoing: bool


@dataclass(frozen=True)
class AttackDurations:
    """How long each attack that began in the period lasted (None when no length is known)."""

    attacks: tuple[AttackDuration, ...]
    long_hours: float = metrics.LONG_DAY_HOURS  # "4 hours or more"

    @property
    def known(self) -> list[float]:
        return [a.hours for a in self.attacks if a.hours is not None]

    @property
    def long(self) -> int:
        return sum(1 for h in self.known if h >= self.long_hours)

    @property
    def unknown(self) -> int:
        return sum(1 for a in self.attacks if a.hours is None)

    @property
    def median(self) -> float | None:
        known = self.known
        return statistics.median(known) if known else None


def attack_durations(
    entries: Sequence[Any], start: dt.date, end: dt.date, at: dt.datetime
) -> AttackDurations:
    out = []
    if isinstance(entries, Recorded):
        attacks = [a for _, _, a in entries.in_store_order(Attack)]
    else:
        attacks = [a for a in (getattr(x, "entry", x) for x in entries) if isinstance(a, Attack)]
    for a in attacks:
        if start <= a.start_date <= end:
            d = a.duration(at)
            hours = d.total_seconds() / 3600 if d is not None else None
            out.append(AttackDuration(a.start_date, hours, bool(a.ongoing)))
    return AttackDurations(tuple(out))


def empty() -> Section:
    from utils.evidence import Section

    return Section(
        fields={
            "days": (),
            "months": (),
            "rolling30": (),
            "chronic": None,
            "overuse": None,
            "responses": {},
        },
        facts={
            "headache_days": {},
            "months": [],
            "overuse": None,
            "response": None,
            "chronic": None,
            "midas": (),
            "hit6": (),
            "midas_history": None,
            "hit6_history": None,
        },
    )


def section(inp: SectionInput) -> Section:
    from utils.evidence import Section

    th = inp.thresholds
    start, end = inp.start, inp.counted_end
    sessions = inp.ledger.session_dates().get("headache", [])
    # Headache days are classified once, from the earliest day any figure needs (the baseline
    # before the first session may lie before the period) to the last counted day.
    lo = start
    if sessions:
        lo = min(lo, sessions[0] - dt.timedelta(days=th["baseline_days"]))
    all_days = (
        metrics.classify_headache_days(inp.entries, lo, end, inp.at, th["migraine_day_rule"])
        if end >= lo
        else {}
    )
    period_days = {d: r for d, r in all_days.items() if d >= start}

    months: list[metrics.MonthCounts] = []
    rolling: list[metrics.Counts] = []
    chronic = overuse = None
    responses: dict[str, metrics.Response] = {}
    if inp.n_days:
        months = metrics.month_counts(period_days, start, end)
        rolling = metrics.rolling30(period_days, start, end)
        chronic = metrics.chronic_pattern(
            months, th["headache_days_per_month"], th["migraine_days_per_month"]
        )
        mo = general()["medication_overuse"]
        overuse = metrics.medication_overuse(
            period_days,
            months,
            metrics.overuse_limits(),
            th["overuse_mix_days"],
            mo["mix_excluded"],
            th["overuse_months"],
        )
    if sessions:
        responses["headache"] = metrics.headache_response(
            all_days,
            sessions,
            end,
            th["response_thresholds_pct"],
            th["baseline_days"],
            th["response_window_days"],
        )
    midas = questionnaire_history(inp.entries, Midas, "midas", "headache", end, inp.ledger)
    hit6 = questionnaire_history(inp.entries, Hit6, "hit6", "headache", end, inp.ledger)
    return Section(
        fields={
            "days": tuple(period_days[d] for d in sorted(period_days)),
            "months": tuple(months),
            "rolling30": tuple(rolling),
            "chronic": chronic,
            "overuse": overuse,
            "responses": responses,
            "questionnaires": {"midas": midas, "hit6": hit6},
            "attack_durations": attack_durations(inp.entries, start, end, inp.at),
        },
        facts={
            "headache_days": period_days,
            "months": months,
            "overuse": overuse,
            "response": responses.get("headache"),
            "chronic": chronic,
            "midas": midas.entries,
            "hit6": hit6.entries,
            "midas_history": midas,
            "hit6_history": hit6,
        },
    )


KEY_MONTHS = 3


def key_numbers(ev: Any) -> list[dict[str, object]] | None:
    """The headache figures of the last three months, as the engine counted them (None when
    the evidence has no months)."""
    if not ev.months:
        return None
    rows = []
    for m in ev.months[-KEY_MONTHS:]:
        c = m.counts
        rows.append(
            {
                "Month": m.label,
                "Days logged": f"{c.logged} of {m.days_in_period}",
                "Headache days": c.headache,
                "Migraine days": c.migraine,
                "Days ≥ 4 h": c.long,
                "Acute-medicine days": c.acute_any,
                "Function impaired": c.function_impaired,
            }
        )
    return rows
