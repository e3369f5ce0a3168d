"""Sweating's parts of the doctor summary (the hooks: ``utils.documents.blocks``).

Page 1: the diagnosis codes, the HDSS baseline and latest score, sweating days per month; later:
the HDSS response of its Botox sessions, the HDSS assessments, the sweating section (the
``sweating`` switch) and the HDSS in plain words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from utils.conditions.sweating.metrics import PRIMARY_FEATURES
from utils.core.questionnaires import HDSS_ATTRIBUTION, HdssAssessment
from utils.documents.blocks import kind, trials
from utils.documents.pdf import Doc, fmt_date, fmt_num
from utils.evidence import Evidence

DIAGNOSIS = (
    "primary focal hyperhidrosis: ICD-10-CM L74.510 underarms, L74.511 face, "
    "L74.512 palms, L74.513 soles"
)
SCORE_NOTE = "HDSS: Hyperhidrosis Disease Severity Scale (1-4)."

SWITCH = ("sweating", "Sweating section (when tracked)")  # its ReportOptions switch and label


def tracked(ev: Evidence) -> bool:
    return ev.sweating is not None


def owns_threshold(name: str) -> bool:
    return name.startswith("hdss")


def diagnosis(ev: Evidence) -> tuple[str, str]:
    return "Diagnosis, for the clinician to confirm:", DIAGNOSIS


def _hdss(ev: Evidence, entries: Sequence[Any]) -> list[HdssAssessment]:
    """The HDSS assessments up to the last counted day, by date: the evidence's history; those
    written (``ev.record``) when sweating is not tracked (the summary still lists them);
    ``entries`` is not read."""
    history = ev.questionnaires.get("hdss")
    if history is not None:
        return list(history.entries)
    end = ev.period.counted_end
    return sorted(
        (h for _, h in kind(ev.record, HdssAssessment) if h.date <= end), key=lambda h: h.date
    )


def score_rows(ev: Evidence, entries: Sequence[Any]) -> list[tuple[str, str, str]]:
    hdss = _hdss(ev, entries)
    if not hdss:
        return []
    first, last = hdss[0], hdss[-1]
    return [
        (
            "HDSS",
            f"grade {first.score} ({fmt_date(first.date)})",
            f"grade {last.score} ({fmt_date(last.date)})"
            if last is not first
            else "only one recorded",
        )
    ]


def monthly_shown(ev: Evidence) -> bool:
    return ev.sweating is not None


def monthly(
    ev: Evidence, keys: Sequence[str]
) -> tuple[list[str], list[float], list[list[Any]]] | None:
    s = ev.sweating
    if s is None:
        return None
    # A month with no sweating entry says "not logged", never 0 days.
    rows: list[list[Any]] = [
        [s.symptom_days_by_month.get(k, 0) if s.logged_days_by_month.get(k, 0) else "not logged"]
        for k in keys
    ]
    return ["Sweating days"], [18], rows


def glossary(ev: Evidence) -> list[str]:
    if ev.sweating is None:
        return []
    return [
        "HDSS (Hyperhidrosis Disease Severity Scale): 1 never noticeable, 2 tolerable, 3 "
        "barely tolerable, 4 intolerable; 3-4 is severe and a fall of 2 grades is a "
        "response. " + HDSS_ATTRIBUTION
    ]


def session_responses(ev: Evidence) -> dict[dt.date, str]:
    """The response column of each sweating Botox session (by date): the HDSS change."""
    changes = ev.sweating.hdss_changes if ev.sweating else ()
    by_session = {c.session: c for c in changes}
    return {
        d: c.note + (f"; fall of {c.drop:g}" if c.drop is not None else "")
        for d, c in by_session.items()
    }


def questionnaires(ev: Evidence, entries: Sequence[Any]) -> list[Callable[[Doc], None]]:
    hdss = _hdss(ev, entries)
    return [lambda doc: _hdss_table(doc, hdss)] if hdss else []


def _hdss_table(doc: Doc, hdss: Sequence[HdssAssessment]) -> None:
    doc.h3("HDSS assessments")
    doc.grid(
        ("Date", "Score", "Timing", "Notes"),
        [(fmt_date(h.date), h.score, h.timing, h.notes) for h in hdss],
        (20, 14, 30, 116),
        6.8,
    )


def section(doc: Doc, ev: Evidence, opts: Any) -> None:
    """The sweating section (the ``sweating`` switch)."""
    if getattr(opts, SWITCH[0]):
        _sweating(doc, ev)


def _sweating(doc: Doc, ev: Evidence) -> None:
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
        trials(doc, "Topical treatments", "Product", s.topical_trials)
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
