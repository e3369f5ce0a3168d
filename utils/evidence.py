"""One entry point that turns a diary into the evidence a reviewer checks.

``build_evidence`` runs every computation once and returns a frozen ``Evidence``; the trends
page, the PDF, the home page and the CLI all read this one object (``.to_dict()`` for JSON).

It names no condition: it collects the treatment ledger (``utils.ledger``), then asks every
registered condition's ``evidence`` part (``utils/conditions/<key>/evidence.py``) for its
share (``empty()`` when the condition is not tracked, ``section(SectionInput)`` when it is;
each returns a ``Section`` of Evidence fields and CaseFacts), evaluates the rule sets
(``utils.rules``) and projects the readiness (``utils.readiness``). Fields marked ``NOT_JSON``
(the ledger, the questionnaire histories, the attack durations, the daily series, the entries
as written) are for the renderers and stay out of the summary JSON: the renderers take the
Evidence only and never read the rows it was built from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from utils import catalog, criteria, metrics, readiness
from utils import conditions as _registry
from utils.core.diary import Recorded
from utils.core.treatments import BotoxSession, Treatment
from utils.ledger import (
    QuestionnaireHistory,
    TreatmentLedger,
    Written,
    WrittenEntries,
    treatment_ledger,
)

SCHEMA_VERSION = 2
CONDITION_ORDER = _registry.keys()  # display order, from the condition registry


NOT_JSON = {"json": False}  # an Evidence field left out of ``to_dict`` (the summary JSON)
# A dict field whose items become top-level keys of the summary JSON (only those present).
FLATTEN = {"json": "flatten"}


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # as asked
    counted_end: dt.date  # last day counted: the end, or today when the end is later
    days: int
    note: str


@dataclass(frozen=True)
class Evidence:
    schema_version: int
    generated_at: dt.datetime
    conditions: tuple[str, ...]
    period: Period
    migraine_day_rule: dict[str, str]  # id and the sentence
    days: tuple[metrics.HeadacheDay, ...]  # every day of the period (headache diary)
    months: tuple[metrics.MonthCounts, ...]
    rolling30: tuple[metrics.Counts, ...]
    chronic: metrics.ChronicPattern | None
    overuse: metrics.Overuse | None
    responses: dict[str, metrics.Response]  # per condition with Botox sessions (headache)
    sweating: metrics.SweatSummary | None
    jaw: metrics.JawSummary | None
    completeness: metrics.Completeness
    checklists: tuple[criteria.RuleSetResult, ...]
    thresholds: criteria.ThresholdsUsed
    definitions: tuple[str, ...]
    next_steps: dict[str, tuple[str, ...]]  # per condition
    readiness: Any = None  # utils.readiness.Readiness: the projection (issue 19)
    # Computed once here for the renderers; not part of the summary JSON (``json: False``).
    ledger: TreatmentLedger | None = field(default=None, metadata=NOT_JSON)
    questionnaires: dict[str, QuestionnaireHistory] = field(
        default_factory=dict, metadata=NOT_JSON
    )  # "midas", "hit6" (headache), "hdss" (sweating), of the tracked conditions
    attack_durations: Any = field(default=None, metadata=NOT_JSON)  # headache AttackDurations
    # The day series of a condition's diary beyond the headache ``days``, by condition key
    # (sweating: ``SweatDayPoint``-s, jaw: ``JawDayPoint``-s, bladder: ``BladderDayCounts``-s,
    # neck: ``NeckDayPoint``-s, spasticity: ``SpasticityDayPoint``-s; the logged days of the
    # period, the latest recorded entry of each day).
    daily: dict[str, tuple[Any, ...]] = field(default_factory=dict, metadata=NOT_JSON)
    # Every entry of the profile as written (``utils.ledger.Written``, in the store's order): what
    # the appendix, side effects and the FHIR export show entry by entry.
    record: Sequence[Written] = field(default=(), metadata=NOT_JSON)  # a ``WrittenEntries``
    # The summaries of conditions that keep their own share here, by condition key (a package
    # added after the first three: its section returns ``{"by_condition": {key: summary}}``).
    # Each present key is a top-level key of the summary JSON; an untracked condition adds none.
    by_condition: dict[str, Any] = field(default_factory=dict, metadata=FLATTEN)

    def to_dict(self) -> dict[str, Any]:
        return _jsonable(self)

    def checklist(self, rule_set_id: str) -> criteria.RuleSetResult | None:
        return next((c for c in self.checklists if c.id == rule_set_id), None)


_SCALARS = (str, int, float, bool, type(None))
_FIELDS: dict[type, tuple[str, ...]] = {}


def _day_dict(d: metrics.HeadacheDay) -> dict[str, Any]:
    # Fast path: ten years of days are the bulk of the JSON.
    return {
        "date": d.date.isoformat(),
        "status": d.status,
        "logged": d.logged,
        "hours": d.hours,
        "hours_unknown": d.hours_unknown,
        "migraine_ichd": d.migraine_ichd,
        "migraine_trial": d.migraine_trial,
        "migraine": d.migraine,
        "long": d.long,
        "acute_classes": list(d.acute_classes),
        "function_impaired": d.function_impaired,
        "max_pain": d.max_pain,
        "missing": list(d.missing),
        "attack_ids": list(d.attack_ids),
        "open_attack": d.open_attack,
        "open_attack_past_72h": d.open_attack_past_72h,
    }


def _jsonable(obj: Any) -> Any:
    if isinstance(obj, _SCALARS):
        return obj
    if isinstance(obj, metrics.HeadacheDay):
        return _day_dict(obj)
    if isinstance(obj, dt.datetime):
        return obj.isoformat(timespec="seconds")
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if isinstance(obj, list | tuple | set | frozenset):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, Mapping):
        return {str(_jsonable(k)): _jsonable(v) for k, v in obj.items()}
    cls = type(obj)
    names = _FIELDS.get(cls)
    if names is None:
        if not dataclasses.is_dataclass(obj):
            raise TypeError(f"cannot turn {cls.__name__} into JSON")
        names = _FIELDS[cls] = tuple(
            f.name for f in dataclasses.fields(obj) if f.metadata.get("json", True)
        )
    flat = _FLATTENED.get(cls)
    if flat is None:
        flat = _FLATTENED[cls] = _flattened(cls)
    if not flat:
        return {n: _jsonable(getattr(obj, n)) for n in names}
    out: dict[str, Any] = {}
    for n in names:
        value = getattr(obj, n)
        if n in flat:
            out.update({str(k): _jsonable(v) for k, v in value.items()})
        else:
            out[n] = _jsonable(value)
    return out


_FLATTENED: dict[type, frozenset[str]] = {}


def _flattened(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls) if f.metadata.get("json") == "flatten")


def _overuse_limits_text() -> str:
    """'triptan, ergot, ... on 10 or more days a month, ...' from content/medications.yaml."""
    by_limit: dict[int, list[str]] = {}
    classes = catalog.acute_classes()
    for cid, limit in metrics.overuse_limits().items():
        label = classes[cid]["label"]
        by_limit.setdefault(limit, []).append(label if label.isupper() else label.lower())
    parts = []
    for limit in sorted(by_limit):
        names = by_limit[limit]
        listed = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
        parts.append(f"{listed} on {limit} or more days a month")
    return ", ".join(parts)


def _definitions(th: Mapping[str, Any], period: Period, rule: str) -> tuple[str, ...]:
    values = dict(th)
    values.update(
        start=period.start.isoformat(),
        end=period.counted_end.isoformat(),
        migraine_rule_text=metrics.MIGRAINE_RULES[rule],
        response_thresholds_pct=" and ".join(f"{x:g}" for x in th["response_thresholds_pct"]),
        hdss_after_last_day=th["hdss_after_from_day"] + th["hdss_after_days"] - 1,
        overuse_limits_text=_overuse_limits_text(),
    )
    return tuple(text.format(**values) for text in criteria.general()["definitions"])


def _next_steps(
    checklists: Sequence[criteria.RuleSetResult],
    conditions: Sequence[str],
    values: Mapping[str, Any],
    completeness: metrics.Completeness,
) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {c: [] for c in conditions}
    gaps_by_step: dict[tuple[str, str], list[str]] = {}
    for rs in checklists:
        if not rs.applies:
            continue
        for c in rs.criteria:
            if c.status == criteria.MET or not c.next_step:
                continue
            key = (rs.condition, c.next_step)
            if key not in gaps_by_step:
                gaps_by_step[key] = []
                out[rs.condition].append(c.next_step)
            if c.gap and c.gap not in gaps_by_step[key]:
                gaps_by_step[key].append(c.gap)
    parts = dict(_parts())
    final: dict[str, tuple[str, ...]] = {}
    for cond, steps in out.items():
        sentences = []
        for step in steps:
            gaps = gaps_by_step[(cond, step)]
            sentences.append(f"{step.rstrip('.')}: {'; '.join(gaps)}." if gaps else step)
        extra = getattr(parts.get(cond), "next_steps", None)
        if extra is not None:
            sentences.extend(extra(values, completeness))
        final[cond] = tuple(sentences)
    return final


@dataclass(frozen=True)
class SectionInput:
    """What a condition's evidence section reads (see ``utils/conditions/<key>/evidence.py``)."""

    entries: Sequence[Any]  # every entry of the profile (StoredEntry objects)
    start: dt.date
    counted_end: dt.date
    n_days: int  # days in the period up to the counted end
    at: dt.datetime
    thresholds: Mapping[str, Any]
    ledger: TreatmentLedger
    year_of_birth: int | None = None  # the profile settings' (age-dependent rules and texts)
    birth_date: dt.date | None = None


