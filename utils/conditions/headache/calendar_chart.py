"""The headache calendar: each day of the period by its worst effect on function, then pain.

Part of the headache condition's charts (``charts.py`` lists them in page order).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from utils.conditions.headache.metrics import HEADACHE_FREE, NOT_LOGGED, HeadacheDay
from utils.conditions.headache.treatment_charts import headache_sessions
from utils.core.dates import fmt_hours, month_label
from utils.core.plotting import (
    NOT_LOGGED_COLOUR,
    ORANGE,
    SESSION_COLOUR,
    SESSION_NAME,
    VERMILLION,
    YELLOW,
    Chart,
    Figure,
    fmt_day,
    plural,
    style,
    trace,
)

if TYPE_CHECKING:
    from utils.evidence import Evidence

FREE_COLOUR = "#DCE5EC"  # light neutral: headache-free
MILD_DOT = "#4A4300"  # the dot that marks mild days (a pattern, not only a hue)

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
    head = f"{day.date:%a} {fmt_day(day.date)}: "
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
    # Months as (year, month): one tuple per day instead of a formatted date (a long period has
    # thousands of days).
    months = sorted({(d.date.year, d.date.month) for d in days})
    shown_months = months[-CALENDAR_MAX_MONTHS:]
    first_shown = dt.date(*shown_months[0], 1)
    shown = [d for d in days if d.date >= first_shown]
    row_of = {m: i for i, m in enumerate(shown_months)}
    labels = [month_label(f"{y:04d}-{m:02d}") for y, m in shown_months]
    z: list[list[int | None]] = [[None] * 31 for _ in shown_months]
    text: list[list[str]] = [[""] * 31 for _ in shown_months]
    for d in shown:
        r = row_of[d.date.year, d.date.month]
        z[r][d.date.day - 1] = day_category(d)
        text[r][d.date.day - 1] = _day_text(d)
    n = len(CALENDAR_CATEGORIES)
    scale = []
    for value, _, colour in CALENDAR_CATEGORIES:
        scale += [[value / n, colour], [(value + 1) / n, colour]]
    fig = Figure(
        trace(
            "heatmap",
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
        trace(
            "scatter",
            x=[d.date.day for d in miss],
            y=[labels[row_of[d.date.year, d.date.month]] for d in miss],
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
        trace(
            "scatter",
            x=[d.date.day for d in mild],
            y=[labels[row_of[d.date.year, d.date.month]] for d in mild],
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
            trace(
                "scatter",
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
            trace(
                "scatter",
                x=[s.day for s in sessions],
                y=[labels[row_of[s.year, s.month]] for s in sessions],
                mode="markers",
                marker=dict(symbol="diamond", size=11, color=SESSION_COLOUR, line=dict(width=1)),
                name=SESSION_NAME,
                customdata=[fmt_day(s) for s in sessions],
                hovertemplate="Botox session %{customdata}<extra></extra>",
            )
        )
    style(fig, height=150 + 24 * len(shown_months))
    fig.update_yaxes(autorange="reversed", type="category", nticks=None, showgrid=False)
    fig.update_xaxes(tickmode="array", tickvals=[1, 8, 15, 22, 29], fixedrange=True)
    fig.update_layout(legend=dict(y=-0.06 - 48 / (150 + 24 * len(shown_months))))
    logged = sum(d.logged for d in days)
    head = sum(d.headache for d in days)
    impaired = sum(d.function_impaired for d in days)
    summary = (
        f"{plural(head, 'headache day')}, {impaired} of them cutting down activity, and "
        f"{plural(len(days) - logged, 'day')} not logged, out of {plural(len(days), 'day')}"
    )
    if len(shown_months) < len(months):
        summary += f" (the calendar shows the last {CALENDAR_MAX_MONTHS} months)"
    return Chart("calendar", title, summary + ".", fig.build())
