"""Headache charts about treatments: preventive trials, the Botox response, MIDAS and HIT-6.

Part of the headache condition's charts (``charts.py`` lists them in page order).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from utils.core.plotting import (
    BLUE,
    GREY,
    OUTCOME_COLOURS,
    SKY,
    Chart,
    Figure,
    add_sessions,
    first_day,
    fmt_day,
    fmt_num,
    history_chart,
    in_period,
    period_x,
    plural,
    style,
    trace,
)
from utils.core.scores import HIT6_BANDS, MIDAS_GRADES
from utils.core.treatments import OUTCOMES

if TYPE_CHECKING:
    from utils.evidence import Evidence


def headache_sessions(ev: Evidence) -> list[dt.date]:
    """Headache Botox session days inside the period (from the engine's response)."""
    resp = ev.responses.get("headache")
    return [s.date for s in resp.sessions if in_period(ev, s.date)] if resp else []


# ---------------------------------------------------------------- headache: treatments


def treatment_timeline(ev: Evidence, rows: Iterable[Any] = ()) -> Chart:
    """Preventive trials as bands and Botox sessions as markers, over headache days per month."""
    title = "Treatments tried, over headache days"
    # The ledger's headache trials, by start date (ties: in the order recorded); it holds the
    # trials begun up to the period's last counted day. ``rows`` is no longer read.
    trials = list(ev.ledger.treatments_for("headache")) if ev.ledger is not None else []
    sessions = headache_sessions(ev)
    months = [m for m in ev.months if m.counts.logged]
    if "headache" not in ev.conditions or (not trials and not sessions):
        return Chart(
            "timeline",
            title,
            "Add the preventive treatments you have tried (Treatments & Botox page) to see them "
            "over your headache days.",
        )
    end = ev.period.counted_end
    n_rows = max(len(trials), 1)
    fig = Figure(
        rows=2,
        vertical_spacing=0.06,
        row_heights=[0.62, 0.38],
    )
    fig.add_trace(
        trace(
            "scatter",
            x=[first_day(m.month) for m in months],
            y=[m.counts.headache for m in months],
            xperiod="M1",
            xperiodalignment="middle",
            mode="lines+markers",
            line=dict(color=SKY, width=2),
            marker=dict(
                symbol=["circle-open" if m.partial_period else "circle" for m in months], size=8
            ),
            name="Headache days per month",
            customdata=[m.note for m in months],
            hovertemplate="%{y} headache days (%{customdata})<extra></extra>",
        ),
        row=1,
        col=1,
    )
    add_sessions(fig, sessions, rows=2)
    shown_outcomes: set[str] = set()
    names = []
    for t in trials:
        stop = t.stop or end
        days = t.days_on(end)
        label = f"{t.name}"
        names.append(label)
        fig.add_trace(
            trace(
                "bar",
                x=[(stop - t.start).days * 86_400_000 + 86_400_000],
                base=[t.start.isoformat()],
                y=[label],
                orientation="h",
                marker_color=OUTCOME_COLOURS.get(t.outcome, GREY),
                name=OUTCOMES[t.outcome],
                legendgroup=t.outcome,
                showlegend=t.outcome not in shown_outcomes,
                customdata=[
                    f"{t.name} {t.dose}".strip()
                    + f": {fmt_day(t.start)} to {fmt_day(t.stop) if t.stop else 'now'} ({days} days), "
                    + OUTCOMES[t.outcome].lower()
                ],
                hovertemplate="%{customdata}<extra></extra>",
            ),
            row=2,
            col=1,
        )
        shown_outcomes.add(t.outcome)
    style(fig, 300 + 26 * n_rows)
    fig.update_layout(barmode="overlay")
    period_x(fig, ev, trials[0].start if trials else None)
    fig.update_yaxes(title_text="days", range=[0, 33], row=1, col=1)
    fig.update_yaxes(
        type="category",
        autorange="reversed",
        nticks=None,
        rangemode=None,
        row=2,
        col=1,
    )
    failed = [t for t in trials if t.outcome in ("inadequate_response", "side_effects")]
    classes = {t.treatment_class for t in failed}
    summary = (
        f"{plural(len(failed), 'preventive trial')} stopped for lack of effect or side effects "
        f"({plural(len(classes), 'class')})"
    )
    if sessions:
        summary += f", then {plural(len(sessions), 'Botox session')} in the period"
    return Chart("timeline", title, summary + ".", fig.build())


# ---------------------------------------------------------------- headache: Botox response


def _rate(v: float | None) -> str:
    return "no logged days" if v is None else fmt_num(v)


def botox_response(ev: Evidence) -> Chart:
    """Baseline rate against each session's 12 weeks (days per 30 logged days)."""
    title = "Before and after each Botox session"
    resp = ev.responses.get("headache")
    if resp is None or resp.baseline is None or not resp.sessions:
        return Chart(
            "response",
            title,
            "Record your Botox sessions (Treatments & Botox page) and keep logging to compare "
            "the 12 weeks after each one with the 90 days before the first.",
        )
    base = resp.baseline
    labels = ["90 days before"]
    head = [base.per30["headache"]]
    mig = [base.per30["migraine"]]
    for s in resp.sessions:
        w = s.window
        tail = "" if s.complete else " (so far)"
        labels.append(f"Session {s.number}<br>{s.date:%d %b %y}{tail}")
        head.append(w.per30["headache"])
        mig.append(w.per30["migraine"])
    fig = Figure()
    fig.add_trace(
        trace(
            "bar",
            x=labels,
            y=head,
            name="Headache days per 30 logged days",
            marker_color=SKY,
            text=[_rate(v) for v in head],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y:.1f} headache days per 30 logged days<extra></extra>",
        )
    )
    fig.add_trace(
        trace(
            "bar",
            x=labels,
            y=mig,
            name="Migraine days per 30 logged days",
            marker_color=BLUE,
            text=[_rate(v) for v in mig],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y:.1f} migraine days per 30 logged days<extra></extra>",
        )
    )
    style(fig, 340)
    fig.update_layout(barmode="group")
    fig.update_xaxes(type="category", nticks=None)
    fig.update_yaxes(title_text="days per 30 logged days", range=[0, 32])
    fig.update_layout(legend_y=-0.2)  # room for the two-line session labels
    last = next((s for s in reversed(resp.sessions) if s.window.logged), resp.sessions[-1])
    summary = (
        f"Before Botox: {_rate(base.per30['headache'])} headache days per 30 logged days; "
        f"after session {last.number}: {_rate(last.window.per30['headache'])}"
    )
    red = last.reduction_pct["headache"]
    if red is not None:
        word = "fewer" if red >= 0 else "more"
        summary += f", {fmt_num(abs(red))}% {word}; {last.label}"
    if not last.complete:
        summary += f", {last.window.days_elapsed} of 84 days so far"
    return Chart("response", title, summary + ".", fig.build())


