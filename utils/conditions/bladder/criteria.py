"""Bladder checks: diagnosis (for the clinician), behavioural therapy, bladder medicines, the
3-day diary, infection ruled out and bladder emptying (for the clinician), the interval since
the last bladder injection, and the fall in urge leaks against the pre-treatment baseline.

Part API (``conditions.parts("criteria")``): importing the module registers its checks with
``utils.rules.engine.check``. Every check reads the fact ``bladder`` (``BladderSummary``) and the
shared treatments and sessions; a statement the diary cannot make is ``for_clinician`` or
``missing_data``, never ``met``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from utils.conditions.bladder.metrics import change_pct
from utils.rules.engine import (
    FOR_CLINICIAN,
    MET,
    MISSING,
    NOT_MET,
    CaseFacts,
    Outcome,
    _d,
    check,
    clinician_states,
)

MEDICINE_CLASSES = ("oab_anticholinergic", "beta3_agonist")
ANTICHOLINERGIC = "oab_anticholinergic"
BEHAVIOURAL_CLASSES = ("bladder_behavioral", "pelvic_floor")
CODES_TEXT = (
    "codes for the clinician to confirm: N32.81 overactive bladder, N39.41 urge incontinence "
    "(N39.46 mixed); neurogenic bladder N31.- with the neurologic cause"
)


def _per_day(value: float | None) -> str:
    return "not recorded" if value is None else f"{value:g}"


@check("bladder_diagnosis")
def _diagnosis(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    b = f.bladder
    if b is None or not b.complete_days:
        shown = "No complete bladder-diary day yet."
    else:
        m = b.per_day
        shown = (
            f"Over {b.complete_days} complete diary days: {_per_day(m['voids'])} voids, "
            f"{_per_day(m['urgency_episodes'])} urgency episodes and "
            f"{_per_day(m['urge_leaks'])} urge leaks per 24 h."
        )
    return Outcome(FOR_CLINICIAN, shown, f"the clinician states the diagnosis; {CODES_TEXT}")


def _trials(f: CaseFacts, classes: tuple[str, ...]) -> list[Any]:
    return sorted(
        (
            t
            for t in f.treatments
            if t.condition == "bladder" and t.treatment_class in classes and t.start <= f.end
        ),
        key=lambda t: t.start,
    )


@check("bladder_behavioural")
def _behavioural(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    tried = _trials(f, BEHAVIOURAL_CLASSES)
    if not tried:
        return Outcome(
            MISSING,
            "No behavioural therapy recorded.",
            "no bladder training or pelvic-floor exercises recorded with dates",
        )
    listed = "; ".join(f"{t.name} from {_d(t.start)} ({t.days_on(f.end)} days)" for t in tried)
    return Outcome(MET, f"Recorded: {listed}.")


@check("bladder_medicines")
def _medicines(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    need, min_days = p["count"], p["days"]
    trials = _trials(f, MEDICINE_CLASSES)
    counted: list[Any] = []
    gaps: list[str] = []
    for t in trials:
        days = t.days_on(f.end)
        if t.outcome == "side_effects":
            counted.append((t, f"{t.name}: stopped for side effects after {days} days"))
        elif t.outcome == "contraindicated":
            counted.append((t, f"{t.name}: not allowed for you (contraindicated)"))
        elif t.outcome == "inadequate_response" and days >= min_days:
            counted.append((t, f"{t.name}: {days} days, did not help enough"))
        elif t.outcome == "inadequate_response":
            gaps.append(f"{t.name} was taken for {days} days ({min_days} commonly required)")
        elif t.outcome == "ongoing":
            gaps.append(f"{t.name} is still being taken (day {days}); record how it ends")
        else:
            gaps.append(f"{t.name} has no stop reason that plans count")
    if not trials:
        return Outcome(
            NOT_MET,
            "No bladder medicine recorded.",
            "no anticholinergic or beta-3 agonist recorded with dates and outcome",
        )
    evidence = "; ".join(text for _, text in counted) or f"{len(trials)} medicine(s) recorded"
    has_anticholinergic = any(t.treatment_class == ANTICHOLINERGIC for t, _ in counted)
    if len(counted) >= need and has_anticholinergic:
        return Outcome(MET, evidence + ".")
    if len(counted) >= need:
        gaps.append("the label asks for an anticholinergic that failed or was not tolerated")
    else:
        gaps.append(f"{len(counted)} of {need} counted")
    still = any("still" in g or "stop reason" in g for g in gaps)
    return Outcome(MISSING if still else NOT_MET, evidence + ".", "; ".join(gaps))


@check("bladder_diary")
def _diary(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    b = f.bladder
    need = p["days"]
    n = b.complete_days if b is not None else 0
    if n >= need:
        return Outcome(
            MET,
            f"{n} complete diary days in the period; {len(b.blocks)} block(s) of 3 days in a row "
            "up to its end.",
        )
    logged = b.logged_days if b is not None else 0
    return Outcome(
        MISSING,
        f"{n} complete diary days ({logged} days with bladder entries).",
        f"{need} complete days are commonly expected; {n} so far",
    )


_infection = clinician_states(
    "bladder_infection_ruled_out",
    "A urine test result is the clinician's to record; the diary cannot show it.",
    "the clinician records the urinalysis (no infection; blood in the urine checked)",
)


@check("bladder_emptying")
def _emptying(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    b = f.bladder
    note = ""
    if b is not None and b.retention_reported:
        note = " A side effect of not passing urine (retention) is logged."
    return Outcome(
        FOR_CLINICIAN,
        "The post-void residual (PVR) is measured by the clinician; the diary cannot show it."
        + note,
        "the clinician records the PVR (plans commonly expect under 200 mL or self-"
        "catheterization already in use) and the patient's willingness to self-catheterize",
    )


@check("bladder_interval")
def _interval(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    sessions = sorted(s for s in f.sessions.get("bladder", ()) if s <= f.end)
    if not sessions:
        return Outcome(MISSING, "No Botox bladder session recorded.", "no bladder session")
    last = sessions[-1]
    days = (f.end - last).days
    evidence = f"Last bladder injection {_d(last)}: {days} days before {_d(f.end)}."
    if days >= p["days"]:
        return Outcome(MET, evidence)
    return Outcome(
        NOT_MET, evidence, f"{p['days']} days are the labelled minimum; {p['days'] - days} to go"
    )


@check("bladder_response")
def _response(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    b = f.bladder
    if b is None or not b.sessions:
        return Outcome(MISSING, "No Botox bladder session recorded.", "no bladder session")
    if b.baseline is None:
        return Outcome(
            MISSING,
            f"No 3-day diary block before the first bladder session ({_d(b.sessions[0])}).",
            "no pre-treatment baseline: 3 complete diary days in a row before the first injection",
        )
    base = f"Baseline {_d(b.baseline.start)} to {_d(b.baseline.end)}: {b.baseline.urge_leaks:g} urge leaks per day"
    if b.after_treatment is None:
        return Outcome(
            MISSING,
            base + ".",
            f"no 3-day diary block after the latest session ({_d(b.sessions[-1])})",
        )
    a = b.after_treatment
    evidence = f"{base}; {_d(a.start)} to {_d(a.end)}: {a.urge_leaks:g} per day"
    if b.urge_leak_change_pct is None:
        return Outcome(
            MISSING,
            evidence + ".",
            "the baseline shows no urge leaks, so a fall cannot be computed",
        )
    evidence += f" (a fall of {b.urge_leak_change_pct:g}%)."
    if b.urge_leak_change_pct >= p["pct"]:
        return Outcome(MET, evidence)
    return Outcome(
        NOT_MET,
        evidence,
        f"a fall of {p['pct']}% is the trials' responder mark (plans usually ask for benefit "
        "without a number)",
    )


@check("bladder_leak_response")
def _leak_response(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    """The fall in all leaks per day (incontinence episodes, with or without urgency) from the
    pre-treatment 3-day block to the block after the latest session: the neurogenic renewal."""
    b = f.bladder
    if b is None or not b.sessions:
        return Outcome(MISSING, "No Botox bladder session recorded.", "no bladder session")
    if b.baseline is None:
        return Outcome(
            MISSING,
            f"No 3-day diary block before the first bladder session ({_d(b.sessions[0])}).",
            "no pre-treatment baseline: 3 complete diary days in a row before the first injection",
        )
    base = f"Baseline {_d(b.baseline.start)} to {_d(b.baseline.end)}: {b.baseline.leaks:g} leaks per day"
    if b.after_treatment is None:
        return Outcome(
            MISSING,
            base + ".",
            f"no 3-day diary block after the latest session ({_d(b.sessions[-1])})",
        )
    a = b.after_treatment
    evidence = f"{base}; {_d(a.start)} to {_d(a.end)}: {a.leaks:g} per day"
    fall = change_pct(b.baseline.leaks, a.leaks)
    if fall is None:
        return Outcome(
            MISSING, evidence + ".", "the baseline shows no leaks, so a fall cannot be computed"
        )
    evidence += f" (a fall of {fall:g}%)."
    if fall >= p["pct"]:
        return Outcome(MET, evidence)
    return Outcome(
        NOT_MET,
        evidence,
        f"a fall of {p['pct']}% is the trials' responder mark (plans usually ask for benefit "
        "without a number)",
    )


# ---------------------------------------------------------------- neurogenic detrusor overactivity


_ndo_neurologic = clinician_states(
    "ndo_neurologic_condition",
    "The neurologic condition (for example spinal cord injury, multiple sclerosis, spina "
    "bifida) is the clinician's to document; the diary cannot show it.",
    "the clinician names the neurologic condition and its code (N31.- with the cause)",
)


_ndo_urodynamics = clinician_states(
    "ndo_urodynamics",
    "A urodynamic study is done and read by the clinician; the diary cannot show it.",
    "some plans ask for a urodynamic study showing detrusor overactivity",
)


@check("ndo_anticholinergic")
def _ndo_anticholinergic(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    """Met by one anticholinergic stopped for side effects, not allowed (contraindicated), or
    taken for ``days`` or more without enough help; other bladder medicines do not count."""
    min_days = p["days"]
    trials = _trials(f, (ANTICHOLINERGIC,))
    if not trials:
        return Outcome(
            NOT_MET,
            "No anticholinergic bladder medicine recorded.",
            "no anticholinergic recorded with dates and outcome (the label asks for one that "
            "failed or was not tolerated)",
        )
    counted: list[str] = []
    gaps: list[str] = []
    for t in trials:
        days = t.days_on(f.end)
        if t.outcome == "side_effects":
            counted.append(f"{t.name}: stopped for side effects after {days} days")
        elif t.outcome == "contraindicated":
            counted.append(f"{t.name}: not allowed for you (contraindicated)")
        elif t.outcome == "inadequate_response" and days >= min_days:
            counted.append(f"{t.name}: {days} days, did not help enough")
        elif t.outcome == "inadequate_response":
            gaps.append(f"{t.name} was taken for {days} days ({min_days} commonly required)")
        elif t.outcome == "ongoing":
            gaps.append(f"{t.name} is still being taken (day {days}); record how it ends")
        else:
            gaps.append(f"{t.name} has no stop reason that plans count")
    if counted:
        return Outcome(MET, "; ".join(counted) + ".")
    still = any("still" in g or "stop reason" in g for g in gaps)
    return Outcome(
        MISSING if still else NOT_MET,
        f"{len(trials)} anticholinergic(s) recorded, none counted.",
        "; ".join(gaps),
    )


@check("ndo_self_catheterization")
def _ndo_catheter(f: CaseFacts, p: dict[str, Any], rs: Mapping[str, Any]) -> Outcome:
    b = f.bladder
    note = ""
    if b is not None and b.retention_reported:
        note = " A side effect of not passing urine (retention) is logged."
    return Outcome(
        FOR_CLINICIAN,
        "Whether the patient self-catheterizes already, or is able and willing to, is the "
        "clinician's to record." + note,
        "the clinician records the self-catheterization status (many neurogenic bladder "
        "patients already self-catheterize)",
    )
