"""Matplotlib figures for the printed report: evidence in, PNG bytes out (no browser needed).

Every figure reads the numbers of one ``Evidence`` object (never the raw diary) and is drawn to
be read in black and white: greys, hatches and line styles carry the meaning, never colour alone.
PNG at 200 dpi is used rather than SVG because fpdf2's SVG reader drops hatch patterns.

``all_charts`` and ``page_one`` remember their images for the last few ``Evidence`` objects (by
identity: the app shares one frozen object per profile, revision and period), so printing the
summary again for the same evidence does not draw the charts again.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # before pyplot: no display, no browser

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from utils import metrics  # noqa: E402
from utils.evidence import Evidence  # noqa: E402
from utils.metrics import HEADACHE, NOT_LOGGED, month_key, month_label  # noqa: E402

DPI = 200
WIDTH_IN = 7.0
HATCHES = ("", "////", "....", "xxxx", "\\\\\\\\", "++++")
GREYS = ("0.35", "0.85", "1.0", "0.6", "0.95", "0.75")
CALENDAR_MONTHS = 12


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    png: bytes
    alt_text: str
    caption: str = ""


def _figure(height: float) -> tuple[Figure, object]:
    fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=7)
    return fig, ax


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    # Fixed margins in inches instead of tight_layout, which draws the whole figure once more.
    w, h = fig.get_size_inches()
    fig.subplots_adjust(
        left=0.75 / w, right=1 - 0.1 / w, bottom=min(0.42 / h, 0.4), top=1 - min(0.3 / h, 0.3)
    )
    fig.savefig(buf, format="png", dpi=DPI)
    return buf.getvalue()


def _short_label(key: str, many: bool) -> str:
    label = month_label(key)
    return label[:3] + "\n" + label[-4:] if not many else label[:1] + "\n" + label[-2:]


def _month_ticks(ax: object, keys: Sequence[str]) -> None:
    many = len(keys) > 24
    step = max(1, len(keys) // 36 + (1 if len(keys) > 36 else 0))
    pos = list(range(0, len(keys), step))
    ax.set_xticks(pos)  # type: ignore[attr-defined]
    ax.set_xticklabels([_short_label(keys[i], many) for i in pos], fontsize=6)  # type: ignore[attr-defined]


def monthly_headache(ev: Evidence) -> Chart | None:
    months = ev.months
    if not months:
        return None
    th = ev.thresholds.values
    h_lim, m_lim = th["headache_days_per_month"], th["migraine_days_per_month"]
    keys = [m.month for m in months]
    xs = range(len(keys))
    fig, ax = _figure(2.6)
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
    _month_ticks(ax, keys)
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
    return Chart("monthly", "Headache and migraine days per month", _png(fig), alt, caption)


_MEMO_LOCK = threading.Lock()
_MEMO: OrderedDict[int, tuple[Evidence, dict[str, object]]] = OrderedDict()
_MEMO_MAX = 4


def _remember(ev: Evidence, name: str, build: Callable[[], object]) -> object:
    """``build()`` once per ``Evidence`` object (kept alive while remembered, so its id cannot
    be reused by another object meanwhile)."""
    with _MEMO_LOCK:
        entry = _MEMO.get(id(ev))
        if entry is not None and entry[0] is ev and name in entry[1]:
            _MEMO.move_to_end(id(ev))
            return entry[1][name]
    value = build()
    with _MEMO_LOCK:
        entry = _MEMO.get(id(ev))
        if entry is None or entry[0] is not ev:
            entry = (ev, {})
            _MEMO[id(ev)] = entry
        entry[1][name] = value
        _MEMO.move_to_end(id(ev))
        while len(_MEMO) > _MEMO_MAX:
            _MEMO.popitem(last=False)
    return value


def page_one(ev: Evidence) -> Chart | None:
    """The chart of the summary's first page (drawn once per evidence, see the module doc)."""
    return _remember(ev, "page_one", lambda: _page_one(ev))  # type: ignore[return-value]


def _page_one(ev: Evidence) -> Chart | None:
    """Page 1's one chart: headache days, migraine days and days with 4 hours or more per month
    against the day thresholds; partial months are marked, unlogged months say so."""
    months = ev.months
    if not months:
        return None
    th = ev.thresholds.values
    h_lim, m_lim = th["headache_days_per_month"], th["migraine_days_per_month"]
    keys = [m.month for m in months]
    fig, ax = _figure(1.6)
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
    _month_ticks(ax, keys)
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
        "page_one", "Headache days per month against the thresholds", _png(fig), alt, caption
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
    fig, ax = _figure(0.3 + 0.2 * len(keys) + 0.5)
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
    return Chart("calendar", "Day by day", _png(fig), alt, caption)


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
    fig, ax = _figure(2.4)
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
    _month_ticks(ax, keys)
    ax.legend(fontsize=6, loc="upper left", ncols=3, frameon=False)
    alt = (
        "Bar chart of days with acute medicine per month: "
        + "; ".join(f"{m.label}: {m.counts.acute_any} days" for m in months)
        + ". Lines mark the medication-overuse limits per class."
    )
    return Chart(
        "acute",
        "Acute-medication days per month",
        _png(fig),
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
    fig, ax = _figure(2.4)
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
        _png(fig),
        alt,
        f"Baseline: {r.baseline.start:%d %b %Y} to {r.baseline.end:%d %b %Y}. "
        "Each session: the days from the injection up to 12 weeks.",
    )


