"""Reports & letters: the doctor-visit PDF and editable letter drafts, built from the evidence."""

from __future__ import annotations

import streamlit as st

from utils import casefile, letters, report, ui
from utils.cases import CoverageCase
from utils.core.diary import daily_kinds
from utils.core.entries import now
from utils.core.profile import ProfileSettings

try:  # the shared, cached evidence (built once per profile, period and revision)
    from utils.cached import evidence_for, letter_texts
except ImportError:  # pragma: no cover - fallback when the cache module is absent
    evidence_for = letter_texts = None

DAILY_KINDS = ("attack", "headache_checkin", "sweat_day", "jaw_day")  # the first three's
DAILY_KINDS += tuple(k for k in daily_kinds() if k not in DAILY_KINDS)  # every registered one

st.title("Reports & letters")
st.markdown(
    "Build a summary to bring to your doctor, and draft letters your doctor can edit and sign. "
    "Choose what to include, download, then check every highlighted blank before anything is sent."
)

profile = ui.require_profile()
rows = ui.all_entries(profile)
if not any(r.kind in DAILY_KINDS for r in rows):
    st.info(
        "Your diary is empty, so there is nothing to summarise yet. Log a few days on the diary "
        "pages (or load a sample profile under Profiles & settings) and come back here."
    )
    st.stop()

# The documents have their own period (not the sidebar's): since the diary began by default.
today = now().date()
first_day = casefile.first_diary_day(rows)
choice = st.radio(
    "Period of the documents",
    list(casefile.REPORT_PERIODS),
    format_func=casefile.REPORT_PERIODS.get,
    horizontal=True,
    key="rep_period",
)
custom = None
if choice == casefile.CUSTOM:
    picked = st.date_input(
        "From - to",
        value=(first_day or today, today),
        max_value=today,
        key="rep_range",
    )
    if isinstance(picked, tuple) and len(picked) == 2:
        custom = picked
start, end = casefile.report_window(choice, today, first_day, custom)

if evidence_for is not None:
    evidence = evidence_for(profile, start, end)
else:  # pragma: no cover
    from utils.evidence import build_evidence

    evidence = build_evidence(rows, profile.conditions, start, end, profile.settings, now())

st.caption(
    f"The PDF and the letters cover {ui.period_label(start, end)} and print it. This page's "
    "period is its own; the sidebar's period does not apply here."
)

details = ProfileSettings.from_settings(profile.settings)
include = st.toggle(
    "Print my identifiers (name, date of birth, member ID) and my clinician on the documents",
    value=details.print_identifiers,
    key="rep_include_name",
    help="Set them under Profiles & settings.",
)
if include and not (details.patient_name or details.date_of_birth or details.member_id):
    st.caption("No identifiers saved yet: add them under Profiles & settings.")
info = letters.PatientInfo.from_settings({**profile.settings, "print_identifiers": include})
name, dob = info.name, info.date_of_birth

pdf_tab, letter_tab = st.tabs(["Doctor-visit summary (PDF)", "Letter drafts"])

with pdf_tab:
    c1, c2 = st.columns(2)
    paper = c1.radio("Paper size", ["Letter", "A4"], horizontal=True, key="rep_paper")
    c2.markdown("**Sections**")
    chosen = {}
    cols = st.columns(2)
    defaults = report.ReportOptions()
    for i, (key, label) in enumerate(report.SECTIONS.items()):
        chosen[key] = cols[i % 2].checkbox(label, value=getattr(defaults, key), key=f"rep_{key}")
    options = report.options_from(
        paper=paper,
        include_patient=include,
        patient_name=name or "",
        date_of_birth=dob,
        member_id=info.member_id,
        clinician_name=info.clinician_name,
        clinician_specialty=info.clinician_specialty,
        clinician_npi=info.clinician_npi,
        **chosen,
    )
    signature = (profile.id, profile.revision, start, end, repr(options), evidence.generated_at)
    if st.button(
        "Build the PDF", type="primary", icon=":material/picture_as_pdf:", key="rep_build"
    ):
        with st.spinner("Drawing the charts and tables..."):
            st.session_state["rep_pdf"] = (signature, report.build_report(evidence, rows, options))
    built = st.session_state.get("rep_pdf")
    if built and built[0] == signature:
        st.download_button(
            "Download the summary (PDF)",
            data=built[1],
            file_name=report.file_name(evidence),
            mime="application/pdf",
            icon=":material/download:",
            key="rep_download",
        )
        st.caption(
            "Page 1 is the one-minute summary; charts and tables follow. Print it or send it "
            "to the practice before the visit."
        )
    elif built:
        st.caption("The options changed: build the PDF again.")

