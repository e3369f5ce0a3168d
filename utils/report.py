"""The doctor-visit summary as a PDF (fpdf2): evidence in, bytes out.

Page 1 is the page a clinician reads in a minute: the patient's identifiers (when chosen, on
every page's header), the treating clinician, period, diagnosis codes for the clinician to
confirm, completeness, the checklist that fits the stage (renewal once a Botox session exists,
the first authorization as history) with its evidence and gaps, one chart against the
thresholds, baseline and latest scores, the overuse history and a clinician attestation; the key
numbers per month and a space for notes follow. Charts, the treatment ledger, Botox sessions,
questionnaires, sweating and jaw sections, the definitions in plain words and an optional
day-by-day appendix follow; each section but the definitions can be switched off.

Every figure printed is read from one ``Evidence`` object (``utils.evidence``): nothing is counted
again here. Raw entries are only read for what the engine does not summarise (the ledger rows,
MIDAS items, notes) so the report shows them as the patient wrote them.

Text goes through ``clean`` first: characters the embedded DejaVu fonts lack (emoji, most CJK)
become a visible placeholder rather than an error or a silent gap.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import struct
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any

import matplotlib
from fpdf import FPDF
from fpdf.enums import TableCellFillMode, XPos, YPos
from fpdf.fonts import FontFace

from utils import catalog
from utils.criteria import FOR_CLINICIAN, MET, MISSING, NOT_MET, RuleSetResult
from utils.evidence import Evidence
from utils.metrics import PRIMARY_FEATURES, month_bounds, month_key, month_label, next_month_key
from utils.models import (
    CONDITIONS,
    HDSS_ATTRIBUTION,
    MIDAS_ITEMS,
    OUTCOMES,
    TOXIN_PRODUCTS,
    BotoxSession,
    HdssAssessment,
    Hit6,
    Midas,
    SideEffect,
    Treatment,
)
from utils.scores import hit6_band, midas_grade

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "dejavu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
PLACEHOLDER = "\u25a1"  # white square: stands for a character the font cannot draw
PAPERS = {"Letter": "Letter", "A4": "A4"}  # US Letter by default: the plans are American
STATUS_TEXT = {
    MET: "\u2713 met",
    NOT_MET: "\u2717 not met",
    MISSING: "? missing data",
    FOR_CLINICIAN: "\u2192 for the clinician",
}
MISSING_TEXT = "? missing data"
SUMMARY_MONTHS = 12
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


def status_text(status: str) -> str:
    """A status in words; a status this module does not know is printed as itself."""
    return STATUS_TEXT.get(status, "\u2022 " + str(status).replace("_", " "))


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
    overuse: bool = True
    sweating: bool = True
    jaw: bool = True
    appendix: bool = False
    title: str = "Diary summary for the doctor's visit"
    extra: dict[str, Any] = field(default_factory=dict)


SECTIONS: dict[str, str] = {
    "charts": "Charts",
    "treatments": "Treatment ledger",
    "sessions": "Botox sessions and response",
    "questionnaires": "Questionnaires (MIDAS items, HIT-6, HDSS)",
    "overuse": "Acute medication and overuse",
    "sweating": "Sweating section (when tracked)",
    "jaw": "Jaw section (when tracked)",
    "appendix": "Day-by-day appendix",
}


def options_from(**values: Any) -> ReportOptions:
    names = {f.name for f in fields(ReportOptions)}
    return ReportOptions(**{k: v for k, v in values.items() if k in names})


# ---------------------------------------------------------------- document


class _Doc(FPDF):
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


def _png_size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


# ---------------------------------------------------------------- page 1


def _patient_lines(doc: _Doc, opts: ReportOptions) -> None:
    if opts.include_patient and (opts.patient_name or opts.date_of_birth or opts.patient_details):
        parts = [opts.patient_name.strip() or "name not given"]
        if opts.date_of_birth:
            parts.append(f"born {fmt_date(opts.date_of_birth)}")
        if opts.patient_details.strip():
            parts.append(opts.patient_details.strip())
        doc.label_line("Patient:", ", ".join(parts))
    else:
        doc.label_line("Patient:", "_" * 46 + "  (name left out of this copy)")


def _completeness_text(ev: Evidence) -> list[str]:
    c = ev.completeness
    out = []
    for cond, logged in c.logged_days.items():
        share = c.logged_share.get(cond)
        pct = f" ({share * 100:.0f}%)" if share is not None else ""
        out.append(f"{CONDITIONS.get(cond, cond)}: {logged} of {c.days_in_period} days logged{pct}")
    extra = []
    if c.late_share:
        extra.append(
            f"{c.late_entries} of {c.daily_entries} daily entries written more than 2 days late "
            f"({c.late_share * 100:.0f}%)"
        )
    if "headache" in ev.conditions and c.headache_days:
        missing = []
        if c.missing_duration:
            missing.append(f"duration on {c.missing_duration}")
        if c.missing_pain:
            missing.append(f"pain on {c.missing_pain}")
        if c.missing_features:
            missing.append(f"migraine features on {c.missing_features}")
        if missing:
            extra.append(f"of {c.headache_days} headache days, missing: " + ", ".join(missing))
    return ["; ".join(out) + "." if out else "nothing tracked."] + (
        ["; ".join(extra) + "."] if extra else []
    )


def _checklist(doc: _Doc, rs: RuleSetResult, prefix: str = "") -> None:
    doc.need(20)
    doc.set_font(FONT, "B", 9)
    overall = status_text(rs.status).split(" ", 1)[-1]
    doc.multi_cell(
        0,
        4.4,
        clean(f"{prefix}{rs.title}: {overall} ({rs.summary})"),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    rows = []
    for c in rs.criteria:
        text = c.evidence
        if c.gap:
            text += f" Gap: {c.gap}."
        rows.append((status_text(c.status), c.question, text))
    doc.grid(("Status", "Commonly required", "Evidence from the diary"), rows, (15, 60, 105), 7)
    doc.set_font(FONT, "I", 6.5)
    doc.multi_cell(
        0,
        3,
        clean(
            f"Rules: {rs.title}, commonly required criteria checked {rs.last_checked}; "
            "plans differ, the plan's own policy decides."
        ),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    doc.ln(1)


def _history(doc: _Doc, rs: RuleSetResult) -> None:
    """A rule set shown as history (the first authorization once renewal applies): compact."""
    doc.need(14)
    doc.set_font(FONT, "B", 8)
    doc.multi_cell(
        0,
        4,
        clean(f"History: {rs.title} ({rs.summary})"),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    rows = [
        (status_text(c.status), c.evidence + (f" Gap: {c.gap}." if c.gap else ""))
        for c in rs.criteria
    ]
    doc.grid(("Status", "Evidence from the diary"), rows, (15, 165), 6.5)


def _month_keys(ev: Evidence) -> list[str]:
    keys = []
    if ev.period.days <= 0:
        return keys
    k = month_key(ev.period.start)
    last = month_key(ev.period.counted_end)
    while k <= last:
        keys.append(k)
        k = next_month_key(k)
    return keys


def _partial(ev: Evidence, key: str) -> bool:
    """Whether only part of the month ``key`` lies inside the period."""
    first, last = month_bounds(key)
    return first < ev.period.start or last > ev.period.counted_end


def _monthly_rows(ev: Evidence, keys: Sequence[str]) -> tuple[list[str], list[list[Any]], list]:
    by_month = {m.month: m for m in ev.months}
    by_overuse = {m.month: m for m in (ev.overuse.months if ev.overuse else ())}
    head = ["Month"]
    widths: list[float] = [18]
    if "headache" in ev.conditions:
        head += [
            "Logged",
            "Headache",
            "Migraine",
            "\u2265 4 h",
            "Acute med.",
            "By class",
            "Function \u2193",
        ]
        widths += [15, 14, 14, 10, 14, 30, 14]
    if ev.sweating is not None:
        head.append("Sweating days")
        widths.append(18)
    if ev.jaw is not None:
        head.append("Jaw pain days")
        widths.append(18)
    rows = []
    for k in keys:
        m = by_month.get(k)
        first, last = month_bounds(k)
        row: list[Any] = [month_label(k) + ("*" if _partial(ev, k) else "")]
        if "headache" in ev.conditions:
            if m is None:
                row += ["", "", "", "", "", "", ""]
            elif m.counts.logged == 0:
                row += [f"0/{m.days_in_period}", "not logged", "", "", "", "", ""]
            else:
                c = m.counts
                row += [
                    f"{c.logged}/{m.days_in_period}",
                    c.headache,
                    c.migraine,
                    c.long,
                    c.acute_any,
                    _acute_by_class(by_overuse[k]) if k in by_overuse else "",
                    c.function_impaired,
                ]
        # A month with no sweating or jaw entry says "not logged", never 0 days.
        if ev.sweating is not None:
            logged = ev.sweating.logged_days_by_month.get(k, 0)
            row.append(ev.sweating.symptom_days_by_month.get(k, 0) if logged else "not logged")
        if ev.jaw is not None:
            logged = ev.jaw.logged_days_by_month.get(k, 0)
            row.append(ev.jaw.pain_days_by_month.get(k, 0) if logged else "not logged")
        rows.append(row)
    return head, rows, widths


def _monthly_table(doc: _Doc, ev: Evidence, keys: Sequence[str]) -> None:
    head, rows, widths = _monthly_rows(ev, keys)
    if len(head) == 1:
        return
    align = ["LEFT"] + ["RIGHT"] * (len(head) - 1)
    doc.grid(head, rows, widths, 7, align)


def _thresholds_text(ev: Evidence) -> str:
    used = {rs.id for rs in ev.checklists} | {"general"}
    parts = []
    for row in ev.thresholds.rows:
        if not set(row["rule_sets"]) & used:
            continue
        if row["name"].startswith("hdss") and ev.sweating is None:
            continue
        if row["name"] == "migraine_day_rule" and "headache" not in ev.conditions:
            continue
        value = row["value"]
        if isinstance(value, str):
            value = PLAIN_VALUES.get(value, value.replace("_", " "))
        if isinstance(value, list):
            value = " and ".join(f"{v:g}" for v in value)
        elif isinstance(value, float) and value < 1:
            value = f"{value * 100:.0f}%"
        label = PLAIN_LABELS.get(row["name"]) or re.sub(r"\s*\([^)]*_[^)]*\)", "", row["label"])
        text = f"{label}: {value}"
        if row["from_settings"]:
            default = row["default"]
            if isinstance(default, str):
                default = PLAIN_VALUES.get(default, default.replace("_", " "))
            text += f" (set in this profile; default {default})"
        parts.append(text)
    return "; ".join(parts) + "."


DIAGNOSIS = {
    "headache": "chronic migraine: ICD-10-CM G43.709 or G43.719 (without aura), G43.E09 or "
    "G43.E19 (with aura)",
    "sweating": "primary focal hyperhidrosis: ICD-10-CM L74.510 underarms, L74.511 face, "
    "L74.512 palms, L74.513 soles",
    "jaw": "temporomandibular disorder or bruxism: ICD-10-CM M26.6x (TMJ disorder), G47.63 "
    "(sleep bruxism)",
}
RENEWAL_OF = {"chronic_migraine_renewal": "chronic_migraine_first"}
RENEWAL_OF["hyperhidrosis_renewal"] = "hyperhidrosis_first"
# Setting values in plain words (the appendix never prints a setting's id).
PLAIN_VALUES = {
    "ichd3": "ICHD-3 criteria only",
    "ichd3_or_trial": "ICHD-3 criteria, or the clinical-trial rule",
    "headache_days": "headache days",
    "migraine_days": "migraine days",
    "either": "headache days or migraine days",
}
PLAIN_LABELS = {"migraine_day_rule": "Definition of a migraine day"}
ACUTE_SHORT = {
    "triptan": "Tr",
    "ergot": "Er",
    "simple_analgesic": "An",
    "nsaid": "NS",
    "opioid": "Op",
    "combination_analgesic": "Co",
    "antiemetic": "Ae",
    "gepant": "Ge",
    "ditan": "Di",
}


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
    out: list[tuple[RuleSetResult, bool]] = []
    done: set[str] = set()
    for rs in ev.checklists:
        if rs.id in done:
            continue
        first_id = RENEWAL_OF.get(rs.id)
        if first_id and rs.applies:
            out.append((rs, False))
            done.add(rs.id)
            if first_id in by_id:
                out.append((by_id[first_id], True))
                done.add(first_id)
            continue
        renewal_id = next((k for k, v in RENEWAL_OF.items() if v == rs.id), None)
        renewal = by_id.get(renewal_id) if renewal_id else None
        if renewal is not None and renewal.applies:
            continue  # shown after its renewal set
        out.append((rs, False))
        done.add(rs.id)
    return out


def _scores_rows(ev: Evidence, entries: Sequence[Any]) -> list[tuple[str, str, str]]:
    end = ev.period.counted_end
    rows = []
    midas = sorted((m for _, m in _kind(entries, Midas) if m.date <= end), key=lambda m: m.date)
    if midas:
        first, last = midas[0], midas[-1]
        rows.append(
            (
                "MIDAS",
                f"{first.score()} grade {midas_grade(first.score())[0]} ({fmt_date(first.date)})",
                f"{last.score()} grade {midas_grade(last.score())[0]} ({fmt_date(last.date)})"
                if last is not first
                else "only one recorded",
            )
        )
    hit6 = sorted((h for _, h in _kind(entries, Hit6) if h.date <= end), key=lambda h: h.date)
    if hit6:
        first, last = hit6[0], hit6[-1]
        rows.append(
            (
                "HIT-6",
                f"{first.total} {hit6_band(first.total)} ({fmt_date(first.date)})",
                f"{last.total} {hit6_band(last.total)} ({fmt_date(last.date)})"
                if last is not first
                else "only one recorded",
            )
        )
    hdss = sorted(
        (h for _, h in _kind(entries, HdssAssessment) if h.date <= end), key=lambda h: h.date
    )
    if hdss:
        first, last = hdss[0], hdss[-1]
        rows.append(
            (
                "HDSS",
                f"grade {first.score} ({fmt_date(first.date)})",
                f"grade {last.score} ({fmt_date(last.date)})"
                if last is not first
                else "only one recorded",
            )
        )
    return rows


def _acute_by_class(m: Any) -> str:
    return ", ".join(
        f"{ACUTE_SHORT.get(c, c[:2].title())} {n}" for c, n in sorted(m.days_by_class.items()) if n
    )


def _chronic_pattern(ev: Evidence) -> bool:
    """A headache diary that shows chronic migraine: its frequency criterion is met, or Botox
    for migraine has begun (renewal applies)."""
    for rs in ev.checklists:
        if rs.condition != "headache":
            continue
        if rs.kind == "renewal" and rs.applies:
            return True
        if any(c.criterion == "headache_days" and c.status == MET for c in rs.criteria):
            return True
    return False


ATTESTATION_HEIGHT = 26  # mm: the clinician attestation block


def _attestation(doc: _Doc, opts: ReportOptions) -> None:
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
    name = opts.clinician_name.strip() if opts.include_patient else ""
    npi = opts.clinician_npi.strip() if opts.include_patient else ""
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


def _summary_page(doc: _Doc, ev: Evidence, entries: Sequence[Any], opts: ReportOptions) -> None:
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
        if cond == "headache" and not _chronic_pattern(ev):
            doc.label_line(
                "Diagnosis, for the clinician to state:",
                "headache (the diary does not show the chronic migraine pattern in this period)",
            )
        elif cond in DIAGNOSIS:
            doc.label_line("Diagnosis, for the clinician to confirm:", DIAGNOSIS[cond])
    lines = _completeness_text(ev)
    doc.label_line("Completeness:", " ".join(lines))
    doc.ln(1)
    for rs, history in stage_order(ev):
        if not rs.applies:
            doc.para(
                f"{rs.title}: applies after the first Botox session for this condition "
                "(none recorded).",
                7.5,
                "I",
            )
        elif history:
            _history(doc, rs)
        else:
            _checklist(doc, rs)
    from utils import report_charts

    chart = report_charts.page_one(ev) if "headache" in ev.conditions else None
    if chart is None and ev.sweating is not None:
        # The same figure as the charts section's (drawn once per evidence).
        chart = next((c for c in report_charts.all_charts(ev) if c.key == "sweat_months"), None)
    scores = _scores_rows(ev, entries)
    w = h = 0.0
    if chart is not None:
        w_px, h_px = _png_size(chart.png)
        has_history = any(history for _, history in stage_order(ev))
        w = doc.width * (0.8 if has_history else 0.92)
        h = w * h_px / w_px
    # The clinician signs page 1: when the chart, the scores and the overuse sentence would push
    # the attestation overleaf (a long checklist), it comes right after the checklist instead.
    rest = (h + 12 if chart is not None else 0) + (14 + 4.5 * len(scores) if scores else 0)
    rest += 10 if ev.overuse is not None else 0
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
        doc.para(
            "MIDAS: Migraine Disability Assessment (grades I-IV). HIT-6: Headache Impact Test. "
            "HDSS: Hyperhidrosis Disease Severity Scale (1-4).",
            6.3,
            "I",
        )
    if ev.overuse is not None:
        message = re.sub(r"\s*Worth mentioning to your doctor\.", "", ev.overuse.message)
        doc.label_line("Medication overuse history, for the clinician:", message, 7.5)
    if not signed_early:
        _attestation(doc, opts)
    keys = _month_keys(ev)
    if keys and (ev.months or ev.sweating is not None or ev.jaw is not None):
        doc.need(30)
        doc.set_font(FONT, "B", 9)
        shown = keys[-SUMMARY_MONTHS:]
        title = "Key numbers per month (days)"
        if len(keys) > len(shown):
            title += (
                f": the last {len(shown)} of {len(keys)} months; every month in 'Monthly numbers'"
            )
        doc.multi_cell(0, 4.4, clean(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        _monthly_table(doc, ev, shown)
        notes = []
        if any(_partial(ev, k) for k in shown):
            notes.append("* partial month: only part of it is inside the period")
        if "headache" in ev.conditions:
            notes.append(
                "Logged: days logged / days of the month inside the period; \u2265 4 h: days "
                "with 4 hours or more of headache; Acute med.: days with any acute medicine; "
                "By class: days per class (Tr triptan, Er ergot, An simple analgesic, NS "
                "NSAID, Op opioid, Co combination analgesic, Ge gepant, Di ditan, Ae antiemetic); Function \u2193: days "
                "with moderate or severe effect on function"
            )
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


def _definitions(doc: _Doc, ev: Evidence) -> None:
    """The definitions and thresholds in plain words (an appendix; no setting ids)."""
    doc.h2("Definitions and thresholds in plain words")
    doc.para(
        "Every count in this summary follows these definitions. A day with no entry is 'not "
        "logged', never headache-free; counts are never extrapolated.",
        7,
    )
    doc.para("Thresholds: " + _thresholds_text(ev), 7, gap=0.6)
    if "headache" in ev.conditions:
        rule = ev.migraine_day_rule["text"]
        doc.para(rule, 7, gap=0.5)
        for d in ev.definitions:
            if d != rule:
                doc.para(d, 7, gap=0.5)
    elif ev.definitions:
        doc.para(ev.definitions[0], 7, gap=0.5)
    if ev.sweating is not None:
        doc.para(
            "HDSS (Hyperhidrosis Disease Severity Scale): 1 never noticeable, 2 tolerable, 3 "
            "barely tolerable, 4 intolerable; 3-4 is severe and a fall of 2 grades is a "
            "response. " + HDSS_ATTRIBUTION,
            7,
            gap=0.5,
        )
    doc.para(
        "Abbreviations: MIDAS, Migraine Disability Assessment; HIT-6, Headache Impact Test; "
        "ICHD-3, International Classification of Headache Disorders, 3rd edition; U, units of "
        "botulinum toxin; /30, days per 30 logged days.",
        7,
    )


# ---------------------------------------------------------------- later sections


def _charts(doc: _Doc, ev: Evidence) -> None:
    from utils import report_charts

    # Page 1 already shows the monthly chart (headache, or sweating without a headache diary).
    on_page_one = {"monthly"} if "headache" in ev.conditions else {"sweat_months"}
    charts = [c for c in report_charts.all_charts(ev) if c.key not in on_page_one]
    if not charts:
        return
    doc.h2("Charts", new_page=True)
    for ch in charts:
        w_px, h_px = _png_size(ch.png)
        w = doc.width
        h = w * h_px / w_px
        doc.need(h + 14)
        doc.h3(ch.title)
        doc.image(ch.png, x=doc.l_margin, w=w, h=h, alt_text=clean(ch.alt_text), title=ch.title)
        if ch.caption:
            doc.para(ch.caption, 6.8, "I", 2)


def _kind(entries: Sequence[Any], cls: type) -> list[tuple[int, Any]]:
    out = []
    for i, item in enumerate(entries):
        e = getattr(item, "entry", item)
        if isinstance(e, cls):
            out.append((getattr(item, "id", -1 - i), e))
    return out


def _treatments(doc: _Doc, ev: Evidence, entries: Sequence[Any]) -> None:
    end = ev.period.counted_end
    rows = sorted(
        (
            t
            for _, t in _kind(entries, Treatment)
            if t.condition in ev.conditions and t.start <= end
        ),
        key=lambda t: (ev.conditions.index(t.condition), t.start),
    )
    doc.h2("Treatment ledger")
    if not rows:
        doc.para("No treatment trials recorded.")
        return
    classes = catalog.treatment_classes()
    table = []
    for t in rows:
        notes = "; ".join(x for x in (t.side_effects, t.notes) if x)
        table.append(
            (
                f"{t.name}\n{classes.get(t.treatment_class, {}).get('label', t.treatment_class)}",
                CONDITIONS.get(t.condition, t.condition).split(" ")[0],
                " ".join(x for x in (t.dose, t.strength) if x),
                fmt_date(t.start),
                fmt_date(t.stop) if t.stop else "ongoing",
                t.days_on(end),
                OUTCOMES[t.outcome],
                notes,
                t.prescriber,
            )
        )
    doc.grid(
        (
            "Treatment",
            "For",
            "Dose",
            "Start",
            "Stop",
            "Days on",
            "Outcome",
            "Side effects / notes",
            "Prescriber",
        ),
        table,
        (30, 15, 18, 17, 17, 11, 22, 30, 22),
        6.8,
    )
    doc.para(
        f"Days on: both ends counted; an ongoing trial is counted to {fmt_date(end)}.", 6.5, "I"
    )


def _sessions(doc: _Doc, ev: Evidence, entries: Sequence[Any]) -> None:
    end = ev.period.counted_end
    sessions = sorted(
        ((sid, s) for sid, s in _kind(entries, BotoxSession) if s.date <= end),
        key=lambda x: x[1].date,
    )
    effects = _kind(entries, SideEffect)
    doc.h2("Botox sessions")
    if not sessions:
        doc.para("No Botox session recorded.")
        return
    head_resp = {
        s.date: s
        for s in (ev.responses.get("headache").sessions if ev.responses.get("headache") else ())
    }
    hdss = {c.session: c for c in (ev.sweating.hdss_changes if ev.sweating else ())}
    dates = [s.date for _, s in sessions]
    by_session: dict[int, list[str]] = {}
    for _, se in effects:
        target = None
        if se.session_id is not None:
            target = next((i for i, (sid, _) in enumerate(sessions) if sid == se.session_id), None)
        if target is None:
            before = [i for i, d in enumerate(dates) if d <= se.start]
            target = before[-1] if before else None
        if target is not None:
            span = f"{fmt_date(se.start)}" + (f" to {fmt_date(se.end)}" if se.end else "")
            text = f"{se.effect} ({se.severity}, {span})"
            if se.notes:
                text += f": {se.notes}"
            by_session.setdefault(target, []).append(text)
    rows = []
    for i, (_, s) in enumerate(sessions):
        response = ""
        if s.condition == "headache" and s.date in head_resp:
            r = head_resp[s.date]
            red = r.reduction_pct.get("headache")
            response = f"{r.label}; headache days {fmt_num(red)}% fewer than baseline"
            if not r.complete:
                response += f" (window not over: {r.window.days_elapsed} days)"
        elif s.condition == "sweating" and s.date in hdss:
            c = hdss[s.date]
            response = c.note + (f"; fall of {c.drop:g}" if c.drop is not None else "")
        notes = s.notes
        rows.append(
            (
                fmt_date(s.date),
                CONDITIONS.get(s.condition, s.condition).split(" ")[0],
                f"{TOXIN_PRODUCTS[s.product].split(' ')[0]} {s.units:g} U",
                ", ".join(s.areas),
                s.injector,
                "; ".join(by_session.get(i, [])) or "none recorded",
                response + (f" Notes: {notes}" if notes else ""),
            )
        )
    doc.grid(
        ("Date", "For", "Product", "Areas", "Injector", "Side effects", "Response"),
        rows,
        (17, 15, 18, 32, 22, 32, 46),
        6.8,
    )
    doc.para("U: units of the product given (units differ between products).", 6.5, "I")
    r = ev.responses.get("headache")
    if r is not None and r.baseline is not None:
        doc.h3("Headache response: baseline against the 12 weeks after each session")
        b = r.baseline
        rows2 = [
            (
                "Baseline",
                f"{fmt_date(b.start)} to {fmt_date(b.end)}",
                f"{b.logged}/{b.days_elapsed}",
                fmt_num(b.per30["headache"]),
                fmt_num(b.per30["migraine"]),
                fmt_num(b.per30["acute"]),
                "",
                "",
            )
        ]
        for s in r.sessions:
            w = s.window
            rows2.append(
                (
                    f"Session {s.number}",
                    f"{fmt_date(w.start)} to {fmt_date(w.end)}"
                    + ("" if s.complete else " (so far)"),
                    f"{w.logged}/{w.days_elapsed}",
                    fmt_num(w.per30["headache"]),
                    fmt_num(w.per30["migraine"]),
                    fmt_num(w.per30["acute"]),
                    fmt_num(s.reduction_pct["headache"]),
                    s.label,
                )
            )
        doc.grid(
            (
                "",
                "Days",
                "Logged",
                "Headache /30",
                "Migraine /30",
                "Acute /30",
                "Fewer %",
                "Result",
            ),
            rows2,
            (17, 38, 15, 17, 17, 15, 14, 49),
            6.8,
            ("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "LEFT"),
        )
        doc.para(
            "/30: days per 30 logged days (rates keep months with gaps comparable). Fewer %: "
            "reduction in headache days against the baseline.",
            6.5,
            "I",
        )


def _questionnaires(doc: _Doc, ev: Evidence, entries: Sequence[Any]) -> None:
    end = ev.period.counted_end
    midas = sorted((m for _, m in _kind(entries, Midas) if m.date <= end), key=lambda m: m.date)
    hit6 = sorted((h for _, h in _kind(entries, Hit6) if h.date <= end), key=lambda h: h.date)
    hdss = sorted(
        (h for _, h in _kind(entries, HdssAssessment) if h.date <= end), key=lambda h: h.date
    )
    if not (midas or hit6 or hdss):
        return
    doc.h2("Questionnaires")
    if midas:
        doc.h3("MIDAS (Migraine Disability Assessment; Stewart, Lipton et al.), every item")
        doc.para(
            " ".join(f"{i}. {t} (last 3 months)." for i, t in enumerate(MIDAS_ITEMS, 1))
            + " A: headache days in 3 months. B: average pain 0-10. Grades: I 0-5, II 6-10, "
            "III 11-20, IV 21 and over.",
            6.5,
        )
        rows = []
        for m in midas:
            grade, meaning = midas_grade(m.score())
            rows.append(
                (
                    fmt_date(m.date),
                    m.q1,
                    m.q2,
                    m.q3,
                    m.q4,
                    m.q5,
                    m.score(),
                    f"{grade} ({meaning})",
                    "" if m.headache_days is None else m.headache_days,
                    "" if m.average_pain is None else m.average_pain,
                    m.notes,
                )
            )
        doc.grid(
            ("Date", "1", "2", "3", "4", "5", "Total", "Grade", "A", "B", "Notes"),
            rows,
            (18, 8, 8, 8, 8, 8, 11, 33, 9, 8, 63),
            6.8,
            ("LEFT",) + ("RIGHT",) * 6 + ("LEFT", "RIGHT", "RIGHT", "LEFT"),
        )
    if hit6:
        doc.h3("HIT-6 total (entered from the form completed with the clinician)")
        doc.grid(
            ("Date", "Total", "Impact", "Notes"),
            [(fmt_date(h.date), h.total, hit6_band(h.total), h.notes) for h in hit6],
            (20, 14, 40, 106),
            6.8,
        )
    if hdss:
        doc.h3("HDSS assessments")
        doc.grid(
            ("Date", "Score", "Timing", "Notes"),
            [(fmt_date(h.date), h.score, h.timing, h.notes) for h in hdss],
            (20, 14, 30, 116),
            6.8,
        )


def _overuse(doc: _Doc, ev: Evidence) -> None:
    o = ev.overuse
    if o is None or not o.months:
        return
    doc.h2("Acute medication and medication overuse")
    doc.para(o.message)
    rows = []
    for m in o.months:
        classes = ", ".join(f"{c.replace('_', ' ')} {n}" for c, n in m.days_by_class.items())
        rows.append((m.label, classes or "none", m.any_acute_days, "; ".join(m.triggered)))
    doc.grid(
        ("Month", "Days with intake per class", "Mix days", "Limit reached"),
        rows,
        (20, 70, 16, 74),
        6.8,
    )
    doc.para(
        "Mix days: days with any acute medicine, whatever the class (the limit for a mix of "
        "classes counts these). Limit reached: the class whose monthly days reached its overuse "
        "limit (ICHD-3 8.2).",
        6.5,
        "I",
    )


def _sweating(doc: _Doc, ev: Evidence) -> None:
    s = ev.sweating
    if s is None:
        return
    doc.h2("Sweating (hyperhidrosis)")
    n = ev.completeness.days_in_period
    doc.label_line(
        "Diary:",
        f"{s.logged_days} of {n} days logged: {s.symptom_days} days with sweating, "
        f"{s.normal_days} normal days.",
    )
    dist = s.hdss_distribution
    doc.label_line(
        "HDSS on logged days:",
        ", ".join(f"grade {g}: {dist.get(g, 0)}" for g in "1234")
        + f"; normal days: {dist.get('normal_day', 0)}; mean on sweating days "
        f"{fmt_num(s.hdss_mean)}.",
    )
    doc.label_line(
        "Episodes:",
        f"{fmt_num(s.episodes_per_week)} a week (from {s.episode_days} days with a count).",
    )
    b = s.baseline or {}
    sites = ", ".join(b.get("sites") or []) or "not recorded"
    duration = f"{s.duration_months} months" if s.duration_months is not None else "not recorded"
    doc.label_line(
        "History:",
        f"sites {sites}; duration {duration}; onset age "
        f"{b.get('onset_age', 'not recorded') if b.get('onset_age') is not None else 'not recorded'}.",
    )
    yes = [PRIMARY_FEATURES[k] for k in s.features_yes]
    unknown = [PRIMARY_FEATURES[k] for k in s.features_unknown]
    doc.label_line(
        "Primary focal features:",
        f"{len(yes)} of 6: {', '.join(yes) or 'none'}"
        + (f"; not answered: {', '.join(unknown)}" if unknown else "")
        + f". Result: {s.primary_focal.replace('_', ' ')}.",
    )
    doc.label_line("Secondary causes checked:", str(b.get("secondary_causes_checked", "unknown")))
    if s.skin_problem_days:
        doc.label_line(
            "Skin complications:",
            ", ".join(f"{k} on {v} days" for k, v in s.skin_problem_days.items()) + ".",
        )
    if s.topical_trials:
        _trials(doc, "Topical treatments", "Product", s.topical_trials)
    doc.label_line("Diary days naming a topical product:", str(s.topical_use_days))
    if s.hdss_changes:
        doc.h3("HDSS around each Botox session")
        doc.grid(
            ("Session", "Before", "After", "Fall", "Response", "How"),
            [
                (
                    fmt_date(c.session),
                    fmt_num(c.before),
                    fmt_num(c.after),
                    fmt_num(c.drop),
                    "" if c.response is None else ("yes" if c.response else "no"),
                    c.note,
                )
                for c in s.hdss_changes
            ],
            (20, 14, 14, 12, 16, 104),
            6.8,
        )


def _trials(doc: _Doc, title: str, first: str, trials) -> None:
    """A table of treatment trials (topical sweating or jaw) as the engine summarised them."""
    doc.h3(title)
    doc.grid(
        (first, "Start", "Stop", "Days", "Outcome"),
        [
            (
                t.name,
                fmt_date(t.start),
                fmt_date(t.stop) if t.stop else "ongoing",
                t.days,
                OUTCOMES.get(t.outcome, t.outcome),
            )
            for t in trials
        ],
        (60, 25, 25, 15, 55),
        6.8,
    )


def _jaw(doc: _Doc, ev: Evidence) -> None:
    j = ev.jaw
    if j is None:
        return
    doc.h2("Jaw (TMJ disorder, bruxism)")
    n = ev.completeness.days_in_period
    doc.label_line(
        "Diary:",
        f"{j.logged_days} of {n} days logged; jaw pain on {j.pain_days} days "
        f"(mean pain {fmt_num(j.mean_pain)} of 10).",
    )
    if j.symptom_days:
        doc.label_line(
            "Symptoms:", ", ".join(f"{k} on {v} days" for k, v in j.symptom_days.items()) + "."
        )
    if j.clenching_days:
        doc.label_line(
            "Clenching or grinding:",
            ", ".join(f"{k} on {v} days" for k, v in j.clenching_days.items()) + ".",
        )
    if j.treatments:
        _trials(doc, "Jaw treatments", "Treatment", j.treatments)
    if j.sessions:
        doc.label_line("Botox sessions for the jaw:", ", ".join(fmt_date(d) for d in j.sessions))
    doc.para(
        "Botox for jaw pain is off-label; plans usually judge it experimental. The diary and the "
        "list of treatments tried are what an appeal rests on.",
        7,
        "I",
    )


def _monthly_all(doc: _Doc, ev: Evidence) -> None:
    keys = _month_keys(ev)
    if len(keys) <= SUMMARY_MONTHS:
        return
    doc.h2("Monthly numbers")
    _monthly_table(doc, ev, keys)


def _appendix(doc: _Doc, ev: Evidence, entries: Sequence[Any]) -> None:
    start, end = ev.period.start, ev.period.counted_end
    if end < start:
        return
    doc.h2("Appendix: day by day", new_page=True)
    doc.para(
        "Every day of the period with its classification and what was logged, notes included "
        "as written. 'late' marks an entry recorded more than 2 days after the day it describes.",
        7,
        "I",
    )
    per_day: dict[dt.date, list[str]] = {}
    for item in entries:
        e = getattr(item, "entry", item)
        day = getattr(item, "day", None)
        if not isinstance(day, dt.date):
            day = e.day()
        if not start <= day <= end or e.KIND in ("coverage_case", "case_call"):
            continue
        text = e.summary()
        notes = getattr(e, "notes", "")
        if notes:
            text += f" \u2014 {notes}"
        late = getattr(item, "late_days", 0)
        if late and late > 2:
            text += f" (late: {late} days)"
        per_day.setdefault(day, []).append(text)
    head_days = {d.date: d for d in ev.days}
    rows = []
    d = start
    while d <= end:
        h = head_days.get(d)
        status = ""
        if h is not None:
            if not h.logged:
                status = "not logged"
            elif not h.headache:
                status = "headache-free"
            else:
                bits = ["migraine" if h.migraine else "headache"]
                if h.hours is not None:
                    bits.append(f"{h.hours:.1f} h")
                if h.max_pain is not None:
                    bits.append(f"pain {h.max_pain}")
                if h.acute_classes:
                    bits.append(", ".join(c.replace("_", " ") for c in h.acute_classes))
                if h.missing:
                    bits.append("missing " + ", ".join(h.missing))
                status = "; ".join(bits)
        rows.append((d.strftime("%a %d %b %Y"), status, " | ".join(per_day.get(d, []))))
        d += dt.timedelta(days=1)
    head = ("Day", "Headache", "Logged") if "headache" in ev.conditions else ("Day", "", "Logged")
    doc.grid(head, rows, (24, 46, 110), 6.3)


# ---------------------------------------------------------------- entry point


def build_report(
    evidence: Evidence, entries: Sequence[Any], options: ReportOptions | None = None
) -> bytes:
    """The PDF for ``evidence``; ``entries`` are the same StoredEntry rows it was built from."""
    opts = options or ReportOptions()
    ev = evidence
    generated = fmt_date(ev.generated_at.date())
    p = ev.period
    running = (
        f"{opts.title}: {fmt_date(p.start)} to {fmt_date(p.counted_end)}. Self-reported by the "
        "patient."
    )
    doc = _Doc(opts.paper, running, generated)
    doc.identifiers = identifiers_line(opts)
    doc.set_title(clean(f"{opts.title}, {p.start.isoformat()} to {p.counted_end.isoformat()}"))
    doc.set_lang("en")
    doc.set_subject("Self-reported headache, sweating or jaw diary summary for a coverage request")
    doc.set_creator("Coverage Diary")
    doc.set_creation_date(ev.generated_at)
    _summary_page(doc, ev, entries, opts)
    if opts.charts:
        _charts(doc, ev)
    if ev.months and len(_month_keys(ev)) > SUMMARY_MONTHS:
        _monthly_all(doc, ev)
    if opts.treatments:
        _treatments(doc, ev, entries)
    if opts.sessions:
        _sessions(doc, ev, entries)
    if opts.questionnaires:
        _questionnaires(doc, ev, entries)
    if opts.overuse and "headache" in ev.conditions:
        _overuse(doc, ev)
    if opts.sweating:
        _sweating(doc, ev)
    if opts.jaw:
        _jaw(doc, ev)
    _readiness(doc, ev)  # labelled as a projection
    _definitions(doc, ev)
    if opts.appendix:
        _appendix(doc, ev, entries)
    return bytes(doc.output())


def file_name(evidence: Evidence, prefix: str = "diary-summary") -> str:
    p = evidence.period
    return f"{prefix}-{p.start.isoformat()}-to-{p.counted_end.isoformat()}.pdf"


# ---------------------------------------------------------------- readiness (issue 19)


def _readiness(doc: _Doc, ev: Evidence) -> None:
    """When each rule set could be ready: a projection, labelled as such (never in letters)."""
    r = ev.readiness
    if r is None or not (r.rule_sets or r.no_rule_set):
        return
    doc.h2("When the case could be ready (projection)")
    doc.para(
        f"{r.projection} Projected from {fmt_date(r.as_of)}; not a finding of the diary.",
        style="I",
    )
    rows: list[tuple[str, str]] = [(rs.title, rs.line) for rs in r.rule_sets]
    rows += [(cond.capitalize(), text) for cond, text in r.no_rule_set.items()]
    rows += [(f"Renewal ({s.condition})", s.text) for s in r.renewal]
    doc.grid(("Rule set", "Readiness (projection)"), rows, (55, 125), 7)
    details = [
        (rs.title.split(":")[0], c.criterion.replace("_", " "), fmt_date(c.date), c.text)
        for rs in r.rule_sets
        if rs.line_kind != "not_applicable"
        for c in rs.criteria
        if c.kind not in ("ready", "clinician") and c.date is not None
    ]
    if details:
        doc.grid(
            ("Rule set", "Criterion", "Earliest date", "Under which assumption"),
            details,
            (35, 25, 20, 100),
            6.5,
        )
