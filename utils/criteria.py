"""Coverage checklists: rule sets from ``content/rules/*.yaml`` evaluated against the metrics.

Each criterion evaluates to ``met``, ``not_met``, ``missing_data`` or ``for_clinician`` (only the
clinician can state it; never counted as met or as not met) with the evidence in one sentence
and, when not met, missing or for the clinician, the concrete gap. Thresholds live in the YAML files; a
profile may override any of them through ``Profile.settings["thresholds"]`` (by threshold name
or by criterion id, which maps to that criterion's main threshold).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from utils import catalog
from utils.metrics import (
    HEADACHE,
    Completeness,
    HeadacheDay,
    MonthCounts,
    Overuse,
    Response,
    SweatSummary,
    add_months,
    days_between,
    join_and,
    longest_run,
    month_label,
    months_text,
)
from utils.models import BotoxSession, HdssAssessment, Hit6, Midas, SweatDay, Treatment
from utils.scores import midas_grade

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


RULES_DIR = catalog.CONTENT_DIR / "rules"
GENERAL = "general"


# ---------------------------------------------------------------- rule sets and thresholds


@cache
def _rule_names() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in RULES_DIR.glob("*.yaml")))


def general() -> dict[str, Any]:
    return catalog.load_yaml(f"rules/{GENERAL}.yaml")


def rule_sets() -> dict[str, dict[str, Any]]:
    """Every rule set with criteria, keyed by id (``general`` holds shared definitions only)."""
    out = {}
    for name in _rule_names():
        data = catalog.load_yaml(f"rules/{name}.yaml")
        if data.get("criteria"):
            out[data["id"]] = data
    return out


@cache
def threshold_specs() -> dict[str, dict[str, Any]]:
    """Every threshold with its default, label, limits and the rule sets that use it."""
    specs: dict[str, dict[str, Any]] = {}
    for name in _rule_names():
        data = catalog.load_yaml(f"rules/{name}.yaml")
        for key, spec in (data.get("thresholds") or {}).items():
            if key in specs:
                if specs[key]["default"] != spec["default"]:
                    raise ValueError(
                        f"threshold '{key}' has two different defaults in content/rules"
                    )
                specs[key]["rule_sets"].append(data["id"])
            else:
                specs[key] = {**spec, "rule_sets": [data["id"]]}
    return specs


def default_thresholds() -> dict[str, Any]:
    return {k: _copy(v["default"]) for k, v in threshold_specs().items()}


def _copy(v: Any) -> Any:
    return list(v) if isinstance(v, list) else v


def _criterion_aliases() -> dict[str, set[str]]:
    """Criterion id (full 'rule_set.criterion' and bare) -> the main threshold names it maps to."""
    out: dict[str, set[str]] = {}
    for rs in rule_sets().values():
        for c in rs["criteria"]:
            if c.get("primary"):
                for key in (f"{rs['id']}.{c['id']}", c["id"]):
                    out.setdefault(key, set()).add(c["primary"])
    return out


def _check_value(spec: Mapping[str, Any], value: Any) -> tuple[Any, str | None]:
    default = spec["default"]
    if "choices" in spec:
        if value in spec["choices"]:
            return value, None
        return None, f"choose one of {', '.join(spec['choices'])}"
    if isinstance(default, list):
        if (
            isinstance(value, list)
            and value
            and all(isinstance(x, int | float) and not isinstance(x, bool) for x in value)
            and all(0 < x <= 100 for x in value)
        ):
            return sorted(value), None
        return None, "give a list of percentages between 0 and 100"
    if isinstance(value, bool) or not isinstance(value, int | float):
        try:
            value = float(str(value).strip().rstrip("%"))
        except ValueError:
            return None, "give a number"
    low, high = spec.get("min"), spec.get("max")
    if (low is not None and value < low) or (high is not None and value > high):
        return None, f"give a number from {low} to {high}"
    if isinstance(default, int) and float(value).is_integer():
        value = int(value)
    return value, None


@dataclass(frozen=True)
class ThresholdsUsed:
    values: dict[str, Any]
    rows: tuple[dict[str, Any], ...]  # name, label, value, default, from_settings
    ignored: tuple[dict[str, str], ...]  # key, value, reason


def resolve_thresholds(settings: Mapping[str, Any] | None) -> ThresholdsUsed:
    specs = threshold_specs()
    values = default_thresholds()
    chosen: set[str] = set()
    ignored: list[dict[str, str]] = []
    given = dict((settings or {}).get("thresholds") or {})
    if (settings or {}).get("migraine_day_rule") and "migraine_day_rule" not in given:
        given["migraine_day_rule"] = settings["migraine_day_rule"]  # type: ignore[index]
    aliases = _criterion_aliases()
    for key, raw in given.items():
        if key in specs:
            names = {key}
        elif key in aliases:
            names = aliases[key]
            if len(names) > 1:
                ignored.append(
                    {"key": key, "value": repr(raw), "reason": "ambiguous: name the rule set"}
                )
                continue
        else:
            ignored.append({"key": key, "value": repr(raw), "reason": "unknown threshold"})
            continue
        name = next(iter(names))
        value, problem = _check_value(specs[name], raw)
        if problem:
            ignored.append({"key": key, "value": repr(raw), "reason": problem})
            continue
        values[name] = value
        chosen.add(name)
    rows = tuple(
        {
            "name": k,
            "label": s.get("label", k),
            "value": values[k],
            "default": _copy(s["default"]),
            "from_settings": k in chosen,
            "rule_sets": list(s["rule_sets"]),
        }
        for k, s in specs.items()
    )
    return ThresholdsUsed(values, rows, tuple(ignored))


def effective_thresholds(settings: Mapping[str, Any] | None) -> dict[str, Any]:
    """Defaults overridden by the profile's ``settings['thresholds']`` (invalid values ignored)."""
    return resolve_thresholds(settings).values


