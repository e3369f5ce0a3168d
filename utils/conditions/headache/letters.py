"""Headache's letter paragraphs: clinical history, the headache diary month by month, preventives
and CGRP antibodies, MIDAS and HIT-6, and the response to Botox.

The API every ``letters.py`` part has (``utils.documents.letters`` iterates over it):
``CONDITION_TEXT`` (how a letter names the condition), optionally ``APPROVED_USE`` (the FDA
approved use, for the experimental-treatment answer), ``request_lines(sessions, renewal)``,
``sections(ev, entries)`` (the letter's condition paragraphs) and optionally
``checklist_notes(ev)`` (what the clinician's checklist adds).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from utils.core.questionnaires import Hit6, Midas
from utils.core.scores import hit6_band, midas_grade
from utils.core.treatments import OUTCOMES, BotoxSession
from utils.documents.letter_parts import (
    criteria_sections,
    date_text,
    drug_lines,
    is_met,
    period_line,
    recordings,
    treatment_lines,
)
from utils.documents.letter_text import doctor, doctor_states
from utils.documents.pdf import fmt_num
from utils.evidence import Evidence

CONDITION_TEXT = "chronic migraine"
APPROVED_USE = (
    "the prevention of headaches in adults with chronic migraine (15 or more "
    "headache days a month, lasting 4 hours a day or longer)"
)
MIDAS_SHORT = (
    "missed work or school",
    "work or school productivity halved",
    "no household work",
    "household productivity halved",
    "missed family, social or leisure activities",
)


def request_lines(sessions: Sequence[BotoxSession], renewal: bool) -> tuple[list[str], str]:
    """The service, procedure code, drug and diagnosis lines of the request, and the number of
    treatments asked for."""
    out: list[str] = []
    out.append(
        "- Service: onabotulinumtoxinA (Botox) injections for chronic migraine, "
        + doctor("155 units in 31 sites across 7 head and neck muscle areas, every 12 weeks")
        + "."
    )
    out.append(
        "- Procedure code: CPT 64615 (injections of the head and neck muscles for chronic "
        "migraine, both sides), once per session."
    )
    out += drug_lines(sessions, "155")
    out.append(
        "- Diagnosis: "
        + doctor(
            "ICD-10-CM G43.709 or G43.719 (chronic migraine without aura), G43.E09 or "
            "G43.E19 (with aura)"
        )
        + "."
    )
    count = (
        "4 treatments, one every 12 weeks, over 12 months"
        if renewal
        else ("2 treatments, one every 12 weeks, over 6 months")
    )
    return out, count


def sections(ev: Evidence, entries: Sequence[Any]) -> list[str]:
    out = ["## Clinical history"]
    out.append(
        "The patient has chronic migraine; "
        + doctor_states(
            "that the headaches meet ICHD-3 1.3 and are not better accounted for by another "
            "diagnosis, and the date of onset"
        )
    )
    out += criteria_sections(ev, "headache")
    frequent = is_met(ev, "headache", "headache_days") or is_met(ev, "headache", "reduction")
    out += ["## Headache diary", period_line(ev, "headache")]
    if frequent and ev.months:
        out.append(f"Definition used for a migraine day: {ev.migraine_day_rule['text']}")
        for m in ev.months:
            c = m.counts
            partial = (
                f"; a partial month, {m.days_in_period} of its days in the period"
                if m.partial_period
                else ""
            )
            out.append(
                f"- {m.label}: {c.headache} headache days, {c.migraine} migraine days, {c.long} "
                f"days with 4 hours or more of headache, acute medicine on {c.acute_any} days, "
                f"function impaired on {c.function_impaired} days ({c.logged} of "
                f"{m.days_in_period} days logged{partial})."
            )
    out += ["## Preventive treatments tried", *treatment_lines(ev, entries, "headache")]
    out += _cgrp(ev, entries)
    out += ["## Medication overuse"]
    out.append(doctor_states("assessment of medication overuse and how it is managed"))
    out += ["## Disability scores and functional impact"]
    q = _questionnaires(ev, entries)
    out += q or [f"- {doctor('MIDAS and other scores (none recorded in the diary)')}"]
    out.append(
        doctor_states("impact on work, family and daily life as observed, and any emergency visits")
    )
    if is_met(ev, "headache", "reduction"):
        out += _headache_response(ev)
    return out


def _headache_response(ev: Evidence) -> list[str]:
    r = ev.responses.get("headache")
    if r is None or r.baseline is None or not r.sessions:
        return []
    b = r.baseline
    out = ["## Response to Botox (baseline against now)"]
    out.append(
        f"Baseline from {date_text(b.start)} to {date_text(b.end)}, before the first session on "
        f"{date_text(r.first_session)}: {fmt_num(b.per30['headache'])} headache days, "
        f"{fmt_num(b.per30['migraine'])} migraine days and {fmt_num(b.per30['acute'])} "
        f"acute-medication days per 30 logged days ({b.logged} of {b.days_elapsed} days logged)."
    )
    for s in r.sessions:
        w = s.window
        red = s.reduction_pct
        text = (
            f"- Session {s.number} on {date_text(s.date)}: {fmt_num(w.per30['headache'])} headache, "
            f"{fmt_num(w.per30['migraine'])} migraine and {fmt_num(w.per30['acute'])} "
            f"acute-medication days per 30 logged days in the {w.days_elapsed} days after "
            f"({fmt_num(red['headache'])}% fewer headache days, {fmt_num(red['migraine'])}% "
            f"fewer migraine days; {s.label})"
        )
        if not s.complete:
            text += "; the 12-week window is not over yet"
        out.append(text + ".")
    return out


def _questionnaires(ev: Evidence, entries: Sequence[Any]) -> list[str]:
    """Every MIDAS and HIT-6 up to the period's end, the first marked as the baseline."""
    out = []
    midas = recordings(ev, entries, Midas, "midas")
    for i, m in enumerate(midas):
        grade, meaning = midas_grade(m.score())
        items = "; ".join(
            f"{label} {getattr(m, f'q{i}')} day{'' if getattr(m, f'q{i}') == 1 else 's'}"
            for i, label in enumerate(MIDAS_SHORT, 1)
        )
        tag = " (baseline)" if i == 0 and len(midas) > 1 else ""
        text = f"- MIDAS on {date_text(m.date)}{tag}: {m.score()} (grade {grade}, {meaning}). Items: {items}."
        if m.headache_days is not None:
            text += f" Headache days in the 3 months: {m.headache_days}."
        if m.average_pain is not None:
            text += f" Average pain: {m.average_pain} of 10."
        out.append(text)
    hit6 = recordings(ev, entries, Hit6, "hit6")
    for i, h in enumerate(hit6):
        tag = " (baseline)" if i == 0 and len(hit6) > 1 else ""
        out.append(f"- HIT-6 on {date_text(h.date)}{tag}: {h.total} ({hit6_band(h.total)}).")
    return out


def _cgrp(ev: Evidence, entries: Sequence[Any]) -> list[str]:
    end = ev.period.counted_end
    rows = [t for t in ev.ledger.treatments_for("headache") if t.treatment_class == "cgrp_mab"]
    if not rows:
        return []
    out = ["## CGRP antibody use"]
    for t in rows:
        until = f"to {date_text(t.stop)}" if t.stop else "and continues"
        out.append(
            f"The patient used {t.name} (CGRP monoclonal antibody) from {date_text(t.start)} {until} "
            f"({t.days_on(end)} days): {OUTCOMES[t.outcome].lower()}."
        )
    out.append(
        doctor_states("whether the CGRP antibody is stopped or continued alongside Botox, and why")
    )
    return out


def checklist_notes(ev: Evidence) -> list[str]:
    """The overuse history, and the response to Botox when the letter leaves it out."""
    parts: list[str] = []
    if ev.overuse is not None:
        parts += ["## Medication overuse history", ev.overuse.message]
    if not is_met(ev, "headache", "reduction"):
        r = ev.responses.get("headache")
        if r is not None and r.sessions:
            parts += [
                "## Response to Botox (not in the letter: the reduction criterion is not met)",
                *_headache_response(ev)[1:],
            ]
    return parts
