"""The public PDF building blocks: what the report and the letters both build on."""

from __future__ import annotations

import io

from pypdf import PdfReader

from utils.documents import pdf


def _text(doc: pdf.Doc) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(bytes(doc.output()))).pages)


def test_attestation_prints_the_name_and_npi_only_when_given() -> None:
    doc = pdf.Doc("Letter", "Running title", "01 Jan 2026")
    doc.add_page()
    pdf.attestation(doc, "Dr Ada Example", "1234567893")
    pdf.attestation(doc)
    text = _text(doc)
    assert text.count("Clinician attestation") == 2
    assert text.count("Dr Ada Example") == 1 and text.count("1234567893") == 1


def test_a_table_too_long_for_a_page_continues_on_the_next() -> None:
    doc = pdf.Doc("A4", "Running title", "01 Jan 2026")
    doc.add_page()
    doc.grid(("Day", "Notes"), [("Mon", "word " * 2000)], (20, 160))
    text = _text(doc)
    assert "(continued)" in text and len(PdfReader(io.BytesIO(bytes(doc.output()))).pages) >= 2


def test_clean_and_the_number_formats() -> None:
    assert pdf.clean(None) == "" and pdf.clean("a\tb\x00c") == "a bc"
    assert pdf.clean("\U0001f915") == pdf.PLACEHOLDER
    assert pdf.fmt_num(None) == "n/a" and pdf.fmt_num(2.50) == "2.5"
