"""The doctor summary's later sections shared by every condition: charts, treatment ledger,
Botox sessions, questionnaires, monthly numbers, readiness, definitions and the appendix. Each
asks the condition parts (``utils.documents.blocks``) for what only a condition knows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from utils import catalog
from utils.core.entries import CONDITIONS
from utils.core.treatments import OUTCOMES, TOXIN_PRODUCTS, SideEffect
from utils.documents.blocks import (
    SUMMARY_MONTHS,
    hooks,
    kind,
    month_keys,
    monthly_table,
    thresholds_text,
)
from utils.documents.pdf import Doc, clean, fmt_date, png_size
from utils.evidence import Evidence


def definitions(doc: Doc, ev: Evidence) -> None:
    """The definitions and thresholds in plain words (an appendix; no setting ids)."""
    doc.h2("Definitions and thresholds in plain words")
    doc.para(
        "Every count in this summary follows these definitions. A day with no entry is 'not "
        "logged', never headache-free; counts are never extrapolated.",
        7,
    )
    doc.para("Thresholds: " + thresholds_text(ev), 7, gap=0.6)
    own = None
    for day_definitions in hooks("definitions"):
        own = day_definitions(ev)
        if own is not None:
            break
    if own is not None:
        for d in own:
            doc.para(d, 7, gap=0.5)
    elif ev.definitions:
        doc.para(ev.definitions[0], 7, gap=0.5)
    for glossary in hooks("glossary"):
        for text in glossary(ev):
            doc.para(text, 7, gap=0.5)
    abbreviations = [a for names in hooks("ABBREVIATIONS") for a in names]
    abbreviations += ["U, units of botulinum toxin", "/30, days per 30 logged days"]
    doc.para("Abbreviations: " + "; ".join(abbreviations) + ".", 7)


def charts(doc: Doc, ev: Evidence) -> None:
    # Page 1 already shows one monthly chart (see utils.documents.charts.summary_chart).
    from utils.documents import charts as pdf_charts  # matplotlib: only when drawing

    on_page_one = pdf_charts.summary_keys(ev)
    shown = [c for c in pdf_charts.all_charts(ev) if c.key not in on_page_one]
    if not shown:
        return
    doc.h2("Charts", new_page=True)
    for ch in shown:
        w_px, h_px = png_size(ch.png)
        w = doc.width
        h = w * h_px / w_px
        doc.need(h + 14)
        doc.h3(ch.title)
        doc.image(ch.png, x=doc.l_margin, w=w, h=h, alt_text=clean(ch.alt_text), title=ch.title)
        if ch.caption:
            doc.para(ch.caption, 6.8, "I", 2)


def treatments(doc: Doc, ev: Evidence, entries: Sequence[Any]) -> None:
    end = ev.period.counted_end
    # The evidence's ledger (trials begun up to ``end``, in the order recorded), by condition
    # and start date; ``entries`` is not read here.
    rows = sorted(
        (t for t in ev.ledger.treatments if t.condition in ev.conditions),
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


def sessions(doc: Doc, ev: Evidence, entries: Sequence[Any]) -> None:
    # The ledger's sessions (up to the last counted day, by date) with their store ids, which side effects
    # name; the side effects as written (``ev.record``); ``entries`` is not read.
    ledger = ev.ledger
    ids = ledger.session_ids or (None,) * len(ledger.sessions)
    sessions = list(zip(ids, ledger.sessions, strict=True))
    effects = kind(ev.record, SideEffect)
    doc.h2("Botox sessions")
    if not sessions:
        doc.para("No Botox session recorded.")
        return
    # Each condition words the response of its own sessions (by date).
    from utils import conditions

    responses = {
        spec.key: module.session_responses(ev)
        for spec, module in conditions.parts("report")
        if hasattr(module, "session_responses")
    }
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
        response = responses.get(s.condition, {}).get(s.date, "")
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
    for after in hooks("after_sessions"):
        after(doc, ev)


def questionnaires(doc: Doc, ev: Evidence, entries: Sequence[Any]) -> None:
    tables = [draw for found in hooks("questionnaires") for draw in found(ev, entries)]
    if not tables:
        return
    doc.h2("Questionnaires")
    for draw in tables:
        draw(doc)


def monthly_all(doc: Doc, ev: Evidence) -> None:
    keys = month_keys(ev)
    if len(keys) <= SUMMARY_MONTHS:
        return
    doc.h2("Monthly numbers")
    monthly_table(doc, ev, keys)


def appendix(doc: Doc, ev: Evidence, entries: Sequence[Any]) -> None:
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
    for item in ev.record:  # every entry as written, in the store's order (``entries`` unread)
        e, day = item.entry, item.day
        if not start <= day <= end or e.KIND in ("coverage_case", "case_call"):
            continue
        text = e.summary()
        notes = getattr(e, "notes", "")
        if notes:
            text += f" \u2014 {notes}"
        late = item.late_days
        if late and late > 2:
            text += f" (late: {late} days)"
        per_day.setdefault(day, []).append(text)
    column = None
    for appendix_column in hooks("appendix_column"):
        column = appendix_column(ev)
        if column is not None:
            break
    heading, status = column or ("", lambda day: "")
    rows = []
    d = start
    while d <= end:
        rows.append((d.strftime("%a %d %b %Y"), status(d), " | ".join(per_day.get(d, []))))
        d += dt.timedelta(days=1)
    doc.grid(("Day", heading, "Logged"), rows, (24, 46, 110), 6.3)


def readiness(doc: Doc, ev: Evidence) -> None:
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
