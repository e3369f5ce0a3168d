"""Letter drafts filled from the evidence: medical necessity (per condition) and appeal.

A letter is plain text so the patient and the doctor can edit it freely in a text box:
``# `` starts the title, ``## `` a section heading, ``- `` a list item, and a blank line separates
paragraphs. What only the doctor (or the patient) can state is a clearly marked blank such as
``[DOCTOR TO CONFIRM: ...]``; the DOCX highlights those blanks and the PDF prints them in bold,
underlined, so nothing is signed with a hole in it.

Letters are drafts (the third layer of evidence): generated from the analysis, never written back
into the diary. Every figure comes from the ``Evidence`` object. A letter speaks of the patient in
the third person and argues only from criteria that are met (``argued``); every other criterion,
whatever its status, goes to ``clinician_checklist``, which is never part of the letter. "Draft"
is printed in the page header (and as a watermark in the PDF), not in the text.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from utils import catalog
from utils.cases import DENIAL_CATEGORIES, CoverageCase
from utils.criteria import FOR_CLINICIAN, MET, MISSING, NOT_MET, CriterionResult, RuleSetResult
from utils.evidence import Evidence
from utils.metrics import PRIMARY_FEATURES
from utils.models import (
    OUTCOMES,
    TOXIN_PRODUCTS,
    BotoxSession,
    HdssAssessment,
    Hit6,
    Midas,
    ProfileSettings,
    Treatment,
)
from utils.report import FONT, _Doc, clean, fmt_date, fmt_num
from utils.scores import hit6_band, midas_grade

LETTER_TYPES: dict[str, str] = {
    "necessity": "Letter of medical necessity",
    "appeal": "Appeal letter",
}
BLANK_RE = re.compile(r"\[(?:DOCTOR|PATIENT) TO [A-Z ]+:[^\]]*\]")
CONDITION_TEXT = {
    "headache": "chronic migraine",
    "sweating": "primary focal hyperhidrosis (excessive sweating)",
    "jaw": "temporomandibular disorder and bruxism (jaw pain, clenching and grinding)",
}
RULE_SETS = {
    "headache": ("chronic_migraine_first", "chronic_migraine_renewal"),
    "sweating": ("hyperhidrosis_first", "hyperhidrosis_renewal"),
}
# Every status a criterion can have, in words; an unknown status is shown as itself.
STATUS_LABELS = {
    MET: "Met",
    NOT_MET: "Not met",
    MISSING: "Missing data",
    FOR_CLINICIAN: "For the clinician",
}
STATUS_WORD = STATUS_LABELS  # the old name
DRAFT_MARK = "DRAFT for the physician to review, complete and sign"
# HCPCS codes per toxin product (per unit; units are not interchangeable between products).
J_CODES = {
    "botox": ("J0585", "onabotulinumtoxinA, per unit"),
    "dysport": ("J0586", "abobotulinumtoxinA, per 5 units"),
    "myobloc": ("J0587", "rimabotulinumtoxinB, per 100 units"),
    "xeomin": ("J0588", "incobotulinumtoxinA, per unit"),
}
MIDAS_SHORT = (
    "missed work or school",
    "work or school productivity halved",
    "no household work",
    "household productivity halved",
    "missed family, social or leisure activities",
)


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, str(status).replace("_", " ").capitalize())


def doctor(what: str) -> str:
    return f"[DOCTOR TO CONFIRM: {what}]"


def doctor_states(what: str) -> str:
    return f"[DOCTOR TO STATE: {what}]"


def patient(what: str) -> str:
    return f"[PATIENT TO FILL: {what}]"


def blanks(text: str) -> list[str]:
    """Every blank still to be filled in ``text``."""
    return BLANK_RE.findall(text)


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


# ---------------------------------------------------------------- shared pieces


_THIRD = (
    (re.compile(r"\b([Dd])o you have\b"), r"\1oes the patient have"),
    (re.compile(r"\b([Dd])id you\b"), r"\1id the patient"),
    (re.compile(r"\bHave you\b"), "Has the patient"),
    (re.compile(r"\bhave you\b"), "has the patient"),
    (re.compile(r"\b([Aa])re you\b"), r"\1s the patient"),
    (re.compile(r"\bWorth mentioning to your doctor\.\s*"), ""),
    (re.compile(r"\byour doctor\b"), "the physician"),
    (re.compile(r"\bYour\b"), "The patient's"),
    (re.compile(r"\byour\b"), "the patient's"),
    (re.compile(r"\bYou have\b"), "The patient has"),
    (re.compile(r"\byou have\b"), "the patient has"),
    (re.compile(r"\bYou\b"), "The patient"),
    (re.compile(r"\byou\b"), "the patient"),
)


def third_person(text: str) -> str:
    """An engine sentence about the patient, in the third person."""
    for pattern, repl in _THIRD:
        text = pattern.sub(repl, text)
    return text.strip()


def _entries(entries: Sequence[Any], cls: type) -> list[Any]:
    return [e for item in entries if isinstance(e := getattr(item, "entry", item), cls)]


def _d(d: dt.date | None) -> str:
    return fmt_date(d) if d else ""


def _name(info: PatientInfo) -> str:
    return info.name.strip() or patient("patient name")


def _header(
    ev: Evidence, info: PatientInfo | None, case: CoverageCase | None, signer: str
) -> list[str]:
    info = info or PatientInfo()
    dob = _d(info.date_of_birth) or patient("date of birth")
    insurer = case.insurer if case else patient("insurer name")
    member = (case.member_id if case and case.member_id else "") or info.member_id
    lines = [
        f"Date: {doctor('date of the letter') if signer == 'doctor' else patient('date')}",
        f"To: {insurer}, {patient('address for prior authorizations or appeals')}",
        f"Re: {_name(info)}, date of birth {dob}, member ID {member or patient('member ID')}",
    ]
    if case and case.reference_number:
        lines.append(f"Reference number: {case.reference_number}")
    return ["\n".join(lines)]


def _prescriber(info: PatientInfo) -> str:
    name = info.clinician_name.strip() or doctor("prescriber's name")
    specialty = info.clinician_specialty.strip() or doctor(
        "prescriber's specialty, for example neurology, headache medicine or dermatology"
    )
    npi = info.clinician_npi.strip() or doctor("NPI")
    return f"Prescriber: {name}, {specialty}, NPI {npi}."


def _treatments(ev: Evidence, entries: Sequence[Any], condition: str) -> list[str]:
    end = ev.period.counted_end
    classes = catalog.treatment_classes()
    rows = sorted(
        (t for t in _entries(entries, Treatment) if t.condition == condition and t.start <= end),
        key=lambda t: t.start,
    )
    out = []
    for t in rows:
        cls = classes.get(t.treatment_class, {}).get("label", t.treatment_class)
        dose = " ".join(x for x in (t.dose, t.strength) if x)
        until = _d(t.stop) if t.stop else "ongoing"
        text = f"- {t.name} ({cls})"
        if dose:
            text += f", {dose}"
        text += f", {_d(t.start)} to {until} ({t.days_on(end)} days): {OUTCOMES[t.outcome].lower()}"
        if t.side_effects:
            text += f" ({t.side_effects})"
        if t.prescriber:
            text += f"; prescribed by {t.prescriber}"
        out.append(text + ".")
    if not out:
        out.append(f"- {doctor('treatments tried, with dates and outcomes (none in the diary)')}")
    return out


def _chosen_rule_set(ev: Evidence, condition: str) -> RuleSetResult | None:
    """The rule set that fits the stage: renewal once a Botox session exists, else the first."""
    ids = RULE_SETS.get(condition)
    if not ids:
        return None
    renewal = ev.checklist(ids[1])
    if renewal is not None and renewal.applies:
        return renewal
    return ev.checklist(ids[0])


def _rule_sets(ev: Evidence, condition: str) -> list[RuleSetResult]:
    """The stage's rule set first, then the first-authorization set as history (renewal)."""
    chosen = _chosen_rule_set(ev, condition)
    if chosen is None:
        return []
    out = [chosen]
    first = ev.checklist(RULE_SETS[condition][0])
    if first is not None and first.id != chosen.id:
        out.append(first)
    return out


