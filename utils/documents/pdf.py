"""PDF building blocks shared by the doctor summary and the letters (fpdf2): the public API.

- ``Doc``: an fpdf2 document with the embedded DejaVu faces (parsed once per process), a running
  header (the patient's identifiers when chosen, the running title from page 2), a footer with
  the page number, and building blocks: ``h1``, ``h2``, ``h3``, ``para``, ``label_line``,
  ``grid`` (a zebra table whose over-long rows continue), ``need``/``room`` (page breaks).
  ``Doc.image`` reuses a PNG decoded by an earlier document. Letters subclass it for their own
  header (the draft mark).
- ``clean``: text the fonts can draw (control characters dropped, undrawable ones replaced by
  ``PLACEHOLDER``); every text goes through it first.
- ``fmt_date``, ``fmt_num``: dates and numbers as the documents print them.
- ``png_size``: a PNG's size in pixels; ``attestation``: the clinician attestation block.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import struct
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import matplotlib
from fpdf import FPDF
from fpdf.enums import TableCellFillMode, XPos, YPos
from fpdf.fonts import FontFace

__all__ = [
    "ATTESTATION_HEIGHT",
    "FONT",
    "FONT_DIR",
    "FONT_FILES",
    "HEADER_FILL",
    "PAPERS",
    "PLACEHOLDER",
    "ZEBRA_FILL",
    "Doc",
    "XPos",
    "YPos",
    "attestation",
    "clean",
    "fmt_date",
    "fmt_num",
    "png_size",
]

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "dejavu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
PLACEHOLDER = "\u25a1"  # white square: stands for a character the font cannot draw
PAPERS = {"Letter": "Letter", "A4": "A4"}  # US Letter by default: the plans are American
HEADER_FILL = (225, 225, 225)
ZEBRA_FILL = (245, 245, 245)

# ---------------------------------------------------------------- text


@cache
def _drawable() -> frozenset[int]:
    """Code points every embedded style can draw."""
    from fontTools.ttLib import TTFont

    sets = [set(TTFont(FONT_DIR / f, lazy=True).getBestCmap()) for f in FONT_FILES.values()]
    return frozenset(set.intersection(*sets))


def clean(text: Any) -> str:
    """Printable text: control characters dropped, undrawable ones replaced by a square."""
    if text is None:
        return ""
    s = str(text)
    if s.isascii() and s.isprintable():
        return s
    ok = _drawable()
    out = []
    for ch in s:
        if ch in "\n\t":
            out.append(" " if ch == "\t" else ch)
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cs", "Co", "Cn") or ch in "\u2028\u2029":
            if cat == "Cc" and ch in "\r\x0b\x0c":
                out.append(" ")
            continue
        if cat == "Cf":  # zero-width joiners, direction marks: invisible, often undrawable
            continue
        out.append(ch if ord(ch) in ok else PLACEHOLDER)
    return "".join(out)


def fmt_date(d: dt.date | None) -> str:
    return d.strftime("%d %b %Y") if d else ""


def fmt_num(x: float | None) -> str:
    if x is None:
        return "n/a"
    return f"{x:g}"


# ---------------------------------------------------------------- document


class Doc(FPDF):
    def __init__(
        self, paper: str, running_title: str, generated: str, footer_text: str = ""
    ) -> None:
        super().__init__(orientation="portrait", unit="mm", format=PAPERS.get(paper, "Letter"))
        self.running_title = running_title
        self.generated = generated
        self.footer_text = footer_text or f"Self-reported by the patient, generated on {generated}"
        for style, name in FONT_FILES.items():
            self._add_parsed_font(style, name)
        # Bold or italic text falls back to the regular face for the few glyphs they lack.
        self.set_fallback_fonts([FONT], exact_match=False)
        self.set_margins(14, 14, 14)
        self.set_auto_page_break(True, margin=16)
        self.alias_nb_pages()

    identifiers: str = ""  # the patient's identifiers on every page, when chosen

    def _add_parsed_font(self, style: str, name: str) -> None:
        """``add_font``, with the font's widths and glyph map parsed once per process.

        Parsing a DejaVu face (its metrics for thousands of glyphs) costs tens of milliseconds;
        the parsed tables never change, so later documents copy them. Each document still gets
        its own (lazily read) font file object and subset, which fpdf2 trims when it writes.
        """
        from fontTools import ttLib
        from fpdf.fonts import SubsetMap, TTFFont

        path = str(FONT_DIR / name)
        with _FONT_LOCK:
            proto = _FONT_PROTOTYPES.get(style)
        if proto is None:
            scratch = FPDF()
            scratch.add_font(FONT, style, path)
            proto = scratch.fonts[f"{FONT}{style}"]
            with _FONT_LOCK:
                proto = _FONT_PROTOTYPES.setdefault(style, proto)
        font = _font_class().__new__(_font_class())
        for slot in TTFFont.__slots__:
            if hasattr(proto, slot):
                setattr(font, slot, getattr(proto, slot))
        font.i = len(self.fonts) + 1
        font.ttfont = ttLib.TTFont(path, recalcTimestamp=False, lazy=True)
        font._hbfont = None
        font.biggest_size_pt = 0
        font.missing_glyphs = []
        font.subset = SubsetMap(font)
        font.widths = {}
        self.fonts[f"{FONT}{style}"] = font

    def image(self, name: Any, *args: Any, **kwargs: Any) -> Any:
        """``FPDF.image``; a PNG already decoded by an earlier document is not decoded again."""
        if isinstance(name, bytes):
            _reuse_image(self, name)
        return super().image(name, *args, **kwargs)

    def header(self) -> None:
        if self.page_no() == 1 and not self.identifiers:
            return
        self.set_font(FONT, "", 7)
        self.set_text_color(90)
        if self.identifiers:
            self.set_font(FONT, "B", 7)
            self.cell(0, 4, clean(self.identifiers), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_font(FONT, "", 7)
        if self.page_no() > 1:
            self.cell(0, 4, clean(self.running_title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0)
        self.ln(1)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 7)
        self.set_text_color(90)
        self.cell(0, 4, clean(self.footer_text), align="L")
        self.set_x(self.l_margin)
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0)

    # -- building blocks

    @property
    def width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def room(self) -> float:
        return self.page_break_trigger - self.get_y()

    def need(self, height: float) -> None:
        if self.room() < height:
            self.add_page()

    def h1(self, text: str) -> None:
        self.set_font(FONT, "B", 14)
        self.multi_cell(0, 7, clean(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def h2(self, text: str, new_page: bool = False) -> None:
        if new_page:
            self.add_page()
        else:
            self.need(18)
            self.ln(2)
        self.start_section(clean(text), level=0)
        self.set_font(FONT, "B", 11)
        self.multi_cell(0, 6, clean(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(0.5)

    def h3(self, text: str) -> None:
        self.need(12)
        self.ln(1)
        self.set_font(FONT, "B", 9)
        self.multi_cell(0, 4.6, clean(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def para(self, text: str, size: float = 8, style: str = "", gap: float = 0.6) -> None:
        self.set_font(FONT, style, size)
        self.multi_cell(0, size * 0.46, clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(gap)

    def label_line(self, label: str, text: str, size: float = 8) -> None:
        self.set_font(FONT, "B", size)
        self.write(size * 0.46, clean(label) + " ")
        self.set_font(FONT, "", size)
        self.write(size * 0.46, clean(text))
        self.ln(size * 0.46 + 0.6)

    def grid(
        self,
        headings: Sequence[str],
        rows: Iterable[Sequence[Any]],
        widths: Sequence[float],
        size: float = 7.5,
        align: str | Sequence[str] = "LEFT",
    ) -> None:
        self.set_font(FONT, "", size)
        self.set_draw_color(150)
        with self.table(
            col_widths=tuple(widths),
            width=self.width,
            text_align=align,
            line_height=size * 0.43,
            padding=(0.6, 1.0),
            headings_style=FontFace(emphasis="BOLD", fill_color=HEADER_FILL),
            cell_fill_color=ZEBRA_FILL,
            cell_fill_mode=TableCellFillMode.ROWS,
            borders_layout="HORIZONTAL_LINES",
            first_row_as_headings=True,
            repeat_headings=1,
        ) as table:
            table.row([clean(h) for h in headings])
            for r in rows:
                for part in self._split_row([clean(c) for c in r], widths, size):
                    table.row(part)
        self.set_draw_color(0)
        self.ln(1.5)

    def _split_row(self, cells: list[str], widths: Sequence[float], size: float) -> list[list[str]]:
        """A row whose text would not fit on one page, as several rows ("continued")."""
        total = sum(widths)
        line_h = size * 0.43
        max_lines = max(3, int((self.page_break_trigger - self.t_margin - 20) * 0.6 / line_h))
        chunks: list[list[str]] = []
        for text, w in zip(cells, widths, strict=False):
            col = max(5.0, w / total * self.width - 2.5)
            chunks.append(self._chunks(text, col, max_lines))
        if all(len(c) == 1 for c in chunks):
            return [cells]
        out = []
        for i in range(max(len(c) for c in chunks)):
            row = [c[i] if i < len(c) else "" for c in chunks]
            if i:
                row[0] = (row[0] + " " if row[0] else "") + "(continued)"
            out.append(row)
        return out

    def _chunks(self, text: str, col: float, max_lines: int) -> list[str]:
        if text.count("\n") > max_lines // 3:  # many short lines: keep them, joined
            text = " / ".join(x.strip() for x in text.split("\n") if x.strip())
        if len(text) < 200:
            return [text]
        budget = col * max_lines * 0.85
        # Rough but safe: the widest glyphs set the pace (no per-word measuring, which is slow).
        per_chunk = max(20, int(budget / (self.get_string_width("W") * 0.75)))
        if len(text) <= per_chunk:
            return [text]
        out = []
        rest = text
        while len(rest) > per_chunk:
            cut = rest.rfind(" ", per_chunk // 2, per_chunk)
            cut = cut if cut > 0 else per_chunk
            out.append(rest[:cut].strip())
            rest = rest[cut:]
        if rest.strip():
            out.append(rest.strip())
        return out


@cache
def _font_class() -> type:
    """fpdf2's TrueType font, measuring text faster (same sums, same order) and remembering the
    width of each text it measured in this document: line breaking measures every growing
    prefix of a line, and tables lay each cell out twice."""
    from fpdf.fonts import TTFFont

    class _Font(TTFFont):
        __slots__ = ("widths",)

        def get_text_width(
            self, text: str, font_size_pt: float, text_shaping_params: Any
        ) -> tuple[int, float]:
            if text_shaping_params or self.is_symbol:
                return super().get_text_width(text, font_size_pt, text_shaping_params)
            if font_size_pt > self.biggest_size_pt:
                self.biggest_size_pt = font_size_pt
            units = self.widths.get(text)
            if units is None:
                units = self.widths[text] = sum(map(self.cw.__getitem__, map(ord, text)))
            return len(text), units * font_size_pt * 0.001

    return _Font


_FONT_LOCK = threading.Lock()
_FONT_PROTOTYPES: dict[str, Any] = {}  # style -> parsed TTFFont to copy (see _add_parsed_font)
_IMAGE_INFO: OrderedDict[str, Any] = OrderedDict()  # md5 of PNG -> fpdf2's decoded image info
_IMAGE_INFO_MAX = 48


def _png_key(png: bytes) -> str:
    return hashlib.md5(png.strip(), usedforsecurity=False).hexdigest()  # fpdf2's own image key


def _reuse_image(doc: FPDF, png: bytes) -> None:
    """Give ``doc`` the decoded form of ``png`` when an earlier document decoded it (fpdf2 then
    finds it in its per-document cache), and remember this document's decoding for later ones."""
    key = _png_key(png)
    images = doc.image_cache.images
    if key in images:
        return
    with _FONT_LOCK:
        info = _IMAGE_INFO.get(key)
        if info is not None:
            _IMAGE_INFO.move_to_end(key)
    if info is None:
        from fpdf.image_parsing import get_img_info

        info = get_img_info(key, png, doc.image_cache.image_filter)
        if info.get("iccp") is not None:
            return  # fpdf2 numbers colour profiles per document: let it decode this one
        with _FONT_LOCK:
            _IMAGE_INFO[key] = info
            while len(_IMAGE_INFO) > _IMAGE_INFO_MAX:
                _IMAGE_INFO.popitem(last=False)
    mine = type(info)(info)
    mine["i"] = len(images) + 1
    mine["usages"] = 0  # FPDF.image counts this use
    mine["iccp_i"] = None
    images[key] = mine