def hdss_chart(ev: Evidence) -> Chart | None:
    s = ev.sweating
    if s is None:
        return None
    changes = [c for c in s.hdss_changes if c.before is not None or c.after is not None]
    fig, ax = _figure(2.3)
    if changes:
        xs = range(len(changes))
        ax.bar(
            [x - 0.2 for x in xs],
            [c.before or 0 for c in changes],
            0.4,
            color="0.45",
            edgecolor="black",
            linewidth=0.4,
            label="HDSS before",
        )
        ax.bar(
            [x + 0.2 for x in xs],
            [c.after or 0 for c in changes],
            0.4,
            color="white",
            hatch="////",
            edgecolor="black",
            linewidth=0.4,
            label="HDSS after",
        )
        ax.set_xticks(list(xs))
        ax.set_xticklabels([f"Session\n{c.session:%d %b %Y}" for c in changes], fontsize=6)
        alt = "Bars of HDSS before and after each Botox session for sweating: " + "; ".join(
            f"{c.session.isoformat()}: {c.before} before, {c.after} after ({c.source})"
            for c in changes
        )
        title = "HDSS before and after Botox (sweating)"
    else:
        dist = s.hdss_distribution
        labels = ["normal day", "HDSS 1", "HDSS 2", "HDSS 3", "HDSS 4"]
        values = [dist.get("normal_day", 0)] + [dist.get(str(i), 0) for i in range(1, 5)]
        if not any(values):
            return None
        ax.bar(
            range(5),
            values,
            0.6,
            color=["white", "0.9", "0.7", "0.4", "0.1"],
            edgecolor="black",
            linewidth=0.4,
        )
        ax.set_xticks(range(5))
        ax.set_xticklabels(labels, fontsize=6)
        ax.set_ylabel("logged days", fontsize=7)
        alt = "Bars of logged sweating days by HDSS grade: " + "; ".join(
            f"{lbl}: {v}" for lbl, v in zip(labels, values, strict=True)
        )
        title = "Sweating days by HDSS grade"
    if changes:
        ax.axhline(3, color="black", linestyle="--", linewidth=0.8)
        ax.text(max(len(changes), 4) - 0.4, 3.05, "HDSS 3: severe", fontsize=6, ha="right")
        ax.set_ylim(0, 4.4)
        ax.set_xlim(-0.7, max(len(changes), 4) - 0.3)
        ax.set_ylabel("HDSS (1-4)", fontsize=7)
        ax.legend(fontsize=6, loc="upper left", frameon=False, ncols=2)
    return Chart(
        "hdss", title, _png(fig), alt, "HDSS 3-4 is severe; a fall of 2 grades is a response."
    )


def monthly_counts(
    key: str, title: str, by_month: dict[str, int], what: str, ev: Evidence
) -> Chart | None:
    if not by_month:
        return None
    first, last = ev.period.start, ev.period.counted_end
    keys: list[str] = []
    d = dt.date(first.year, first.month, 1)
    while d <= last:
        keys.append(month_key(d))
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    values = [by_month.get(k, 0) for k in keys]
    fig, ax = _figure(2.0)
    ax.bar(range(len(keys)), values, 0.6, color="0.55", edgecolor="black", linewidth=0.4)
    ax.set_ylim(0, 31)
    ax.set_ylabel(what, fontsize=7)
    _month_ticks(ax, keys)
    alt = f"Bar chart of {what} per month: " + "; ".join(
        f"{month_label(k)}: {v}" for k, v in zip(keys, values, strict=True)
    )
    partial = []
    if first.day != 1:
        partial.append(month_label(keys[0]))
    if (last + dt.timedelta(days=1)).day != 1 and month_label(keys[-1]) not in partial:
        partial.append(month_label(keys[-1]))
    caption = (
        f"Partial months (only part of the month is inside the period): {', '.join(partial)}."
        if partial
        else ""
    )
    return Chart(key, title, _png(fig), alt, caption)


def all_charts(ev: Evidence) -> list[Chart]:
    """Every chart the evidence has data for (drawn once per evidence, see the module doc)."""
    return list(_remember(ev, "all", lambda: _all_charts(ev)))  # type: ignore[call-overload]


def _all_charts(ev: Evidence) -> list[Chart]:
    out: list[Chart | None] = []
    if "headache" in ev.conditions:
        out += [monthly_headache(ev), calendar_grid(ev), acute_medication(ev)]
        out.append(sessions_before_after(ev))
    if ev.sweating is not None:
        out.append(
            monthly_counts(
                "sweat_months",
                "Sweating days per month",
                ev.sweating.symptom_days_by_month,
                "days with sweating",
                ev,
            )
        )
        out.append(hdss_chart(ev))
    if ev.jaw is not None:
        out.append(
            monthly_counts(
                "jaw_months",
                "Jaw pain days per month",
                ev.jaw.pain_days_by_month,
                "jaw pain days",
                ev,
            )
        )
    return [c for c in out if c is not None]
