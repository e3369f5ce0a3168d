"""Diary rows for tests that need no database: entries wrapped as the store returns them."""

from __future__ import annotations

import datetime as dt

from utils.store import StoredEntry


def stored(*entries, late: dict[int, int] | None = None) -> list[StoredEntry]:
    """StoredEntry objects recorded on the evening of their day (``late``: index -> days late)."""
    out = []
    for i, e in enumerate(entries):
        rec = dt.datetime.combine(e.day() + dt.timedelta(days=(late or {}).get(i, 0)), dt.time(21))
        out.append(StoredEntry(i + 1, 1, e.KIND, e.day(), rec, rec, 1, e))
    return out


# One attack with every ICHD-3 migraine feature (a migraine day by any rule), for test diaries.
MIGRAINE = dict(
    side="left",
    pulsating=True,
    pain=7,
    worse_with_activity=True,
    nausea_vomiting=True,
    light_sensitivity=True,
    sound_sensitivity=True,
    aura=False,
    function=2,
)
