"""Headache's figures for the printed report (the API: ``utils.documents.charts``).

``charts(ev)``: monthly headache and migraine days, the calendar grid, acute-medication days and
before/after Botox; ``summary_chart(ev)``: page 1's chart of the month counts against the day
thresholds, which leads page 1 whenever the headache diary is tracked (``leads_summary``).
"""

from __future__ import annotations

from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from utils import metrics
from utils.documents.charts import GREYS, HATCHES, Chart, figure, month_ticks, png, remember
from utils.evidence import Evidence
from utils.metrics import HEADACHE, NOT_LOGGED, month_key, month_label

CALENDAR_MONTHS = 12
SUMMARY_KEY = "monthly"  # the charts section's chart that page 1 shows in its own form


def charts(ev: Evidence) -> list[Chart | None]:
    if "headache" not in ev.conditions:
        return []
    return [
        monthly_headache(ev),
        calendar_grid(ev),
        acute_medication(ev),
        sessions_before_after(ev),
    ]


def leads_summary(ev: Evidence) -> bool:
    return "headache" in ev.conditions


def page_one(ev: Evidence) -> Chart | None:
    """The chart of the summary's first page (drawn once per evidence, see ``remember``)."""
    return remember(ev, "page_one", lambda: page_one_chart(ev))  # type: ignore[return-value]


summary_chart = page_one


def monthly_headache(ev: Evidence) -> Chart | None:
    months = ev.months
    if not months:
        return None
    th = ev.thresholds.values
    h_lim, m_lim = th["headache_days_per_month"], th["migraine_days_per_month"]
    keys = [m.month for m in months]
    xs = range(len(keys))
    fig, ax = figure(2.6)
    w = 0.4 if len(keys) <= 36 else 0.45
    ax.bar(
        [x - w / 2 for x in xs],
        [m.counts.headache for m in months],
        w,
        color="0.55",
        edgecolor="black",
        linewidth=0.4,
        label="headache days",
    )
    ax.bar(
        [x + w / 2 for x in xs],
        [m.counts.migraine for m in months],
        w,
        color="white",
        edgecolor="black",
        hatch="////",
        linewidth=0.4,
        label="migraine days",
    )
    ax.axhline(h_lim, color="black", linestyle="--", linewidth=0.9)
    ax.axhline(m_lim, color="black", linestyle=":", linewidth=0.9)
    ax.text(len(keys) - 0.5, h_lim + 0.3, f"{h_lim} headache days", fontsize=6, ha="right")
    ax.text(len(keys) - 0.5, m_lim + 0.3, f"{m_lim} migraine days", fontsize=6, ha="right")
    ax.set_ylabel("days in the month", fontsize=7)
    ax.set_ylim(0, 31)
    month_ticks(ax, keys)
    ax.legend(fontsize=6, loc="upper left", ncols=2, frameon=False)
    partial = [m.label for m in months if m.partial_period]
    alt = (
        "Bar chart of headache days and migraine days per month, "
        + "; ".join(f"{m.label}: {m.counts.headache} and {m.counts.migraine}" for m in months)
        + f". Dashed line at {h_lim} headache days, dotted line at {m_lim} migraine days."
    )
    caption = "Grey bars: headache days. Hatched bars: migraine days."
    if partial:
        caption += f" Partly inside the period: {', '.join(partial)}."
    return Chart("monthly", "Headache and migraine days per month", png(fig), alt, caption)