def year_of_birth(settings: Mapping[str, Any] | None) -> int | None:
    """The optional year of birth in the profile settings (None when absent or not a year)."""
    value = (settings or {}).get("year_of_birth")
    if isinstance(value, bool):
        return None
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return year if 1900 <= year <= 2100 else None


# ---------------------------------------------------------------- facts and results


@dataclass(frozen=True)
class CaseFacts:
    """What the checks read: the metrics of one period, computed once by ``utils.evidence``."""

    start: dt.date
    end: dt.date  # last counted day (the period end, or today if earlier)
    headache_days: Mapping[dt.date, HeadacheDay]
    months: Sequence[MonthCounts]
    overuse: Overuse | None
    response: Response | None
    sweat: SweatSummary | None
    completeness: Completeness
    treatments: Sequence[Treatment] = ()
    midas: Sequence[Midas] = ()
    hdss_assessments: Sequence[HdssAssessment] = ()
    sweat_days: Mapping[dt.date, SweatDay] = field(default_factory=dict)
    sessions: Mapping[str, Sequence[dt.date]] = field(default_factory=dict)
    hit6: Sequence[Hit6] = ()
    botox_sessions: Sequence[BotoxSession] = ()  # every recorded session up to the end
    year_of_birth: int | None = None  # from the profile settings, when given


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


def _d(d: dt.date) -> str:
    return d.isoformat()


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


# ---------------------------------------------------------------- headache checks


def _no_headache_diary(f: CaseFacts) -> bool:
    return not any(r.logged for r in f.headache_days.values())


def _unlogged(m: MonthCounts) -> int:
    return m.days_in_month - m.counts.logged


def _logging_gaps(months: Sequence[MonthCounts]) -> str:
    partial = [m for m in months if m.partial_period]
    unlogged = [m for m in months if not m.partial_period and not m.fully_logged]
    parts = []
    if len(unlogged) == 1:
        m = unlogged[0]
        parts.append(f"only {m.counts.logged} of {m.days_in_month} days logged in {m.label}")
    elif unlogged:
        parts.append(
            "days logged only "
            + ", ".join(f"{m.counts.logged} of {m.days_in_month} in {m.label}" for m in unlogged)
        )
    for m in partial:
        parts.append(f"{m.label} is only partly inside the period ({m.days_in_period} days)")
    return "; ".join(parts)


def _recent(months: Sequence[MonthCounts], n: int) -> list[MonthCounts]:
    return list(months[-n:])


def _whole(f: CaseFacts) -> list[MonthCounts]:
    """The calendar months wholly inside the period: a partial month at either edge neither
    breaks a run nor counts in one (see the printed definitions)."""
    return [m for m in f.months if not m.partial_period]


NO_WHOLE_MONTH = "the period holds no whole calendar month yet"


def _month_list(months: Sequence[MonthCounts], value: Callable[[MonthCounts], int]) -> str:
    return ", ".join(f"{m.label} {value(m)}" for m in months)


