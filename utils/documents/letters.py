"""Letter drafts filled from the evidence: medical necessity (per condition) and appeal.

A letter is plain text (the convention is in ``utils.documents.letter_text``). What only the
doctor (or the patient) can state is a clearly marked blank such as ``[DOCTOR TO CONFIRM: ...]``;
the DOCX highlights those blanks and the PDF prints them in bold, underlined, so nothing is
signed with a hole in it.

Letters are drafts (the third layer of evidence): generated from the analysis, never written back
into the diary. Every figure comes from the ``Evidence`` object. A letter speaks of the patient in
the third person and argues only from criteria that are met (``argued``); every other criterion,
whatever its status, goes to ``clinician_checklist``, which is never part of the letter. "Draft"
is printed in the page header (and as a watermark in the PDF), not in the text.

What a condition says (its request lines, paragraphs, approved use and checklist notes) comes
from its part ``utils/conditions/<key>/letters.py``, asked for at run time.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType
from typing import Any

from utils.cases import DENIAL_CATEGORIES, CoverageCase
from utils.documents.letter_parts import (
    PatientInfo,
    argued,
    chosen_rule_set,
    date_text,
    header,
    patient_name,
    period_text,
    prescriber,
    rule_sets,
    signature,
)
from utils.documents.letter_text import (
    doctor,
    doctor_states,
    join,
    patient,
    status_label,
    third_person,
)
from utils.evidence import Evidence
from utils.rules.engine import MET

LETTER_TYPES: dict[str, str] = {
    "necessity": "Letter of medical necessity",
    "appeal": "Appeal letter",
}


def _part(condition: str) -> ModuleType:
    """The condition's ``letters`` part."""
    from utils import conditions

    module = conditions.part(condition, "letters")
    if module is None:
        raise KeyError(condition)
    return module


def _said(ev: Evidence, condition: str, name: str) -> Any:
    """The part's ``CONDITION_TEXT`` or ``APPROVED_USE``; a part whose wording follows the rule
    set the evidence was checked against gives ``texts(ev)`` (``{name: text}``) too."""
    part = _part(condition)
    own = part.texts(ev) if hasattr(part, "texts") else {}
    return own.get(name, getattr(part, name, None))


# ---------------------------------------------------------------- the request


def _request(
    ev: Evidence, entries: Sequence[Any], condition: str, info: PatientInfo, renewal: bool
) -> list[str]:
    sessions = list(ev.ledger.sessions_for(condition))  # up to the last counted day, by date
    part = _part(condition)
    if hasattr(part, "request_lines_for"):  # wording that follows the rule set chosen
        lines, count = part.request_lines_for(ev, sessions, renewal)
    else:
        lines, count = part.request_lines(sessions, renewal)
    out = ["## Request", *lines]
    out.append("- Requested: " + doctor(count) + ", from " + doctor("start date") + ".")
    out.append(
        "- Benefit: "
        + doctor(
            "medical benefit (the office buys and bills the drug) or specialty pharmacy (the drug "
            "is dispensed for this patient)"
        )
        + "."
    )
    out.append("- " + prescriber(info))
    return out


def _renewal(ev: Evidence, condition: str) -> bool:
    rs = chosen_rule_set(ev, condition)
    return rs is not None and rs.kind == "renewal"


# ---------------------------------------------------------------- the clinician's checklist


def clinician_checklist(ev: Evidence, entries: Sequence[Any], condition: str) -> str:
    """What the letter leaves out: every criterion not argued (not met, missing data, for the
    clinician, app-only), with its evidence and gap, and what to check before signing. For the
    clinician only; never part of the letter."""
    parts = [
        f"# Checklist for the clinician: {_said(ev, condition, 'CONDITION_TEXT')}",
        "Not part of the letter; do not send. The letter argues only from the criteria that are "
        f"met. Diary period: {period_text(ev)}.",
    ]
    for rs in rule_sets(ev, condition):
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
    part = _part(condition)
    if hasattr(part, "checklist_notes"):
        parts += part.checklist_notes(ev)
    parts += [
        "## Before signing",
        "- Fill or delete every bracketed blank.",
        "- Check the codes, units, number of treatments and benefit channel against the plan.",
        "- Attach the diary summary (PDF) for the same period.",
    ]
    return join(parts)


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
    named = _said(ev, condition, "CONDITION_TEXT")
    renewal = _renewal(ev, condition)
    what = "continued coverage" if renewal else "coverage"
    parts = [
        f"# Letter of medical necessity: botulinum toxin for {named}",
        *header(ev, info, case, "doctor"),
        "To whom it may concern,",
        f"I am writing on behalf of my patient, {patient_name(info)}, to request {what} of botulinum "
        f"toxin treatment for {named}. The figures below come from the "
        f"patient's daily diary for {period_text(ev)}; I have reviewed them with the patient.",
    ]
    parts += _request(ev, entries, condition, info, renewal)
    parts += _part(condition).sections(ev, entries)
    parts += ["## Statement of medical necessity"]
    parts.append(
        doctor_states(
            "why this treatment is medically necessary for this patient, the expected benefit, "
            "and the risk of not treating"
        )
    )
    parts.append("Enclosed: the diary summary for the same period (PDF).")
    parts += signature("doctor", info)
    return join(parts)


def _appeal_case_lines(case: CoverageCase | None) -> tuple[str, str]:
    if case is None:
        return patient("date on the denial letter"), patient("reference number of the denial")
    denied = case.final_internal_denial_on or case.denied_on
    return (
        date_text(denied) or patient("date on the denial letter"),
        case.reference_number or patient("reference number of the denial"),
    )


def _denial_paragraphs(condition: str, ev: Evidence, given: str | None) -> list[str]:
    """A paragraph for each common denial reason, the one given first."""
    met = any(argued(c) for rs in rule_sets(ev, condition) for c in rs.criteria)
    necessary = (
        "The treatment is medically necessary: the patient meets the plan's criteria listed "
        "below, each with the diary evidence. "
        if met
        else "The treatment is medically necessary. "
    ) + doctor_states("the clinical reasons, and the risk of not treating")
    approved = _said(ev, condition, "APPROVED_USE")
    if approved:
        experimental = (
            f"Botox is approved by the FDA for {approved}; this request is for "
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
    named = _said(ev, condition, "CONDITION_TEXT")
    parts = [
        f"# Appeal: coverage of botulinum toxin for {named}",
        *header(ev, info, case, "doctor"),
        f"Denial dated {denied}, reference {reference}.",
        "To whom it may concern,",
        f"On behalf of my patient, {patient_name(info)}, I request {what} of the decision dated "
        f"{denied} (reference {reference}) that denied coverage of botulinum toxin (Botox) for "
        f"{named}.",
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
    parts += _part(condition).sections(ev, entries)
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
    parts += signature("doctor", info)
    parts.append("Patient's signature (optional): " + patient("your name and signature"))
    return join(parts)


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


def file_stem(kind: str, condition: str, ev: Evidence) -> str:
    return f"{kind}-letter-{condition}-{ev.period.counted_end.isoformat()}"