def argued(c: CriterionResult) -> bool:
    """A criterion the letter argues from: met, and a plan requirement (not an app rule)."""
    return c.status == MET and c.commonly_required


def _met_lines(rs: RuleSetResult) -> list[str]:
    return [f"- {third_person(c.evidence)}" for c in rs.criteria if argued(c)]


def _criterion(ev: Evidence, condition: str, name: str) -> CriterionResult | None:
    for rs in _rule_sets(ev, condition):
        for c in rs.criteria:
            if c.criterion == name or c.id.endswith("." + name):
                return c
    return None


def _is_met(ev: Evidence, condition: str, name: str) -> bool:
    c = _criterion(ev, condition, name)
    return c is not None and c.status == MET


def period_text(ev: Evidence) -> str:
    p = ev.period
    return f"{_d(p.start)} to {_d(p.counted_end)} ({p.days} days)"


def _period_line(ev: Evidence, condition: str) -> str:
    c = ev.completeness
    logged = c.logged_days.get(condition, 0)
    n = c.days_in_period
    text = f"Diary period: {period_text(ev)}."
    if n and _is_met(ev, condition, "diary_completeness"):
        text += (
            f" The patient logged {logged} of {n} days ({logged / n * 100:.0f}%); entries carry "
            "the time they were written, and entries made more than 2 days late are marked."
        )
    return text


