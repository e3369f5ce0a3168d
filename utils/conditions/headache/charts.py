"""Headache charts: the calendar, days per month, acute medicines, pain and attack lengths.

The headache condition's ``charts`` part: ``charts(ev, rows) -> list[Chart]``, its charts in page
order (the treatment charts come from ``treatment_charts.py``).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from utils import catalog
from utils.conditions.headache.calendar_chart import calendar_heatmap
from utils.conditions.headache.metrics import HEADACHE, LONG_DAY_HOURS
from utils.conditions.headache.overuse import overuse_limits
from utils.conditions.headache.treatment_charts import (
    botox_response,
    headache_sessions,
    hit6_history,
    midas_history,
    treatment_timeline,
)
from utils.core.dates import fmt_hours
from utils.core.plotting import (
    BLUE,
    GREEN,
    GREY,
    ORANGE,
    PURPLE,
    REFERENCE,
    SKY,
    VERMILLION,
    YELLOW,
    Chart,
    Figure,
    add_sessions,
    first_day,
    period_x,
    plural,
    style,
    trace,
)

if TYPE_CHECKING:
    from utils.evidence import Evidence

DURATION_BINS = ((0, 2), (2, 4), (4, 8), (8, 12), (12, 24), (24, 72), (72, None))
ROLLING_DAYS = 30
MIN_TREND_DAYS = 3


def _med(cls: str) -> str:
    """A medicine class as words inside a sentence: 'triptan', 'NSAID'."""
    label = catalog.acute_classes().get(cls, {}).get("label", cls.replace("_", " "))
    return label if label.split(" ")[0].isupper() else label[0].lower() + label[1:]


# ---------------------------------------------------------------- headache: monthly counts


def monthly_bars(ev: Evidence) -> Chart:
    """Headache and migraine days per month, the thresholds in use, and days logged."""
    title = "Headache and migraine days per month"
    months = [m for m in ev.months]
    if "headache" not in ev.conditions or not any(m.counts.logged for m in months):
        return Chart(
            "monthly",
            title,
            "Log every day (attacks and headache-free days) to see headache days per month.",
        )
    chronic = ev.chronic
    h_th = (
        chronic.headache_threshold if chronic else ev.thresholds.values["headache_days_per_month"]
    )
    m_th = (
        chronic.migraine_threshold if chronic else ev.thresholds.values["migraine_days_per_month"]
    )
    x = [first_day(m.month) for m in months]
    notes = [f"{m.label}: {m.note}" for m in months]
    common = dict(x=x, xperiod="M1", xperiodalignment="middle", customdata=notes)
    fig = Figure()
    fig.add_trace(
        trace(
            "bar",
            y=[m.counts.headache for m in months],
            name="Headache days",
            marker_color=SKY,
            hovertemplate="%{y} headache days<br>%{customdata}<extra></extra>",
            **common,
        )
    )
    fig.add_trace(
        trace(
            "bar",
            y=[m.counts.migraine for m in months],
            name="Migraine days",
            marker_color=BLUE,
            hovertemplate="%{y} migraine days<extra></extra>",
            **common,
        )
    )
    # Days logged: a line over whole months only (a month the period only partly covers
    # would dive); those partial months get an open marker of their own, not joined.
    whole = [m for m in months if not m.partial_period]
    part = [m for m in months if m.partial_period]
    fig.add_trace(
        trace(
            "scatter",
            x=[first_day(m.month) for m in whole],
            y=[m.counts.logged for m in whole],
            name="Days logged",
            mode="lines+markers",
            line=dict(color=GREY, dash="dot"),
            marker=dict(symbol="circle", size=7),
            customdata=[f"{m.counts.logged} of {plural(m.counts.days, 'day')}" for m in whole],
            hovertemplate="%{customdata} logged<extra></extra>",
            xperiod="M1",
            xperiodalignment="middle",
        )
    )
    if part:
        fig.add_trace(
            trace(
                "scatter",
                x=[first_day(m.month) for m in part],
                y=[m.counts.logged for m in part],
                name="Days logged, part of a month",
                mode="markers",
                marker=dict(symbol="circle-open", size=9, color=GREY, line=dict(width=2)),
                customdata=[
                    f"{m.counts.logged} of the {plural(m.counts.days, 'day')} in the period"
                    for m in part
                ],
                hovertemplate="%{customdata} logged (part of a month)<extra></extra>",
                xperiod="M1",
                xperiodalignment="middle",
            )
        )
    fig.add_hline(
        y=h_th,
        line=dict(color=REFERENCE, dash="dash", width=1.5),
        annotation_text=f"{h_th} headache days",
        annotation_position="top left",
    )
    fig.add_hline(
        y=m_th,
        line=dict(color=REFERENCE, dash="dot", width=1.5),
        annotation_text=f"{m_th} migraine days",
        annotation_position="top left",
    )
    style(fig, 340)
    fig.update_layout(barmode="group", hovermode="x unified")
    fig.update_yaxes(title_text="days", range=[0, 32])
    latest = next((m for m in reversed(months) if m.counts.logged), months[-1])
    c = latest.counts
    summary = (
        f"{plural(c.headache, 'headache day')} in {latest.label}, {c.migraine} of them "
        f"{'a migraine day' if c.migraine == 1 else 'migraine days'} "
        f"({c.logged} of {plural(c.days, 'day')} logged)"
    )
    whole = [m.month for m in months if not m.partial_period]
    if chronic is not None and whole:
        # Whole calendar months only, as the checklist counts them: a few days at an edge of the
        # period are not a month that "did not reach" the threshold.
        q = len(set(chronic.qualifying_months) & set(whole))
        summary += (
            f"; {q} of {plural(len(whole), 'whole month')} reached {h_th} headache days "
            f"with {m_th} migraine days"
        )
    return Chart("monthly", title, summary + ".", fig.build())


# ---------------------------------------------------------------- headache: acute medicines


def overuse_bars(ev: Evidence) -> Chart:
    """Acute-medicine days per month by class, with the overuse limits drawn."""
    title = "Acute medicine days per month"
    ov = ev.overuse
    if ov is None or not any(m.days_by_class for m in ov.months):
        return Chart(
            "overuse",
            title,
            "Record the medicines you take with each attack to see acute medicine days per month.",
        )
    limits: dict[str, int] = overuse_limits()
    labels = {k: v.get("label", k) for k, v in catalog.acute_classes().items()}
    classes = [c for c in catalog.acute_classes() if any(c in m.days_by_class for m in ov.months)]
    palette = [ORANGE, BLUE, PURPLE, SKY, VERMILLION, GREEN, YELLOW, GREY, "#444444"]
    x = [first_day(m.month) for m in ov.months]
    fig = Figure()
    for i, cls in enumerate(classes):
        limit = limits.get(cls)
        fig.add_trace(
            trace(
                "bar",
                x=x,
                y=[m.days_by_class.get(cls, 0) for m in ov.months],
                name=labels.get(cls, cls),
                marker_color=palette[i % len(palette)],
                xperiod="M1",
                xperiodalignment="middle",
                hovertemplate=f"%{{y}} days of {_med(cls)}"
                + (f" (limit {limit})" if limit else "")
                + "<extra></extra>",
            )
        )
    flagged = [m for m in ov.months if m.triggered]
    if flagged:
        fig.add_trace(
            trace(
                "scatter",
                x=[first_day(m.month) for m in flagged],
                y=[max(m.days_by_class.values(), default=0) + 1.5 for m in flagged],
                xperiod="M1",
                xperiodalignment="middle",
                mode="markers",
                marker=dict(symbol="triangle-down", size=10, color=VERMILLION),
                name="Month at an overuse limit",
                customdata=["; ".join(m.triggered) for m in flagged],
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    used = {cls: limits[cls] for cls in classes if cls in limits}
    for value in sorted(set(used.values())):
        names = [_med(c) for c, v in used.items() if v == value]
        fig.add_hline(
            y=value,
            line=dict(color=REFERENCE, dash="dash", width=1.5),
            annotation_text=f"{value} days: {', '.join(names)}",
            annotation_position="top left",
        )
    style(fig, 340)
    fig.update_layout(barmode="group", hovermode="x unified")
    fig.update_yaxes(title_text="days", range=[0, 32])
    peak_month, peak_cls, peak_n = max(
        ((m, c, n) for m in ov.months for c, n in m.days_by_class.items()),
        key=lambda t: (t[2], t[0].month),
    )
    summary = (
        f"{len(ov.flagged_months)} of {len(ov.months)} months reached an overuse limit; the most "
        f"was {_med(peak_cls)} on {peak_n} days in {peak_month.label}"
    )
    if peak_cls in limits:
        summary += f" (limit {limits[peak_cls]})"
    return Chart("overuse", title, summary + ".", fig.build())


# ---------------------------------------------------------------- headache: pain and duration


def pain_duration_trend(ev: Evidence) -> Chart:
    """Worst pain and hours of headache on headache days, as a rolling average."""
    title = f"Pain and hours ({ROLLING_DAYS}-day average)"
    heads = [d for d in ev.days if d.status == HEADACHE]
    pains = [(d.date, d.max_pain) for d in heads if d.max_pain is not None]
    hours = [(d.date, d.hours) for d in heads if d.hours is not None]
    if len(pains) < MIN_TREND_DAYS and len(hours) < MIN_TREND_DAYS:
        return Chart(
            "pain_trend",
            title,
            f"Log at least {MIN_TREND_DAYS} headaches with their pain and length to see this trend.",
        )
    pain_x, pain_y = _rolling(pains)
    hour_x, hour_y = _rolling(hours)
    fig = Figure(rows=2, vertical_spacing=0.08)
    fig.add_trace(
        trace(
            "scatter",
            x=pain_x,
            y=pain_y,
            name="Worst pain (0-10)",
            mode="lines",
            line=dict(color=VERMILLION, width=2),
            hovertemplate="pain %{y:.1f}/10<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        trace(
            "scatter",
            x=hour_x,
            y=hour_y,
            name="Hours of headache",
            mode="lines",
            line=dict(color=BLUE, width=2, dash="dash"),
            hovertemplate="%{y:.1f} h<extra></extra>",
        ),
        row=2,
        col=1,
    )
    sessions = headache_sessions(ev)
    add_sessions(fig, sessions, rows=2)
    style(fig, 360)
    fig.update_layout(hovermode="x unified")
    fig.update_yaxes(title_text="pain", range=[0, 10.8], row=1, col=1)
    period_x(fig, ev)
    fig.update_yaxes(title_text="hours", row=2, col=1)
    parts = []
    if pains:
        parts.append(f"average worst pain {statistics.fmean(p for _, p in pains):.1f}/10")
    if hours:
        parts.append(f"{statistics.fmean(h for _, h in hours):.1f} hours of headache")
    summary = f"On the {len(heads)} headache days: " + " and ".join(parts)
    if pain_y:
        summary += f"; over the last {ROLLING_DAYS} days, pain averaged {pain_y[-1]:.1f}/10"
    return Chart("pain_trend", title, summary + ".", fig.build())


def _rolling(points: Sequence[tuple[dt.date, float]]) -> tuple[list[dt.date], list[float]]:
    """Trailing mean over ``ROLLING_DAYS`` calendar days at each point (sorted by date)."""
    xs: list[dt.date] = []
    ys: list[float] = []
    window: list[tuple[dt.date, float]] = []
    total = 0.0
    lo = 0
    for d, v in points:
        window.append((d, v))
        total += v
        while window[lo][0] <= d - dt.timedelta(days=ROLLING_DAYS):
            total -= window[lo][1]
            lo += 1
        xs.append(d)
        ys.append(round(total / (len(window) - lo), 1))
    return xs, ys


def _bin_label(lo: float, hi: float | None) -> str:
    return f"{lo:g} h or more" if hi is None else f"{lo:g}-{hi:g} h"


def duration_histogram(ev: Evidence, rows: Iterable[Any] = ()) -> Chart:
    """How long attacks that began in the period lasted."""
    title = "How long attacks lasted"
    durations = ev.attack_durations  # every attack begun in the period (``rows`` is not read)
    known = durations.known if durations is not None else []
    if "headache" not in ev.conditions or not known:
        return Chart(
            "durations",
            title,
            "Give each attack a start and end time (or a duration) to see how long they last.",
        )
    counts = [
        sum(1 for h in known if h >= lo and (hi is None or h < hi)) for lo, hi in DURATION_BINS
    ]
    labels = [_bin_label(lo, hi) for lo, hi in DURATION_BINS]
    fig = Figure(
        trace(
            "bar",
            x=labels,
            y=counts,
            marker_color=[SKY if (hi or 99) <= LONG_DAY_HOURS else BLUE for _, hi in DURATION_BINS],
            text=[str(c) for c in counts],  # as plotly stores numbers given as text
            textposition="outside",
            name="Attacks",
            hovertemplate="%{y} attacks lasted %{x}<extra></extra>",
            cliponaxis=False,
        )
    )
    style(fig, 300)
    fig.update_layout(showlegend=False)
    fig.update_xaxes(type="category", nticks=None)
    fig.update_yaxes(title_text="attacks")
    # Long: as long as a long headache day (metrics' LONG_DAY_HOURS, the same 4 hours).
    long = sum(1 for h in known if h >= LONG_DAY_HOURS)
    summary = (
        f"{long} of {plural(len(known), 'attack')} with a known length lasted "
        f"{fmt_hours(LONG_DAY_HOURS)} hours or more "
        f"(median {fmt_hours(round(statistics.median(known), 1))} h)"
    )
    unknown = durations.unknown
    if unknown:
        summary += f"; {plural(unknown, 'attack')} without a recorded length"
    return Chart("durations", title, summary + ".", fig.build())


# ---------------------------------------------------------------- all charts


def charts(ev: Evidence, rows: Sequence[Any]) -> list[Chart]:
    """The headache charts, in page order."""
    return [
        calendar_heatmap(ev),
        monthly_bars(ev),
        overuse_bars(ev),
        pain_duration_trend(ev),
        duration_histogram(ev, rows),
        treatment_timeline(ev, rows),
        botox_response(ev),
        midas_history(ev, rows),
        hit6_history(ev, rows),
    ]
