"""Form <-> entry conversions and listings shared by every condition: treatments, Botox
sessions, side effects, the HDSS statements (and, re-exported, the questionnaires).

Like ``utils.forms``: forms hand over plain dicts of widget values, these functions return
validated entries (raising ``EntryError`` with readable messages) or form defaults for editing,
and build the rows the pages show. No streamlit here, so everything is tested directly.

A condition's own diary conversions live in ``utils/conditions/<key>/forms.py`` (sweating days
and baseline, jaw days); their old names (``entry_forms.sweat_day_from_form`` ...) still work
here, found through the registry when first asked for. The questionnaires live in
``utils.questionnaire_forms``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from utils import catalog
from utils.core.entries import CONDITIONS, EntryError, build
from utils.core.questionnaires import HDSS_STATEMENTS
from utils.core.treatments import (
    INJECTION_AREAS,
    MIGRAINE_PROTOCOL_AREAS,
    OUTCOMES,
    SIDE_EFFECTS,
    TOXIN_PRODUCTS,
    BotoxSession,
    SideEffect,
    Treatment,
)
from utils.form_values import YES_NO, YES_NO_UNKNOWN, moved_to_conditions  # noqa: F401
from utils.form_values import flag as _flag  # noqa: F401
from utils.form_values import fmt as _fmt
from utils.form_values import text as _text
from utils.form_values import yes_no as _yes_no  # noqa: F401
from utils.questionnaire_forms import (  # noqa: F401
    HDSS_TIMINGS,
    HIT6_NOTE,
    MIDAS_ATTRIBUTION,
    MIDAS_EXTRAS,
    MIDAS_FIELDS,
    hdss_from_form,
    hdss_to_form,
    hit6_from_form,
    hit6_to_form,
    midas_from_form,
    midas_reminder,
    midas_to_form,
    months_before,
    questionnaire_rows,
)
from utils.storage.rows import StoredEntry


def normal_day_conflict(rows: Iterable[StoredEntry], kind: str, day: dt.date) -> str | None:
    """Why a one-tap normal day cannot be added for ``day`` (one entry per day), or None."""
    for r in rows:
        if r.kind == kind and r.day == day:
            if getattr(r.entry, "normal_day", False):
                return f"{day:%d %b %Y} is already recorded as a normal day."
            return (
                f"{day:%d %b %Y} already has an entry ({r.entry.summary()}). "
                "Edit or delete it in the diary below instead."
            )
    return None


def hdss_label(score: int) -> str:
    return f"{score}: {HDSS_STATEMENTS[score]}"


# ---------------------------------------------------------------- treatments

OWN_TREATMENT = "Another treatment (type its name)"
STOPPED_OUTCOMES = {k: v for k, v in OUTCOMES.items() if k != "ongoing"}


def treatment_class_choices(condition: str) -> dict[str, str]:
    """Class id -> label for the treatments of one condition."""
    return {
        cid: c["label"]
        for cid, c in catalog.treatment_classes().items()
        if c["condition"] == condition
    }


def is_topical(treatment_class: str) -> bool:
    return bool(catalog.treatment_classes().get(treatment_class, {}).get("topical"))


def _catalog_name(label: str) -> str:
    return label.split(" (")[0]


def treatment_from_form(v: dict[str, Any]) -> Treatment:
    """Keys: condition, medicine (a catalog label or OWN_TREATMENT), own_name, own_class, dose,
    strength, start, still_taking, stop, outcome, side_effects, prescriber, notes."""
    condition = v["condition"]
    medicine = v.get("medicine") or OWN_TREATMENT
    if medicine == OWN_TREATMENT:
        name = _text(v.get("own_name"))
        if not name:
            raise EntryError(["name: type the treatment's name, or pick one from the list"])
        cls = v.get("own_class") or ""
    else:
        choices = dict(catalog.treatment_choices(condition))
        if medicine not in choices:
            raise EntryError(
                [
                    f"'{medicine}' is not a {CONDITIONS.get(condition, condition)} "
                    "treatment; pick one from the list"
                ]
            )
        name, cls = _catalog_name(medicine), choices[medicine]
    still = bool(v.get("still_taking"))
    outcome = "ongoing" if still else (v.get("outcome") or "")
    if not still and outcome == "ongoing":
        raise EntryError(["outcome: say how the treatment ended, or tick 'still taking'"])
    return build(
        Treatment,
        condition=condition,
        name=name,
        treatment_class=cls,
        dose=_text(v.get("dose")),
        strength=_text(v.get("strength")),
        start=v["start"],
        stop=None if still else v.get("stop"),
        outcome=outcome,
        side_effects=_text(v.get("side_effects")),
        prescriber=_text(v.get("prescriber")),
        notes=v.get("notes") or "",
        specialty=v.get("specialty") or "dont_know",
    )  # type: ignore[return-value]


def treatment_to_form(t: Treatment) -> dict[str, Any]:
    medicine = OWN_TREATMENT
    for label, cls in catalog.treatment_choices(t.condition):
        if cls == t.treatment_class and _catalog_name(label) == t.name:
            medicine = label
    own = medicine == OWN_TREATMENT
    return {
        "condition": t.condition,
        "medicine": medicine,
        "own_name": t.name if own else "",
        "own_class": t.treatment_class,
        "dose": t.dose,
        "strength": t.strength,
        "start": t.start,
        "still_taking": t.outcome == "ongoing",
        "stop": t.stop,
        "outcome": t.outcome if t.outcome != "ongoing" else "inadequate_response",
        "side_effects": t.side_effects,
        "prescriber": t.prescriber,
        "notes": t.notes,
        "specialty": t.specialty,
    }


def trial_lengths() -> dict[str, Any]:
    return catalog.load_yaml("trial_lengths.yaml")


def minimum_trial_days(condition: str, treatment_class: str) -> int | None:
    """The usual minimum trial length for this kind of treatment, or None if none applies."""
    rule = trial_lengths()["conditions"].get(condition)
    if not rule:
        return None
    classes = rule.get("classes", "all")
    if classes != "all" and treatment_class not in classes:
        return None
    return int(rule["days"])


def trial_length_note(t: Treatment, today: dt.date) -> tuple[bool, str]:
    """(short?, plain sentence) comparing a trial's length with the usual minimum."""
    minimum = minimum_trial_days(t.condition, t.treatment_class)
    days = t.days_on(today)
    if t.outcome == "contraindicated" and t.stop is None:
        return False, "not taken: not allowed for you"
    if minimum is None:
        return False, f"{days} days (no usual minimum for this kind)"
    if days >= minimum:
        return False, f"{days} days: meets the usual {minimum}"
    if t.outcome == "ongoing":
        return True, f"still short: {days} of {minimum} days so far, {minimum - days} to go"
    if t.outcome == "contraindicated":
        return False, f"{days} days (contraindicated: length does not matter)"
    return True, f"short: {days} days, the usual minimum is {minimum}"


