"""``Recorded`` groups a diary by entry type once (issue 21): every answer must equal filtering
the whole diary sorted into its recorded order (a stable sort by recording time, then id)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from utils.conditions.headache.models import Attack, HeadacheCheckin
from utils.conditions.jaw.models import JawDay
from utils.core.diary import Recorded, by_recording, recorded_of
from utils.store import StoredEntry

DAY0 = dt.date(2026, 1, 1)
T0 = dt.datetime(2026, 1, 1, 20, 0)


def _entry(kind: int, day: dt.date):
    if kind == 0:
        return Attack(start_date=day, duration_minutes=60)
    if kind == 1:
        return HeadacheCheckin(date=day)
    return JawDay(date=day, normal_day=True)


rows = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 20), st.integers(0, 5), st.integers(1, 40)),
    max_size=30,
)
CLASSES = (Attack, HeadacheCheckin, JawDay, (Attack, JawDay), (HeadacheCheckin, Attack))


def _stored(spec):
    out = []
    for kind, day, late, ident in spec:
        d = DAY0 + dt.timedelta(days=day)
        rec = T0 + dt.timedelta(days=day + late // 3)  # recording times often tie
        out.append(StoredEntry(ident, 1, "x", d, rec, rec, 1, _entry(kind, d)))
    out.sort(key=lambda r: (r.day, r.id))  # the store's order
    return out


@settings(max_examples=80, deadline=None)
@given(rows)
def test_of_class_is_the_recorded_order_filtered(spec):
    diary = _stored(spec)
    rec = Recorded(diary)
    order = by_recording(diary)
    assert list(rec.recorded_order()) == order
    for cls in CLASSES:
        expected = [(x, x.entry) for x in order if isinstance(x.entry, cls)]
        assert rec.of_class(cls) == expected
        assert rec.of_class(cls) == expected  # kept
        assert recorded_of(diary, cls) == expected
        in_store = [(i, x, x.entry) for i, x in enumerate(diary) if isinstance(x.entry, cls)]
        assert rec.in_store_order(cls) == in_store


def test_bare_entries_keep_their_order_and_an_empty_diary_has_nothing():
    bare = [_entry(2, DAY0 + dt.timedelta(days=i)) for i in (3, 1, 2)]
    assert Recorded(bare).of_class(JawDay) == [(e, e) for e in bare]
    assert Recorded(()).of_class(JawDay) == []
    assert Recorded(()).in_store_order(Attack) == []


def test_completeness_from_the_grouped_diary_is_that_of_every_entry():
    """``completeness`` bisects a ``Recorded`` by day: the same answer as looking at every
    entry, for diaries in the store's order and in any other order."""
    import random

    from utils import sample
    from utils.core.diary import completeness

    end = dt.date(2026, 11, 19)
    items = []
    for which in ("migraine", "sweating", "jaw", "bladder", "neck", "spasticity"):
        items += sample.generate(which, days=120, end=end)
    late = [dt.timedelta(days=i % 5) for i in range(len(items))]  # some written days later
    diary = [
        StoredEntry(i + 1, 1, e.KIND, e.day(), rec + late[i], rec, 1, e)
        for i, (e, rec) in enumerate(items)
    ]
    diary.sort(key=lambda r: (r.day, r.id))
    whole = completeness(diary, {}, end - dt.timedelta(days=119), end, ("jaw",))
    assert 0 < whole.late_entries < whole.daily_entries
    shuffled = list(diary)
    random.Random(7).shuffle(shuffled)
    conditions = ("headache", "sweating", "jaw", "bladder", "neck", "spasticity")
    for start, last in [(0, 119), (30, 60), (119, 119), (-40, 10), (200, 300), (50, 40)]:
        first = end - dt.timedelta(days=119 - start)
        stop = end - dt.timedelta(days=119 - last)
        for rows in (diary, shuffled):
            expected = completeness(list(rows), {}, first, stop, conditions)
            assert completeness(Recorded(rows), {}, first, stop, conditions) == expected
    assert Recorded(diary).day_facts(JawDay, 2) is not None
    assert Recorded(shuffled).day_facts(JawDay, 2) is None
