"""The doctor-visit summary as a PDF (fpdf2): evidence in, bytes out.

Page 1 is the page a clinician reads in a minute: the patient's identifiers (when chosen, on
every page's header), the treating clinician, period, diagnosis codes for the clinician to
confirm, completeness, the checklist that fits the stage (renewal once a Botox session exists,
the first authorization as history) with its evidence and gaps, one chart against the
thresholds, baseline and latest scores, the conditions' own lines and a clinician attestation;
the key numbers per month and a space for notes follow. The later sections are in
``utils.documents.sections``; what only a condition knows comes from its ``report`` part (the
hooks are listed in ``utils.documents.blocks``), so this module names no condition.

Every figure printed is read from one ``Evidence`` object (``utils.evidence``): nothing is counted
again here, and the rows the evidence was built from are not read (``build_pdf`` keeps its
``entries`` argument for its callers). What the engine does not summarise (side effects, MIDAS
items, notes) is read from the evidence's entries as written, ``ev.record``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from utils.core.bulk import collector_paused
from utils.documents import sections
from utils.documents.blocks import (
    SUMMARY_MONTHS,
    checklist,
    completeness_text,
    history,
    hooks,
    month_keys,
    monthly_table,
    part_of,
    partial,
    renewal_of,
)
from utils.documents.pdf import (
    ATTESTATION_HEIGHT,
    FONT,
    Doc,
    XPos,
    YPos,
    attestation,
    clean,
    fmt_date,
    png_size,
)
from utils.evidence import Evidence
from utils.rules.engine import RuleSetResult

# ---------------------------------------------------------------- options


@dataclass
class ReportOptions:
    """What goes into the PDF. The patient's name is left out unless asked for."""

    paper: str = "Letter"
    include_patient: bool = False
    patient_name: str = ""
    date_of_birth: dt.date | None = None
    member_id: str = ""
    clinician_name: str = ""
    clinician_specialty: str = ""
    clinician_npi: str = ""
    patient_details: str = ""
    charts: bool = True
    treatments: bool = True
    sessions: bool = True
    questionnaires: bool = True
    # The conditions' own sections (each condition's report part names its ``SWITCH``); kept
    # as fields so ``ReportOptions(sweating=False)`` and saved choices keep working.
    overuse: bool = True
    sweating: bool = True
    jaw: bool = True
    bladder: bool = True
    neck: bool = True
    spasticity: bool = True
    appendix: bool = False
    title: str = "Diary summary for the doctor's visit"
    extra: dict[str, Any] = field(default_factory=dict)


_SECTIONS_BEFORE = {
    "charts": "Charts",
    "treatments": "Treatment ledger",
    "sessions": "Botox sessions and response",
    "questionnaires": "Questionnaires (MIDAS items, HIT-6, HDSS)",
}
_SECTIONS_AFTER = {"appendix": "Day-by-day appendix"}


def sections_offered() -> dict[str, str]:
    """``{ReportOptions switch: label}`` of every section that can be switched off: the shared
    ones and each condition's own (its report part's ``SWITCH``), in display order."""
    own = dict(hooks("SWITCH"))
    return {**_SECTIONS_BEFORE, **own, **_SECTIONS_AFTER}


def __getattr__(name: str) -> Any:
    if name == "SECTIONS":  # the old constant: built from the registry when asked for
        return sections_offered()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def options_from(**values: Any) -> ReportOptions:
    names = {f.name for f in fields(ReportOptions)}
    return ReportOptions(**{k: v for k, v in values.items() if k in names})


# ---------------------------------------------------------------- page 1


def _patient_lines(doc: Doc, opts: ReportOptions) -> None:
    if opts.include_patient and (opts.patient_name or opts.date_of_birth or opts.patient_details):
        parts = [opts.patient_name.strip() or "name not given"]
        if opts.date_of_birth:
            parts.append(f"born {fmt_date(opts.date_of_birth)}")
        if opts.patient_details.strip():
            parts.append(opts.patient_details.strip())
        doc.label_line("Patient:", ", ".join(parts))
    else:
        doc.label_line("Patient:", "_" * 46 + "  (name left out of this copy)")


def identifiers_line(opts: ReportOptions) -> str:
    """The patient's identifiers for every page header, or "" when not chosen."""
    if not opts.include_patient:
        return ""
    parts = []
    if opts.patient_name.strip():
        parts.append(opts.patient_name.strip())
    if opts.date_of_birth:
        parts.append(f"born {fmt_date(opts.date_of_birth)}")
    if opts.member_id.strip():
        parts.append(f"member ID {opts.member_id.strip()}")
    return "Patient: " + ", ".join(parts) if parts else ""


