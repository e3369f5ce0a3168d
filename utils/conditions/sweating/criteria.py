"""Sweating (hyperhidrosis) checks: HDSS, duration, topical trials, complications, features.

Part API (``conditions.parts("criteria")``): importing the module registers its checks with
``utils.rules.engine.check``. ``topical_ids`` and ``topical_min_days`` are also read by this
condition's readiness projection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from utils import catalog
from utils.core.dates import add_months, join_and
from utils.rules.engine import (
    MET,
    MISSING,
    NOT_MET,
    CaseFacts,
    Outcome,
    _d,
    check,
)


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


def topical_ids(rs: Mapping[str, Any]) -> set[str]:
    """Every topical class of the catalog (and any the rule set names)."""
    ids = {cid for cid, c in catalog.treatment_classes().items() if c.get("topical")}
    return ids | set(rs.get("topical_classes") or ())


def topical_min_days(cls: str, default: int) -> int:
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
    classes = topical_ids(rs)
    trials = sorted(
        (t for t in f.treatments if t.treatment_class in classes and t.start <= f.end),
        key=lambda t: t.start,
    )
    gaps: list[str] = []
    for t in trials:
        days = t.days_on(f.end)
        min_days = topical_min_days(t.treatment_class, p["days"])
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
    from utils.conditions.sweating.metrics import PRIMARY_FEATURES

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