def _questionnaires(ev: Evidence, entries: Sequence[Any]) -> list[str]:
    """Every MIDAS and HIT-6 up to the period's end, the first marked as the baseline."""
    end = ev.period.counted_end
    out = []
    midas = sorted((m for m in _entries(entries, Midas) if m.date <= end), key=lambda m: m.date)
    for i, m in enumerate(midas):
        grade, meaning = midas_grade(m.score())
        items = "; ".join(
            f"{label} {getattr(m, f'q{i}')} day{'' if getattr(m, f'q{i}') == 1 else 's'}"
            for i, label in enumerate(MIDAS_SHORT, 1)
        )
        tag = " (baseline)" if i == 0 and len(midas) > 1 else ""
        text = (
            f"- MIDAS on {_d(m.date)}{tag}: {m.score()} (grade {grade}, {meaning}). Items: {items}."
        )
        if m.headache_days is not None:
            text += f" Headache days in the 3 months: {m.headache_days}."
        if m.average_pain is not None:
            text += f" Average pain: {m.average_pain} of 10."
        out.append(text)
    hit6 = sorted((h for h in _entries(entries, Hit6) if h.date <= end), key=lambda h: h.date)
    for i, h in enumerate(hit6):
        tag = " (baseline)" if i == 0 and len(hit6) > 1 else ""
        out.append(f"- HIT-6 on {_d(h.date)}{tag}: {h.total} ({hit6_band(h.total)}).")
    return out


def _hdss_history(ev: Evidence, entries: Sequence[Any]) -> list[str]:
    end = ev.period.counted_end
    rows = sorted(
        (h for h in _entries(entries, HdssAssessment) if h.date <= end), key=lambda h: h.date
    )
    out = []
    for i, h in enumerate(rows):
        tag = " (baseline)" if i == 0 and len(rows) > 1 else ""
        out.append(f"- HDSS on {_d(h.date)}{tag}: grade {h.score} of 4 ({h.timing}).")
    return out


def _cgrp(ev: Evidence, entries: Sequence[Any]) -> list[str]:
    end = ev.period.counted_end
    rows = [
        t
        for t in _entries(entries, Treatment)
        if t.condition == "headache" and t.treatment_class == "cgrp_mab" and t.start <= end
    ]
    if not rows:
        return []
    out = ["## CGRP antibody use"]
    for t in sorted(rows, key=lambda t: t.start):
        until = f"to {_d(t.stop)}" if t.stop else "and continues"
        out.append(
            f"The patient used {t.name} (CGRP monoclonal antibody) from {_d(t.start)} {until} "
            f"({t.days_on(end)} days): {OUTCOMES[t.outcome].lower()}."
        )
    out.append(
        doctor_states("whether the CGRP antibody is stopped or continued alongside Botox, and why")
    )
    return out


def _signature(signer: str, info: PatientInfo | None = None) -> list[str]:
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


# ---------------------------------------------------------------- the request


def _sessions(entries: Sequence[Any], condition: str, end: dt.date) -> list[BotoxSession]:
    return sorted(
        (s for s in _entries(entries, BotoxSession) if s.condition == condition and s.date <= end),
        key=lambda s: s.date,
    )


