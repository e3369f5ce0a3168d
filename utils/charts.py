"""Plotly figure builders for the trends page: the evidence engine's numbers, drawn honestly.

Every builder is pure: it takes the ``Evidence`` (and, only for what the engine does not
aggregate, the profile's stored entries) and returns a ``Chart``: the figure *and* the one
sentence that states its key number, made from the same values the traces carry. Without enough
data the figure is ``None`` and the sentence says what to log to see the chart.

Builders never recount what the engine already counted (day statuses, monthly counts, overuse,
response windows); they read ``Evidence`` fields. Entries are read only for per-attack durations,
treatment trials, questionnaire history and per-day sweating and jaw values.

Style: the Okabe-Ito colour-blind-safe palette; headache-free days in a light neutral and
not-logged days in grey with a hatch mark (never a red/green contrast); transparent backgrounds so
Streamlit's light or dark theme shows through; legends at the bottom and few ticks so a phone
screen can read them.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from utils import catalog, metrics
from utils.evidence import Evidence
from utils.metrics import (
    HEADACHE,
    HEADACHE_FREE,
    NOT_LOGGED,
    HeadacheDay,
    fmt_hours,
    month_bounds,
    month_label,
)
from utils.models import (
    OUTCOMES,
    Attack,
    HdssAssessment,
    Hit6,
    JawDay,
    Midas,
    SweatDay,
    Treatment,
)
from utils.scores import HIT6_BANDS, MIDAS_GRADES

# Okabe-Ito (Okabe & Ito 2008), the colour-blind-safe palette; black is left out (dark theme).
ORANGE, SKY, GREEN, YELLOW, BLUE, VERMILLION, PURPLE = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#F0E442",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
)
GREY = "#8C8C8C"
NOT_LOGGED_COLOUR = "#A3A3A3"
FREE_COLOUR = "#DCE5EC"  # light neutral: headache-free
REFERENCE = "#7A7A7A"
# Questionnaire points: a mid blue that keeps 3:1 against every band in both themes.
POINT_COLOUR = "#2F86D0"
BAND_SHADES = tuple(f"rgba(86,180,233,{a})" for a in (0.04, 0.09, 0.15, 0.22))
MILD_DOT = "#4A4300"  # the dot that marks mild days (a pattern, not only a hue)
SESSION_COLOUR = GREEN
SESSION_NAME = "Botox session"
OUTCOME_COLOURS = {
    "inadequate_response": ORANGE,
    "side_effects": PURPLE,
    "contraindicated": GREY,
    "ongoing": SKY,
    "other": GREY,
}

# Calendar categories, lowest to worst.
CAL_NOT_LOGGED, CAL_FREE, CAL_MILD, CAL_PAIN, CAL_IMPAIRED = range(5)
CALENDAR_CATEGORIES = (
    (CAL_NOT_LOGGED, "Not logged", NOT_LOGGED_COLOUR),
    (CAL_FREE, "Headache-free", FREE_COLOUR),
    (CAL_MILD, "Headache, mild (pain 0-3 or not recorded)", YELLOW),
    (CAL_PAIN, "Headache, pain 4-10", ORANGE),
    (CAL_IMPAIRED, "Headache that cut down activity or meant bed rest", VERMILLION),
)
CALENDAR_MAX_MONTHS = 24
DURATION_BINS = ((0, 2), (2, 4), (4, 8), (8, 12), (12, 24), (24, 72), (72, None))
ROLLING_DAYS = 30
MIN_TREND_DAYS = 3


@dataclass(frozen=True)
class Chart:
    """One chart of the trends page: a figure (or None) and its one-sentence summary."""

    key: str
    title: str
    summary: str  # the key number; when ``figure`` is None, what to log to see the chart
    figure: go.Figure | None = None

    @property
    def empty(self) -> bool:
        return self.figure is None


# ---------------------------------------------------------------- helpers


def _style(fig: go.Figure, height: int = 320) -> go.Figure:
    fig.update_layout(
        height=height,
        autosize=True,
        margin=dict(l=8, r=8, t=24, b=8),
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        legend=dict(orientation="h", yanchor="top", y=-0.12, xanchor="left", x=0, title_text=""),
        hoverlabel=dict(namelength=-1),
        bargap=0.15,
    )
    fig.update_xaxes(nticks=6, showgrid=False)
    fig.update_yaxes(nticks=6, rangemode="tozero", zeroline=False)
    return fig


def _d(d: dt.date) -> str:
    return f"{d.day} {d:%b %Y}"


def _num(v: float) -> str:
    """A rate or average with at most one decimal: 18.49 -> '18.5', 3.0 -> '3'."""
    return f"{round(v, 1):g}"


def _plural(n: float, word: str) -> str:
    if n == 1:
        return f"{n:g} {word}"
    return f"{n:g} {word}es" if word.endswith(("s", "x")) else f"{n:g} {word}s"


def _med(cls: str) -> str:
    """A medicine class as words inside a sentence: 'triptan', 'NSAID'."""
    label = catalog.acute_classes().get(cls, {}).get("label", cls.replace("_", " "))
    return label if label.split(" ")[0].isupper() else label[0].lower() + label[1:]


def _first_day(month: str) -> dt.date:
    return month_bounds(month)[0]


def _entries(rows: Iterable[Any], cls: type) -> list[Any]:
    out = []
    for r in rows:
        e = getattr(r, "entry", r)
        if isinstance(e, cls):
            out.append(e)
    return out


def _in_period(ev: Evidence, d: dt.date) -> bool:
    return ev.period.start <= d <= ev.period.counted_end


def headache_sessions(ev: Evidence) -> list[dt.date]:
    """Headache Botox session days inside the period (from the engine's response)."""
    resp = ev.responses.get("headache")
    return [s.date for s in resp.sessions if _in_period(ev, s.date)] if resp else []


def _add_sessions(fig: go.Figure, dates: Sequence[dt.date], rows: int = 1) -> None:
    """Botox sessions as dotted vertical lines across the plot (every row of a subplot figure),
    labelled on top: never as a data point on a value axis. One legend entry."""
    if not dates:
        return
    for row in range(1, rows + 1):
        xref = "x" if row == 1 else f"x{row}"
        yref = "y domain" if row == 1 else f"y{row} domain"
        for d in dates:
            fig.add_shape(
                type="line",
                x0=d,
                x1=d,
                y0=0,
                y1=1,
                xref=xref,
                yref=yref,
                line=dict(color=SESSION_COLOUR, width=2, dash="dot"),
                name=SESSION_NAME,
                layer="above",
            )
    for d in dates:
        fig.add_annotation(
            x=d,
            y=1,
            xref="x",
            yref="y domain",
            text="Botox",
            showarrow=False,
            yanchor="bottom",
            font=dict(size=11, color=SESSION_COLOUR),
            hovertext=f"Botox session {_d(d)}",
        )
    # The legend entry (draws nothing itself: the lines above are the sessions).
    fig.add_trace(
        go.Scatter(
            x=list(dates),
            y=[None] * len(dates),
            mode="lines",
            line=dict(color=SESSION_COLOUR, width=2, dash="dot"),
            name=SESSION_NAME,
            hoverinfo="skip",
        )
    )


def _period_x(fig: go.Figure, ev: Evidence, first: dt.date | None = None, **where: Any) -> None:
    """Show the whole period on a date axis, even with one point (no sub-second ticks)."""
    lo = min(first or ev.period.start, ev.period.start)
    fig.update_xaxes(type="date", range=[lo, ev.period.counted_end + dt.timedelta(days=1)], **where)


def _week_start(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


# ---------------------------------------------------------------- headache: calendar


def day_category(day: HeadacheDay) -> int:
    """The calendar colour of a day: worst effect on function first, then pain."""
    if day.status == NOT_LOGGED:
        return CAL_NOT_LOGGED
    if day.status == HEADACHE_FREE:
        return CAL_FREE
    if day.function_impaired:
        return CAL_IMPAIRED
    if day.max_pain is not None and day.max_pain >= 4:
        return CAL_PAIN
    return CAL_MILD


def _day_text(day: HeadacheDay) -> str:
    head = f"{day.date:%a} {_d(day.date)}: "
    if day.status == NOT_LOGGED:
        return head + "not logged"
    if day.status == HEADACHE_FREE:
        return head + "headache-free"
    parts = ["headache"]
    if day.hours is not None:
        parts.append(f"{fmt_hours(round(day.hours, 1))} h")
    if day.max_pain is not None:
        parts.append(f"pain {day.max_pain}/10")
    if day.migraine:
        parts.append("migraine day")
    if day.function_impaired:
        parts.append("activity cut down or bed rest")
    if day.acute_classes:
        parts.append(", ".join(c.replace("_", " ") for c in day.acute_classes))
    return head + ", ".join(parts)


def calendar_heatmap(ev: Evidence) -> Chart:
    """Each day of the period by its worst effect; not-logged days hatched grey; Botox marked."""
    title = "Calendar"
    if "headache" not in ev.conditions or not any(d.logged for d in ev.days):
        return Chart("calendar", title, "Log headaches and headache-free days to see a calendar.")
    days = list(ev.days)
    months = sorted({d.date.strftime("%Y-%m") for d in days})
    shown_months = months[-CALENDAR_MAX_MONTHS:]
    first_shown = _first_day(shown_months[0])
    shown = [d for d in days if d.date >= first_shown]
    row_of = {m: i for i, m in enumerate(shown_months)}
    labels = [month_label(m) for m in shown_months]
    z: list[list[int | None]] = [[None] * 31 for _ in shown_months]
    text: list[list[str]] = [[""] * 31 for _ in shown_months]
    for d in shown:
        r = row_of[d.date.strftime("%Y-%m")]
        z[r][d.date.day - 1] = day_category(d)
        text[r][d.date.day - 1] = _day_text(d)
    n = len(CALENDAR_CATEGORIES)
    scale = []
    for value, _, colour in CALENDAR_CATEGORIES:
        scale += [[value / n, colour], [(value + 1) / n, colour]]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=list(range(1, 32)),
            y=labels,
            text=text,
            hovertemplate="%{text}<extra></extra>",
            colorscale=scale,
            zmin=0,
            zmax=n,
            showscale=False,
            xgap=2,
            ygap=2,
            name="days",
        )
    )
    # Hatch marks on not-logged days, so they never read as a colour of their own.
    miss = [d for d in shown if d.status == NOT_LOGGED]
    fig.add_trace(
        go.Scatter(
            x=[d.date.day for d in miss],
            y=[labels[row_of[d.date.strftime("%Y-%m")]] for d in miss],
            mode="markers",
            marker=dict(symbol="line-ne", size=9, line=dict(width=1.5, color="#F5F5F5")),
            name="Not logged",
            hoverinfo="skip",
            showlegend=False,
        )
    )
    # A dot on mild days: mild and headache-free differ in pattern, not only in hue.
    mild = [d for d in shown if day_category(d) == CAL_MILD]
    fig.add_trace(
        go.Scatter(
            x=[d.date.day for d in mild],
            y=[labels[row_of[d.date.strftime("%Y-%m")]] for d in mild],
            mode="markers",
            marker=dict(symbol="circle", size=4, color=MILD_DOT),
            name="Mild days",
            hoverinfo="skip",
            showlegend=False,
        )
    )
    symbols = {CAL_NOT_LOGGED: "square-x-open", CAL_MILD: "square-dot"}
    for value, label, colour in CALENDAR_CATEGORIES:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker=dict(
                    symbol=symbols.get(value, "square"),
                    size=12,
                    color=colour,
                    line=dict(width=1, color=MILD_DOT if value == CAL_MILD else colour),
                ),
                name=label,
                showlegend=True,
            )
        )
    sessions = [s for s in headache_sessions(ev) if s >= first_shown]
    if sessions:
        fig.add_trace(
            go.Scatter(
                x=[s.day for s in sessions],
                y=[labels[row_of[s.strftime("%Y-%m")]] for s in sessions],
                mode="markers",
                marker=dict(symbol="diamond", size=11, color=SESSION_COLOUR, line=dict(width=1)),
                name=SESSION_NAME,
                customdata=[_d(s) for s in sessions],
                hovertemplate="Botox session %{customdata}<extra></extra>",
            )
        )
    _style(fig, height=150 + 24 * len(shown_months))
    fig.update_yaxes(autorange="reversed", type="category", nticks=None, showgrid=False)
    fig.update_xaxes(tickmode="array", tickvals=[1, 8, 15, 22, 29], fixedrange=True)
    fig.update_layout(legend=dict(y=-0.06 - 48 / (150 + 24 * len(shown_months))))
    logged = sum(d.logged for d in days)
    head = sum(d.headache for d in days)
    impaired = sum(d.function_impaired for d in days)
    summary = (
        f"{_plural(head, 'headache day')}, {impaired} of them cutting down activity, and "
        f"{_plural(len(days) - logged, 'day')} not logged, out of {_plural(len(days), 'day')}"
    )
    if len(shown_months) < len(months):
        summary += f" (the calendar shows the last {CALENDAR_MAX_MONTHS} months)"
    return Chart("calendar", title, summary + ".", fig)


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
    x = [_first_day(m.month) for m in months]
    notes = [f"{m.label}: {m.note}" for m in months]
    common = dict(x=x, xperiod="M1", xperiodalignment="middle", customdata=notes)
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=[m.counts.headache for m in months],
            name="Headache days",
            marker_color=SKY,
            hovertemplate="%{y} headache days<br>%{customdata}<extra></extra>",
            **common,
        )
    )
    fig.add_trace(
        go.Bar(
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
        go.Scatter(
            x=[_first_day(m.month) for m in whole],
            y=[m.counts.logged for m in whole],
            name="Days logged",
            mode="lines+markers",
            line=dict(color=GREY, dash="dot"),
            marker=dict(symbol="circle", size=7),
            customdata=[f"{m.counts.logged} of {_plural(m.counts.days, 'day')}" for m in whole],
            hovertemplate="%{customdata} logged<extra></extra>",
            xperiod="M1",
            xperiodalignment="middle",
        )
    )
    if part:
        fig.add_trace(
            go.Scatter(
                x=[_first_day(m.month) for m in part],
                y=[m.counts.logged for m in part],
                name="Days logged, part of a month",
                mode="markers",
                marker=dict(symbol="circle-open", size=9, color=GREY, line=dict(width=2)),
                customdata=[
                    f"{m.counts.logged} of the {_plural(m.counts.days, 'day')} in the period"
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
    _style(fig, 340)
    fig.update_layout(barmode="group", hovermode="x unified")
    fig.update_yaxes(title_text="days", range=[0, 32])
    latest = next((m for m in reversed(months) if m.counts.logged), months[-1])
    c = latest.counts
    summary = (
        f"{_plural(c.headache, 'headache day')} in {latest.label}, {c.migraine} of them "
        f"{'a migraine day' if c.migraine == 1 else 'migraine days'} "
        f"({c.logged} of {_plural(c.days, 'day')} logged)"
    )
    whole = [m.month for m in months if not m.partial_period]
    if chronic is not None and whole:
        # Whole calendar months only, as the checklist counts them: a few days at an edge of the
        # period are not a month that "did not reach" the threshold.
        q = len(set(chronic.qualifying_months) & set(whole))
        summary += (
            f"; {q} of {_plural(len(whole), 'whole month')} reached {h_th} headache days "
            f"with {m_th} migraine days"
        )
    return Chart("monthly", title, summary + ".", fig)


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
    limits: dict[str, int] = metrics.overuse_limits()
    labels = {k: v.get("label", k) for k, v in catalog.acute_classes().items()}
    classes = [c for c in catalog.acute_classes() if any(c in m.days_by_class for m in ov.months)]
    palette = [ORANGE, BLUE, PURPLE, SKY, VERMILLION, GREEN, YELLOW, GREY, "#444444"]
    x = [_first_day(m.month) for m in ov.months]
    fig = go.Figure()
    for i, cls in enumerate(classes):
        limit = limits.get(cls)
        fig.add_trace(
            go.Bar(
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
            go.Scatter(
                x=[_first_day(m.month) for m in flagged],
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
    _style(fig, 340)
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
    return Chart("overuse", title, summary + ".", fig)


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
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08)
    fig.add_trace(
        go.Scatter(
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
        go.Scatter(
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
    _add_sessions(fig, sessions, rows=2)
    _style(fig, 360)
    fig.update_layout(hovermode="x unified")
    fig.update_yaxes(title_text="pain", range=[0, 10.8], row=1, col=1)
    _period_x(fig, ev)
    fig.update_yaxes(title_text="hours", row=2, col=1)
    parts = []
    if pains:
        parts.append(f"average worst pain {statistics.fmean(p for _, p in pains):.1f}/10")
    if hours:
        parts.append(f"{statistics.fmean(h for _, h in hours):.1f} hours of headache")
    summary = f"On the {len(heads)} headache days: " + " and ".join(parts)
    if pain_y:
        summary += f"; over the last {ROLLING_DAYS} days, pain averaged {pain_y[-1]:.1f}/10"
    return Chart("pain_trend", title, summary + ".", fig)


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


def duration_histogram(ev: Evidence, rows: Iterable[Any]) -> Chart:
    """How long attacks that began in the period lasted."""
    title = "How long attacks lasted"
    attacks = [a for a in _entries(rows, Attack) if _in_period(ev, a.start_date)]
    known = []
    for a in attacks:
        d = a.duration(ev.generated_at)
        if d is not None:
            known.append(d.total_seconds() / 3600)
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
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=counts,
            marker_color=[SKY if (hi or 99) <= 4 else BLUE for _, hi in DURATION_BINS],
            text=counts,
            textposition="outside",
            name="Attacks",
            hovertemplate="%{y} attacks lasted %{x}<extra></extra>",
            cliponaxis=False,
        )
    )
    _style(fig, 300)
    fig.update_layout(showlegend=False)
    fig.update_xaxes(type="category", nticks=None)
    fig.update_yaxes(title_text="attacks")
    long = sum(1 for h in known if h >= 4)
    summary = (
        f"{long} of {_plural(len(known), 'attack')} with a known length lasted 4 hours or more "
        f"(median {fmt_hours(round(statistics.median(known), 1))} h)"
    )
    unknown = len(attacks) - len(known)
    if unknown:
        summary += f"; {_plural(unknown, 'attack')} without a recorded length"
    return Chart("durations", title, summary + ".", fig)


# ---------------------------------------------------------------- headache: treatments


def treatment_timeline(ev: Evidence, rows: Iterable[Any]) -> Chart:
    """Preventive trials as bands and Botox sessions as markers, over headache days per month."""
    title = "Treatments tried, over headache days"
    trials = sorted(
        (t for t in _entries(rows, Treatment) if t.condition == "headache"),
        key=lambda t: t.start,
    )
    trials = [t for t in trials if t.start <= ev.period.counted_end]
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
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.06,
        row_heights=[0.62, 0.38],
    )
    fig.add_trace(
        go.Scatter(
            x=[_first_day(m.month) for m in months],
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
    _add_sessions(fig, sessions, rows=2)
    shown_outcomes: set[str] = set()
    names = []
    for t in trials:
        stop = t.stop or end
        days = t.days_on(end)
        label = f"{t.name}"
        names.append(label)
        fig.add_trace(
            go.Bar(
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
                    + f": {_d(t.start)} to {_d(t.stop) if t.stop else 'now'} ({days} days), "
                    + OUTCOMES[t.outcome].lower()
                ],
                hovertemplate="%{customdata}<extra></extra>",
            ),
            row=2,
            col=1,
        )
        shown_outcomes.add(t.outcome)
    _style(fig, 300 + 26 * n_rows)
    fig.update_layout(barmode="overlay")
    _period_x(fig, ev, trials[0].start if trials else None)
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
        f"{_plural(len(failed), 'preventive trial')} stopped for lack of effect or side effects "
        f"({_plural(len(classes), 'class')})"
    )
    if sessions:
        summary += f", then {_plural(len(sessions), 'Botox session')} in the period"
    return Chart("timeline", title, summary + ".", fig)


# ---------------------------------------------------------------- headache: Botox response


def _rate(v: float | None) -> str:
    return "no logged days" if v is None else _num(v)


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
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
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
        go.Bar(
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
    _style(fig, 340)
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
        summary += f", {_num(abs(red))}% {word}; {last.label}"
    if not last.complete:
        summary += f", {last.window.days_elapsed} of 84 days so far"
    return Chart("response", title, summary + ".", fig)


# ---------------------------------------------------------------- questionnaires


def _history(
    key: str,
    title: str,
    points: Sequence[tuple[dt.date, int]],
    bands: Sequence[tuple[int, int, str]],
    top: int,
    bottom: int,
    what: str,
    log_hint: str,
    grade_of,
    ev: Evidence,
) -> Chart:
    if not points:
        return Chart(key, title, log_hint)
    fig = go.Figure()
    shades = BAND_SHADES
    for i, (lo, hi, label) in enumerate(bands):
        fig.add_hrect(
            y0=lo - 0.5 if i else bottom,
            y1=hi + 0.5 if i < len(bands) - 1 else top,
            fillcolor=shades[i % len(shades)],
            line_width=0,
            layer="below",
            annotation_text=label,
            annotation_position="top left",
            annotation_font_size=11,
        )
    fig.add_trace(
        go.Scatter(
            x=[d for d, _ in points],
            y=[v for _, v in points],
            mode="lines+markers+text",
            text=[str(v) for _, v in points],
            textposition="top center",
            marker=dict(size=10, color=POINT_COLOUR),
            line=dict(color=POINT_COLOUR),
            name=what,
            customdata=[grade_of(v) for _, v in points],
            hovertemplate=f"{what} %{{y}} (%{{customdata}}) on %{{x|%d %b %Y}}<extra></extra>",
        )
    )
    _add_sessions(fig, headache_sessions(ev))
    _style(fig, 300)
    fig.update_yaxes(range=[bottom, top], title_text=what, rangemode=None)
    _period_x(fig, ev)
    d, v = points[-1]
    summary = f"Latest {what} {v} on {_d(d)} ({grade_of(v)})"
    if len(points) > 1:
        d0, v0 = points[0]
        summary += f", from {v0} on {_d(d0)}"
    return Chart(key, title, summary + ".", fig)


def midas_history(ev: Evidence, rows: Iterable[Any]) -> Chart:
    pts = sorted((m.date, m.score()) for m in _entries(rows, Midas) if _in_period(ev, m.date))
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

    return _history(
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
    )


def hit6_history(ev: Evidence, rows: Iterable[Any]) -> Chart:
    pts = sorted((h.date, h.total) for h in _entries(rows, Hit6) if _in_period(ev, h.date))

    def band(v: int) -> str:
        return next(label for lo, hi, label in HIT6_BANDS if lo <= v <= hi)

    return _history(
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
    )


# ---------------------------------------------------------------- sweating


def _sweat_days(ev: Evidence, rows: Iterable[Any]) -> list[SweatDay]:
    by_day: dict[dt.date, SweatDay] = {}
    for e in _entries(rows, SweatDay):
        if _in_period(ev, e.date):
            by_day[e.date] = e  # one record per day; a later entry wins (as the engine does)
    return [by_day[d] for d in sorted(by_day)]


def sweat_hdss_trend(ev: Evidence, rows: Iterable[Any]) -> Chart:
    """Daily HDSS as a weekly average, HDSS assessments, and Botox sessions."""
    title = "Sweating severity (HDSS) over time"
    sw = ev.sweating
    days = _sweat_days(ev, rows)
    graded = [(d.date, 1 if d.normal_day else d.hdss) for d in days]
    graded = [(d, v) for d, v in graded if v is not None]
    assessments = sorted(
        (a for a in _entries(rows, HdssAssessment) if _in_period(ev, a.date)),
        key=lambda a: a.date,
    )
    if sw is None or (not graded and not assessments):
        return Chart(
            "hdss_trend",
            title,
            "Log your sweating each day (normal days too) with its HDSS grade to see this trend.",
        )
    weeks: dict[dt.date, list[int]] = defaultdict(list)
    for d, v in graded:
        weeks[_week_start(d)].append(v)
    wx = sorted(weeks)
    fig = go.Figure()
    fig.add_hrect(y0=2.5, y1=4.5, fillcolor="rgba(230,159,0,0.10)", line_width=0, layer="below")
    fig.add_trace(
        go.Scatter(
            x=wx,
            y=[round(statistics.fmean(weeks[w]), 1) for w in wx],
            mode="lines",
            line=dict(color=ORANGE, width=2, shape="hv"),
            name="Daily HDSS, weekly average (normal day = 1)",
            hovertemplate="week of %{x|%d %b %Y}: %{y:.1f}<extra></extra>",
        )
    )
    if assessments:
        fig.add_trace(
            go.Scatter(
                x=[a.date for a in assessments],
                y=[a.score for a in assessments],
                mode="markers",
                marker=dict(symbol="circle", size=11, color=BLUE, line=dict(width=1)),
                name="HDSS assessment",
                customdata=[a.timing for a in assessments],
                hovertemplate="HDSS %{y} (%{customdata}) on %{x|%d %b %Y}<extra></extra>",
            )
        )
    _add_sessions(fig, [s for s in sw.sessions if _in_period(ev, s)])
    _style(fig, 320)
    _period_x(fig, ev)
    fig.update_yaxes(
        range=[0.7, 4.5],
        tickmode="array",
        tickvals=[1, 2, 3, 4],
        ticktext=["1 never noticeable", "2 tolerable", "3 barely tolerable", "4 intolerable"],
        rangemode=None,
    )
    if sw.hdss_mean is not None:
        summary = (
            f"Average HDSS {_num(sw.hdss_mean)} on {_plural(sw.symptom_days, 'day')} with "
            f"troublesome sweating, and {_plural(sw.normal_days, 'normal day')}, out of "
            f"{_plural(sw.logged_days, 'logged day')}"
        )
    else:
        summary = f"{sw.logged_days} logged days, none with an HDSS grade"
    return Chart("hdss_trend", title, summary + ".", fig)


def sweat_episodes(ev: Evidence, rows: Iterable[Any]) -> Chart:
    """Sweating episodes per week (normal days count as 0 episodes, as in the engine)."""
    title = "Sweating episodes per week"
    sw = ev.sweating
    weeks: dict[dt.date, list[int]] = defaultdict(list)
    for d in _sweat_days(ev, rows):
        eps = 0 if d.normal_day else d.episodes
        if eps is not None:
            weeks[_week_start(d.date)].append(eps)
    if sw is None or sw.episodes_per_week is None or not weeks:
        return Chart(
            "episodes",
            title,
            "Count your sweating episodes each day (0 on normal days) to see episodes per week.",
        )
    wx = sorted(weeks)
    # Episodes per week at the engine's rate definition: known episodes x 7 / days with a count.
    wy = [round(sum(weeks[w]) * 7 / len(weeks[w]), 1) for w in wx]
    fig = go.Figure(
        go.Bar(
            x=wx,
            y=wy,
            xperiod=7 * 86_400_000,
            xperiodalignment="start",
            marker_color=ORANGE,
            name="Episodes per week",
            customdata=[len(weeks[w]) for w in wx],
            hovertemplate="week of %{x|%d %b %Y}: %{y:.0f} episodes a week "
            "(%{customdata} days counted)<extra></extra>",
        )
    )
    fig.add_hline(
        y=sw.episodes_per_week,
        line=dict(color=REFERENCE, dash="dash", width=1.5),
        annotation_text=f"period average {_num(sw.episodes_per_week)}",
        annotation_position="top left",
    )
    _add_sessions(fig, [s for s in sw.sessions if _in_period(ev, s)])
    _style(fig, 300)
    _period_x(fig, ev)
    fig.update_layout(bargap=0.05)
    fig.update_yaxes(title_text="episodes a week")
    summary = (
        f"{_num(sw.episodes_per_week)} sweating episodes a week on average over "
        f"{sw.episode_days} days with a count"
    )
    return Chart("episodes", title, summary + ".", fig)


def sweat_sites(ev: Evidence, rows: Iterable[Any]) -> Chart:
    """On how many days each body site sweated."""
    title = "Where the sweating was"
    sw = ev.sweating
    counts: dict[str, int] = defaultdict(int)
    for d in _sweat_days(ev, rows):
        for s in d.sites:
            counts[s] += 1
    if sw is None or not counts:
        return Chart("sites", title, "Tick the sweating sites when you log a day to see this.")
    order = sorted(counts, key=lambda s: (-counts[s], s))
    fig = go.Figure(
        go.Bar(
            x=[counts[s] for s in order],
            y=order,
            orientation="h",
            marker_color=SKY,
            text=[counts[s] for s in order],
            textposition="outside",
            cliponaxis=False,
            name="Days",
            hovertemplate="%{y}: %{x} days<extra></extra>",
        )
    )
    _style(fig, 120 + 32 * len(order))
    fig.update_layout(showlegend=False)
    fig.update_yaxes(autorange="reversed", nticks=None, rangemode=None)
    fig.update_xaxes(title_text=f"days (of {sw.symptom_days} days with sweating)")
    top = order[0]
    summary = f"{top.capitalize()} on {counts[top]} of {sw.symptom_days} days with sweating"
    if len(order) > 1:
        summary += f", {order[1]} on {counts[order[1]]}"
    return Chart("sites", title, summary + ".", fig)


def sweat_hdss_change(ev: Evidence) -> Chart:
    """HDSS before and after each Botox session (the engine's assessments or daily averages)."""
    title = "HDSS before and after each Botox session"
    sw = ev.sweating
    changes = [c for c in (sw.hdss_changes if sw else ()) if c.source != "none"]
    if sw is None or not changes:
        return Chart(
            "hdss_change",
            title,
            "Record your sweating Botox sessions and an HDSS before and about a month after each "
            "(Questionnaires page) to compare them.",
        )
    labels = [f"{_d(c.session)}" for c in changes]
    fig = go.Figure()
    for name, vals, colour in (
        ("Before", [c.before for c in changes], ORANGE),
        ("After", [c.after for c in changes], BLUE),
    ):
        fig.add_trace(
            go.Bar(
                x=labels,
                y=vals,
                name=name,
                marker_color=colour,
                text=[f"{v:g}" for v in vals],
                textposition="outside",
                cliponaxis=False,
                customdata=[c.note for c in changes],
                hovertemplate=f"{name}: %{{y}}<br>%{{customdata}}<extra></extra>",
            )
        )
    th = ev.thresholds.values.get("hdss_min", 3)
    fig.add_hline(
        y=th,
        line=dict(color=REFERENCE, dash="dash", width=1.5),
        annotation_text=f"HDSS {th}: severe",
        annotation_position="top left",
    )
    _style(fig, 300)
    fig.update_layout(barmode="group")
    fig.update_xaxes(type="category", nticks=None, title_text="Botox session")
    fig.update_yaxes(range=[0, 4.6], tickvals=[1, 2, 3, 4], title_text="HDSS", rangemode=None)
    c = changes[-1]
    summary = f"Session of {_d(c.session)}: HDSS {c.before:g} before, {c.after:g} after"
    if c.drop is not None:
        grades = ev.thresholds.values.get("hdss_response_grades", 2)
        summary += (
            f" ({'a response' if c.response else 'not a response'}: a drop of {c.drop:g}, "
            f"{grades} needed)"
        )
    return Chart("hdss_change", title, summary + ".", fig)


# ---------------------------------------------------------------- jaw


def jaw_pain_trend(ev: Evidence, rows: Iterable[Any]) -> Chart:
    """Jaw pain as a weekly average of logged days (normal day = 0)."""
    title = "Jaw pain over time"
    jaw = ev.jaw
    weeks: dict[dt.date, list[int]] = defaultdict(list)
    by_day: dict[dt.date, JawDay] = {}
    for e in _entries(rows, JawDay):
        if _in_period(ev, e.date):
            by_day[e.date] = e
    for d, e in by_day.items():
        v = 0 if e.normal_day else e.pain
        if v is not None:
            weeks[_week_start(d)].append(v)
    if jaw is None or not weeks:
        return Chart(
            "jaw_trend", title, "Log your jaw each day (normal days too) to see pain over time."
        )
    wx = sorted(weeks)
    fig = go.Figure(
        go.Scatter(
            x=wx,
            y=[round(statistics.fmean(weeks[w]), 1) for w in wx],
            mode="lines",
            line=dict(color=VERMILLION, width=2, shape="hv"),
            name="Jaw pain, weekly average (normal day = 0)",
            customdata=[len(weeks[w]) for w in wx],
            hovertemplate="week of %{x|%d %b %Y}: %{y:.1f}/10 "
            "(%{customdata} days logged)<extra></extra>",
        )
    )
    _add_sessions(fig, [s for s in jaw.sessions if _in_period(ev, s)])
    _style(fig, 300)
    fig.update_yaxes(range=[0, 10.5], title_text="pain (0-10)")
    _period_x(fig, ev)
    summary = f"Jaw pain on {jaw.pain_days} of {jaw.logged_days} logged days"
    if jaw.mean_pain is not None:
        summary += f", averaging {_num(jaw.mean_pain)}/10 on those days"
    return Chart("jaw_trend", title, summary + ".", fig)


def jaw_symptoms(ev: Evidence) -> Chart:
    """How often each jaw symptom and clenching was logged (the engine's day counts)."""
    title = "Jaw symptoms: on how many days"
    jaw = ev.jaw
    if jaw is None or not (jaw.symptom_days or jaw.clenching_days):
        return Chart(
            "jaw_symptoms", title, "Tick your jaw symptoms when you log a day to see this."
        )
    items = sorted(jaw.symptom_days.items(), key=lambda kv: (-kv[1], kv[0]))
    items += [
        (f"clenching: {k}", v)
        for k, v in sorted(jaw.clenching_days.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    fig = go.Figure(
        go.Bar(
            x=[v for _, v in items],
            y=[k for k, _ in items],
            orientation="h",
            marker_color=[PURPLE if k.startswith("clenching") else ORANGE for k, _ in items],
            text=[v for _, v in items],
            textposition="outside",
            cliponaxis=False,
            name="Days",
            hovertemplate="%{y}: %{x} days<extra></extra>",
        )
    )
    _style(fig, 120 + 28 * len(items))
    fig.update_layout(showlegend=False)
    fig.update_yaxes(autorange="reversed", nticks=None, rangemode=None)
    fig.update_xaxes(title_text=f"days (of {jaw.logged_days} logged days)")
    k, v = items[0]
    summary = f"Most frequent: {k} on {v} of {jaw.logged_days} logged days"
    return Chart("jaw_symptoms", title, summary + ".", fig)


# ---------------------------------------------------------------- all charts


def charts_for(ev: Evidence, rows: Sequence[Any]) -> dict[str, list[Chart]]:
    """Every chart for the conditions the evidence covers, grouped by condition, in page order."""
    out: dict[str, list[Chart]] = {}
    if "headache" in ev.conditions:
        out["headache"] = [
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
    if "sweating" in ev.conditions:
        out["sweating"] = [
            sweat_hdss_trend(ev, rows),
            sweat_episodes(ev, rows),
            sweat_sites(ev, rows),
            sweat_hdss_change(ev),
        ]
    if "jaw" in ev.conditions:
        out["jaw"] = [jaw_pain_trend(ev, rows), jaw_symptoms(ev)]
    return out
