"""Letter drafts filled from the evidence: medical necessity (per condition) and appeal.

A letter is plain text so the patient and the doctor can edit it freely in a text box:
``# `` starts the title, ``## `` a section heading, ``- `` a list item, and a blank line separates
paragraphs. What only the doctor (or the patient) can state is a clearly marked blank such as
``[DOCTOR TO CONFIRM: ...]``; the DOCX highlights those blanks and the PDF prints them in bold,
underlined, so nothing is signed with a hole in it.

Letters are drafts (the third layer of evidence): generated from the analysis, never written back
into the diary. Every figure comes from the ``Evidence`` object.
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
from utils.criteria import FOR_CLINICIAN, MET, NOT_MET, RuleSetResult
from utils.evidence import Evidence
from utils.metrics import PRIMARY_FEATURES
from utils.models import OUTCOMES, Hit6, Midas, Treatment
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
STATUS_WORD = {MET: "Met", NOT_MET: "Not met", FOR_CLINICIAN: "For the clinician"}
MIDAS_SHORT = (
    "missed work or school",
    "work or school productivity halved",
    "no household work",
    "household productivity halved",
    "missed family, social or leisure activities",
)


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
    """Only what the person typed into this session; never stored."""

    name: str = ""
    date_of_birth: dt.date | None = None


# ---------------------------------------------------------------- shared pieces


def _entries(entries: Sequence[Any], cls: type) -> list[Any]:
    return [e for item in entries if isinstance(e := getattr(item, "entry", item), cls)]


def _d(d: dt.date | None) -> str:
    return fmt_date(d) if d else ""


def _header(
    ev: Evidence, info: PatientInfo | None, case: CoverageCase | None, signer: str
) -> list[str]:
    info = info or PatientInfo()
    name = info.name.strip() or patient("patient name")
    dob = _d(info.date_of_birth) or patient("date of birth")
    insurer = case.insurer if case else patient("insurer name")
    member = (case.member_id if case and case.member_id else "") or patient("member ID")
    lines = [
        f"Date: {doctor('date of the letter') if signer == 'doctor' else patient('date')}",
        f"To: {insurer}, {patient('address for prior authorizations or appeals')}",
        f"Re: {name}, date of birth {dob}, member ID {member}",
    ]
    if case and case.reference_number:
        lines.append(f"Reference number: {case.reference_number}")
    return ["\n".join(lines)]


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


def _checklist_lines(rs: RuleSetResult) -> list[str]:
    out = []
    for c in rs.criteria:
        word = STATUS_WORD.get(c.status, "Missing data")
        text = f"- {c.question} {word}: {c.evidence}"
        if c.gap:
            text += f" Still open: {c.gap}. {doctor('how this criterion is met, or why not')}"
        out.append(text)
    return out


def _chosen_rule_set(ev: Evidence, condition: str) -> RuleSetResult | None:
    ids = RULE_SETS.get(condition)
    if not ids:
        return None
    renewal = ev.checklist(ids[1])
    if renewal is not None and renewal.applies:
        return renewal
    return ev.checklist(ids[0])


def _period_line(ev: Evidence, condition: str) -> str:
    c = ev.completeness
    logged = c.logged_days.get(condition, 0)
    n = c.days_in_period
    share = f" ({logged / n * 100:.0f}%)" if n else ""
    return (
        f"From {_d(ev.period.start)} to {_d(ev.period.counted_end)} the patient kept a daily "
        f"diary and logged {logged} of {n} days{share}; entries carry the time they were "
        "written, and entries made more than 2 days late are marked."
    )


def _questionnaires(ev: Evidence, entries: Sequence[Any]) -> list[str]:
    end = ev.period.counted_end
    out = []
    midas = sorted((m for m in _entries(entries, Midas) if m.date <= end), key=lambda m: m.date)
    for m in midas[-2:]:
        grade, meaning = midas_grade(m.score())
        items = "; ".join(
            f"{label} {getattr(m, f'q{i}')} day{'' if getattr(m, f'q{i}') == 1 else 's'}"
            for i, label in enumerate(MIDAS_SHORT, 1)
        )
        text = f"- MIDAS on {_d(m.date)}: {m.score()} (grade {grade}, {meaning}). Items: {items}."
        if m.headache_days is not None:
            text += f" Headache days in the 3 months: {m.headache_days}."
        if m.average_pain is not None:
            text += f" Average pain: {m.average_pain} of 10."
        out.append(text)
    hit6 = sorted((h for h in _entries(entries, Hit6) if h.date <= end), key=lambda h: h.date)
    for h in hit6[-2:]:
        out.append(f"- HIT-6 on {_d(h.date)}: {h.total} ({hit6_band(h.total)}).")
    return out


def _signature(signer: str) -> list[str]:
    if signer == "doctor":
        return [
            "Sincerely,",
            doctor("physician name, specialty, NPI, practice address, telephone and signature"),
        ]
    return ["Sincerely,", patient("your name and signature")]


def _intro(kind: str) -> str:
    who = "the physician" if kind == "necessity" else "the patient (with the physician's support)"
    return (
        "DRAFT prepared from the patient's self-reported diary with Coverage Diary, for "
        f"{who} to review, correct, complete and sign. Replace every bracketed blank such as "
        "[DOCTOR TO CONFIRM: ...] or remove it before sending."
    )


# ---------------------------------------------------------------- condition sections


def _headache_sections(ev: Evidence, entries: Sequence[Any]) -> list[str]:
    out = ["## Requested service"]
    out.append(
        "OnabotulinumtoxinA (Botox) "
        + doctor(
            "155 units in 31 sites across 7 head and neck muscle areas (PREEMPT protocol), "
            "every 12 weeks"
        )
        + ". Codes "
        + doctor("CPT 64615 (chemodenervation for chronic migraine) and HCPCS J0585 per unit")
        + "."
    )
    out += ["## Diagnosis"]
    out.append(
        "Chronic migraine, "
        + doctor(
            "ICD-10-CM code: G43.709 or G43.719 without aura, G43.E09 or G43.E19 with aura "
            "(intractable or not, with or without status migrainosus)"
        )
        + ". "
        + doctor_states(
            "that the headaches meet ICHD-3 1.3 and are not better accounted for by another "
            "diagnosis, and the date of onset"
        )
    )
    out += ["## Headache diary", _period_line(ev, "headache")]
    out.append(f"Definition used for a migraine day: {ev.migraine_day_rule['text']}")
    for m in ev.months:
        c = m.counts
        out.append(
            f"- {m.label}: {c.headache} headache days, {c.migraine} migraine days, {c.long} "
            f"days with 4 hours or more of headache, acute medicine on {c.acute_any} days, "
            f"function impaired on {c.function_impaired} days ({c.logged} of "
            f"{m.days_in_period} days logged)."
        )
    if ev.chronic is not None and ev.chronic.longest_run:
        from utils.metrics import months_text

        out.append(
            f"Months with {ev.chronic.headache_threshold} or more headache days and "
            f"{ev.chronic.migraine_threshold} or more migraine days in a row: "
            f"{ev.chronic.longest_run_length} ({months_text(list(ev.chronic.longest_run))})."
        )
    out += ["## Preventive treatments tried", *_treatments(ev, entries, "headache")]
    out += ["## Medication overuse"]
    out.append(
        (ev.overuse.message if ev.overuse else "No headache diary in the period.")
        + " "
        + doctor_states("assessment of medication overuse and how it is managed")
    )
    out += ["## Disability scores and functional impact"]
    q = _questionnaires(ev, entries)
    out += q or [f"- {doctor('MIDAS and other scores (none recorded in the diary)')}"]
    out.append(
        doctor_states("impact on work, family and daily life as observed, and any emergency visits")
    )
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
    out = ["## Requested service"]
    out.append(
        "OnabotulinumtoxinA (Botox) "
        + doctor("50 units per axilla (or the sites and doses planned)")
        + ". Codes "
        + doctor("CPT 64650 for both underarms (64653 other areas) and HCPCS J0585 per unit")
        + "."
    )
    out += ["## Diagnosis"]
    out.append(
        "Primary focal hyperhidrosis, "
        + doctor("ICD-10-CM code: L74.510 underarms, L74.511 face, L74.512 palms, L74.513 soles")
        + ". "
        + doctor_states("that secondary causes were excluded, and how")
    )
    if s is None:
        return out
    b = s.baseline or {}
    out += ["## Sweating history and diary", _period_line(ev, "sweating")]
    dist = s.hdss_distribution
    out.append(
        f"- Days with sweating: {s.symptom_days}; normal days: {s.normal_days}. HDSS on sweating "
        f"days: grade 3 on {dist.get('3', 0)} days, grade 4 on {dist.get('4', 0)} days "
        f"(mean {fmt_num(s.hdss_mean)}). Episodes: {fmt_num(s.episodes_per_week)} a week."
    )
    for k, v in s.symptom_days_by_month.items():
        from utils.metrics import month_label

        out.append(f"- {month_label(k)}: {v} days with sweating.")
    sites = ", ".join(b.get("sites") or []) or doctor("sites")
    duration = (
        f"{s.duration_months} months" if s.duration_months is not None else doctor("duration")
    )
    out.append(f"Sites: {sites}. Duration: {duration}.")
    yes = [PRIMARY_FEATURES[k] for k in s.features_yes]
    out.append(
        f"Features of primary focal hyperhidrosis reported ({len(yes)} of 6): "
        f"{', '.join(yes) or 'none recorded'}."
    )
    if s.skin_problem_days:
        out.append(
            "Skin complications: "
            + ", ".join(f"{k} on {v} days" for k, v in s.skin_problem_days.items())
            + "."
        )
    out += ["## Topical and other treatments tried", *_treatments(ev, entries, "sweating")]
    out += ["## Functional impact"]
    out.append(
        doctor_states("impact on work, social life and skin as observed; HDSS assessed in clinic")
    )
    changes = [c for c in s.hdss_changes if c.drop is not None]
    if changes:
        out += ["## Response to Botox (baseline against now)"]
        for c in changes:
            out.append(
                f"- Session on {_d(c.session)}: {c.note}; a fall of {c.drop:g} grade"
                f"{'s' if c.drop != 1 else ''}"
                + (" (a response: 2 grades or more)." if c.response else ".")
            )
    return out


def _jaw_sections(ev: Evidence, entries: Sequence[Any]) -> list[str]:
    j = ev.jaw
    out = ["## Requested service"]
    out.append(
        "Botulinum toxin injections "
        + doctor("product, units and muscles (for example masseter and temporalis), schedule")
        + ". Codes "
        + doctor("CPT and HCPCS codes the office will bill")
        + "."
    )
    out += ["## Diagnosis"]
    out.append(
        doctor(
            "diagnosis and ICD-10-CM code, for example M26.6x TMJ disorder or G47.63 sleep bruxism"
        )
        + ". This use is off-label; "
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


# ---------------------------------------------------------------- letters


def necessity_letter(
    ev: Evidence,
    entries: Sequence[Any],
    condition: str,
    info: PatientInfo | None = None,
    case: CoverageCase | None = None,
) -> str:
    """A letter of medical necessity for ``condition``, for the physician to complete."""
    parts = [
        f"# Letter of medical necessity: botulinum toxin for {CONDITION_TEXT[condition]}",
        _intro("necessity"),
        *_header(ev, info, case, "doctor"),
        "To whom it may concern,",
        "I am writing on behalf of my patient to request coverage of botulinum toxin treatment "
        f"for {CONDITION_TEXT[condition]}. The figures below come from the patient's daily "
        "diary; I have reviewed them with the patient.",
    ]
    parts += SECTIONS[condition](ev, entries)
    rs = _chosen_rule_set(ev, condition)
    if rs is not None:
        parts += [f"## Criteria commonly required ({rs.title})", *_checklist_lines(rs)]
    parts += ["## Statement of medical necessity"]
    parts.append(
        doctor_states(
            "why this treatment is medically necessary for this patient, the expected benefit, "
            "and the risk of not treating"
        )
    )
    parts += _signature("doctor")
    return _join(parts)


def _appeal_case_lines(case: CoverageCase | None) -> tuple[str, str]:
    if case is None:
        return patient("date on the denial letter"), patient("reference number of the denial")
    denied = case.final_internal_denial_on or case.denied_on
    return (
        _d(denied) or patient("date on the denial letter"),
        case.reference_number or patient("reference number of the denial"),
    )


def _category_paragraph(condition: str, category: str | None, ev: Evidence) -> list[str]:
    if category == "experimental":
        if condition == "jaw":
            return [
                "The plan calls this treatment experimental. "
                + doctor_states("the published evidence and why it applies to this patient")
                + " A denial for experimental or investigational treatment qualifies for an "
                "independent external review."
            ]
        label = {
            "headache": "chronic migraine in adults (15 or more headache days a month, lasting "
            "4 hours a day or longer)",
            "sweating": "severe primary axillary hyperhidrosis not adequately managed with "
            "topical agents",
        }[condition]
        return [
            f"Botox is approved by the FDA for {label}; it is not experimental for this use. "
            "A denial for experimental or investigational treatment qualifies for an "
            "independent external review."
        ]
    if category == "step_therapy":
        return [
            "The plan asks for other treatments first. The treatments already tried, with dates "
            "and outcomes, are listed below."
        ]
    if category == "missing_information":
        return ["The information the plan said was missing is enclosed and listed below."]
    if category == "coding":
        return [
            "The denial concerns the codes used. "
            + doctor("the corrected procedure, drug and diagnosis codes")
        ]
    return []


def appeal_letter(
    ev: Evidence,
    entries: Sequence[Any],
    condition: str,
    case: CoverageCase | None = None,
    info: PatientInfo | None = None,
) -> str:
    """An appeal that answers the plan's criteria one by one, from the case's denial details."""
    denied, reference = _appeal_case_lines(case)
    external = case is not None and (
        case.stage == "external_review" or case.final_internal_denial_on is not None
    )
    what = "an independent external review" if external else "an internal appeal"
    parts = [
        f"# Appeal: coverage of botulinum toxin for {CONDITION_TEXT[condition]}",
        _intro("appeal"),
        *_header(ev, info, case, "patient"),
        f"Denial dated {denied}, reference {reference}.",
        "## Request",
        f"I am requesting {what} of the decision dated {denied} (reference {reference}) that "
        f"denied coverage of botulinum toxin (Botox) for {CONDITION_TEXT[condition]}.",
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
    parts += _category_paragraph(condition, case.denial_category if case else None, ev)
    rs = _chosen_rule_set(ev, condition)
    parts.append("## The plan's criteria, one by one")
    if rs is not None:
        parts.append(
            f"My diary from {_d(ev.period.start)} to {_d(ev.period.counted_end)} answers each "
            "criterion as follows."
        )
        for i, c in enumerate(rs.criteria, 1):
            word = STATUS_WORD.get(c.status, "Missing data")
            text = f"{i}. {c.question}\n{word}. {c.evidence}"
            if c.gap:
                text += f" Still open: {c.gap}. " + doctor_states(
                    "how this criterion is met or why it should not apply"
                )
            parts.append(text)
    else:
        parts.append(
            patient("the plan's criteria for this treatment, from the policy or the denial")
            + " "
            + doctor_states("how each one is met")
        )
    parts += SECTIONS[condition](ev, entries)[2:]  # the diary, without the service/diagnosis
    parts += ["## Enclosures"]
    parts += [
        f"- Diary summary for {_d(ev.period.start)} to {_d(ev.period.counted_end)} (PDF)",
        "- Letter of medical necessity signed by " + doctor("the treating physician"),
        "- Copy of the denial letter",
    ]
    parts.append(
        "Please send your decision in writing. I ask that the review be done by a physician in "
        "the same specialty as my treating doctor."
    )
    parts += _signature("patient")
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


def to_docx(text: str, title: str = "Letter") -> bytes:
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.title = xml_safe(title)
    doc.core_properties.language = "en"
    doc.core_properties.author = "Coverage Diary (draft)"
    style = doc.styles["Normal"]
    style.font.size = Pt(11)

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


def to_pdf(text: str, title: str = "Letter", paper: str = "A4", generated: str = "") -> bytes:
    generated = generated or fmt_date(dt.date.today())
    pdf = _Doc(paper, f"{title} (draft)", generated, f"Draft generated on {generated}")
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