@dataclass(frozen=True)
class Section:
    """A condition's share of the ``Evidence`` fields and of the ``CaseFacts`` (by field name);
    dict values (``responses``, ``questionnaires``) are merged across conditions."""

    fields: dict[str, Any]
    facts: dict[str, Any]


def _parts() -> list[tuple[str, Any]]:
    """``(condition key, evidence module)`` of every registered condition, in display order."""
    from utils import conditions as registry

    return [(spec.key, module) for spec, module in registry.parts("evidence")]


# Condition sections kept for the next build (issue 21): after a save, a condition whose entries
# did not change keeps its section. A part that declares ``READS`` (the entry classes its
# ``section`` reads; the treatments and Botox sessions of the ledger are added here) is kept by
# everything its ``SectionInput`` holds: the period, the reference time, the thresholds, the
# birth data and the identity of every entry of those classes in the diary's order (the
# cached diary reuses the objects of unchanged rows; the kept value holds them, so an id is
# never reused while it is part of a key). Sections are shared: never modify one.
_SECTIONS: OrderedDict[tuple[Any, ...], tuple[Any, Section]] = OrderedDict()
SECTIONS_MAX = 48
_SECTIONS_LOCK = threading.Lock()
_LEDGER_READS = (Treatment, BotoxSession)
_ITEM = itemgetter(1)  # the item of a (position, item, entry)


