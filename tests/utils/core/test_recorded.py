"""``Recorded``: the evidence builder's entries, sorted into their recorded order once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from utils.core.diary import Recorded, by_recording
from utils.ledger import _items


class Base:
    pass


class Child(Base):
    pass


class Other:
    pass


@dataclass
class Item:
    id: int
    recorded_at: dt.datetime
    entry: object


def items() -> list[Item]:
    t = dt.datetime(2026, 1, 1)
    # read by day, recorded in another order; two recorded at the same moment (then by id)
    return [
        Item(5, t + dt.timedelta(hours=3), Child()),
        Item(2, t + dt.timedelta(hours=1), Base()),
        Item(9, t, Other()),
        Item(4, t + dt.timedelta(hours=1), Child()),
        Item(1, t + dt.timedelta(hours=2), Base()),
    ]


def test_the_same_order_as_sorting_each_time() -> None:
    rows = items()
    wrapped = Recorded(rows)
    assert [x.id for x in by_recording(wrapped)] == [9, 2, 4, 1, 5]
    assert by_recording(wrapped) == by_recording(rows)
    assert list(wrapped) == rows  # the wrapper keeps the order it was given


def test_entries_of_a_class_and_its_subclasses_in_recorded_order() -> None:
    rows = items()
    wrapped = Recorded(rows)
    assert [i for i, _ in _items(wrapped, Base)] == [2, 4, 1, 5]  # Child is a Base
    assert _items(wrapped, Base) == _items(rows, Base)
    assert [i for i, _ in _items(wrapped, Child)] == [4, 5]
    assert _items(wrapped, Other) == _items(rows, Other)
    assert _items(wrapped, int) == []