def _drug_lines(sessions: Sequence[BotoxSession], default_units: str) -> list[str]:
    products = [s.product for s in sessions] or ["botox"]
    out = []
    for product in dict.fromkeys(products):
        code = J_CODES.get(product)
        last = next((s for s in reversed(sessions) if s.product == product), None)
        given = (
            f"{last.units:g} units given at the last session on {_d(last.date)}; "
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


def _request(
    ev: Evidence, entries: Sequence[Any], condition: str, info: PatientInfo, renewal: bool
) -> list[str]:
    sessions = _sessions(entries, condition, ev.period.counted_end)
    out = ["## Request"]
    if condition == "headache":
        out.append(
            "- Service: onabotulinumtoxinA (Botox) injections for chronic migraine, "
            + doctor("155 units in 31 sites across 7 head and neck muscle areas, every 12 weeks")
            + "."
        )
        out.append(
            "- Procedure code: CPT 64615 (injections of the head and neck muscles for chronic "
            "migraine, both sides), once per session."
        )
        out += _drug_lines(sessions, "155")
        out.append(
            "- Diagnosis: "
            + doctor(
                "ICD-10-CM G43.709 or G43.719 (chronic migraine without aura), G43.E09 or "
                "G43.E19 (with aura)"
            )
            + "."
        )
        count = (
            "4 treatments, one every 12 weeks, over 12 months"
            if renewal
            else ("2 treatments, one every 12 weeks, over 6 months")
        )
    elif condition == "sweating":
        out.append(
            "- Service: onabotulinumtoxinA (Botox) intradermal injections for severe primary "
            "axillary hyperhidrosis, "
            + doctor("50 units per underarm, or the sites and doses")
            + "."
        )
        out.append(
            "- Procedure code: CPT 64650 (both underarms); "
            + doctor(
                "64653 for other areas such as the face or scalp; 64999 (unlisted) for the "
                "palms or soles"
            )
            + "."
        )
        out += _drug_lines(sessions, "100 for both underarms")
        out.append(
            "- Diagnosis: "
            + doctor("ICD-10-CM L74.510 underarms, L74.511 face, L74.512 palms, L74.513 soles")
            + "."
        )
        count = "the number of treatments and their interval over 12 months"
    else:
        out.append(
            "- Service: botulinum toxin injections for jaw pain and clenching, "
            + doctor("product, units and muscles (for example masseter and temporalis), schedule")
            + "."
        )
        out.append("- Procedure code: " + doctor("CPT code the office will bill") + ".")
        out += _drug_lines(sessions, "for each muscle")
        out.append(
            "- Diagnosis: "
            + doctor("ICD-10-CM, for example M26.6x TMJ disorder or G47.63 sleep bruxism")
            + "."
        )
        count = "the number of treatments and their interval"
    out.append("- Requested: " + doctor(count) + ", from " + doctor("start date") + ".")
    out.append(
        "- Benefit: "
        + doctor(
            "medical benefit (the office buys and bills the drug) or specialty pharmacy (the drug "
            "is dispensed for this patient)"
        )
        + "."
    )
    out.append("- " + _prescriber(info))
    return out


# ---------------------------------------------------------------- condition sections


def _criteria_sections(ev: Evidence, condition: str) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for i, rs in enumerate(_rule_sets(ev, condition)):
        lines = [x for x in _met_lines(rs) if x not in seen]
        seen.update(lines)
        if not lines:
            continue
        if i == 0:
            out.append(f"## How the patient meets the plan's criteria ({rs.title})")
        else:
            out.append(f"## History: the evidence for the first authorization ({rs.title})")
        out += lines
    return out


def _headache_sections(ev: Evidence, entries: Sequence[Any]) -> list[str]:
    out = ["## Clinical history"]
    out.append(
        "The patient has chronic migraine; "
        + doctor_states(
            "that the headaches meet ICHD-3 1.3 and are not better accounted for by another "
            "diagnosis, and the date of onset"
        )
    )
    out += _criteria_sections(ev, "headache")
    frequent = _is_met(ev, "headache", "headache_days") or _is_met(ev, "headache", "reduction")
    out += ["## Headache diary", _period_line(ev, "headache")]
    if frequent and ev.months:
        out.append(f"Definition used for a migraine day: {ev.migraine_day_rule['text']}")
        for m in ev.months:
            c = m.counts
            partial = (
                f"; a partial month, {m.days_in_period} of its days in the period"
                if m.partial_period
                else ""
            )
            out.append(
                f"- {m.label}: {c.headache} headache days, {c.migraine} migraine days, {c.long} "
                f"days with 4 hours or more of headache, acute medicine on {c.acute_any} days, "
                f"function impaired on {c.function_impaired} days ({c.logged} of "
                f"{m.days_in_period} days logged{partial})."
            )
    out += ["## Preventive treatments tried", *_treatments(ev, entries, "headache")]
    out += _cgrp(ev, entries)
    out += ["## Medication overuse"]
    out.append(doctor_states("assessment of medication overuse and how it is managed"))
    out += ["## Disability scores and functional impact"]
    q = _questionnaires(ev, entries)
    out += q or [f"- {doctor('MIDAS and other scores (none recorded in the diary)')}"]
    out.append(
        doctor_states("impact on work, family and daily life as observed, and any emergency visits")
    )
    if _is_met(ev, "headache", "reduction"):
        out += _headache_response(ev)
    return out


def _headache_response(ev: Evidence) -> list[str]:
    r = ev.responses.get("headache")
    if r is None or r.baseline is None or not r.sessions:
        return []
    b = r.baseline
    out = ["## Response to Botox (baseline against now)"]
    out.append(
        f"Baseline from {_d(b.start)} to {_d(b.end)}, before the first session on "
        f"{_d(r.first_session)}: {fmt_num(b.per30['headache'])} headache days, "
        f"{fmt_num(b.per30['migraine'])} migraine days and {fmt_num(b.per30['acute'])} "
        f"acute-medication days per 30 logged days ({b.logged} of {b.days_elapsed} days logged)."
    )
    for s in r.sessions:
        w = s.window
        red = s.reduction_pct
        text = (
            f"- Session {s.number} on {_d(s.date)}: {fmt_num(w.per30['headache'])} headache, "
            f"{fmt_num(w.per30['migraine'])} migraine and {fmt_num(w.per30['acute'])} "
            f"acute-medication days per 30 logged days in the {w.days_elapsed} days after "
            f"({fmt_num(red['headache'])}% fewer headache days, {fmt_num(red['migraine'])}% "
            f"fewer migraine days; {s.label})"
        )
        if not s.complete:
            text += "; the 12-week window is not over yet"
        out.append(text + ".")
    return out


def _sweating_sections(ev: Evidence, entries: Sequence[Any]) -> list[str]:
    s = ev.sweating
    out = ["## Clinical history"]
    out.append(
        "The patient has primary focal hyperhidrosis; "
        + doctor_states("that secondary causes were excluded, and how")
    )
    out += _criteria_sections(ev, "sweating")
    if s is None:
        return out
    b = s.baseline or {}
    out += ["## Sweating history and diary", _period_line(ev, "sweating")]
    if s.symptom_days:
        dist = s.hdss_distribution
        out.append(
            f"- Days with sweating: {s.symptom_days}. HDSS on sweating days: grade 3 on "
            f"{dist.get('3', 0)} days, grade 4 on {dist.get('4', 0)} days."
        )
    sites = ", ".join(b.get("sites") or []) or doctor("sites")
    duration = (
        f"{s.duration_months} months" if s.duration_months is not None else doctor("duration")
    )
    out.append(f"Sites: {sites}. Duration: {duration}.")
    yes = [PRIMARY_FEATURES[k] for k in s.features_yes]
    if yes:
        out.append(
            f"Features of primary focal hyperhidrosis reported ({len(yes)} of 6): {', '.join(yes)}."
        )
    if s.skin_problem_days:
        out.append(
            "Skin complications: "
            + ", ".join(f"{k} on {v} days" for k, v in s.skin_problem_days.items())
            + "."
        )
    out += ["## Topical and other treatments tried", *_treatments(ev, entries, "sweating")]
    out += ["## Functional impact"]
    out += _hdss_history(ev, entries)
    out.append(
        doctor_states("impact on work, social life and skin as observed; HDSS assessed in clinic")
    )
    changes = [c for c in s.hdss_changes if c.drop is not None and c.response]
    if changes:
        out += ["## Response to Botox (baseline against now)"]
        for c in changes:
            out.append(
                f"- Session on {_d(c.session)}: {c.note}; a fall of {c.drop:g} grade"
                f"{'s' if c.drop != 1 else ''} (a response: 2 grades or more)."
            )
    return out


def _jaw_sections(ev: Evidence, entries: Sequence[Any]) -> list[str]:
    j = ev.jaw
    out = ["## Clinical history"]
    out.append(
        "This use is off-label; "
        + doctor_states(
            "why standard treatments are insufficient and the published evidence relied on"
        )
    )
    if j is None:
        return out
    out += ["## Jaw diary", _period_line(ev, "jaw")]
    out.append(f"- Jaw pain on {j.pain_days} days (mean pain {fmt_num(j.mean_pain)} of 10).")
    from utils.metrics import month_label

    for k, v in j.pain_days_by_month.items():
        out.append(f"- {month_label(k)}: jaw pain on {v} days.")
    if j.symptom_days:
        out.append(
            "Symptoms: " + ", ".join(f"{k} on {v} days" for k, v in j.symptom_days.items()) + "."
        )
    if j.clenching_days:
        out.append(
            "Clenching or grinding: "
            + ", ".join(f"{k} on {v} days" for k, v in j.clenching_days.items())
            + "."
        )
    out += ["## Treatments tried", *_treatments(ev, entries, "jaw")]
    out += ["## Functional impact"]
    out.append(doctor_states("impact on eating, sleep, work and any dental damage observed"))
    return out


SECTIONS = {"headache": _headache_sections, "sweating": _sweating_sections, "jaw": _jaw_sections}


def _renewal(ev: Evidence, condition: str) -> bool:
    rs = _chosen_rule_set(ev, condition)
    return rs is not None and rs.kind == "renewal"


# ---------------------------------------------------------------- the clinician's checklist


def clinician_checklist(ev: Evidence, entries: Sequence[Any], condition: str) -> str:
    """What the letter leaves out: every criterion not argued (not met, missing data, for the
    clinician, app-only), with its evidence and gap, and what to check before signing. For the
    clinician only; never part of the letter."""
    parts = [
        f"# Checklist for the clinician: {CONDITION_TEXT[condition]}",
        "Not part of the letter; do not send. The letter argues only from the criteria that are "
        f"met. Diary period: {period_text(ev)}.",
    ]
    for rs in _rule_sets(ev, condition):
        rest = [c for c in rs.criteria if not argued(c)]
        parts.append(f"## {rs.title}: {rs.summary}")
        if not rest:
            parts.append("Every criterion is met and argued in the letter.")
        for c in rest:
            word = status_label(c.status)
            if c.status == MET:
                word += " (an app rule, not a plan requirement)"
            text = f"- {word}: {third_person(c.question)} {c.evidence}"
            if c.gap:
                text += f" Still open: {c.gap}."
            parts.append(text)
    if condition == "headache" and ev.overuse is not None:
        parts += ["## Medication overuse history", ev.overuse.message]
    if condition == "headache" and not _is_met(ev, "headache", "reduction"):
        r = ev.responses.get("headache")
        if r is not None and r.sessions:
            parts += [
                "## Response to Botox (not in the letter: the reduction criterion is not met)",
                *_headache_response(ev)[1:],
            ]
    if condition == "sweating":
        parts += [
            "## Codes",
            "R61 (generalized sweating) and L74.52 (secondary focal hyperhidrosis) usually do "
            "not support Botox; the primary focal codes L74.510 to L74.519 do.",
        ]
    parts += [
        "## Before signing",
        "- Fill or delete every bracketed blank.",
        "- Check the codes, units, number of treatments and benefit channel against the plan.",
        "- Attach the diary summary (PDF) for the same period.",
    ]
    return _join(parts)


# ---------------------------------------------------------------- letters


def necessity_letter(
    ev: Evidence,
    entries: Sequence[Any],
    condition: str,
    info: PatientInfo | None = None,
    case: CoverageCase | None = None,
) -> str:
    """A letter of medical necessity for ``condition``, for the physician to complete."""
    info = info or PatientInfo()
    renewal = _renewal(ev, condition)
    what = "continued coverage" if renewal else "coverage"
    parts = [
        f"# Letter of medical necessity: botulinum toxin for {CONDITION_TEXT[condition]}",
        *_header(ev, info, case, "doctor"),
        "To whom it may concern,",
        f"I am writing on behalf of my patient, {_name(info)}, to request {what} of botulinum "
        f"toxin treatment for {CONDITION_TEXT[condition]}. The figures below come from the "
        f"patient's daily diary for {period_text(ev)}; I have reviewed them with the patient.",
    ]
    parts += _request(ev, entries, condition, info, renewal)
    parts += SECTIONS[condition](ev, entries)
    parts += ["## Statement of medical necessity"]
    parts.append(
        doctor_states(
            "why this treatment is medically necessary for this patient, the expected benefit, "
            "and the risk of not treating"
        )
    )
    parts.append("Enclosed: the diary summary for the same period (PDF).")
    parts += _signature("doctor", info)
    return _join(parts)


def _appeal_case_lines(case: CoverageCase | None) -> tuple[str, str]:
    if case is None:
        return patient("date on the denial letter"), patient("reference number of the denial")
    denied = case.final_internal_denial_on or case.denied_on
    return (
        _d(denied) or patient("date on the denial letter"),
        case.reference_number or patient("reference number of the denial"),
    )


APPROVED_USE = {
    "headache": "the prevention of headaches in adults with chronic migraine (15 or more "
    "headache days a month, lasting 4 hours a day or longer)",
    "sweating": "severe primary axillary hyperhidrosis not adequately managed with topical agents",
}


def _denial_paragraphs(condition: str, ev: Evidence, given: str | None) -> list[str]:
    """A paragraph for each common denial reason, the one given first."""
    met = any(argued(c) for rs in _rule_sets(ev, condition) for c in rs.criteria)
    necessary = (
        "The treatment is medically necessary: the patient meets the plan's criteria listed "
        "below, each with the diary evidence. "
        if met
        else "The treatment is medically necessary. "
    ) + doctor_states("the clinical reasons, and the risk of not treating")
    if condition in APPROVED_USE:
        experimental = (
            f"Botox is approved by the FDA for {APPROVED_USE[condition]}; this request is for "
            "that use, so it is not experimental or investigational. "
        )
    else:
        experimental = (
            "This use is off-label. "
            + doctor_states("the published evidence and why it applies to this patient")
            + " "
        )
    experimental += (
        "A denial for experimental or investigational treatment qualifies for an independent "
        "external review."
    )
    paragraphs = {
        "not_medically_necessary": ("Not medically necessary", necessary),
        "missing_information": (
            "Missing documentation",
            "The documentation the plan asked for is enclosed: the diary summary for "
            f"{period_text(ev)}, the treatments tried with dates and outcomes, and the "
            "questionnaire scores. " + doctor("any other record the denial names"),
        ),
        "step_therapy": (
            "Step therapy",
            "The treatments already tried, with dates, duration and outcome, are listed below. "
            + doctor_states(
                "which required treatments were tried, are contraindicated or would harm the "
                "patient, and ask for a step-therapy exception where one applies"
            ),
        ),
        "experimental": ("Experimental or off-label", experimental),
        "coding": (
            "Frequency, dose or coding",
            "The dose and frequency requested follow the labelled schedule: "
            + doctor("units per session, interval between sessions and the codes billed")
            + ". "
            + doctor("the corrected codes, if the denial concerns the codes"),
        ),
    }
    order = list(paragraphs)
    if given in paragraphs:
        order.remove(given)
        order.insert(0, given)
    out = []
    for key in order:
        title, text = paragraphs[key]
        out += [f"## {title}" + (" (the reason given)" if key == given else ""), text]
    return out


def appeal_letter(
    ev: Evidence,
    entries: Sequence[Any],
    condition: str,
    case: CoverageCase | None = None,
    info: PatientInfo | None = None,
) -> str:
    """An appeal for the physician (with the patient) to send: the request, an answer to every
    common denial reason, the met criteria with their evidence and the patient's rights."""
    info = info or PatientInfo()
    denied, reference = _appeal_case_lines(case)
    external = case is not None and (
        case.stage == "external_review" or case.final_internal_denial_on is not None
    )
    what = "an independent external review" if external else "an internal appeal"
    renewal = _renewal(ev, condition)
    parts = [
        f"# Appeal: coverage of botulinum toxin for {CONDITION_TEXT[condition]}",
        *_header(ev, info, case, "doctor"),
        f"Denial dated {denied}, reference {reference}.",
        "To whom it may concern,",
        f"On behalf of my patient, {_name(info)}, I request {what} of the decision dated "
        f"{denied} (reference {reference}) that denied coverage of botulinum toxin (Botox) for "
        f"{CONDITION_TEXT[condition]}.",
    ]
    if case is not None and (case.denial_category or case.denial_reason):
        reason = DENIAL_CATEGORIES.get(case.denial_category or "", "")
        stated = case.denial_reason.strip()
        text = "The reason given was"
        if reason:
            text += f" '{reason}'"
        if stated:
            text += f": \u201c{stated}\u201d"
        parts.append(text + ".")
    else:
        parts.append(f"The reason given was: {patient('the reason written on the denial letter')}.")
    parts += _request(ev, entries, condition, info, renewal)
    parts += _denial_paragraphs(condition, ev, case.denial_category if case else None)
    parts += SECTIONS[condition](ev, entries)
    parts += [
        "## Expedited appeal",
        "If waiting for a standard decision could seriously harm the patient's health or "
        "ability to regain maximum function, I ask that this appeal be expedited. "
        + doctor_states("whether delay would harm the patient, and how; otherwise delete this"),
        "## Peer-to-peer review",
        "I ask for a peer-to-peer review: a telephone discussion of this case between me and the "
        "plan's reviewing physician, preferably in the same specialty, before a decision is "
        "made. " + doctor("telephone number and times available"),
        "## Claim file and criteria",
        "Please send, free of charge, a copy of the claim file: every document, record and "
        "other information relevant to this decision, the clinical criteria, guideline or "
        "policy used, and the name and specialty of the reviewer.",
        "## Right to external review",
        "If the denial is upheld, the patient has the right to an independent external review; "
        "please state the deadline and how to ask for it with your decision.",
        "## Enclosures",
        f"- Diary summary for {period_text(ev)} (PDF)",
        "- Letter of medical necessity",
        "- Copy of the denial letter",
    ]
    parts.append("Please send your decision in writing to the patient and to me.")
    parts += _signature("doctor", info)
    parts.append("Patient's signature (optional): " + patient("your name and signature"))
    return _join(parts)


def draft(
    kind: str,
    ev: Evidence,
    entries: Sequence[Any],
    condition: str,
    *,
    case: CoverageCase | None = None,
    info: PatientInfo | None = None,
) -> str:
    if kind == "appeal":
        return appeal_letter(ev, entries, condition, case, info)
    return necessity_letter(ev, entries, condition, info, case)


def _join(parts: Sequence[str]) -> str:
    out: list[str] = []
    for p in parts:
        if p.startswith("- ") and out and out[-1].startswith("- "):
            out[-1] += "\n" + p
        elif p.startswith("- ") and out and "\n- " in out[-1]:
            out[-1] += "\n" + p
        else:
            out.append(p)
    return "\n\n".join(out) + "\n"


# ---------------------------------------------------------------- text -> blocks -> files


@dataclass(frozen=True)
class Block:
    kind: str  # title | heading | bullet | para
    text: str


def parse(text: str) -> list[Block]:
    """Blocks of a letter's plain text (the editing convention in the module docstring)."""
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("para", "\n".join(para)))
            para.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            flush()
        elif line.startswith("## "):
            flush()
            blocks.append(Block("heading", line[3:].strip()))
        elif line.startswith("# "):
            flush()
            blocks.append(Block("title", line[2:].strip()))
        elif line.lstrip().startswith(("- ", "* ")):
            flush()
            blocks.append(Block("bullet", line.lstrip()[2:].strip()))
        else:
            para.append(line)
    flush()
    return blocks


