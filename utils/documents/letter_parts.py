"""Pieces every letter draft shares, whatever the condition: the header, the prescriber, the
treatments tried, the rule set that fits the stage and the criteria argued from, the diary
period, the drug codes and the signature. Condition paragraphs
(``utils/conditions/<key>/letters.py``) are built from these.

Every figure comes from the ``Evidence`` object. A letter argues only from criteria that are met
and commonly required (``argued``); the rule sets of a condition are its ``ConditionSpec``'s
(first authorization, renewal).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from utils import catalog
from utils.cases import CoverageCase
from utils.core.profile import ProfileSettings
from utils.core.treatments import OUTCOMES, TOXIN_PRODUCTS, BotoxSession
from utils.documents.letter_text import doctor, patient, third_person
from utils.documents.pdf import fmt_date
from utils.evidence import Evidence
from utils.rules.engine import MET, CriterionResult, RuleSetResult

# HCPCS codes per toxin product (per unit; units are not interchangeable between products).
J_CODES = {
    "botox": ("J0585", "onabotulinumtoxinA, per unit"),
    "dysport": ("J0586", "abobotulinumtoxinA, per 5 units"),
    "myobloc": ("J0587", "rimabotulinumtoxinB, per 100 units"),
    "xeomin": ("J0588", "incobotulinumtoxinA, per unit"),
}


@dataclass(frozen=True)
class PatientInfo:
    """Identifiers the patient chose to print (profile settings or typed into the page)."""

    name: str = ""
    date_of_birth: dt.date | None = None
    member_id: str = ""
    clinician_name: str = ""
    clinician_specialty: str = ""
    clinician_npi: str = ""

    @classmethod
    def from_settings(cls, settings: dict[str, Any] | None) -> PatientInfo:
        """From ``Profile.settings``; empty unless the patient chose to print identifiers."""
        s = ProfileSettings.from_settings(settings)
        if not s.print_identifiers:
            return cls()
        return cls(
            s.patient_name,
            s.date_of_birth,
            s.member_id,
            s.clinician_name,
            s.clinician_specialty,
            s.clinician_npi,
        )


def rule_set_ids(condition: str, ev: Evidence | None = None) -> tuple[str, ...]:
    """The condition's rule sets (first authorization, renewal); () when it has none. With
    ``ev``: the pair the evidence was checked against (a condition may have several pairs, chosen
    by the profile's settings), else the first pair."""
    from utils import conditions

    try:
        pairs = conditions.get(condition).rule_set_pairs
    except KeyError:
        return ()
    if ev is not None:
        for pair in pairs:
            if any(ev.checklist(i) is not None for i in pair):
                return pair
    return pairs[0] if pairs else ()


def entries_of(entries: Sequence[Any], cls: type) -> list[Any]:
    return [e for item in entries if isinstance(e := getattr(item, "entry", item), cls)]


def date_text(d: dt.date | None) -> str:
    return fmt_date(d) if d else ""


def patient_name(info: PatientInfo) -> str:
    return info.name.strip() or patient("patient name")


def header(
    ev: Evidence, info: PatientInfo | None, case: CoverageCase | None, signer: str
) -> list[str]:
    info = info or PatientInfo()
    dob = date_text(info.date_of_birth) or patient("date of birth")
    insurer = case.insurer if case else patient("insurer name")
    member = (case.member_id if case and case.member_id else "") or info.member_id
    lines = [
        f"Date: {doctor('date of the letter') if signer == 'doctor' else patient('date')}",
        f"To: {insurer}, {patient('address for prior authorizations or appeals')}",
        f"Re: {patient_name(info)}, date of birth {dob}, member ID {member or patient('member ID')}",
    ]
    if case and case.reference_number:
        lines.append(f"Reference number: {case.reference_number}")
    return ["\n".join(lines)]


def prescriber(info: PatientInfo) -> str:
    name = info.clinician_name.strip() or doctor("prescriber's name")
    specialty = info.clinician_specialty.strip() or doctor(
        "prescriber's specialty, for example neurology, headache medicine or dermatology"
    )
    npi = info.clinician_npi.strip() or doctor("NPI")
    return f"Prescriber: {name}, {specialty}, NPI {npi}."


def treatment_lines(ev: Evidence, entries: Sequence[Any], condition: str) -> list[str]:
    end = ev.period.counted_end
    classes = catalog.treatment_classes()
    # The evidence's ledger: the condition's trials begun up to ``end``, by start date (ties in
    # the order recorded); ``entries`` is not read.
    rows = ev.ledger.treatments_for(condition)
    out = []
    for t in rows:
        cls = classes.get(t.treatment_class, {}).get("label", t.treatment_class)
        dose = " ".join(x for x in (t.dose, t.strength) if x)
        until = date_text(t.stop) if t.stop else "ongoing"
        text = f"- {t.name} ({cls})"
        if dose:
            text += f", {dose}"
        text += f", {date_text(t.start)} to {until} ({t.days_on(end)} days): {OUTCOMES[t.outcome].lower()}"
        if t.side_effects:
            text += f" ({t.side_effects})"
        if t.prescriber:
            text += f"; prescribed by {t.prescriber}"
        out.append(text + ".")
    if not out:
        out.append(f"- {doctor('treatments tried, with dates and outcomes (none in the diary)')}")
    return out


def chosen_rule_set(ev: Evidence, condition: str) -> RuleSetResult | None:
    """The rule set that fits the stage: renewal once a Botox session exists, else the first."""
    ids = rule_set_ids(condition, ev)
    if not ids:
        return None
    renewal = ev.checklist(ids[1]) if len(ids) > 1 else None
    if renewal is not None and renewal.applies:
        return renewal
    return ev.checklist(ids[0])


def rule_sets(ev: Evidence, condition: str) -> list[RuleSetResult]:
    """The stage's rule set first, then the first-authorization set as history (renewal)."""
    chosen = chosen_rule_set(ev, condition)
    if chosen is None:
        return []
    out = [chosen]
    first = ev.checklist(rule_set_ids(condition, ev)[0])
    if first is not None and first.id != chosen.id:
        out.append(first)
    return out


def argued(c: CriterionResult) -> bool:
    """A criterion the letter argues from: met, and a plan requirement (not an app rule)."""
    return c.status == MET and c.commonly_required


def met_lines(rs: RuleSetResult) -> list[str]:
    return [f"- {third_person(c.evidence)}" for c in rs.criteria if argued(c)]


def criterion(ev: Evidence, condition: str, name: str) -> CriterionResult | None:
    for rs in rule_sets(ev, condition):
        for c in rs.criteria:
            if c.criterion == name or c.id.endswith("." + name):
                return c
    return None


def is_met(ev: Evidence, condition: str, name: str) -> bool:
    c = criterion(ev, condition, name)
    return c is not None and c.status == MET


def period_text(ev: Evidence) -> str:
    p = ev.period
    return f"{date_text(p.start)} to {date_text(p.counted_end)} ({p.days} days)"


def period_line(ev: Evidence, condition: str) -> str:
    c = ev.completeness
    logged = c.logged_days.get(condition, 0)
    n = c.days_in_period
    text = f"Diary period: {period_text(ev)}."
    if n and is_met(ev, condition, "diary_completeness"):
        text += (
            f" The patient logged {logged} of {n} days ({logged / n * 100:.0f}%); entries carry "
            "the time they were written, and entries made more than 2 days late are marked."
        )
    return text


def signature(signer: str, info: PatientInfo | None = None) -> list[str]:
    info = info or PatientInfo()
    if signer == "doctor":
        who = ", ".join(
            x
            for x in (
                info.clinician_name.strip(),
                info.clinician_specialty.strip(),
                f"NPI {info.clinician_npi}" if info.clinician_npi.strip() else "",
            )
            if x
        )
        return [
            "Sincerely,",
            (who + " " if who else "")
            + doctor("physician name, specialty, NPI, practice address, telephone and signature"),
        ]
    return ["Sincerely,", patient("your name and signature")]


def recordings(ev: Evidence, entries: Sequence[Any], cls: type, name: str) -> list[Any]:
    """A questionnaire's recordings up to the last counted day, by date: the evidence's history
    ``ev.questionnaires[name]``; those written (``ev.record``) when its condition is not tracked
    (the evidence then has no history of it). ``entries`` is not read."""
    history = ev.questionnaires.get(name)
    if history is not None:
        return list(history.entries)
    end = ev.period.counted_end
    return sorted((x for x in entries_of(ev.record, cls) if x.date <= end), key=lambda x: x.date)


def sessions_of(entries: Sequence[Any], condition: str, end: dt.date) -> list[BotoxSession]:
    """The condition's Botox sessions up to ``end`` read from entries (the letters read the
    evidence's ledger: ``ev.ledger.sessions_for(condition)``)."""
    return sorted(
        (
            s
            for s in entries_of(entries, BotoxSession)
            if s.condition == condition and s.date <= end
        ),
        key=lambda s: s.date,
    )


def drug_lines(sessions: Sequence[BotoxSession], default_units: str) -> list[str]:
    products = [s.product for s in sessions] or ["botox"]
    out = []
    for product in dict.fromkeys(products):
        code = J_CODES.get(product)
        last = next((s for s in reversed(sessions) if s.product == product), None)
        given = (
            f"{last.units:g} units given at the last session on {date_text(last.date)}; "
            + doctor("units to be given")
            if last is not None
            else doctor(f"units to be given, {default_units}")
        )
        if code is None:
            out.append(
                f"- Drug code: {doctor(f'HCPCS code for {TOXIN_PRODUCTS.get(product, product)}')}"
                f", {given}."
            )
            continue
        out.append(
            f"- Drug code: HCPCS {code[0]} ({code[1]}): {given}; "
            + doctor("units wasted from the vial")
            + " units wasted. Modifier JW on the line billing the wasted units, or JZ when "
            "none is wasted."
        )
    return out


def criteria_sections(ev: Evidence, condition: str) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for i, rs in enumerate(rule_sets(ev, condition)):
        lines = [x for x in met_lines(rs) if x not in seen]
        seen.update(lines)
        if not lines:
            continue
        if i == 0:
            out.append(f"## How the patient meets the plan's criteria ({rs.title})")
        else:
            out.append(f"## History: the evidence for the first authorization ({rs.title})")
        out += lines
    return out