def forget_kept() -> None:
    """Drop every kept section and classified month: the next build computes everything (for
    measuring a whole build, and for tests that compare with a fresh build)."""
    from utils.conditions.headache import kept_months

    with _SECTIONS_LOCK:
        _SECTIONS.clear()
    kept_months.forget()


def _section(key: str, module: Any, inp: SectionInput, thresholds_key: str) -> Section:
    """``module.section(inp)``, or the same section kept from an earlier build."""
    reads = getattr(module, "READS", None)
    entries = inp.entries
    if reads is None or not isinstance(entries, Recorded):
        return module.section(inp)
    # Each class's entries in the diary's own order: the same objects in the same order have
    # the same recorded order too (it sorts by their recording time and id), so no sort here.
    groups = tuple(entries.in_store_order(c) for c in (*reads, *_LEDGER_READS))
    if any(g and getattr(g[0][1], "id", None) is None for g in groups):
        return module.section(inp)  # bare entries: their ids are their places in the diary
    memo_key = (
        key,
        inp.start,
        inp.counted_end,
        inp.n_days,
        inp.at,
        thresholds_key,
        inp.year_of_birth,
        inp.birth_date,
        tuple(tuple(map(id, map(_ITEM, g))) for g in groups),
    )
    with _SECTIONS_LOCK:
        kept = _SECTIONS.get(memo_key)
        if kept is not None:
            _SECTIONS.move_to_end(memo_key)
            return kept[1]
    sec = module.section(inp)
    with _SECTIONS_LOCK:
        _SECTIONS[memo_key] = (groups, sec)
        while len(_SECTIONS) > SECTIONS_MAX:
            _SECTIONS.popitem(last=False)
    return sec