def trial_table(rows: Iterable[StoredEntry], condition: str, today: dt.date) -> list[dict]:
    """The treatment trials of one condition, oldest start first, with their length verdict."""
    out = []
    trials = [r for r in rows if r.kind == Treatment.KIND and r.entry.condition == condition]  # type: ignore[attr-defined]
    for r in sorted(trials, key=lambda r: (r.entry.start, r.id)):  # type: ignore[attr-defined]
        t: Treatment = r.entry  # type: ignore[assignment]
        short, note = trial_length_note(t, today)
        dose = ", ".join(x for x in (t.dose, t.strength) if x)
        out.append(
            {
                "entry_id": r.id,
                "Treatment": t.name,
                "Start": t.start,
                "Stop": _fmt(t.stop) or ("still taking" if t.outcome == "ongoing" else ""),
                "Days": t.days_on(today),
                "Trial length": note,
                "Outcome": OUTCOMES[t.outcome],
                "Kind": catalog.treatment_classes()[t.treatment_class]["label"],
                "Dose / strength": dose,
                "short": short,
            }
        )
    return out


def short_trials_sentence(table: Sequence[dict], condition: str) -> str:
    if not table:
        return "No treatments recorded yet."
    rule = trial_lengths()["conditions"].get(condition)
    short = [r for r in table if r["short"]]
    if not short:
        if rule:
            return f"Every trial meets the usual minimum of {rule['days']} days for {rule['applies_to']}."
        return "No usual minimum trial length applies here."
    names = ", ".join(f"{r['Treatment']} ({r['Days']} days)" for r in short)
    n = len(short)
    verb = "trial is" if n == 1 else "trials are"
    return (
        f"{n} {verb} short of the usual minimum of {rule['days']} days for "
        f"{rule['applies_to']}: {names}. Insurers may not count a shorter trial as tried."
    )


