"""A letter's plain text as a DOCX file (python-docx): headings, bullets, the blanks in bold and
highlighted, the draft mark in every page's header (never in the letter's body)."""

from __future__ import annotations

import io
from typing import Any

from utils.documents.letter_text import DRAFT_MARK, parse, segments, xml_safe

__all__ = ["to_docx"]


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
            for seg, blank in segments(xml_safe(ln)):
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
