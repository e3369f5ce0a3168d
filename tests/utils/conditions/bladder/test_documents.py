"""The bladder sample through every renderer: the PDF (page 1 line, section), the letters, the
FHIR bundle and the CSV templates; all from the Evidence, every number the engine's."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from tests.clock import NOW
from utils import exchange
from utils.documents.letters import clinician_checklist, necessity_letter
from utils.evidence import build_evidence
from utils.exchange.fhir import build_bundle
from utils.report import ReportOptions, build_report
from utils.sample import load_sample
from utils.store import Store

DAYS = 240


def _evidence(store: Store):
    p = load_sample(store, "bladder", days=DAYS)
    rows = store.entries(p.id)
    end = NOW.date()
    ev = build_evidence(rows, p.conditions, end - dt.timedelta(days=DAYS - 1), end, {}, NOW)
    return ev, rows


def test_pdf_has_the_bladder_numbers_on_page_1_and_its_section(store: Store) -> None:
    ev, rows = _evidence(store)
    b = ev.by_condition["bladder"]
    pages = [
        p.extract_text()
        for p in PdfReader(io.BytesIO(build_report(ev, rows, ReportOptions()))).pages
    ]
    first = " ".join(pages[0].split())
    assert "N32.81" in first
    assert f"{b.complete_days} complete of {b.logged_days} logged days" in first
    assert "overactive bladder with urge leaks): first botox authorization" in first.lower()
    everything = " ".join(" ".join(pages).split())
    assert "Bladder diary" in everything and "3-day blocks" in everything


def test_letters_name_the_condition_and_the_clinician_items(store: Store) -> None:
    ev, rows = _evidence(store)
    letter = necessity_letter(ev, rows, "bladder")
    assert "overactive bladder with urge urinary incontinence" in letter
    assert "CPT 52287" in letter
    b = ev.by_condition["bladder"]
    assert f"urge leaks fell by {b.urge_leak_change_pct:g}%" in letter
    checklist = clinician_checklist(ev, rows, "bladder")
    assert "Post-void residual" in checklist


def test_fhir_has_one_observation_per_complete_day_and_csv_templates(store: Store) -> None:
    ev, rows = _evidence(store)
    bundle = (
        build_bundle(ev, rows).model_dump(mode="json")
        if hasattr(build_bundle(ev, rows), "model_dump")
        else build_bundle(ev, rows)
    )
    text = str(bundle)
    b = ev.by_condition["bladder"]
    assert text.count("bladder-diary-day") >= sum(1 for d in b.days if d.complete)
    assert (
        "bladder_event" in exchange.template_kinds() and "bladder_day" in exchange.template_kinds()
    )
    head = exchange.template_csv("bladder_event").decode("utf-8-sig").splitlines()[0]
    assert head.startswith("at,event,volume_ml,urgency")


def test_the_bladder_section_can_be_switched_off(store: Store) -> None:
    from utils.report import options_from

    opts = options_from(bladder=False)
    assert opts.bladder is False and options_from().bladder is True
    ev, rows = _evidence(store)
    pages = PdfReader(io.BytesIO(build_report(ev, rows, opts))).pages
    assert "3-day blocks:" not in " ".join(p.extract_text() for p in pages[1:])


def test_appeal_letter_says_the_use_is_on_the_label(store: Store) -> None:
    from utils.documents.letters import appeal_letter

    ev, rows = _evidence(store)
    letter = appeal_letter(ev, rows, "bladder", None, None)
    assert "approved by the FDA for overactive bladder with urge urinary incontinence" in letter
