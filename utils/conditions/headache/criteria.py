"""Headache / migraine checks: the chronic pattern, long days, preventives, overuse, MIDAS.

Part API (``conditions.parts("criteria")``): importing the module registers its checks with
``utils.rules.engine.check``; the renewal checks (response to Botox) live in ``renewal`` and are
registered from here. Nothing else is called by name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from utils import catalog
from utils.core.scores import midas_grade
from utils.metrics import (
    HEADACHE,
    ChronicPattern,
    MonthCounts,
    add_months,
    chronic_pattern,
    days_between,
    join_and,
    longest_run,
    months_text,
)
from utils.rules.engine import (
    FOR_CLINICIAN,
    MET,
    MISSING,
    NOT_MET,
    CaseFacts,
    Outcome,
    _d,
    check,
)


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


def _pattern(f: CaseFacts, headache_per: int, migraine_per: int | None = None) -> ChronicPattern:
    """The chronic pattern over the whole months of the period.

    The one rule is ``chronic_pattern``; the evidence computes it once over every month of the
    period (``Evidence.chronic``, passed on as ``CaseFacts.chronic``) and the checks read it,
    restricted to the whole months. Only a rule set asking other thresholds than the ones the
    evidence used gets the pattern computed again, by the same rule.
    """
    months = _whole(f)
    c = f.chronic
    if (
        c is None
        or c.headache_threshold != headache_per
        or (migraine_per is not None and c.migraine_threshold != migraine_per)
    ):
        return chronic_pattern(months, headache_per, migraine_per or 0)
    whole = {m.month for m in months}
    q = [k for k in c.qualifying_months if k in whole]
    h = [k for k in c.headache_months if k in whole]
    best = longest_run(q)
    return ChronicPattern(
        c.headache_threshold,
        c.migraine_threshold,
        tuple(q),
        tuple(h),
        tuple(best),
        len(best),
        tuple(longest_run(h)),
    )


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
    run = list(_pattern(f, per).longest_headache_run)
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
    pattern = _pattern(f, hper, per)
    run = list(pattern.longest_run)
    if len(run) >= needed:
        mig = [by_key[k].counts.migraine for k in run]
        hd = [by_key[k].counts.headache for k in run]
        return Outcome(
            MET,
            f"{join_and(mig)} migraine days (of {join_and(hd)} headache days) in {months_text(run)}.",
        )
    # Show the months that matter: those of the longest run of headache months, when there is
    # one long enough, else the most recent months.
    head_run = list(pattern.longest_headache_run)
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
    head_run = list(_pattern(f, p["headache_per_month"]).longest_headache_run)
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


from utils.conditions.headache import renewal as _renewal  # noqa: E402, F401  (registers)
