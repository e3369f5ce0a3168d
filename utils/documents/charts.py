"""Matplotlib building blocks for the printed report: evidence in, PNG bytes out (no browser).

Every figure reads the numbers of one ``Evidence`` object (never the raw diary) and is drawn to
be read in black and white: greys, hatches and line styles carry the meaning, never colour alone.
PNG at 200 dpi is used rather than SVG because fpdf2's SVG reader drops hatch patterns.

The figures themselves live with their condition, in ``utils/conditions/<key>/pdf_charts.py``;
each such module has this API (the functions here iterate over them, in display order):

- ``charts(ev) -> list[Chart | None]``: its figures for the charts section, in order ([] when
  the evidence does not track the condition; None for a figure without data);
- optionally ``leads_summary(ev) -> bool``, ``summary_chart(ev) -> Chart | None`` and
  ``SUMMARY_KEY``: page 1's one chart. The first condition that leads (and has a chart) gives
  it; the charts section then leaves out its chart ``SUMMARY_KEY``, already on page 1.

``all_charts`` remembers its images for the last few ``Evidence`` objects (by identity: the app
shares one frozen object per profile, revision and period), and so can a condition with
``remember``, so printing the summary again for the same evidence does not draw them again.
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

from utils.core.dates import month_key, month_label  # noqa: E402
from utils.evidence import Evidence  # noqa: E402

__all__ = [
    "DPI",
    "GREYS",
    "HATCHES",
    "WIDTH_IN",
    "Chart",
    "all_charts",
    "figure",
    "month_ticks",
    "monthly_counts",
    "png",
    "remember",
    "summary_chart",
    "summary_keys",
]

DPI = 200
WIDTH_IN = 7.0
HATCHES = ("", "////", "....", "xxxx", "\\\\\\\\", "++++")
GREYS = ("0.35", "0.85", "1.0", "0.6", "0.95", "0.75")


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    png: bytes
    alt_text: str
    caption: str = ""


def figure(height: float) -> tuple[Figure, object]:
    fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=7)
    return fig, ax


def png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    # Fixed margins in inches instead of tight_layout, which draws the whole figure once more.
    w, h = fig.get_size_inches()
    fig.subplots_adjust(
        left=0.75 / w, right=1 - 0.1 / w, bottom=min(0.42 / h, 0.4), top=1 - min(0.3 / h, 0.3)
    )
    fig.savefig(buf, format="png", dpi=DPI)
    return buf.getvalue()


def short_label(key: str, many: bool) -> str:
    label = month_label(key)
    return label[:3] + "\n" + label[-4:] if not many else label[:1] + "\n" + label[-2:]


def month_ticks(ax: object, keys: Sequence[str]) -> None:
    many = len(keys) > 24
    step = max(1, len(keys) // 36 + (1 if len(keys) > 36 else 0))
    pos = list(range(0, len(keys), step))
    ax.set_xticks(pos)  # type: ignore[attr-defined]
    ax.set_xticklabels([short_label(keys[i], many) for i in pos], fontsize=6)  # type: ignore[attr-defined]


_MEMO_LOCK = threading.Lock()
_MEMO: OrderedDict[int, tuple[Evidence, dict[str, object]]] = OrderedDict()
_MEMO_MAX = 4


def remember(ev: Evidence, name: str, build: Callable[[], object]) -> object:
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
    fig, ax = figure(2.0)
    ax.bar(range(len(keys)), values, 0.6, color="0.55", edgecolor="black", linewidth=0.4)
    ax.set_ylim(0, 31)
    ax.set_ylabel(what, fontsize=7)
    month_ticks(ax, keys)
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
    return Chart(key, title, png(fig), alt, caption)


def all_charts(ev: Evidence) -> list[Chart]:
    """Every chart the evidence has data for (drawn once per evidence, see the module doc)."""
    return list(remember(ev, "all", lambda: _all_charts(ev)))  # type: ignore[call-overload]


def _all_charts(ev: Evidence) -> list[Chart]:
    from utils import conditions

    out: list[Chart | None] = []
    for _, module in conditions.parts("pdf_charts"):
        out += module.charts(ev)
    return [c for c in out if c is not None]


def _leading(ev: Evidence) -> list:
    from utils import conditions

    return [
        m
        for _, m in conditions.parts("pdf_charts")
        if hasattr(m, "summary_chart") and m.leads_summary(ev)
    ]


def summary_chart(ev: Evidence) -> Chart | None:
    """Page 1's one chart: the first leading condition's that has one."""
    for module in _leading(ev):
        chart = module.summary_chart(ev)
        if chart is not None:
            return chart
    return None


def summary_keys(ev: Evidence) -> set[str]:
    """The keys of the charts page 1 shows already (left out of the charts section)."""
    leading = _leading(ev)
    return {leading[0].SUMMARY_KEY} if leading else set()
