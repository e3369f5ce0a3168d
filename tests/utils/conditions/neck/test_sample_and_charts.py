"""The neck sample (seeded, loadable in one step) and the neck charts built from its Evidence."""

from __future__ import annotations

import datetime as dt

from utils import sample
from utils.conditions.neck import charts
from utils.conditions.neck.models import NeckDay, NeckScale
from utils.core.treatments import BotoxSession
from utils.evidence import build_evidence
from utils.store import Store

END = dt.date(2026, 3, 16)
AT = dt.datetime.combine(END, dt.time(10))


def test_sample_is_seeded_and_shaped() -> None:
    a = sample.generate("neck", days=240, end=END)
    b = sample.generate("neck", days=240, end=END)
    assert [(type(e).__name__, e.model_dump()) for e, _ in a] == [
        (type(e).__name__, e.model_dump()) for e, _ in b
    ]
    sessions = sorted(e.date for e, _ in a if isinstance(e, BotoxSession))
    assert sessions and all(
        (y - x).days == 91 for x, y in zip(sessions, sessions[1:], strict=False)
    )
    assert any(isinstance(e, NeckScale) and e.timing == "before treatment" for e, _ in a)
    assert any(isinstance(e, NeckDay) and e.wearing_off for e, _ in a)
    assert "neck" in sample.samples()


def test_sample_loads_and_charts_show_it(store: Store) -> None:
    p = sample.load_sample(store, "neck", days=240, end=END)
    assert tuple(p.conditions) == ("neck",)
    rows = store.entries(p.id)
    ev = build_evidence(rows, p.conditions, END - dt.timedelta(days=239), END, p.settings, AT)
    neck = ev.by_condition["neck"]
    got = charts.charts(ev, rows)
    assert [c.key for c in got] == ["neck_pain", "neck_limits", "neck_cycles", "neck_wearing_off"]
    assert all(not c.empty for c in got)
    last = [c for c in neck.cycles if c.weeks_to_wearing_off is not None][-1]
    assert f"{last.days_to_wearing_off} days" in got[3].summary
    assert f"{neck.limit_days} of {neck.logged_days} logged days" in got[1].summary


def test_empty_diary_charts_say_what_to_log() -> None:
    ev = build_evidence([], ("neck",), END - dt.timedelta(days=29), END, None, AT)
    got = charts.charts(ev, [])
    assert all(c.empty for c in got)
    assert "Log your neck each day" in got[0].summary