# ---------------------------------------------------------------- Botox sessions


def session_from_form(v: dict[str, Any]) -> BotoxSession:
    """Keys: date, condition, product, units, protocol (all migraine protocol areas), areas,
    injector, cost (None = not recorded), custom_next, next_date, notes."""
    picked = set(v.get("areas") or [])
    if v.get("protocol"):
        picked |= set(MIGRAINE_PROTOCOL_AREAS)
    units = v.get("units")
    if units is None:
        raise EntryError(["units: give the number of units injected"])
    return build(
        BotoxSession,
        date=v["date"],
        condition=v["condition"],
        product=v.get("product") or "botox",
        units=float(units),
        areas=[a for a in INJECTION_AREAS if a in picked],
        injector=_text(v.get("injector")),
        cost=None if v.get("cost") is None else float(v["cost"]),
        next_date=v.get("next_date") if v.get("custom_next") else None,
        notes=v.get("notes") or "",
        specialty=v.get("specialty") or "dont_know",
    )  # type: ignore[return-value]


def session_to_form(s: BotoxSession) -> dict[str, Any]:
    protocol = set(MIGRAINE_PROTOCOL_AREAS) <= set(s.areas)
    return {
        "date": s.date,
        "condition": s.condition,
        "product": s.product,
        "units": s.units,
        "protocol": protocol,
        "areas": [a for a in s.areas if not (protocol and a in MIGRAINE_PROTOCOL_AREAS)],
        "injector": s.injector,
        "cost": s.cost,
        "custom_next": s.next_date is not None,
        "next_date": s.next_session(),
        "notes": s.notes,
        "specialty": s.specialty,
    }


def _areas_text(areas: Sequence[str]) -> str:
    if set(MIGRAINE_PROTOCOL_AREAS) <= set(areas):
        rest = [a for a in areas if a not in MIGRAINE_PROTOCOL_AREAS]
        return ", ".join(["migraine protocol (7 head and neck areas)", *rest])
    return ", ".join(areas)


def session_label(r: StoredEntry) -> str:
    s: BotoxSession = r.entry  # type: ignore[assignment]
    return f"{s.date:%d %b %Y}: {s.summary()}"


def session_rows(rows: Iterable[StoredEntry]) -> list[dict]:
    """Botox sessions, newest first."""
    sessions = [r for r in rows if r.kind == BotoxSession.KIND]
    out = []
    for r in sorted(sessions, key=lambda r: (r.day, r.id), reverse=True):
        s: BotoxSession = r.entry  # type: ignore[assignment]
        out.append(
            {
                "entry_id": r.id,
                "Date": s.date,
                "For": CONDITIONS[s.condition],
                "Units": s.units,
                "Next session": s.next_session(),
                "Product": TOXIN_PRODUCTS[s.product].split(" (")[0],
                "Areas": _areas_text(s.areas),
                "Injector": s.injector,
                "Cost": s.cost,
            }
        )
    return out


