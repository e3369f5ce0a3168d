"""The seeded sample generator: deterministic, realistic, valid."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import clock
from utils import sample
from utils.store import Store

pytestmark = pytest.mark.both_databases

END = dt.date(2026, 11, 1)


def test_same_seed_same_diary() -> None:
    a = sample.generate("migraine", days=200, end=END)
    b = sample.generate("migraine", days=200, end=END)
    assert [e.model_dump() for e, _ in a] == [e.model_dump() for e, _ in b]
    c = sample.generate("migraine", days=200, seed=99, end=END)
    assert [e.model_dump() for e, _ in a] != [e.model_dump() for e, _ in c]


def test_migraine_sample_is_a_chronic_migraine_history() -> None:
    items = sample.generate("migraine", days=240, end=END)
    kinds = [e.KIND for e, _ in items]
    attacks = [e for e, _ in items if e.KIND == "attack"]
    first_session = min(e.date for e, _ in items if e.KIND == "botox_session")
    before = {a.start_date for a in attacks if a.start_date < first_session}
    days_before = (first_session - (END - dt.timedelta(days=239))).days
    # About 18 headache days a month before Botox: at least 15 per 30 days on average.
    assert len(before) / days_before * 30 >= 15
    assert kinds.count("treatment") == 3
    assert kinds.count("botox_session") >= 2
    assert "midas" in kinds and "hit6" in kinds
    # Every entry is dated inside the period or before it (treatment history).
    assert all(e.day() <= END for e, _ in items)
    # Some days are left unlogged, as in a real diary.
    logged = {e.day() for e, _ in items if e.KIND in ("attack", "headache_checkin")}
    assert 200 < len(logged) < 240


def test_each_sample_loads_and_is_replaced_not_duplicated(store: Store) -> None:
    for which in sample.SAMPLES:
        p = sample.load_sample(store, which, days=120, end=END)
        assert p.is_sample and store.count(p.id) > 100
        assert set(p.conditions) == set(sample.SAMPLES[which].conditions)
    again = sample.load_sample(store, "migraine", days=120, end=END)
    assert [p.name for p in store.profiles()].count(again.name) == 1
    assert sample.remove_sample(store, "migraine")
    assert store.profile_by_name(again.name) is None
    assert not sample.remove_sample(store, "migraine")


def test_recorded_times_never_precede_the_day() -> None:
    for which in sample.SAMPLES:
        for entry, recorded in sample.generate(which, days=150, end=END):
            assert recorded.date() >= entry.day() or entry.KIND == "treatment"


def test_short_diaries_keep_every_date_up_to_today() -> None:
    for which in sample.SAMPLES:
        for days in (7, 30, 60):
            items = sample.generate(which, days=days)
            assert items
            assert all(e.day() <= clock.TODAY for e, _ in items)


def test_sample_side_effect_points_at_its_session(store: Store) -> None:
    p = sample.load_sample(store, "migraine", days=240, end=END)
    sessions = {r.id: r.entry for r in store.entries(p.id, ["botox_session"])}
    (effect,) = store.entries(p.id, ["side_effect"])
    session = sessions[effect.entry.session_id]
    assert session.date <= effect.entry.start
