"""Form <-> entry conversions and listings for the sweating, jaw, treatment and questionnaire pages.

Like ``utils.forms``: forms hand over plain dicts of widget values, these functions return
validated entries (raising ``EntryError`` with readable messages) or form defaults for editing,
and build the rows the pages show. No streamlit here, so everything is tested directly.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from utils import catalog
from utils.models import (
    CONDITIONS,
    HDSS_STATEMENTS,
    INJECTION_AREAS,
    MIDAS_ITEMS,
    MIDAS_MAX_DAYS,
    MIGRAINE_PROTOCOL_AREAS,
    OUTCOMES,
    SIDE_EFFECTS,
    TOXIN_PRODUCTS,
    BotoxSession,
    EntryError,
    HdssAssessment,
    Hit6,
    JawDay,
    Midas,
    SideEffect,
    SweatBaseline,
    SweatDay,
    Treatment,
    build,
)
from utils.scores import hit6_band, midas_grade
from utils.store import StoredEntry

YES_NO = {"Not recorded": None, "Yes": True, "No": False}
YES_NO_UNKNOWN = {"unknown": "Don't know", "yes": "Yes", "no": "No"}


def _yes_no(value: bool | None) -> str:
    return {None: "Not recorded", True: "Yes", False: "No"}[value]


def _flag(raw: Any) -> bool | None:
    return YES_NO[raw] if isinstance(raw, str) else raw


def _count(raw: Any) -> int | None:
    return None if raw is None or raw == "" else int(raw)


def _text(raw: Any) -> str:
    return (raw or "").strip()


def _fmt(day: dt.date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else ""


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


# ---------------------------------------------------------------- sweating


def hdss_label(score: int) -> str:
    return f"{score}: {HDSS_STATEMENTS[score]}"


def normal_sweat_day(day: dt.date) -> SweatDay:
    return build(SweatDay, date=day, normal_day=True)  # type: ignore[return-value]


def sweat_day_from_form(v: dict[str, Any]) -> SweatDay:
    """Keys: date, sites, hdss, episodes, clothing_changes, extra_showers, affected, triggers,
    stopped_during_sleep, skin_problems, topical_product, topical_strength, topical_irritation,
    notes (yes/no questions as 'Yes' / 'No' / 'Not recorded')."""
    return build(
        SweatDay,
        date=v["date"],
        sites=list(v.get("sites") or []),
        hdss=v.get("hdss"),
        episodes=_count(v.get("episodes")),
        clothing_changes=_count(v.get("clothing_changes")),
        extra_showers=_count(v.get("extra_showers")),
        affected=list(v.get("affected") or []),
        triggers=list(v.get("triggers") or []),
        stopped_during_sleep=_flag(v.get("stopped_during_sleep")),
        skin_problems=list(v.get("skin_problems") or []),
        topical_product=_text(v.get("topical_product")),
        topical_strength=_text(v.get("topical_strength")),
        topical_irritation=_flag(v.get("topical_irritation")),
        notes=v.get("notes") or "",
    )  # type: ignore[return-value]


def sweat_day_to_form(e: SweatDay) -> dict[str, Any]:
    return {
        "date": e.date,
        "sites": list(e.sites),
        "hdss": e.hdss,
        "episodes": e.episodes,
        "clothing_changes": e.clothing_changes,
        "extra_showers": e.extra_showers,
        "affected": list(e.affected),
        "triggers": list(e.triggers),
        "stopped_during_sleep": _yes_no(e.stopped_during_sleep),
        "skin_problems": list(e.skin_problems),
        "topical_product": e.topical_product,
        "topical_strength": e.topical_strength,
        "topical_irritation": _yes_no(e.topical_irritation),
        "notes": e.notes,
    }


BASELINE_QUESTIONS = {
    "bilateral_symmetric": "Is the sweating on both sides and about the same on each side?",
    "impairs_daily_activities": "Does it get in the way of your daily activities?",
    "weekly_episodes": "Do you have at least one episode a week?",
    "stops_during_sleep": "Does the sweating stop while you sleep?",
    "family_history": "Does anyone in your family have the same problem?",
    "secondary_causes_checked": "Has a doctor checked for other causes (medicines, thyroid…)?",
}


def baseline_from_form(v: dict[str, Any]) -> SweatBaseline:
    data: dict[str, Any] = {
        "answered_on": v["answered_on"],
        "onset_age": _count(v.get("onset_age")),
        "duration_months": _count(v.get("duration_months")),
        "sites": list(v.get("sites") or []),
        "notes": v.get("notes") or "",
    }
    for key in BASELINE_QUESTIONS:
        data[key] = v.get(key) or "unknown"
    return build(SweatBaseline, **data)  # type: ignore[return-value]


def baseline_to_form(e: SweatBaseline) -> dict[str, Any]:
    return e.model_dump()


def current_baseline(rows: Iterable[StoredEntry]) -> StoredEntry | None:
    """The baseline questionnaire (the most recent, should there be more than one)."""
    found = [r for r in rows if r.kind == SweatBaseline.KIND]
    return max(found, key=lambda r: (r.day, r.id)) if found else None


# ---------------------------------------------------------------- jaw


def normal_jaw_day(day: dt.date) -> JawDay:
    return build(JawDay, date=day, normal_day=True)  # type: ignore[return-value]


def jaw_day_from_form(v: dict[str, Any]) -> JawDay:
    """Keys: date, pain, symptoms, clenching, night_guard ('Yes'/'No'/'Not recorded'), helped,
    notes."""
    return build(
        JawDay,
        date=v["date"],
        pain=v.get("pain"),
        symptoms=list(v.get("symptoms") or []),
        clenching=list(v.get("clenching") or []),
        night_guard=_flag(v.get("night_guard")),
        helped=_text(v.get("helped")),
        notes=v.get("notes") or "",
    )  # type: ignore[return-value]


def jaw_day_to_form(e: JawDay) -> dict[str, Any]:
    return {
        "date": e.date,
        "pain": e.pain,
        "symptoms": list(e.symptoms),
        "clenching": list(e.clenching),
        "night_guard": _yes_no(e.night_guard),
        "helped": e.helped,
        "notes": e.notes,
    }


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
    "nearest emergency department. Do not wait for your next appointment."
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


# ---------------------------------------------------------------- questionnaires

MIDAS_FIELDS = ("q1", "q2", "q3", "q4", "q5")
MIDAS_EXTRAS = {
    "headache_days": "A. On how many days in the last 3 months did you have a headache? "
    "(count each day, even if it lasted only part of the day)",
    "average_pain": "B. On a scale of 0-10, on average how painful were these headaches? "
    "(0 = no pain at all, 10 = pain as bad as it can be)",
}
MIDAS_ATTRIBUTION = (
    "MIDAS (Migraine Disability Assessment) by Walter F. Stewart, Richard B. Lipton and "
    "colleagues. Answer about the last 3 months. Score = sum of questions 1-5; questions A "
    "and B are recorded but not scored."
)
HIT6_NOTE = (
    "HIT-6 is a copyrighted questionnaire (QualityMetric / GSK). Fill it in with your clinician "
    "and record only the total here (36-78)."
)
HDSS_TIMINGS = ("before treatment", "after treatment", "routine")


def midas_from_form(v: dict[str, Any]) -> Midas:
    """Keys: date, q1..q5, headache_days, average_pain (None = not answered), notes."""
    problems = []
    for key, label in zip(MIDAS_FIELDS, MIDAS_ITEMS, strict=True):
        val = v.get(key)
        if val is None:
            problems.append(f"{label}: give a number of days (0 if none)")
        elif int(val) < 0 or int(val) > MIDAS_MAX_DAYS:
            problems.append(
                f"{label}: {int(val)} days is more than the {MIDAS_MAX_DAYS} days in three "
                "months; count only the last 3 months"
                if int(val) > 0
                else f"{label}: a number of days is never negative"
            )
    hd = v.get("headache_days")
    if hd is not None and (int(hd) < 0 or int(hd) > MIDAS_MAX_DAYS):
        problems.append(f"Headache days (A): give 0 to {MIDAS_MAX_DAYS}, the days in three months")
    if problems:
        raise EntryError(problems)
    return build(
        Midas,
        date=v["date"],
        **{k: int(v[k]) for k in MIDAS_FIELDS},
        headache_days=_count(hd),
        average_pain=_count(v.get("average_pain")),
        notes=v.get("notes") or "",
    )  # type: ignore[return-value]


def midas_to_form(m: Midas) -> dict[str, Any]:
    return m.model_dump()


def hit6_from_form(v: dict[str, Any]) -> Hit6:
    total = v.get("total")
    if total is None:
        raise EntryError(["HIT-6 total: enter the total score from your form (36-78)"])
    if not 36 <= int(total) <= 78:
        raise EntryError(
            [f"HIT-6 total: {int(total)} is not possible; a HIT-6 total is between 36 and 78"]
        )
    return build(Hit6, date=v["date"], total=int(total), notes=v.get("notes") or "")  # type: ignore[return-value]


def hit6_to_form(h: Hit6) -> dict[str, Any]:
    return h.model_dump()


def hdss_from_form(v: dict[str, Any]) -> HdssAssessment:
    if v.get("score") is None:
        raise EntryError(["HDSS: choose the statement that fits best"])
    return build(
        HdssAssessment,
        date=v["date"],
        score=int(v["score"]),
        timing=v.get("timing") or "routine",
        notes=v.get("notes") or "",
    )  # type: ignore[return-value]


def hdss_to_form(h: HdssAssessment) -> dict[str, Any]:
    return h.model_dump()


def questionnaire_rows(rows: Iterable[StoredEntry], kind: str) -> list[dict]:
    """History table of one questionnaire kind, newest first."""
    items = sorted((r for r in rows if r.kind == kind), key=lambda r: (r.day, r.id), reverse=True)
    out = []
    for r in items:
        e = r.entry
        row: dict[str, Any] = {"entry_id": r.id, "Date": r.day}
        if isinstance(e, Midas):
            grade, meaning = midas_grade(e.score())
            for i, key in enumerate(MIDAS_FIELDS, start=1):
                row[f"Q{i}"] = getattr(e, key)
            row["Score"] = e.score()
            row["Grade"] = f"{grade}: {meaning}"
            row["A. headache days"] = e.headache_days
            row["B. average pain"] = e.average_pain
        elif isinstance(e, Hit6):
            row["Total"] = e.total
            row["Impact"] = hit6_band(e.total)
        elif isinstance(e, HdssAssessment):
            row["HDSS"] = e.score
            row["Statement"] = HDSS_STATEMENTS[e.score]
            row["When"] = e.timing
        row["Notes"] = getattr(e, "notes", "")
        out.append(row)
    return out


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (clamped to the month's end)."""
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    m += 1
    return dt.date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def midas_reminder(rows: Iterable[StoredEntry], today: dt.date) -> str | None:
    """A reminder when no MIDAS was filled in during the last three months, else None."""
    dates = [r.day for r in rows if r.kind == Midas.KIND]
    if not dates:
        return (
            "No MIDAS questionnaire recorded yet. Insurers usually ask for one: it takes two "
            "minutes under Questionnaires."
        )
    last = max(dates)
    if last < months_before(today, 3):
        return (
            f"Your last MIDAS questionnaire is from {last:%d %b %Y}, more than three months ago. "
            "Fill in a new one under Questionnaires so the record stays current."
        )
    return None
