"""One entry point that turns a diary into the evidence a reviewer checks.

``build_evidence`` runs every computation once and returns a frozen ``Evidence``; the trends
page, the PDF, the home page and the CLI all read this one object (``.to_dict()`` for JSON).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from utils import catalog, criteria, metrics, readiness
from utils.models import (
    BotoxSession,
    HdssAssessment,
    Hit6,
    Midas,
    SweatDay,
    Treatment,
)

SCHEMA_VERSION = 2
CONDITION_ORDER = ("headache", "sweating", "jaw")


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
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(obj))
    return {n: _jsonable(getattr(obj, n)) for n in names}


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


JAW_STEPS = (
    "Botox for jaw pain (TMJ disorder, bruxism) is off-label and usually refused; a complete "
    "diary and a list of every treatment tried is what an appeal needs.",
)


def _next_steps(
    checklists: Sequence[criteria.RuleSetResult],
    conditions: Sequence[str],
    jaw: metrics.JawSummary | None,
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
    final: dict[str, tuple[str, ...]] = {}
    for cond, steps in out.items():
        sentences = []
        for step in steps:
            gaps = gaps_by_step[(cond, step)]
            sentences.append(f"{step.rstrip('.')}: {'; '.join(gaps)}." if gaps else step)
        if cond == "jaw" and jaw is not None:
            sentences.extend(JAW_STEPS)
            n = completeness.days_in_period
            if n and jaw.logged_days < n:
                sentences.append(
                    f"Log your jaw every day, 'normal day' included (only {jaw.logged_days} of "
                    f"{n} days logged)."
                )
            if not jaw.treatments:
                sentences.append(
                    "Add the jaw treatments you have tried (night guard, physiotherapy, "
                    "medicines) with dates and how they worked."
                )
        final[cond] = tuple(sentences)
    return final


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

    treatments: list[Treatment] = []
    midas: list[Midas] = []
    hit6: list[Hit6] = []
    botox: list[BotoxSession] = []
    hdss: list[HdssAssessment] = []
    sweat_days: dict[dt.date, SweatDay] = {}
    sessions: dict[str, list[dt.date]] = {}
    for item in metrics.by_recording(entries):  # the latest recorded daily entry wins
        e = getattr(item, "entry", item)
        if isinstance(e, Treatment):
            treatments.append(e)
        elif isinstance(e, Midas):
            midas.append(e)
        elif isinstance(e, Hit6):
            hit6.append(e)
        elif isinstance(e, HdssAssessment):
            hdss.append(e)
        elif isinstance(e, SweatDay):
            sweat_days[e.date] = e
        elif isinstance(e, BotoxSession) and e.date <= counted_end:
            sessions.setdefault(e.condition, []).append(e.date)
            botox.append(e)
    sessions = {k: sorted(set(v)) for k, v in sessions.items()}

    # Headache days are classified once, from the earliest day any figure needs (the baseline
    # before the first session may lie before the period) to the last counted day.
    head_sessions = sessions.get("headache", [])
    lo = start
    if head_sessions:
        lo = min(lo, head_sessions[0] - dt.timedelta(days=th["baseline_days"]))
    all_days = (
        metrics.classify_headache_days(entries, lo, counted_end, at, rule)
        if "headache" in conditions and counted_end >= lo
        else {}
    )
    period_days = {d: r for d, r in all_days.items() if d >= start}

    months: list[metrics.MonthCounts] = []
    rolling: list[metrics.Counts] = []
    chronic = overuse = None
    responses: dict[str, metrics.Response] = {}
    if "headache" in conditions and n_days:
        months = metrics.month_counts(period_days, start, counted_end)
        rolling = metrics.rolling30(period_days, start, counted_end)
        chronic = metrics.chronic_pattern(
            months, th["headache_days_per_month"], th["migraine_days_per_month"]
        )
        mo = criteria.general()["medication_overuse"]
        overuse = metrics.medication_overuse(
            period_days,
            months,
            metrics.overuse_limits(),
            th["overuse_mix_days"],
            mo["mix_excluded"],
            th["overuse_months"],
        )
    if "headache" in conditions and head_sessions:
        responses["headache"] = metrics.headache_response(
            all_days,
            head_sessions,
            counted_end,
            th["response_thresholds_pct"],
            th["baseline_days"],
            th["response_window_days"],
        )
    sweat = (
        metrics.sweat_summary(
            entries,
            start,
            counted_end,
            counted_end,
            min_features=th["primary_features_min"],
            min_months=th["sweat_min_months"],
            before_days=th["hdss_before_days"],
            after_from=th["hdss_after_from_day"],
            after_days=th["hdss_after_days"],
            response_grades=th["hdss_response_grades"],
        )
        if "sweating" in conditions
        else None
    )
    jaw = (
        metrics.jaw_summary(entries, start, counted_end, counted_end)
        if "jaw" in conditions
        else None
    )
    comp = metrics.completeness(entries, period_days, start, counted_end, conditions)

    facts = criteria.CaseFacts(
        start=start,
        end=counted_end,
        headache_days=period_days,
        months=months,
        overuse=overuse,
        response=responses.get("headache"),
        sweat=sweat,
        completeness=comp,
        treatments=treatments,
        midas=midas,
        hdss_assessments=hdss,
        sweat_days=sweat_days,
        sessions=sessions,
        hit6=hit6,
        botox_sessions=sorted(botox, key=lambda b: b.date),
        year_of_birth=criteria.year_of_birth(settings),
        birth_date=criteria.birth_date(settings),
        chronic=chronic,
    )
    checklists = tuple(criteria.evaluate(facts, conditions, th))
    evidence = Evidence(
        schema_version=SCHEMA_VERSION,
        generated_at=at,
        conditions=conditions,
        period=period,
        migraine_day_rule={"id": rule, "text": metrics.MIGRAINE_RULES[rule]},
        days=tuple(period_days[d] for d in sorted(period_days)),
        months=tuple(months),
        rolling30=tuple(rolling),
        chronic=chronic,
        overuse=overuse,
        responses=responses,
        sweating=sweat,
        jaw=jaw,
        completeness=comp,
        checklists=checklists,
        thresholds=used,
        definitions=_definitions(th, period, rule),
        next_steps=_next_steps(checklists, conditions, jaw, comp),
    )
    return dataclasses.replace(evidence, readiness=readiness.build(evidence, facts))