def next_sessions(rows: Iterable[StoredEntry]) -> dict[str, tuple[dt.date, dt.date]]:
    """Per condition: (date of the last session, date the next one is due)."""
    last: dict[str, BotoxSession] = {}
    for r in rows:
        if r.kind == BotoxSession.KIND:
            s: BotoxSession = r.entry  # type: ignore[assignment]
            if s.condition not in last or s.date >= last[s.condition].date:
                last[s.condition] = s
    return {c: (s.date, s.next_session()) for c, s in last.items()}


# ---------------------------------------------------------------- side effects

OWN_EFFECT = "Something else (describe it)"
URGENT_MESSAGE = (
    "**Get medical help now.** The toxin's effect can spread beyond the injected area, hours to "
    "weeks after an injection. Trouble breathing, swallowing or speaking, a hoarse or changed "
    "voice, double or blurred vision, drooping eyelids, generalized muscle weakness or loss of "
    "bladder control can be dangerous: call your emergency number (911 in the US) or go to the "
    "nearest emergency department. Do not wait for your next appointment. After a bladder "
    "injection, being unable to pass urine at all, a painful swollen lower belly, or fever, "
    "chills or pain in the side also need care now."
)


def side_effect_from_form(v: dict[str, Any]) -> SideEffect:
    """Keys: effect (one of SIDE_EFFECTS or OWN_EFFECT), own_effect, session_id, start,
    ongoing, end, severity, notes."""
    effect = v.get("effect") or OWN_EFFECT
    if effect == OWN_EFFECT:
        effect = _text(v.get("own_effect"))
        if not effect:
            raise EntryError(["effect: describe the side effect, or pick one from the list"])
    return build(
        SideEffect,
        session_id=v.get("session_id"),
        effect=effect,
        start=v["start"],
        end=None if v.get("ongoing") else v.get("end"),
        severity=v.get("severity") or "",
        notes=v.get("notes") or "",
    )  # type: ignore[return-value]


def side_effect_to_form(e: SideEffect) -> dict[str, Any]:
    known = e.effect in SIDE_EFFECTS
    return {
        "effect": e.effect if known else OWN_EFFECT,
        "own_effect": "" if known else e.effect,
        "session_id": e.session_id,
        "start": e.start,
        "ongoing": e.end is None,
        "end": e.end or e.start,
        "severity": e.severity,
        "notes": e.notes,
    }


def side_effect_ongoing(e: SideEffect, today: dt.date) -> bool:
    return e.end is None or e.end >= today


def urgent_ongoing(rows: Iterable[StoredEntry], today: dt.date) -> list[StoredEntry]:
    """Ongoing side effects named in the label's boxed warning (breathing, swallowing, ...)."""
    return [
        r
        for r in rows
        if r.kind == SideEffect.KIND
        and r.entry.is_urgent()  # type: ignore[attr-defined]
        and side_effect_ongoing(r.entry, today)  # type: ignore[arg-type]
    ]


def side_effect_rows(rows: Sequence[StoredEntry], today: dt.date) -> list[dict]:
    """Side effects, newest first, each with the session it followed."""
    sessions = {r.id: r for r in rows if r.kind == BotoxSession.KIND}
    out = []
    effects = [r for r in rows if r.kind == SideEffect.KIND]
    for r in sorted(effects, key=lambda r: (r.day, r.id), reverse=True):
        e: SideEffect = r.entry  # type: ignore[assignment]
        linked = sessions.get(e.session_id) if e.session_id is not None else None
        out.append(
            {
                "entry_id": r.id,
                "Side effect": e.effect,
                "Severity": e.severity,
                "From": e.start,
                "Until": _fmt(e.end) or "still going",
                "After session": session_label(linked) if linked else "",
                "Urgent": "URGENT: get help now"
                if e.is_urgent() and side_effect_ongoing(e, today)
                else "",
            }
        )
    return out


# Names that moved to a condition's ``forms`` part, found through the registry when first
# asked for (this module neither imports nor names a condition).
__getattr__ = moved_to_conditions(__name__)
