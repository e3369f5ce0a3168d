"""Treatment response: headache days before the first Botox session against each session's window.

Part of the headache condition's metrics (see ``metrics.py``): ``headache_response(days,
sessions, ref, ...)`` returns a ``Response`` with a ``Window`` for the baseline and each session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from utils.conditions.headache.metrics import HeadacheDay, count_days
from utils.core.dates import DAY
from utils.core.diary import pct_change, responder_label


@dataclass(frozen=True)
class Window:
    start: dt.date
    end: dt.date
    days_elapsed: int
    logged: int
    headache_days: int
    migraine_days: int
    acute_days: int
    per30: dict[str, float | None]


def _window(days: Mapping[dt.date, HeadacheDay], start: dt.date, end: dt.date) -> Window:
    c = count_days(days, start, end) if end >= start else None
    if c is None:
        return Window(
            start, end, 0, 0, 0, 0, 0, {"headache": None, "migraine": None, "acute": None}
        )
    return Window(
        start,
        end,
        c.days,
        c.logged,
        c.headache,
        c.migraine,
        c.acute_any,
        {"headache": c.rate("headache"), "migraine": c.rate("migraine"), "acute": c.rate("acute")},
    )


@dataclass(frozen=True)
class SessionResponse:
    number: int
    date: dt.date
    window: Window
    complete: bool  # all 84 days have passed
    change_pct: dict[str, float | None]  # negative = fewer days than baseline
    reduction_pct: dict[str, float | None]
    label: str  # e.g. "50% responder (headache days)"


@dataclass(frozen=True)
class Response:
    condition: str
    first_session: dt.date | None
    baseline: Window | None
    sessions: tuple[SessionResponse, ...]
    thresholds_pct: tuple[float, ...]


def headache_response(
    days: Mapping[dt.date, HeadacheDay],
    sessions: Sequence[dt.date],
    ref: dt.date,
    thresholds_pct: Sequence[float] = (30, 50),
    baseline_days: int = 90,
    window_days: int = 84,
) -> Response:
    """Baseline (``baseline_days`` before the first session) against each session's window.

    ``days`` must cover the baseline and the windows (days missing from it count as not logged).
    """
    sessions = sorted(set(sessions))
    if not sessions:
        return Response("headache", None, None, (), tuple(thresholds_pct))
    first = sessions[0]
    base = _window(days, first - dt.timedelta(days=baseline_days), first - DAY)
    out = []
    for i, s in enumerate(sessions, start=1):
        # The window ends after window_days, or the day before the next session if sooner.
        full_end = s + dt.timedelta(days=window_days - 1)
        if i < len(sessions):
            full_end = min(full_end, sessions[i] - DAY)
        w_end = min(full_end, ref)
        w = _window(days, s, w_end)
        change = {
            k: pct_change(base.per30[k], w.per30[k]) for k in ("headache", "migraine", "acute")
        }
        reduction = {k: (None if v is None else round(-v, 1)) for k, v in change.items()}
        out.append(
            SessionResponse(
                i,
                s,
                w,
                full_end <= ref,
                change,
                reduction,
                responder_label(reduction["headache"], thresholds_pct, "headache days"),
            )
        )
    return Response("headache", first, base, tuple(out), tuple(thresholds_pct))