def page_one_chart(ev: Evidence) -> Chart | None:
    """Page 1's one chart: headache days, migraine days and days with 4 hours or more per month
    against the day thresholds; partial months are marked, unlogged months say so."""
    months = ev.months
    if not months:
        return None
    th = ev.thresholds.values
    h_lim, m_lim = th["headache_days_per_month"], th["migraine_days_per_month"]
    keys = [m.month for m in months]
    fig, ax = figure(1.6)
    w = 0.27
    series = (
        ("headache days", [m.counts.headache for m in months], "0.55", ""),
        ("migraine days", [m.counts.migraine for m in months], "white", "////"),
        ("days with 4 h or more", [m.counts.long for m in months], "0.85", "...."),
    )
    logged = [m.counts.logged > 0 for m in months]
    for i, (label, values, colour, hatch) in enumerate(series):
        xs = [x + (i - 1) * w for x, ok in zip(range(len(keys)), logged, strict=True) if ok]
        ys = [v for v, ok in zip(values, logged, strict=True) if ok]
        ax.bar(xs, ys, w, color=colour, edgecolor="black", hatch=hatch, linewidth=0.4, label=label)
    for x, ok in enumerate(logged):
        if not ok:
            ax.text(x, 1, "not\nlogged", fontsize=5.5, ha="center", va="bottom")
    ax.axhline(h_lim, color="black", linestyle="--", linewidth=0.9)
    ax.axhline(m_lim, color="black", linestyle=":", linewidth=0.9)
    ax.text(len(keys) - 0.5, h_lim + 0.3, f"{h_lim} headache days", fontsize=6, ha="right")
    ax.text(len(keys) - 0.5, m_lim + 0.3, f"{m_lim} migraine days", fontsize=6, ha="right")
    ax.set_ylabel("days in the month", fontsize=7)
    ax.set_ylim(0, 31)
    month_ticks(ax, keys)
    labels = [t.get_text() for t in ax.get_xticklabels()]
    ticks = list(ax.get_xticks())
    by_pos = {i: m for i, m in enumerate(months)}
    ax.set_xticklabels(
        [
            lab + ("*" if by_pos.get(int(t)) is not None and by_pos[int(t)].partial_period else "")
            for lab, t in zip(labels, ticks, strict=True)
        ],
        fontsize=6,
    )
    ax.legend(fontsize=6, loc="upper left", ncols=3, frameon=False)
    alt = (
        "Bar chart per month of headache days, migraine days and days with 4 hours or more: "
        + "; ".join(
            f"{m.label}: {m.counts.headache}, {m.counts.migraine} and {m.counts.long}"
            for m in months
        )
        + f". Dashed line at {h_lim} headache days, dotted line at {m_lim} migraine days."
    )
    partial = [m.label for m in months if m.partial_period]
    caption = (
        "Grey: headache days; hatched: migraine days; dotted: days with 4 hours or more. "
        f"Dashed line: {h_lim} headache days; dotted line: {m_lim} migraine days."
    )
    if partial:
        caption += f" * partial month (only part of it is inside the period): {', '.join(partial)}."
    return Chart(
        "page_one", "Headache days per month against the thresholds", png(fig), alt, caption
    )


def calendar_grid(ev: Evidence) -> Chart | None:
    days = ev.days
    if not days:
        return None
    last_key = month_key(days[-1].date)
    keys: list[str] = []
    for d in reversed(days):
        k = month_key(d.date)
        if not keys or keys[-1] != k:
            if len(keys) == CALENDAR_MONTHS:
                break
            keys.append(k)
    keys.reverse()
    row = {k: i for i, k in enumerate(keys)}
    # 0 not logged, 1 headache-free, 2 headache, 3 migraine; -1 outside the period
    grid = [[-1] * 31 for _ in keys]
    for d in days:
        k = month_key(d.date)
        if k not in row:
            continue
        if d.status == NOT_LOGGED:
            v = 0
        elif d.status != HEADACHE:
            v = 1
        else:
            v = 3 if d.migraine else 2
        grid[row[k]][d.date.day - 1] = v
    fig, ax = figure(0.3 + 0.2 * len(keys) + 0.5)
    ax.spines[["left", "bottom"]].set_visible(False)
    style = {
        0: dict(facecolor="white", edgecolor="0.6"),
        1: dict(facecolor="white", edgecolor="0.6"),
        2: dict(facecolor="0.65", edgecolor="0.3"),
        3: dict(facecolor="0.1", edgecolor="0.1"),
    }
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Rectangle

    # One collection per kind of day: hundreds of single patches draw far more slowly.
    cells: dict[int, list[Rectangle]] = {0: [], 1: [], 2: [], 3: []}
    for r, values in enumerate(grid):
        y = len(keys) - 1 - r
        for c, v in enumerate(values):
            if v >= 0:
                cells[v].append(Rectangle((c, y), 0.9, 0.8))
    for v, rects in cells.items():
        if rects:
            ax.add_collection(PatchCollection(rects, linewidth=0.3, **style[v]))
    if cells[0]:  # a cross on each day not logged (hatching is slow to draw)
        ax.scatter(
            [r.get_x() + 0.45 for r in cells[0]],
            [r.get_y() + 0.4 for r in cells[0]],
            marker="x",
            s=9,
            linewidths=0.6,
            color="0.35",
        )
    ax.set_xlim(-0.2, 31)
    ax.set_ylim(-0.2, len(keys))
    ax.set_yticks([len(keys) - 1 - i + 0.4 for i in range(len(keys))])
    ax.set_yticklabels([month_label(k) for k in keys], fontsize=6)
    ax.set_xticks([i + 0.45 for i in range(0, 31, 5)])
    ax.set_xticklabels([str(i + 1) for i in range(0, 31, 5)], fontsize=6)
    ax.tick_params(length=0)
    legend = [
        Patch(facecolor="0.1", edgecolor="0.1", label="migraine day"),
        Patch(facecolor="0.65", edgecolor="0.3", label="headache day"),
        Patch(facecolor="white", edgecolor="0.6", label="headache-free"),
        Line2D([], [], marker="x", linestyle="", color="0.35", markersize=4, label="not logged"),
    ]
    ax.legend(
        handles=legend,
        fontsize=6,
        ncols=4,
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        frameon=False,
    )
    shown = f"{month_label(keys[0])} to {month_label(last_key)}"
    alt = (
        f"Calendar grid, one row per month from {shown}, one square per day: black for a "
        "migraine day, grey for another headache day, white for a headache-free day, crossed "
        "for a day not logged."
    )
    caption = f"Each row is a month ({shown}); each square a day."
    if month_key(days[0].date) != keys[0]:
        caption += f" Only the last {CALENDAR_MONTHS} months of the period are drawn."
    return Chart("calendar", "Day by day", png(fig), alt, caption)


