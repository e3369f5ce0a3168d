"""A letter's plain text as a PDF, on the public ``Doc`` of ``utils.documents.pdf``: the draft
mark in every page's header and as a faint watermark, the blanks in bold and underlined."""

from __future__ import annotations

import datetime as dt

from utils.documents.letter_text import DRAFT_MARK, parse, segments
from utils.documents.pdf import FONT, Doc, clean, fmt_date

__all__ = ["LetterDoc", "to_pdf"]


class LetterDoc(Doc):
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


def to_pdf(
    text: str,
    title: str = "Letter",
    paper: str = "Letter",
    generated: str = "",
    draft_mark: str = DRAFT_MARK,
) -> bytes:
    generated = generated or fmt_date(dt.date.today())
    pdf = LetterDoc(paper, draft_mark, generated, f"Draft generated on {generated}")
    pdf.set_title(clean(title))
    pdf.set_lang("en")
    pdf.set_creator("Coverage Diary")
    pdf.set_margins(20, 18, 20)
    pdf.add_page()

    def write(line: str, size: float) -> None:
        h = size * 0.5
        for seg, blank in segments(clean(line)):
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
