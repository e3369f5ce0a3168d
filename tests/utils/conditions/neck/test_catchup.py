"""Catching up on missed neck days: the registry gives the kinds and the one-tap normal day."""

from __future__ import annotations

import datetime as dt

from utils import catchup
from utils.conditions.neck.models import NeckDay
from utils.store import Store

D = dt.date(2026, 3, 2)


def test_free_entry_and_day_states(store: Store) -> None:
    e = catchup.free_entry("neck", D)
    assert isinstance(e, NeckDay) and e.normal_day and e.date == D
    p = store.create_profile("Me", ["neck"])
    store.add(p.id, e)
    store.add(p.id, NeckDay(date=D + dt.timedelta(days=1), pain=3))
    rows = store.entries(p.id)
    days = [D, D + dt.timedelta(days=1), D + dt.timedelta(days=2)]
    assert catchup.day_states(rows, "neck", days) == {
        days[0]: catchup.FREE,
        days[1]: catchup.EVENT,
        days[2]: catchup.NOT_LOGGED,
    }
