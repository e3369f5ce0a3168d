"""The check engine: statuses, the facts checks read, results, the ``@check`` registry.

Each criterion evaluates to ``met``, ``not_met``, ``missing_data`` or ``for_clinician`` (only the
clinician can state it; never counted as met or as not met) with the evidence in one sentence
and, when not met, missing or for the clinician, the concrete gap.

A check is a function ``(facts, params, rule_set) -> Outcome`` registered with
``@check("name")``; a rule set's criterion names its check in ``content/rules/*.yaml``. The
shared checks live in ``utils.rules.checks``; a condition's checks live in its
``utils/conditions/<key>/criteria.py`` part, which the engine imports through the registry
(``load_checks``) before it evaluates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from utils.core.diary import Completeness
from utils.core.treatments import BotoxSession, Treatment
from utils.rules.thresholds import rule_sets

MET, NOT_MET, MISSING = "met", "not_met", "missing_data"
FOR_CLINICIAN = "for_clinician"
STATUSES = (MET, NOT_MET, MISSING, FOR_CLINICIAN)
STATUS_LABELS = {
    MET: "met",
    NOT_MET: "not met",
    MISSING: "missing data",
    FOR_CLINICIAN: "for the clinician",
}


def status_label(status: str) -> str:
    """The words shown for a status everywhere (page, PDF, letters, JSON)."""
    return STATUS_LABELS.get(status, STATUS_LABELS[MISSING])


@dataclass(frozen=True)
class CaseFacts:
    """What the checks read, computed once by ``utils.evidence``.

    The facts every condition shares are fields; each tracked condition's own facts (its
    evidence section's ``Section.facts``: ``headache_days``, ``months``, ``chronic``, ``sweat``,
    ...) are in ``extra`` and read as attributes (``f.headache_days``), so this shared type
    names no condition. A condition's section gives all its names, empty when not tracked.
    """

    start: dt.date
    end: dt.date  # last counted day (the period end, or today if earlier)
    completeness: Completeness
    treatments: Sequence[Treatment] = ()  # started up to the end, in the order recorded
    sessions: Mapping[str, Sequence[dt.date]] = field(default_factory=dict)
    botox_sessions: Sequence[BotoxSession] = ()  # every recorded session up to the end
    year_of_birth: int | None = None  # from the profile settings, when given
    birth_date: dt.date | None = None  # the document identifiers' date of birth, when given
    extra: Mapping[str, Any] = field(default_factory=dict)  # the conditions' facts by name

    def __getattr__(self, name: str) -> Any:
        extra = self.__dict__.get("extra") or {}
        if name in extra:
            return extra[name]
        raise AttributeError(f"CaseFacts has no fact '{name}' (no condition section gives it)")


@dataclass(frozen=True)
class Outcome:
    status: str
    evidence: str
    gap: str | None = None
    step: str = "next_step"  # which of the criterion's next-step sentences fits the gap


@dataclass(frozen=True)
class CriterionResult:
    id: str  # rule_set.criterion
    criterion: str
    question: str
    status: str
    evidence: str
    gap: str | None
    next_step: str | None
    thresholds: dict[str, Any]
    source: str
    last_checked: str
    commonly_required: bool = True
    sureness: str = ""
    status_label: str = ""


@dataclass(frozen=True)
class RuleSetResult:
    id: str
    title: str
    condition: str
    kind: str
    applies: bool
    status: str
    summary: str
    last_checked: str
    criteria: tuple[CriterionResult, ...]
    counts: dict[str, int] = field(default_factory=dict)
    status_label: str = ""


Check = Callable[[CaseFacts, dict[str, Any], Mapping[str, Any]], Outcome]
CHECKS: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    def deco(fn: Check) -> Check:
        CHECKS[name] = fn
        return fn

    return deco


def clinician_states(name: str, evidence: str, gap: str | None = None) -> Check:
    """Register (and return) the check ``name`` for something only the clinician can state: its
    outcome is always "for the clinician", with ``evidence`` and ``gap``, whatever the diary."""

    def fn(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
        return Outcome(FOR_CLINICIAN, evidence, gap)

    fn.__name__ = fn.__qualname__ = f"clinician_states_{name}"
    return check(name)(fn)


def iso(d: dt.date) -> str:
    return d.isoformat()


def pct(x: float) -> str:
    return f"{x * 100:.0f}%"


_d, _pct = iso, pct  # the short names the checks use


@cache
def load_checks() -> dict[str, Check]:
    """Register every check once: the shared ones and each condition's ``criteria`` part.

    Called before evaluating (and by ``checks()``), never at import time, so the engine does
    not import condition code when it is imported.
    """
    from utils import conditions
    from utils.rules import checks as _shared  # noqa: F401  (registers by import)

    conditions.parts("criteria")
    return CHECKS


def checks() -> dict[str, Check]:
    """Every registered check by name (the registry, filled on first use)."""
    return load_checks()


def _overall(statuses: Sequence[str]) -> str:
    """Not met if any is; else missing data if any is; else for the clinician if any is; met
    only when every criterion is met (a statement left to the clinician is never "met")."""
    if any(s == NOT_MET for s in statuses):
        return NOT_MET
    if all(s == MET for s in statuses):
        return MET
    if any(s == MISSING for s in statuses):
        return MISSING
    return FOR_CLINICIAN


def evaluate_rule_set(
    rs: Mapping[str, Any], facts: CaseFacts, thresholds: Mapping[str, Any]
) -> RuleSetResult:
    load_checks()
    results = []
    for c in rs["criteria"]:
        wanted = c.get("only_when") or {}
        if any(thresholds.get(k) != v for k, v in wanted.items()):
            continue  # a plan-optional criterion the plan settings do not ask for
        params = {role: thresholds[name] for role, name in (c.get("thresholds") or {}).items()}
        outcome = CHECKS[c["check"]](facts, params, rs)
        used = {name: thresholds[name] for name in (c.get("thresholds") or {}).values()}
        results.append(
            CriterionResult(
                id=f"{rs['id']}.{c['id']}",
                criterion=c["id"],
                question=c["question"].format(**thresholds),
                status=outcome.status,
                evidence=outcome.evidence,
                gap=outcome.gap if outcome.status != MET else None,
                next_step=(c.get(outcome.step) or c.get("next_step"))
                if outcome.status != MET
                else None,
                thresholds=used,
                source=c["source"],
                last_checked=str(c.get("last_checked") or rs.get("last_checked")),
                commonly_required=bool(c.get("commonly_required", True)),
                sureness=str(c.get("sureness") or ""),
                status_label=status_label(outcome.status),
            )
        )
    statuses = [r.status for r in results]
    applies = rs["kind"] != "renewal" or bool(facts.sessions.get(rs["condition"]))
    counts = {s: statuses.count(s) for s in STATUSES}
    summary = (
        f"{counts[MET]} of {len(results)} met, {counts[NOT_MET]} not met, "
        f"{counts[MISSING]} missing data"
    )
    if counts[FOR_CLINICIAN]:
        summary += f", {counts[FOR_CLINICIAN]} for the clinician"
    overall = _overall(statuses)
    return RuleSetResult(
        rs["id"],
        rs["title"],
        rs["condition"],
        rs["kind"],
        applies,
        overall,
        summary,
        str(rs.get("last_checked")),
        tuple(results),
        counts,
        status_label(overall),
    )


def evaluate(
    facts: CaseFacts, conditions: Sequence[str], thresholds: Mapping[str, Any]
) -> list[RuleSetResult]:
    """Every rule set for the tracked conditions (first authorization before renewal); a rule
    set with ``only_when`` (threshold name -> value) only when the profile's settings match."""
    order = {"first": 0, "renewal": 1}
    sets = [
        rs
        for rs in rule_sets().values()
        if rs["condition"] in conditions
        and all(thresholds.get(k) == v for k, v in (rs.get("only_when") or {}).items())
    ]
    sets.sort(key=lambda rs: (list(conditions).index(rs["condition"]), order.get(rs["kind"], 9)))
    return [evaluate_rule_set(rs, facts, thresholds) for rs in sets]