def _clinician_text(opts: ReportOptions) -> str:
    parts = [
        x
        for x in (
            opts.clinician_name.strip(),
            opts.clinician_specialty.strip(),
            f"NPI {opts.clinician_npi.strip()}" if opts.clinician_npi.strip() else "",
        )
        if x
    ]
    return ", ".join(parts)


def stage_order(ev: Evidence) -> list[tuple[RuleSetResult, bool]]:
    """The rule sets in page-1 order, each with ``True`` when it is shown as history: per
    condition the renewal first once a Botox session exists, the first authorization after it."""
    by_id = {rs.id: rs for rs in ev.checklists}
    renewals = renewal_of()
    out: list[tuple[RuleSetResult, bool]] = []
    done: set[str] = set()
    for rs in ev.checklists:
        if rs.id in done:
            continue
        first_id = renewals.get(rs.id)
        if first_id and rs.applies:
            out.append((rs, False))
            done.add(rs.id)
            if first_id in by_id:
                out.append((by_id[first_id], True))
                done.add(first_id)
            continue
        renewal_id = next((k for k, v in renewals.items() if v == rs.id), None)
        renewal = by_id.get(renewal_id) if renewal_id else None
        if renewal is not None and renewal.applies:
            continue  # shown after its renewal set
        out.append((rs, False))
        done.add(rs.id)
    return out


