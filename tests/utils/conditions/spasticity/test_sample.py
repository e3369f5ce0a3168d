"""The spasticity sample: found through the registry, seeded, inside its condition, and the
verdicts a reviewer would write for it."""

from __future__ import annotations

import datetime as dt

from utils import conditions, sample
from utils.core.entries import entry_kinds
from utils.evidence import build_evidence
from utils.store import StoredEntry

END = dt.date(2026, 11, 1)
SHARED = {"treatment", "botox_session", "side_effect"}


def test_the_sample_is_this_packages_part() -> None:
    part = conditions.part("spasticity", "sample")
    assert part is not None and part.WHICH == "spasticity"
    assert sample.SAMPLES["spasticity"] is part.SAMPLE
    assert part.SAMPLE.conditions == ("spasticity",)
    assert sample.generate("spasticity", days=90, end=END) == part.generate(days=90, end=END)


def test_the_sample_is_seeded_and_stays_in_its_condition() -> None:
    items = sample.generate("spasticity", days=150, end=END)
    assert items == sample.generate("spasticity", days=150, end=END)
    assert items != sample.generate("spasticity", days=150, seed=1234, end=END)
    package = conditions.get("spasticity").package
    own = {k for k, cls in entry_kinds().items() if cls.__module__.rpartition(".")[0] == package}
    for entry, recorded in items:
        assert entry.KIND in own | SHARED, entry.KIND
        assert entry.day() <= END
        if entry.KIND != "treatment":
            assert recorded.date() <= END
        if hasattr(entry, "condition"):
            assert entry.condition == "spasticity"


def test_a_reviewer_reads_the_sample_as_a_responder() -> None:
    items = sample.generate("spasticity", days=240, end=END)
    rows = [StoredEntry(i + 1, 1, e.KIND, e.day(), t, t, 1, e) for i, (e, t) in enumerate(items)]
    start = END - dt.timedelta(days=239)
    at = dt.datetime.combine(END, dt.time(20))
    ev = build_evidence(rows, ("spasticity",), start, END, {"year_of_birth": 1988}, at)
    s = ev.by_condition["spasticity"]
    assert len(s.sessions) == 2 and (s.sessions[1] - s.sessions[0]).days == 91
    assert s.mas_responder is True and s.goals_met == 2
    first = {c.criterion: c.status for c in ev.checklist("spasticity_first").criteria}
    assert first["cause"] == first["not_fixed_contracture"] == "for_clinician"
    assert first["oral_agents"] == first["rehabilitation"] == first["impairment"] == "met"
    renewal = {c.criterion: c.status for c in ev.checklist("spasticity_renewal").criteria}
    assert renewal["benefit"] == renewal["spacing"] == "met"


def test_the_case_window_starts_at_the_first_spasticity_day() -> None:
    from utils import casefile

    items = sample.generate("spasticity", days=30, end=END)
    rows = [StoredEntry(i + 1, 1, e.KIND, e.day(), t, t, 1, e) for i, (e, t) in enumerate(items)]
    first = min(e.day() for e, _ in items if e.KIND == "spasticity_day")
    assert casefile.first_diary_day(rows) == first
    assert casefile.case_window(END, first) == (first, END)