def _merge(into: dict[str, Any], values: Mapping[str, Any]) -> None:
    for k, v in values.items():
        if isinstance(v, dict) and isinstance(into.get(k), dict):
            into[k] = {**into[k], **v}
        else:
            into[k] = v


def _listed(used: criteria.ThresholdsUsed, conditions: Sequence[str]) -> criteria.ThresholdsUsed:
    """The thresholds shown (page, PDF, summary JSON): those of a rule set marked ``listed:
    when_tracked`` (a condition package added after the first three) only when its condition is
    tracked, so the summaries of the other profiles stay as they were."""
    from utils.rules.thresholds import rule_sets

    hidden = {
        rid
        for rid, rs in rule_sets().items()
        if rs.get("listed") == "when_tracked" and rs["condition"] not in conditions
    }
    if not hidden:
        return used
    rows, dropped = [], set()
    for row in used.rows:
        keep = [r for r in row.get("rule_sets", ()) if r not in hidden]
        if row.get("rule_sets") and not keep:
            dropped.add(row["name"])
            continue
        rows.append({**row, "rule_sets": keep} if "rule_sets" in row else row)
    values = {k: v for k, v in used.values.items() if k not in dropped}
    return dataclasses.replace(used, rows=tuple(rows), values=values)


def build_evidence(
    entries: Sequence[Any],
    conditions: Sequence[str],
    start: dt.date,
    end: dt.date,
    settings: Mapping[str, Any] | None,
    at: dt.datetime,
) -> Evidence:
    """Compute every figure for ``start``..``end`` from ``entries`` (StoredEntry objects).

    Pass all of the profile's entries, not only those inside the period: the Botox baseline and
    attacks that began before the period are read from earlier days.
    """
    conditions = tuple(c for c in CONDITION_ORDER if c in conditions)
    # Sorted into their recorded order once, when first asked; a diary read from the cache is
    # already a ``Recorded`` (``utils.ui._entries_for``), shared by every build of its revision.
    entries = entries if isinstance(entries, Recorded) else Recorded(entries)
    used = criteria.resolve_thresholds(settings)
    th = used.values
    rule = th["migraine_day_rule"]
    today = at.date()
    counted_end = min(end, today)
    n_days = max((counted_end - start).days + 1, 0)
    note = ""
    if end > today:
        note = f"Days after today ({today.isoformat()}) are not counted."
    period = Period(start, end, counted_end, n_days, note)

    ledger = treatment_ledger(entries, counted_end)
    inp = SectionInput(
        entries,
        start,
        counted_end,
        n_days,
        at,
        th,
        ledger,
        criteria.year_of_birth(settings),
        criteria.birth_date(settings),
    )
    values: dict[str, Any] = {
        "questionnaires": {},
        "attack_durations": None,
        "by_condition": {},
        "daily": {},
    }
    facts: dict[str, Any] = {}
    parts = _parts()
    for _, module in parts:
        empty = module.empty()
        _merge(values, empty.fields)
        _merge(facts, empty.facts)
    thresholds_key = json.dumps(th, sort_keys=True, default=str)
    for key, module in parts:
        if key in conditions:
            sec = _section(key, module, inp, thresholds_key)
            _merge(values, sec.fields)
            _merge(facts, sec.facts)
    comp = metrics.completeness(
        entries, facts.get("headache_days", {}), start, counted_end, conditions
    )
    case_facts = criteria.CaseFacts(
        start=start,
        end=counted_end,
        completeness=comp,
        treatments=ledger.treatments,
        sessions=ledger.session_dates(),
        botox_sessions=ledger.sessions,
        year_of_birth=criteria.year_of_birth(settings),
        birth_date=criteria.birth_date(settings),
        extra=facts,
    )
    checklists = tuple(criteria.evaluate(case_facts, conditions, th))
    evidence = Evidence(
        schema_version=SCHEMA_VERSION,
        generated_at=at,
        conditions=conditions,
        period=period,
        migraine_day_rule={"id": rule, "text": metrics.MIGRAINE_RULES[rule]},
        completeness=comp,
        checklists=checklists,
        thresholds=_listed(used, conditions),
        definitions=_definitions(th, period, rule),
        next_steps=_next_steps(checklists, conditions, values, comp),
        ledger=ledger,
        record=WrittenEntries(entries),
        **values,
    )
    return dataclasses.replace(evidence, readiness=readiness.build(evidence, case_facts))