def summary_page(doc: Doc, ev: Evidence, entries: Sequence[Any], opts: ReportOptions) -> None:
    doc.add_page()
    doc.start_section("Summary", level=0)
    doc.h1(opts.title)
    doc.para(
        f"Self-reported by the patient, generated on {fmt_date(ev.generated_at.date())} with "
        "Coverage Diary. It documents what the patient logged; it does not diagnose. The "
        "clinician checks and decides. Definitions in plain words are in the last section.",
        7.5,
        "I",
        1.2,
    )
    _patient_lines(doc, opts)
    clinician = _clinician_text(opts) if opts.include_patient else ""
    doc.label_line("Treating clinician:", clinician or "_" * 46)
    p = ev.period
    period = f"{fmt_date(p.start)} to {fmt_date(p.counted_end)} ({p.days} days)"
    if p.note:
        period += f". {p.note}"
    doc.label_line("Period:", period)
    for cond in ev.conditions:
        part = part_of(cond)
        line = part.diagnosis(ev) if part is not None and hasattr(part, "diagnosis") else None
        if line is not None:
            doc.label_line(*line)
    lines = completeness_text(ev)
    doc.label_line("Completeness:", " ".join(lines))
    doc.ln(1)
    for rs, as_history in stage_order(ev):
        if not rs.applies:
            doc.para(
                f"{rs.title}: applies after the first Botox session for this condition "
                "(none recorded).",
                7.5,
                "I",
            )
        elif as_history:
            history(doc, rs)
        else:
            checklist(doc, rs)
    from utils.documents import charts as pdf_charts  # matplotlib: only when drawing

    chart = pdf_charts.summary_chart(ev)
    scores = [row for score_rows in hooks("score_rows") for row in score_rows(ev, entries)]
    own_lines = [line for summary_lines in hooks("summary_lines") for line in summary_lines(ev)]
    w = h = 0.0
    if chart is not None:
        w_px, h_px = png_size(chart.png)
        has_history = any(h for _, h in stage_order(ev))
        w = doc.width * (0.8 if has_history else 0.92)
        h = w * h_px / w_px
    # The clinician signs page 1: when the chart, the scores and the conditions' lines (the
    # overuse sentence) would push the attestation overleaf (a long checklist), it comes right
    # after the checklist instead.
    rest = (h + 12 if chart is not None else 0) + (14 + 4.5 * len(scores) if scores else 0)
    rest += 10 * len(own_lines)
    signed_early = doc.page == 1 and doc.room() < rest + ATTESTATION_HEIGHT
    if signed_early:
        _attestation(doc, opts)
    if chart is not None:
        doc.need(h + 12)
        doc.h3(chart.title)
        doc.image(chart.png, x=doc.l_margin, w=w, h=h, alt_text=clean(chart.alt_text))
        if chart.caption:
            doc.para(chart.caption, 6.5, "I", 1)
    if scores:
        doc.need(16)
        doc.set_font(FONT, "B", 9)
        doc.cell(
            0,
            4.6,
            "Scores: first recorded (baseline) and latest",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        doc.grid(("Score", "Baseline", "Latest"), scores, (20, 80, 80), 7)
        doc.para(" ".join(hooks("SCORE_NOTE")), 6.3, "I")
    for label, text in own_lines:
        doc.label_line(label, text, 7.5)
    if not signed_early:
        _attestation(doc, opts)
    keys = month_keys(ev)
    if keys and any(shown(ev) for shown in hooks("monthly_shown")):
        doc.need(30)
        doc.set_font(FONT, "B", 9)
        shown = keys[-SUMMARY_MONTHS:]
        title = "Key numbers per month (days)"
        if len(keys) > len(shown):
            title += (
                f": the last {len(shown)} of {len(keys)} months; every month in 'Monthly numbers'"
            )
        doc.multi_cell(0, 4.4, clean(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        monthly_table(doc, ev, shown)
        notes = []
        if any(partial(ev, k) for k in shown):
            notes.append("* partial month: only part of it is inside the period")
        for monthly_note in hooks("monthly_note"):
            note = monthly_note(ev)
            if note:
                notes.append(note)
        if notes:
            doc.para("; ".join(notes) + ".", 6.5, "I")
    # Clinician's notes: ruled lines to write on.
    doc.need(24)
    doc.ln(1)
    doc.set_font(FONT, "B", 8)
    doc.cell(0, 5, "Clinician's notes:", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.set_draw_color(120)
    for _ in range(3):
        y = doc.get_y() + 5
        doc.line(doc.l_margin, y, doc.w - doc.r_margin, y)
        doc.set_y(y + 1)
    doc.set_draw_color(0)
    doc.ln(3)


def _attestation(doc: Doc, opts: ReportOptions) -> None:
    name = opts.clinician_name.strip() if opts.include_patient else ""
    npi = opts.clinician_npi.strip() if opts.include_patient else ""
    attestation(doc, name, npi)


# ---------------------------------------------------------------- entry point


def _diaries() -> str:
    """ "headache, sweating or jaw": the registered conditions' short names."""
    from utils import conditions

    names = [spec.short.lower() for spec in conditions.all_specs()]
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else "".join(names)


def build_report(
    evidence: Evidence, entries: Sequence[Any], options: ReportOptions | None = None
) -> bytes:
    """The PDF for ``evidence``; ``entries`` are the same StoredEntry rows it was built from.

    Laid out with the cyclic garbage collector paused (``utils.core.bulk``): fpdf2 makes hundreds
    of thousands of short-lived objects for a long diary, and each collection it would trigger
    walks every object of the process (the server's cached diaries too) to free none of them."""
    with collector_paused():
        return _build_report(evidence, entries, options)


def _build_report(
    evidence: Evidence, entries: Sequence[Any], options: ReportOptions | None
) -> bytes:
    opts = options or ReportOptions()
    ev = evidence
    generated = fmt_date(ev.generated_at.date())
    p = ev.period
    running = (
        f"{opts.title}: {fmt_date(p.start)} to {fmt_date(p.counted_end)}. Self-reported by the "
        "patient."
    )
    doc = Doc(opts.paper, running, generated)
    doc.identifiers = identifiers_line(opts)
    doc.set_title(clean(f"{opts.title}, {p.start.isoformat()} to {p.counted_end.isoformat()}"))
    doc.set_lang("en")
    doc.set_subject(f"Self-reported {_diaries()} diary summary for a coverage request")
    doc.set_creator("Coverage Diary")
    doc.set_creation_date(ev.generated_at)
    summary_page(doc, ev, entries, opts)
    if opts.charts:
        sections.charts(doc, ev)
    every_month = any(wanted(ev) for wanted in hooks("monthly_all"))
    if every_month and len(month_keys(ev)) > SUMMARY_MONTHS:
        sections.monthly_all(doc, ev)
    if opts.treatments:
        sections.treatments(doc, ev, entries)
    if opts.sessions:
        sections.sessions(doc, ev, entries)
    if opts.questionnaires:
        sections.questionnaires(doc, ev, entries)
    for section in hooks("section"):  # each condition's own section, under its own switch
        section(doc, ev, opts)
    sections.readiness(doc, ev)  # labelled as a projection
    sections.definitions(doc, ev)
    if opts.appendix:
        sections.appendix(doc, ev, entries)
    return bytes(doc.output())


def file_name(evidence: Evidence, prefix: str = "diary-summary") -> str:
    p = evidence.period
    return f"{prefix}-{p.start.isoformat()}-to-{p.counted_end.isoformat()}.pdf"