with letter_tab:
    c1, c2 = st.columns(2)
    kind = c1.radio(
        "Letter",
        list(letters.LETTER_TYPES),
        format_func=letters.LETTER_TYPES.get,
        horizontal=True,
        key="let_kind",
    )
    condition = c2.selectbox(
        "For", list(evidence.conditions), format_func=ui.condition_label, key="let_condition"
    )
    case: CoverageCase | None = None
    case_id = None
    if kind == "appeal":
        cases = [r for r in rows.of_kinds(["coverage_case"]) if r.entry.condition == condition]
        ids = [None, *(r.id for r in cases)]
        labels = {r.id: f"{r.entry.title()} ({r.entry.stage.replace('_', ' ')})" for r in cases}
        case_id = st.selectbox(
            "Coverage case",
            ids,
            index=len(ids) - 1,
            format_func=lambda i: labels.get(i, "No case: fill in the denial details by hand"),
            key="let_case",
        )
        case = next((r.entry for r in cases if r.id == case_id), None)
        if case is None:
            st.caption("Add the denial on the Coverage cases page to fill in its date and reason.")
    if letter_texts is not None:  # drafted once per evidence, letter and case
        text, checklist = letter_texts(profile, start, end, kind, condition, case_id, info)
    else:  # pragma: no cover
        text = letters.draft(kind, evidence, rows, condition, case=case, info=info)
        checklist = letters.clinician_checklist(evidence, rows, condition)
    nonce = st.session_state.get("let_nonce", 0)
    text_key = (
        f"let_text_{kind}_{condition}_{case_id}_{start}_{end}_{profile.revision}_{nonce}"
        f"_{hash(info)}"
    )
    edited = st.text_area(
        "Edit the draft",
        value=text,
        height=520,
        key=text_key,
        help="Lines starting with '# ' or '## ' become headings, '- ' a list item.",
    )
    left = letters.blanks(edited)
    if left:
        st.warning(
            f"{len(left)} blanks still to fill (marked [DOCTOR TO ...] or [PATIENT TO ...]); "
            "they are highlighted in the downloads."
        )
    with st.expander(
        "Checklist for the clinician (not part of the letter)", icon=":material/checklist:"
    ):
        st.text(checklist)
        st.download_button(
            "Download the checklist (PDF)",
            data=lambda: letters.to_pdf(
                checklist, "Checklist for the clinician", paper=paper, draft_mark=""
            ),
            file_name=f"clinician-checklist-{condition}-{end.isoformat()}.pdf",
            mime="application/pdf",
            icon=":material/download:",
            key="let_checklist",
        )
    title = f"{letters.LETTER_TYPES[kind]} ({ui.condition_label(condition)})"
    stem = letters.file_stem(kind, condition, evidence)
    c1, c2, c3 = st.columns(3)
    c1.download_button(
        "Download as Word (DOCX)",
        data=lambda: letters.to_docx(edited, title),  # built on click, not on every rerun
        file_name=f"{stem}.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        icon=":material/download:",
        key="let_docx",
    )
    c2.download_button(
        "Download as PDF",
        data=lambda: letters.to_pdf(edited, title, paper=paper),
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        icon=":material/download:",
        key="let_pdf",
    )
    if c3.button("Start again from the diary", key="let_reset"):
        st.session_state["let_nonce"] = nonce + 1
        st.rerun()