def png_size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


ATTESTATION_HEIGHT = 26  # mm: the clinician attestation block


def attestation(doc: Doc, name: str = "", npi: str = "") -> None:
    """The clinician attestation block: a statement, then signature, date, name and NPI lines
    (``name`` and ``npi`` printed when given)."""
    doc.need(ATTESTATION_HEIGHT)
    doc.ln(0.5)
    doc.set_draw_color(120)
    top = doc.get_y()
    doc.set_font(FONT, "B", 8.5)
    doc.set_xy(doc.l_margin + 2, top + 0.8)
    doc.cell(0, 4.5, "Clinician attestation", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    doc.set_font(FONT, "", 7.5)
    doc.set_x(doc.l_margin + 2)
    doc.multi_cell(
        doc.width - 4,
        3.6,
        "I have reviewed this diary with the patient. The diagnosis and the treatments listed "
        "are consistent with my records, except as noted.",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    quarter = (doc.width - 4) / 4
    for labels in (("Signature", "Date"), ("Name", "NPI")):
        doc.ln(3.2)
        y = doc.get_y() + 3
        spans = ((0, 2.6), (2.6, 1.4))  # a long field, then a short one
        for label, (at, width) in zip(labels, spans, strict=True):
            x = doc.l_margin + 2 + at * quarter
            value = {"Name": name, "NPI": npi}.get(label, "")
            doc.set_xy(x, y - 3.5)
            doc.cell(16, 4, label + ":")
            if value:
                doc.cell(width * quarter - 20, 4, clean(value))
            doc.line(x + 16, y + 0.6, x + width * quarter - 4, y + 0.6)
        doc.set_y(y + 1)
    doc.ln(1.2)
    doc.rect(doc.l_margin, top, doc.width, doc.get_y() - top)
    doc.set_draw_color(0)
    doc.ln(1.5)