def _segments(text: str) -> list[tuple[str, bool]]:
    """(text, is_blank) pieces of a line."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in BLANK_RE.finditer(text):
        if m.start() > pos:
            out.append((text[pos : m.start()], False))
        out.append((m.group(0), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    return _XML_BAD.sub("", text)


class _LetterDoc(_Doc):
    """A letter's pages: the draft mark in every page's header and as a faint watermark."""

    def header(self) -> None:
        if not self.running_title:
            return
        self.set_font(FONT, "B", 8)
        self.set_text_color(150, 0, 0)
        self.set_xy(self.l_margin, 8)
        self.cell(0, 4, clean(self.running_title), align="C")
        with self.local_context(fill_opacity=0.08, text_color=(120, 120, 120)):
            self.set_font(FONT, "B", 90)
            with self.rotation(45, self.w / 2, self.h / 2):
                self.set_xy(0, self.h / 2 - 15)
                self.cell(self.w, 30, "DRAFT", align="C")
        self.set_text_color(0)
        self.set_xy(self.l_margin, self.t_margin)


def to_docx(text: str, title: str = "Letter", draft_mark: str = DRAFT_MARK) -> bytes:
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.title = xml_safe(title)
    doc.core_properties.language = "en"
    doc.core_properties.author = "Coverage Diary (draft)"
    style = doc.styles["Normal"]
    style.font.size = Pt(11)
    if draft_mark:  # on every page's header, never in the letter's body
        head = doc.sections[0].header.paragraphs[0]
        run = head.add_run(xml_safe(draft_mark))
        run.bold = True
        run.font.size = Pt(9)

    def fill(par: Any, line: str) -> None:
        lines = line.split("\n")
        for i, ln in enumerate(lines):
            for seg, blank in _segments(xml_safe(ln)):
                run = par.add_run(seg)
                if blank:
                    run.bold = True
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            if i < len(lines) - 1:
                par.add_run().add_break()

    for b in parse(text):
        if b.kind == "title":
            fill(doc.add_heading(level=0), b.text)
        elif b.kind == "heading":
            fill(doc.add_heading(level=1), b.text)
        elif b.kind == "bullet":
            fill(doc.add_paragraph(style="List Bullet"), b.text)
        else:
            fill(doc.add_paragraph(), b.text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def to_pdf(
    text: str,
    title: str = "Letter",
    paper: str = "Letter",
    generated: str = "",
    draft_mark: str = DRAFT_MARK,
) -> bytes:
    generated = generated or fmt_date(dt.date.today())
    pdf = _LetterDoc(paper, draft_mark, generated, f"Draft generated on {generated}")
    pdf.set_title(clean(title))
    pdf.set_lang("en")
    pdf.set_creator("Coverage Diary")
    pdf.set_margins(20, 18, 20)
    pdf.add_page()

    def write(line: str, size: float) -> None:
        h = size * 0.5
        for seg, blank in _segments(clean(line)):
            pdf.set_font(FONT, "BU" if blank else "", size)
            pdf.write(h, seg)
        pdf.set_font(FONT, "", size)

    for b in parse(text):
        if b.kind == "title":
            pdf.set_font(FONT, "B", 14)
            pdf.multi_cell(0, 7, clean(b.text), align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif b.kind == "heading":
            pdf.need(16)
            pdf.ln(1.5)
            pdf.set_font(FONT, "B", 11.5)
            pdf.multi_cell(0, 6, clean(b.text), align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(0.8)
        elif b.kind == "bullet":
            left = pdf.l_margin
            pdf.set_font(FONT, "", 10)
            pdf.set_x(left)
            pdf.cell(5, 5, "\u2022")
            pdf.set_left_margin(left + 5)
            pdf.set_x(left + 5)
            write(b.text, 10)
            pdf.set_left_margin(left)
            pdf.ln(6)
        else:
            for i, ln in enumerate(b.text.split("\n")):
                if i:
                    pdf.ln(5)
                write(ln, 10)
            pdf.ln(7)
    return bytes(pdf.output())


def file_stem(kind: str, condition: str, ev: Evidence) -> str:
    return f"{kind}-letter-{condition}-{ev.period.counted_end.isoformat()}"