def _recorded(ev: Evidence, name: str) -> tuple[Any, ...]:
    """The recordings of one questionnaire, from the evidence's history (none when untracked)."""
    history = ev.questionnaires.get(name)
    return history.entries if history is not None else ()


def midas_history(ev: Evidence, rows: Iterable[Any] = ()) -> Chart:
    pts = sorted((m.date, m.score()) for m in _recorded(ev, "midas") if in_period(ev, m.date))
    bands = [
        (lo, hi if hi is not None else 10_000, f"Grade {g}: {meaning}")
        for lo, hi, g, meaning in MIDAS_GRADES
    ]
    top = max([v for _, v in pts] + [40]) + 6

    def grade(v: int) -> str:
        return next(
            f"grade {g}, {m}"
            for lo, hi, g, m in MIDAS_GRADES
            if v >= lo and (hi is None or v <= hi)
        )

    return history_chart(
        "midas",
        "MIDAS (disability over 3 months)",
        pts,
        bands,
        top,
        0,
        "MIDAS",
        "Fill in a MIDAS questionnaire (Questionnaires page) every 3 months to see its history.",
        grade,
        ev,
        headache_sessions(ev),
    )


def hit6_history(ev: Evidence, rows: Iterable[Any] = ()) -> Chart:
    pts = sorted((h.date, h.total) for h in _recorded(ev, "hit6") if in_period(ev, h.date))

    def band(v: int) -> str:
        return next(label for lo, hi, label in HIT6_BANDS if lo <= v <= hi)

    return history_chart(
        "hit6",
        "HIT-6 (headache impact)",
        pts,
        HIT6_BANDS,
        78,
        36,
        "HIT-6",
        "Fill in a HIT-6 questionnaire (Questionnaires page) to see its history.",
        band,
        ev,
        headache_sessions(ev),
    )