def acute_medication(ev: Evidence) -> Chart | None:
    months = ev.months
    if not months or not any(m.counts.acute_any for m in months):
        return None
    limits = metrics.overuse_limits()
    totals: dict[str, int] = {}
    for m in months:
        for c, n in m.counts.acute_by_class.items():
            totals[c] = totals.get(c, 0) + n
    classes = sorted(totals, key=lambda c: -totals[c])[:4]
    keys = [m.month for m in months]
    fig, ax = figure(2.4)
    n = len(classes) + 1
    w = 0.8 / n
    series = [("any acute medicine", [m.counts.acute_any for m in months])]
    series += [
        (c.replace("_", " "), [m.counts.acute_by_class.get(c, 0) for m in months]) for c in classes
    ]
    for i, (label, values) in enumerate(series):
        ax.bar(
            [x - 0.4 + w * (i + 0.5) for x in range(len(keys))],
            values,
            w,
            color=GREYS[i % len(GREYS)],
            hatch=HATCHES[i % len(HATCHES)],
            edgecolor="black",
            linewidth=0.3,
            label=label,
        )
    drawn = set()
    for c in classes:
        lim = limits.get(c)
        if lim is not None and lim not in drawn:
            drawn.add(lim)
            ax.axhline(lim, color="black", linestyle="--" if lim == 10 else ":", linewidth=0.8)
            ax.text(len(keys) - 0.5, lim + 0.3, f"overuse limit {lim} days", fontsize=6, ha="right")
    ax.set_ylabel("days with intake", fontsize=7)
    ax.set_ylim(0, 31)
    month_ticks(ax, keys)
    ax.legend(fontsize=6, loc="upper left", ncols=3, frameon=False)
    alt = (
        "Bar chart of days with acute medicine per month: "
        + "; ".join(f"{m.label}: {m.counts.acute_any} days" for m in months)
        + ". Lines mark the medication-overuse limits per class."
    )
    return Chart(
        "acute",
        "Acute-medication days per month",
        png(fig),
        alt,
        "Days with intake, counted once per day per class (ICHD-3 8.2 limits as lines).",
    )


def sessions_before_after(ev: Evidence) -> Chart | None:
    r = ev.responses.get("headache")
    if r is None or r.baseline is None or not r.sessions:
        return None
    groups = [("Baseline", r.baseline.per30)] + [
        (f"Session {s.number}\n{s.date:%d %b %Y}", s.window.per30) for s in r.sessions[-8:]
    ]
    measures = (("headache", "headache days"), ("migraine", "migraine days"), ("acute", "acute"))
    fig, ax = figure(2.4)
    w = 0.26
    for i, (key, label) in enumerate(measures):
        ax.bar(
            [g + (i - 1) * w for g in range(len(groups))],
            [v if (v := per30[key]) is not None else 0 for _, per30 in groups],
            w,
            color=("0.45", "white", "0.85")[i],
            hatch=("", "////", "....")[i],
            edgecolor="black",
            linewidth=0.4,
            label=f"{label} per 30 logged days",
        )
    ax.set_xticks(range(len(groups)))
    ax.set_xticklabels([g for g, _ in groups], fontsize=6)
    ax.set_ylabel("days per 30 logged days", fontsize=7)
    ax.legend(fontsize=6, loc="upper right", frameon=False)
    alt = "Grouped bars comparing the baseline with the 12 weeks after each Botox session: " + (
        "; ".join(
            f"{g.splitlines()[0]}: {p['headache']} headache, {p['migraine']} migraine, "
            f"{p['acute']} acute-medication days per 30 logged days"
            for g, p in groups
        )
    )
    return Chart(
        "sessions",
        "Before and after Botox (headache)",
        png(fig),
        alt,
        f"Baseline: {r.baseline.start:%d %b %Y} to {r.baseline.end:%d %b %Y}. "
        "Each session: the days from the injection up to 12 weeks.",
    )
