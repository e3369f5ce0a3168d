"""Headache's parts of the doctor summary (the hooks: ``utils.documents.blocks``).

Page 1: the diagnosis line (chronic migraine only when the diary shows its pattern), the gaps in
the attack records, MIDAS and HIT-6 scores, the overuse history and seven columns of monthly
numbers; later: the response table after the Botox sessions, MIDAS and HIT-6 tables, the acute
medication section, the migraine-day definition and the appendix's day status.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any

from utils.core.questionnaires import MIDAS_ITEMS, Hit6, Midas
from utils.core.scores import hit6_band, midas_grade
from utils.documents.blocks import kind
from utils.documents.pdf import Doc, fmt_date, fmt_num
from utils.evidence import Evidence
from utils.rules.engine import MET

DIAGNOSIS = (
    "chronic migraine: ICD-10-CM G43.709 or G43.719 (without aura), G43.E09 or G43.E19 (with aura)"
)
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
SCORE_NOTE = "MIDAS: Migraine Disability Assessment (grades I-IV). HIT-6: Headache Impact Test."
ABBREVIATIONS = (
    "MIDAS, Migraine Disability Assessment",
    "HIT-6, Headache Impact Test",
    "ICHD-3, International Classification of Headache Disorders, 3rd edition",
)

SWITCH = ("overuse", "Acute medication and overuse")  # its ReportOptions switch and label


def tracked(ev: Evidence) -> bool:
    return "headache" in ev.conditions


def owns_threshold(name: str) -> bool:
    return name == "migraine_day_rule"


def chronic_pattern(ev: Evidence) -> bool:
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


def diagnosis(ev: Evidence) -> tuple[str, str]:
    if not chronic_pattern(ev):
        return (
            "Diagnosis, for the clinician to state:",
            "headache (the diary does not show the chronic migraine pattern in this period)",
        )
    return "Diagnosis, for the clinician to confirm:", DIAGNOSIS


def completeness_notes(ev: Evidence) -> list[str]:
    c = ev.completeness
    if "headache" in ev.conditions and c.headache_days:
        missing = []
        if c.missing_duration:
            missing.append(f"duration on {c.missing_duration}")
        if c.missing_pain:
            missing.append(f"pain on {c.missing_pain}")
        if c.missing_features:
            missing.append(f"migraine features on {c.missing_features}")
        if missing:
            return [f"of {c.headache_days} headache days, missing: " + ", ".join(missing)]
    return []


def _scored(ev: Evidence, entries: Sequence[Any], cls: type, name: str) -> list[Any]:
    """The recordings of a questionnaire up to the last counted day, by date: the evidence's
    history (``ev.questionnaires[name]``). When headache is not tracked there is none, and the
    recordings are those written (``ev.record``: the summary still lists them); ``entries`` is
    not read."""
    history = ev.questionnaires.get(name)
    if history is not None:
        return list(history.entries)
    end = ev.period.counted_end
    return sorted((x for _, x in kind(ev.record, cls) if x.date <= end), key=lambda x: x.date)


def score_rows(ev: Evidence, entries: Sequence[Any]) -> list[tuple[str, str, str]]:
    rows = []
    midas = _scored(ev, entries, Midas, "midas")
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
    hit6 = _scored(ev, entries, Hit6, "hit6")
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
    return rows


def summary_lines(ev: Evidence) -> list[tuple[str, str]]:
    if ev.overuse is None:
        return []
    message = re.sub(r"\s*Worth mentioning to your doctor\.", "", ev.overuse.message)
    return [("Medication overuse history, for the clinician:", message)]


# ---------------------------------------------------------------- monthly numbers


def acute_by_class(m: Any) -> str:
    return ", ".join(
        f"{ACUTE_SHORT.get(c, c[:2].title())} {n}" for c, n in sorted(m.days_by_class.items()) if n
    )


def monthly_shown(ev: Evidence) -> bool:
    return bool(ev.months)


def monthly_all(ev: Evidence) -> bool:
    return bool(ev.months)


def monthly(
    ev: Evidence, keys: Sequence[str]
) -> tuple[list[str], list[float], list[list[Any]]] | None:
    if "headache" not in ev.conditions:
        return None
    by_month = {m.month: m for m in ev.months}
    by_overuse = {m.month: m for m in (ev.overuse.months if ev.overuse else ())}
    head = [
        "Logged",
        "Headache",
        "Migraine",
        "\u2265 4 h",
        "Acute med.",
        "By class",
        "Function \u2193",
    ]
    widths: list[float] = [15, 14, 14, 10, 14, 30, 14]
    rows: list[list[Any]] = []
    for k in keys:
        m = by_month.get(k)
        if m is None:
            rows.append(["", "", "", "", "", "", ""])
        elif m.counts.logged == 0:
            rows.append([f"0/{m.days_in_period}", "not logged", "", "", "", "", ""])
        else:
            c = m.counts
            rows.append(
                [
                    f"{c.logged}/{m.days_in_period}",
                    c.headache,
                    c.migraine,
                    c.long,
                    c.acute_any,
                    acute_by_class(by_overuse[k]) if k in by_overuse else "",
                    c.function_impaired,
                ]
            )
    return head, widths, rows


def monthly_note(ev: Evidence) -> str | None:
    if "headache" not in ev.conditions:
        return None
    return (
        "Logged: days logged / days of the month inside the period; \u2265 4 h: days "
        "with 4 hours or more of headache; Acute med.: days with any acute medicine; "
        "By class: days per class (Tr triptan, Er ergot, An simple analgesic, NS "
        "NSAID, Op opioid, Co combination analgesic, Ge gepant, Di ditan, Ae antiemetic); Function \u2193: days "
        "with moderate or severe effect on function"
    )


# ---------------------------------------------------------------- definitions


def definitions(ev: Evidence) -> list[str] | None:
    if "headache" not in ev.conditions:
        return None
    rule = ev.migraine_day_rule["text"]
    return [rule] + [d for d in ev.definitions if d != rule]


# ---------------------------------------------------------------- later sections


def session_responses(ev: Evidence) -> dict[dt.date, str]:
    """The response column of each headache Botox session (by date)."""
    r = ev.responses.get("headache")
    out = {}
    for s in r.sessions if r else ():
        red = s.reduction_pct.get("headache")
        text = f"{s.label}; headache days {fmt_num(red)}% fewer than baseline"
        if not s.complete:
            text += f" (window not over: {s.window.days_elapsed} days)"
        out[s.date] = text
    return out


def after_sessions(doc: Doc, ev: Evidence) -> None:
    """The headache response: the baseline against the 12 weeks after each session."""
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


def questionnaires(ev: Evidence, entries: Sequence[Any]) -> list[Callable[[Doc], None]]:
    midas = _scored(ev, entries, Midas, "midas")
    hit6 = _scored(ev, entries, Hit6, "hit6")
    out: list[Callable[[Doc], None]] = []
    if midas:
        out.append(lambda doc: _midas(doc, midas))
    if hit6:
        out.append(lambda doc: _hit6(doc, hit6))
    return out


def _midas(doc: Doc, midas: Sequence[Midas]) -> None:
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


def _hit6(doc: Doc, hit6: Sequence[Hit6]) -> None:
    doc.h3("HIT-6 total (entered from the form completed with the clinician)")
    doc.grid(
        ("Date", "Total", "Impact", "Notes"),
        [(fmt_date(h.date), h.total, hit6_band(h.total), h.notes) for h in hit6],
        (20, 14, 40, 106),
        6.8,
    )


def section(doc: Doc, ev: Evidence, opts: Any) -> None:
    """Acute medication and medication overuse (the ``overuse`` switch)."""
    if getattr(opts, SWITCH[0]) and "headache" in ev.conditions:
        _overuse(doc, ev)


def _overuse(doc: Doc, ev: Evidence) -> None:
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


def appendix_column(ev: Evidence) -> tuple[str, Callable[[dt.date], str]] | None:
    """The appendix's status of each day: headache-free, headache or migraine with its details."""
    if "headache" not in ev.conditions and not ev.days:
        return None
    head_days = {d.date: d for d in ev.days}

    def status(day: dt.date) -> str:
        h = head_days.get(day)
        if h is None:
            return ""
        if not h.logged:
            return "not logged"
        if not h.headache:
            return "headache-free"
        bits = ["migraine" if h.migraine else "headache"]
        if h.hours is not None:
            bits.append(f"{h.hours:.1f} h")
        if h.max_pain is not None:
            bits.append(f"pain {h.max_pain}")
        if h.acute_classes:
            bits.append(", ".join(c.replace("_", " ") for c in h.acute_classes))
        if h.missing:
            bits.append("missing " + ", ".join(h.missing))
        return "; ".join(bits)

    return ("Headache" if "headache" in ev.conditions else ""), status