@check("chronic_headache_days")
def _chronic_headache(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    per, needed = p["per_month"], p["months"]
    if _no_headache_diary(f):
        return Outcome(MISSING, "No headache diary in the period.", "no days logged in the period")
    months = _whole(f)
    if not months:
        return Outcome(MISSING, "No whole calendar month in the period.", NO_WHOLE_MONTH)
    by_key = {m.month: m for m in months}
    run = longest_run([m.month for m in months if m.counts.headache >= per])
    if len(run) >= needed:
        counts = [by_key[k].counts.headache for k in run]
        return Outcome(MET, f"{join_and(counts)} headache days in {months_text(run)}.")
    shown = _recent(months, needed)
    evidence = (
        f"{join_and([m.counts.headache for m in shown])} headache days in "
        f"{months_text([m.month for m in shown])}."
    )
    optimistic = [m.month for m in months if m.counts.headache + _unlogged(m) >= per]
    opt_run = longest_run(optimistic)
    if len(opt_run) >= needed:
        short = [by_key[k] for k in opt_run if by_key[k].counts.headache < per]
        return Outcome(MISSING, evidence, _logging_gaps(short) or None)
    longest = (
        f"the longest run is {len(run)} ({months_text(run)})" if run else "no month reached it"
    )
    return Outcome(
        NOT_MET,
        evidence,
        f"{per} or more headache days are needed in {needed} consecutive whole months; {longest}",
    )


def _features_gap_days(f: CaseFacts, m: MonthCounts) -> int:
    days = f.headache_days
    return sum(
        1
        for d in days_between(m.counts.start, m.counts.end)
        if (r := days.get(d)) is not None
        and r.status == HEADACHE
        and not r.migraine
        and "features" in r.missing
    )


@check("chronic_migraine_days")
def _chronic_migraine(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    per, hper, needed = p["per_month"], p["headache_per_month"], p["months"]
    if _no_headache_diary(f):
        return Outcome(MISSING, "No headache diary in the period.", "no days logged in the period")
    months = _whole(f)
    if not months:
        return Outcome(MISSING, "No whole calendar month in the period.", NO_WHOLE_MONTH)
    by_key = {m.month: m for m in months}
    both = [m.month for m in months if m.counts.headache >= hper and m.counts.migraine >= per]
    run = longest_run(both)
    if len(run) >= needed:
        mig = [by_key[k].counts.migraine for k in run]
        hd = [by_key[k].counts.headache for k in run]
        return Outcome(
            MET,
            f"{join_and(mig)} migraine days (of {join_and(hd)} headache days) in {months_text(run)}.",
        )
    # Show the months that matter: those of the longest run of headache months, when there is
    # one long enough, else the most recent months.
    head_run = longest_run([m.month for m in months if m.counts.headache >= hper])
    shown = [by_key[k] for k in head_run] if len(head_run) >= needed else _recent(months, needed)
    evidence = (
        f"{join_and([m.counts.migraine for m in shown])} migraine days in "
        f"{months_text([m.month for m in shown])}."
    )
    gaps_features: dict[str, int] = {}
    optimistic = []
    for m in months:
        extra = _features_gap_days(f, m)
        gaps_features[m.month] = extra
        if (
            m.counts.headache + _unlogged(m) >= hper
            and m.counts.migraine + _unlogged(m) + extra >= per
        ):
            optimistic.append(m.month)
    opt_run = longest_run(optimistic)
    if len(opt_run) >= needed:
        short = [
            by_key[k]
            for k in opt_run
            if by_key[k].counts.migraine < per or by_key[k].counts.headache < hper
        ]
        parts = []
        feat = [(m.label, gaps_features[m.month]) for m in short if gaps_features[m.month]]
        if feat:
            parts.append(
                "migraine features missing on "
                + ", ".join(f"{n} headache days in {label}" for label, n in feat)
            )
        logging = _logging_gaps(short)
        if logging:
            parts.append(logging)
        step = "next_step" if feat else "next_step_logging"
        return Outcome(MISSING, evidence, "; ".join(parts) or None, step)
    low = [m for m in shown if m.counts.migraine < per]
    detail = ", ".join(f"{m.label} ({m.counts.migraine})" for m in low)
    gap = f"{per} or more migraine days are needed in {needed} consecutive whole months"
    if detail:
        gap += f"; below {per} in {detail}"
    return Outcome(NOT_MET, evidence, gap)


@check("long_headache_days")
def _long_days(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    """Days with 4 hours or more of headache that calendar day, per whole month."""
    per, needed = p["per_month"], p["months"]
    if _no_headache_diary(f):
        return Outcome(MISSING, "No headache diary in the period.", "no days logged in the period")
    months = _whole(f)
    if not months:
        return Outcome(MISSING, "No whole calendar month in the period.", NO_WHOLE_MONTH)
    by_key = {m.month: m for m in months}
    run = longest_run([m.month for m in months if m.counts.long >= per])
    if len(run) >= needed:
        shown = [by_key[k] for k in run]
        return Outcome(
            MET,
            "Days with 4 hours or more of headache: "
            f"{_month_list(shown, lambda m: m.counts.long)}.",
        )
    # Show the months of the headache-day pattern when there is one, else the latest months.
    head_run = longest_run(
        [m.month for m in months if m.counts.headache >= p["headache_per_month"]]
    )
    shown = [by_key[k] for k in head_run] if len(head_run) >= needed else _recent(months, needed)
    evidence = (
        f"Days with 4 hours or more of headache: {_month_list(shown, lambda m: m.counts.long)}."
    )
    # Could the days with unknown hours or the unlogged days make up the difference?
    optimistic = [
        m.month for m in months if m.counts.long + m.counts.unknown_hours + _unlogged(m) >= per
    ]
    opt_run = longest_run(optimistic)
    if len(opt_run) >= needed:
        short = [by_key[k] for k in opt_run if by_key[k].counts.long < per]
        parts = [
            f"hours unknown on {m.counts.unknown_hours} headache days in {m.label}"
            for m in short
            if m.counts.unknown_hours
        ]
        logging = _logging_gaps(short)
        if logging:
            parts.append(logging)
        return Outcome(MISSING, evidence, "; ".join(parts) or None)
    low = ", ".join(f"{m.label} ({m.counts.long})" for m in shown if m.counts.long < per)
    return Outcome(
        NOT_MET,
        evidence,
        f"{per} or more days with 4 hours or more of headache are needed in each of {needed} "
        f"consecutive whole months; below {per} in {low or 'the months shown'}",
    )


@check("history_clinician")
def _history(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    months = _whole(f)
    return Outcome(
        FOR_CLINICIAN,
        f"The diary covers {len(months)} whole calendar month{'s' if len(months) != 1 else ''}; "
        "how long the pattern has lasted before the diary is the clinician's statement.",
        "the clinician states a history of more than 3 months (ICHD-3 1.3)",
    )


@check("adult")
def _adult(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    age = p["age"]
    yob = f.year_of_birth
    if yob is None:
        return Outcome(
            MISSING,
            "No year of birth in the profile settings.",
            "add the year of birth under Profiles & settings",
        )
    youngest, oldest = f.end.year - yob - 1, f.end.year - yob
    if youngest >= age:
        return Outcome(MET, f"Born in {yob}: {youngest} or older on {_d(f.end)}.")
    if oldest < age:
        return Outcome(
            NOT_MET,
            f"Born in {yob}: at most {oldest} on {_d(f.end)}.",
            f"the label is for people aged {age} or older",
        )
    return Outcome(
        FOR_CLINICIAN,
        f"Born in {yob}: {youngest} or {oldest} on {_d(f.end)}, depending on the birthday.",
        f"the clinician confirms the age ({age} or older)",
    )


SPECIALISTS = ("neurologist", "headache_specialist")


@check("specialist")
def _specialist(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    cond = rs["condition"]
    items: list[tuple[str, str]] = [
        (f"Botox session on {_d(b.date)}", b.specialty)
        for b in reversed(f.botox_sessions)
        if b.condition == cond and b.date <= f.end
    ]
    items += [
        (t.name, t.specialty) for t in f.treatments if t.condition == cond and t.start <= f.end
    ]
    named = [(what, sp) for what, sp in items if sp in SPECIALISTS]
    if named:
        what, sp = named[0]  # the latest session first, then the treatments
        return Outcome(MET, f"{what}: prescribed by a {sp.replace('_', ' ')}.")
    other = [what for what, sp in items if sp == "other"]
    if other:
        return Outcome(
            FOR_CLINICIAN,
            f"Prescribed by another specialty ({join_and(other[-2:])}).",
            "some plans ask that a neurologist or headache specialist prescribes or is "
            "consulted; the clinician states it",
        )
    return Outcome(
        MISSING,
        "No prescriber specialty recorded on a Botox session or treatment.",
        "the prescriber's specialty is not recorded ('don't know')",
    )


@check("cgrp_overlap")
def _cgrp(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    cond = rs["condition"]
    sessions = [b.date for b in f.botox_sessions if b.condition == cond and b.date <= f.end]
    mabs = [t for t in f.treatments if t.treatment_class == "cgrp_mab" and t.start <= f.end]
    overlaps = []
    for t in mabs:
        stop = t.stop or f.end
        hit = [s for s in sessions if t.start <= s <= stop]
        if hit:
            overlaps.append(f"{t.name} was being taken at the session on {_d(hit[-1])}")
        elif t.outcome == "ongoing":
            overlaps.append(f"{t.name} is still being taken")
    if overlaps:
        return Outcome(
            FOR_CLINICIAN,
            "; ".join(overlaps).capitalize() + ".",
            "some plans do not pay for a CGRP antibody and Botox at the same time; the "
            "clinician explains the plan for both",
        )
    return Outcome(MET, "No CGRP antibody recorded at the same time as a Botox session.")


def _class_label(cid: str) -> str:
    return catalog.treatment_classes().get(cid, {}).get("label", cid).lower()


@check("preventive_trials")
def _preventives(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    needed, min_days = p["classes"], p["days"]
    counted = set(rs.get("preventive_classes") or [])
    qualified: dict[str, str] = {}
    possible: set[str] = set()
    gaps: list[str] = []
    trials = sorted(
        (t for t in f.treatments if t.condition == "headache" and t.start <= f.end),
        key=lambda t: t.start,
    )
    for t in trials:
        days = t.days_on(f.end)
        if t.treatment_class not in counted:
            gaps.append(
                f"{t.name} ({_class_label(t.treatment_class)}) is not a class plans usually count"
            )
            continue
        if t.outcome == "side_effects":
            qualified.setdefault(
                t.treatment_class, f"{t.name} (stopped for side effects after {days} days)"
            )
        elif t.outcome == "contraindicated":
            qualified.setdefault(t.treatment_class, f"{t.name} (contraindicated)")
        elif t.outcome == "inadequate_response" and days >= min_days:
            qualified.setdefault(t.treatment_class, f"{t.name} ({days} days, did not help enough)")
        elif t.outcome == "inadequate_response":
            possible.add(t.treatment_class)
            gaps.append(
                f"{t.name} was taken for {days} days ({min_days} commonly required; "
                "record side effects if they were the reason)"
            )
        elif t.outcome == "ongoing":
            possible.add(t.treatment_class)
            gaps.append(
                f"{t.name} is still being taken (day {days}); record the outcome when it ends"
            )
        else:
            possible.add(t.treatment_class)
            gaps.append(
                f"{t.name} has no stop reason that plans count (recorded as another reason)"
            )
    if not trials:
        return Outcome(
            NOT_MET if needed else MET,
            "No preventive treatment recorded.",
            f"{needed} preventive classes commonly required; none recorded" if needed else None,
        )
    if qualified:
        listed = "; ".join(f"{_class_label(c)}: {txt}" for c, txt in qualified.items())
        evidence = f"{len(qualified)} preventive class{'es' if len(qualified) != 1 else ''} tried and failed: {listed}."
    else:
        evidence = f"{len(trials)} preventive trial{'s' if len(trials) != 1 else ''} recorded, none documented as failed."
    if len(qualified) >= needed:
        return Outcome(MET, evidence)
    gaps.insert(0, f"{len(qualified)} of {needed} classes documented")
    status = MISSING if len(set(qualified) | possible) >= needed else NOT_MET
    return Outcome(status, evidence, "; ".join(gaps))


@check("overuse_managed")
def _overuse(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    """Met only when the logged days rule out a run of more than N flagged months; whether
    overuse was considered or managed is otherwise the clinician's statement."""
    if f.overuse is None or _no_headache_diary(f):
        return Outcome(MISSING, "No headache diary in the period.", "no days logged in the period")
    o = f.overuse
    if o.risk:
        return Outcome(
            FOR_CLINICIAN,
            o.message,
            f"the diary matches the overuse pattern in {months_text(list(o.longest_run))}; the "
            "clinician states how overuse was considered or is managed",
        )
    if o.ruled_out:
        return Outcome(
            MET,
            o.message + " Even counting every unlogged day as a medicine day, no run of more "
            f"than {o.months_needed} months could reach a limit.",
        )
    run = longest_run(list(o.possible_months))
    return Outcome(
        FOR_CLINICIAN,
        o.message,
        (
            f"unlogged days in {months_text(run)} could hide the overuse pattern"
            if len(run) > o.months_needed
            else "no month of the period is logged well enough to rule out every limit"
        )
        + "; the clinician states how overuse was considered",
    )


@check("midas_recent")
def _midas(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    months = p["months"]
    cutoff = add_months(f.end, -months)
    done = sorted((m for m in f.midas if m.date <= f.end), key=lambda m: m.date)
    recent = [m for m in done if m.date >= cutoff]
    if recent:
        m = recent[-1]
        grade, meaning = midas_grade(m.score())
        return Outcome(
            MET,
            f"MIDAS {m.score()} (grade {grade}, {meaning}) on {_d(m.date)}, all 5 items recorded.",
        )
    latest = f" (latest: {_d(done[-1].date)})" if done else ""
    return Outcome(
        MISSING,
        f"No MIDAS recorded between {_d(cutoff)} and {_d(f.end)}.",
        f"no MIDAS in the last {months} months{latest}",
    )


@check("diary_completeness")
def _completeness(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    cond = rs["condition"]
    n = f.completeness.days_in_period
    logged = f.completeness.logged_days.get(cond, 0)
    if not n:
        return Outcome(
            MISSING, "The period has no days up to today.", "choose a period up to today"
        )
    evidence = f"{logged} of {n} days logged ({_pct(logged / n)})"
    late = f.completeness.late_share
    if late:
        evidence += f"; {_pct(late)} of daily entries were written more than 2 days late"
    if logged / n >= p["share"]:
        return Outcome(MET, evidence + ".")
    return Outcome(NOT_MET, evidence + ".", f"only {logged} of {n} days logged")


@check("sessions_count")
def _sessions(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    cond = rs["condition"]
    sessions = [s for s in f.sessions.get(cond, ()) if s <= f.end]
    needed = p["sessions"]
    listed = ", ".join(_d(s) for s in sessions)
    if len(sessions) >= needed:
        return Outcome(
            MET, f"{len(sessions)} Botox session{'s' if len(sessions) != 1 else ''}: {listed}."
        )
    if not sessions:
        return Outcome(
            MISSING, "No Botox session recorded.", f"no Botox session for {cond} recorded"
        )
    return Outcome(
        MISSING,
        f"{len(sessions)} Botox session{'s' if len(sessions) != 1 else ''}: {listed}.",
        f"the response is judged after {needed} sessions; {len(sessions)} recorded",
    )


@check("session_spacing")
def _spacing(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    """Likely denial reasons: a session too soon after the previous one, or above the labelled
    total (Botox units only: other products use other units)."""
    cond = rs["condition"]
    sessions = [b for b in f.botox_sessions if b.condition == cond and b.date <= f.end]
    if not sessions:
        return Outcome(MISSING, "No Botox session recorded.", f"no Botox session for {cond}")
    min_days, max_units = p["min_days"], p["max_units"]
    problems = []
    for prev, cur in zip(sessions, sessions[1:], strict=False):
        gap = (cur.date - prev.date).days
        if gap < min_days:
            problems.append(
                f"the session on {_d(cur.date)} came {gap} days after the one on "
                f"{_d(prev.date)} ({min_days} days is the usual minimum)"
            )
    for b in sessions:
        if b.product == "botox" and b.units > max_units:
            problems.append(
                f"{b.units:g} units on {_d(b.date)} is above the labelled {max_units:g} units"
            )
    n = len(sessions)
    evidence = f"{n} session{'s' if n != 1 else ''} checked for spacing and dose."
    if problems:
        return Outcome(NOT_MET, evidence, "likely denial reason: " + "; ".join(problems))
    spacing = f", each at least {min_days} days after the previous one," if n > 1 else ""
    return Outcome(
        MET, f"{n} session{'s' if n != 1 else ''}{spacing} within {max_units:g} Botox units."
    )


@check("baseline_documented")
def _baseline(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    r = f.response
    if r is None or r.baseline is None or r.first_session is None:
        return Outcome(
            MISSING,
            "No Botox session for migraine recorded, so there is no baseline yet.",
            "no Botox session recorded",
        )
    b = r.baseline
    rates = b.per30
    evidence = (
        f"Baseline {_d(b.start)} to {_d(b.end)} (before the first session on "
        f"{_d(r.first_session)}): {b.logged} of {b.days_elapsed} days logged"
    )
    if b.logged:
        evidence += (
            f"; {rates['headache']:g} headache, {rates['migraine']:g} migraine and "
            f"{rates['acute']:g} acute-medication days per 30 logged days"
        )
    evidence += "."
    if b.days_elapsed and b.logged / b.days_elapsed >= p["share"]:
        return Outcome(MET, evidence)
    return Outcome(
        MISSING,
        evidence,
        f"only {b.logged} of {b.days_elapsed} baseline days logged",
    )


def _days_path(f: CaseFacts, p: dict[str, Any]) -> Outcome:
    r = f.response
    needed, pct, measure = p["sessions"], p["pct"], p["measure"]
    sessions = list(r.sessions) if r else []
    eligible = [s for s in sessions if s.number >= needed and s.window.days_elapsed > 0]
    if not eligible:
        return Outcome(
            MISSING,
            f"{len(sessions)} Botox session{'s' if len(sessions) != 1 else ''} recorded.",
            f"the response is judged after {needed} sessions; {len(sessions)} recorded",
        )
    complete = [s for s in eligible if s.complete and s.window.logged]
    chosen = complete[-1] if complete else eligible[-1]
    assert r is not None and r.baseline is not None
    keys = {"headache_days": ["headache"], "migraine_days": ["migraine"]}.get(
        measure, ["headache", "migraine"]
    )
    options = [(chosen.reduction_pct[k], k) for k in keys if chosen.reduction_pct[k] is not None]
    if not options:
        if not r.baseline.logged:
            gap = "no diary days in the baseline before the first session"
        elif not chosen.window.logged:
            gap = f"no diary days after session {chosen.number}"
        else:
            gap = "the baseline has no headache days to compare with"
        return Outcome(MISSING, f"Session {chosen.number} on {_d(chosen.date)}.", gap)
    red, key = max(options)
    base, after = r.baseline.per30[key], chosen.window.per30[key]
    change = "fewer" if red >= 0 else "more"
    evidence = (
        f"{base:g} {key} days per 30 logged days at baseline against {after:g} in the "
        f"{chosen.window.days_elapsed} days from session {chosen.number} on {_d(chosen.date)} "
        f"({abs(red):g}% {change}, {chosen.window.logged} logged days)"
    )
    if not chosen.complete:
        evidence += (
            f"; the 12-week window ends on {_d(chosen.window.start + dt.timedelta(days=83))}"
        )
    evidence += "."
    if red >= pct:
        return Outcome(MET, evidence)
    if not chosen.complete:
        return Outcome(
            MISSING,
            evidence,
            f"the window after session {chosen.number} is not over; so far {red:g}% fewer "
            f"({pct:g}% needed)",
        )
    return Outcome(NOT_MET, evidence, f"{red:g}% fewer {key} days; {pct:g}% commonly required")


def _before_after(
    items: Sequence[Any], f: CaseFacts, cond: str, after_session: int
) -> tuple[Any, Any, str]:
    """The last entry on or before the first session (the baseline, kept at any age) and the
    latest one dated after session number ``after_session``, up to the period end."""
    sessions = sorted(s for s in f.sessions.get(cond, ()) if s <= f.end)
    if not sessions:
        return None, None, "before the first session"
    done = sorted((x for x in items if x.date <= f.end), key=lambda x: x.date)
    before = [x for x in done if x.date <= sessions[0]]
    if len(sessions) < after_session:
        return before[-1] if before else None, None, f"after session {after_session}"
    pivot = sessions[after_session - 1]
    after = [x for x in done if x.date > pivot]
    which = "before the first session" if not before else f"after session {after_session}"
    return (before[-1] if before else None), (after[-1] if after else None), which


def _midas_path(f: CaseFacts, p: dict[str, Any], cond: str) -> Outcome:
    pct = p["midas_pct"]
    base, after, which = _before_after(f.midas, f, cond, p.get("sessions", 1))
    if base is None or after is None:
        return Outcome(MISSING, "MIDAS: not recorded both before and after.", f"no MIDAS {which}")
    b, a = base.score(), after.score()
    text = (
        f"MIDAS {b} on {_d(base.date)} (before the first session) against {a} on {_d(after.date)}"
    )
    if b == 0:
        return Outcome(MISSING, text + ".", "the baseline MIDAS is 0, so no fall can be measured")
    red = round((b - a) / b * 100, 1)
    text += f" ({abs(red):g}% {'lower' if red >= 0 else 'higher'})."
    if red >= pct:
        return Outcome(MET, text)
    return Outcome(NOT_MET, text, f"MIDAS {red:g}% lower; {pct:g}% needed on this path")


def _hit6_path(f: CaseFacts, p: dict[str, Any], cond: str) -> Outcome:
    points = p["hit6_points"]
    base, after, which = _before_after(f.hit6, f, cond, p.get("sessions", 1))
    if base is None or after is None:
        return Outcome(MISSING, "HIT-6: not recorded both before and after.", f"no HIT-6 {which}")
    drop = base.total - after.total
    text = (
        f"HIT-6 {base.total} on {_d(base.date)} (before the first session) against "
        f"{after.total} on {_d(after.date)} ({abs(drop)} points {'lower' if drop >= 0 else 'higher'})."
    )
    if drop >= points:
        return Outcome(MET, text)
    return Outcome(NOT_MET, text, f"HIT-6 {drop} points lower; {points} needed on this path")


@check("headache_reduction")
def _reduction(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    """Any one path meets it: fewer days, a lower MIDAS or a lower HIT-6 (each a threshold)."""
    cond = rs["condition"]
    paths = [
        (f"headache days at least {p['pct']:g}% fewer", _days_path(f, p)),
        (f"MIDAS at least {p['midas_pct']:g}% lower", _midas_path(f, p, cond)),
        (f"HIT-6 at least {p['hit6_points']:g} points lower", _hit6_path(f, p, cond)),
    ]
    if p["measure"] != "headache_days":
        name = "migraine" if p["measure"] == "migraine_days" else "headache or migraine"
        paths[0] = (f"{name} days at least {p['pct']:g}% fewer", paths[0][1])
    met = [(name, o) for name, o in paths if o.status == MET]
    if met:
        name, o = met[0]
        others = " ".join(o2.evidence for n2, o2 in paths if n2 != name and o2.status != MISSING)
        return Outcome(
            MET, f"Met on the path '{name}': {o.evidence}" + (f" {others}" if others else "")
        )
    evidence = " ".join(o.evidence for _, o in paths)
    gaps = "; ".join(f"{name}: {o.gap}" for name, o in paths if o.gap)
    days = paths[0][1]
    if any(o.status == MISSING for _, o in paths):
        return Outcome(MISSING, evidence, gaps or None, days.step)
    return Outcome(NOT_MET, evidence, gaps or None)


@check("midas_improvement")
def _midas_improvement(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    return _midas_path(f, p, rs["condition"])


# ---------------------------------------------------------------- sweating checks


def _sweat_median(f: CaseFacts, lo: dt.date, hi: dt.date) -> tuple[float | None, int]:
    vals = sorted(
        1 if s.normal_day else s.hdss
        for d, s in f.sweat_days.items()
        if lo <= d <= hi and (s.normal_day or s.hdss is not None)
    )
    if not vals:
        return None, 0
    mid = len(vals) // 2
    median = vals[mid] if len(vals) % 2 else (vals[mid - 1] + vals[mid]) / 2
    return float(median), len(vals)


@check("hdss_severe")
def _hdss_severe(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    sessions = sorted(f.sessions.get("sweating", ()))
    limit = sessions[0] if sessions else f.end
    before = [
        a
        for a in sorted(f.hdss_assessments, key=lambda a: a.date)
        if (a.date < limit if sessions else a.date <= limit)
        and a.date <= f.end
        and a.timing != "after treatment"
    ]
    if before:
        a = before[-1]
        evidence = f"HDSS {a.score} on {_d(a.date)} ({a.timing})."
        score: float = a.score
    else:
        lo = f.start if not sessions else min(f.start, limit - dt.timedelta(days=365))
        hi = (limit - dt.timedelta(days=1)) if sessions else f.end
        median, n = _sweat_median(f, lo, hi)
        if median is None:
            return Outcome(
                MISSING, "No HDSS recorded.", "no HDSS assessment or daily HDSS recorded"
            )
        evidence = f"Median daily HDSS {median:g} over {n} logged days (a normal day counts as 1)."
        score = median
    if score >= p["min"]:
        return Outcome(MET, evidence)
    return Outcome(NOT_MET, evidence, f"HDSS {score:g} is below {p['min']}")


@check("symptom_duration")
def _duration(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    months = p["months"]
    s = f.sweat
    if s is not None and s.duration_months is not None and s.duration_months >= months:
        return Outcome(MET, f"Sweating for {s.duration_months} months (sweating history).")
    symptom_days = sorted(d for d, x in f.sweat_days.items() if not x.normal_day and d <= f.end)
    if symptom_days and symptom_days[0] <= add_months(f.end, -months):
        return Outcome(MET, f"The diary shows sweating since {_d(symptom_days[0])}.")
    if s is not None and s.duration_months is not None:
        return Outcome(
            NOT_MET,
            f"Sweating for {s.duration_months} months (sweating history).",
            f"{months} months of symptoms are commonly required",
        )
    return Outcome(
        MISSING,
        "How long you have had the sweating is not recorded.",
        "duration missing in the sweating history",
    )


def _topical_ids(rs: Mapping[str, Any]) -> set[str]:
    """Every topical class of the catalog (and any the rule set names)."""
    ids = {cid for cid, c in catalog.treatment_classes().items() if c.get("topical")}
    return ids | set(rs.get("topical_classes") or ())


def _topical_min_days(cls: str, default: int) -> int:
    """The trial length for a topical class: the rule set's threshold for aluminium chloride,
    content/trial_lengths.yaml for the other topical classes."""
    if cls == "aluminium_chloride":
        return default
    rule = catalog.load_yaml("trial_lengths.yaml")["conditions"].get("sweating") or {}
    classes = rule.get("classes")
    if rule.get("days") and (classes == "all" or cls in (classes or ())):
        return int(rule["days"])
    return default


@check("topical_trial")
def _topical(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    classes = _topical_ids(rs)
    trials = sorted(
        (t for t in f.treatments if t.treatment_class in classes and t.start <= f.end),
        key=lambda t: t.start,
    )
    gaps: list[str] = []
    for t in trials:
        days = t.days_on(f.end)
        min_days = _topical_min_days(t.treatment_class, p["days"])
        if t.outcome == "side_effects":
            return Outcome(
                MET, f"{t.name}: stopped for side effects ({t.side_effects}) after {days} days."
            )
        if t.outcome == "contraindicated":
            return Outcome(MET, f"{t.name}: contraindicated.")
        if t.outcome == "inadequate_response" and days >= min_days:
            return Outcome(MET, f"{t.name}: {days} days, did not help enough.")
        if t.outcome == "inadequate_response":
            gaps.append(f"{t.name} was used for {days} days ({min_days} commonly required)")
        elif t.outcome == "ongoing":
            gaps.append(
                f"{t.name} is still being used (day {days}); record the outcome when it ends"
            )
        else:
            gaps.append(f"{t.name} has no stop reason that plans count")
    if trials:
        return Outcome(
            MISSING if any("still" in g or "stop reason" in g for g in gaps) else NOT_MET,
            f"{len(trials)} topical trial{'s' if len(trials) != 1 else ''} recorded.",
            "; ".join(gaps),
        )
    use = f.sweat.topical_use_days if f.sweat else 0
    if use:
        return Outcome(
            MISSING,
            f"The diary names a topical product on {use} days.",
            "no topical trial (such as aluminium chloride) recorded with dates and outcome",
        )
    return Outcome(
        NOT_MET,
        "No topical trial recorded.",
        "no topical trial (such as aluminium chloride) recorded",
    )


COMPLICATIONS = ("maceration", "infection", "eczema or irritation")


@check("medical_complication")
def _complication(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    days = (f.sweat.skin_problem_days if f.sweat else {}) or {}
    found = [(k, days[k]) for k in COMPLICATIONS if days.get(k)]
    if found:
        listed = join_and([f"{k} on {n} day{'s' if n != 1 else ''}" for k, n in found])
        return Outcome(MET, f"Skin problems logged: {listed}.")
    logged = f.sweat.logged_days if f.sweat else 0
    if not logged:
        return Outcome(MISSING, "No sweating diary in the period.", "no days logged")
    return Outcome(
        NOT_MET,
        f"No maceration, infection or eczema logged on {logged} diary days.",
        "your plan asks for a medical complication of the sweating; none is logged",
    )


@check("primary_focal_features")
def _features(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    from utils.metrics import PRIMARY_FEATURES

    s = f.sweat
    if s is None or s.baseline is None:
        return Outcome(MISSING, "The sweating history is not answered.", "sweating history missing")
    need = p["min"]
    yes = [PRIMARY_FEATURES[k] for k in s.features_yes]
    evidence = f"{len(yes)} of 6 features: {', '.join(yes) or 'none'}."
    if len(yes) >= need:
        return Outcome(MET, evidence)
    unknown = [PRIMARY_FEATURES[k] for k in s.features_unknown]
    if len(yes) + len(unknown) >= need:
        return Outcome(MISSING, evidence, "not answered: " + ", ".join(unknown))
    return Outcome(NOT_MET, evidence, f"{need} of 6 features are commonly required")


@check("secondary_causes")
def _secondary(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    s = f.sweat
    value = (s.baseline or {}).get("secondary_causes_checked") if s else None
    if value == "yes":
        return Outcome(MET, "Secondary causes were checked (sweating history).")
    if value == "no":
        return Outcome(
            NOT_MET,
            "Secondary causes not checked yet (sweating history).",
            "secondary causes not checked",
        )
    return Outcome(
        MISSING, "Not recorded whether secondary causes were checked.", "secondary causes: unknown"
    )


@check("hdss_improvement")
def _hdss_improvement(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    s = f.sweat
    changes = [c for c in (s.hdss_changes if s else ()) if c.drop is not None]
    if not changes:
        return Outcome(
            MISSING,
            "No HDSS before and after a session.",
            "no HDSS recorded both before and after a Botox session",
        )
    c = changes[-1]
    evidence = f"Session on {_d(c.session)}: {c.note} (fall of {c.drop:g})."
    if c.drop >= p["grades"]:
        return Outcome(MET, evidence)
    return Outcome(
        NOT_MET, evidence, f"HDSS fell by {c.drop:g}; {p['grades']} grades commonly required"
    )


# ---------------------------------------------------------------- evaluation


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
    """Every rule set for the tracked conditions (first authorization before renewal)."""
    order = {"first": 0, "renewal": 1}
    sets = [rs for rs in rule_sets().values() if rs["condition"] in conditions]
    sets.sort(key=lambda rs: (list(conditions).index(rs["condition"]), order.get(rs["kind"], 9)))
    return [evaluate_rule_set(rs, facts, thresholds) for rs in sets]


__all__ = [
    "FOR_CLINICIAN",
    "MET",
    "MISSING",
    "NOT_MET",
    "CaseFacts",
    "CriterionResult",
    "RuleSetResult",
    "ThresholdsUsed",
    "default_thresholds",
    "effective_thresholds",
    "evaluate",
    "resolve_thresholds",
    "rule_sets",
    "month_label",
    "status_label",
]
