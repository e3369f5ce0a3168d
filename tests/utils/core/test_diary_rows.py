"""DiaryRows: the indexed rows a page rerun reads (issue 21). Every fast path gives the answer
of a plain scan of the same rows, and a result memoised for one revision's rows is never seen
by another revision's rows."""

from __future__ import annotations

import copy
import datetime as dt
import pickle

import pytest

from tests.diaries import stored
from utils import casefile, catchup, deadlines, forms
from utils.conditions.headache import forms as headache_forms
from utils.conditions.headache.models import Attack, HeadacheCheckin
from utils.conditions.jaw.models import JawDay
from utils.conditions.sweating import forms as sweating_forms
from utils.conditions.sweating.models import SweatDay
from utils.core.diary_rows import (
    DiaryRows,
    per_rows,
    rows_between,
    rows_by_id,
    rows_of_kinds,
    rows_on,
)
from utils.exchange.csv_export import csv_kinds

D0 = dt.date(2026, 3, 2)  # a Monday


def _day(i: int) -> dt.date:
    return D0 + dt.timedelta(days=i)


def _rows():
    """Store order (day, then id): attacks, check-ins, sweating and jaw days over 20 days, with
    two entries on some days and one attack still going."""
    entries = []
    for i in range(20):
        if i % 3 == 0:
            entries.append(
                Attack(start_date=_day(i), duration_minutes=240, pain=6, triggers=["stress"])
            )
        if i % 3 == 1:
            entries.append(HeadacheCheckin(date=_day(i)))
        if i % 2 == 0:
            entries.append(SweatDay(date=_day(i), hdss=3))
        if i % 4 == 1:
            entries.append(JawDay(date=_day(i), pain=2))
        if i % 4 == 3:
            entries.append(JawDay(date=_day(i), normal_day=True))
    entries.append(Attack(start_date=_day(18), ongoing=True, pain=7, triggers=["light"]))
    rows = sorted(stored(*entries), key=lambda r: (r.day, r.id))
    return rows


def test_the_indexes_answer_as_a_scan_of_the_same_rows() -> None:
    rows = _rows()
    indexed = DiaryRows(rows)
    assert indexed == tuple(rows) and len(indexed) == len(rows)
    for i in range(-1, 22):
        assert list(indexed.on(_day(i))) == [r for r in rows if r.day == _day(i)]
    for first, last in [(0, 0), (0, 6), (3, 9), (-5, 2), (18, 30), (25, 30), (5, 4)]:
        expected = [r for r in rows if _day(first) <= r.day <= _day(last)]
        assert indexed.between(_day(first), _day(last)) == expected
    for kinds in (["attack"], ["sweat_day", "jaw_day"], ["midas"], []):
        assert list(indexed.of_kinds(kinds)) == [r for r in rows if r.kind in kinds]
    assert isinstance(indexed.of_kinds(["attack"]), DiaryRows)


def test_rows_not_in_day_order_are_indexed_by_day_each_day_in_the_order_given() -> None:
    rows = _rows()
    shuffled = rows[1::2] + rows[::2]
    indexed = DiaryRows(shuffled)
    for i in range(-1, 22):
        assert list(indexed.on(_day(i))) == [r for r in shuffled if r.day == _day(i)]
    expected = [r for i in range(3, 10) for r in shuffled if r.day == _day(i)]
    assert indexed.between(_day(3), _day(9)) == expected


def test_the_plain_helpers_give_the_same_rows_for_a_list_and_for_diary_rows() -> None:
    rows = _rows()
    indexed = DiaryRows(rows)
    assert list(rows_on(indexed, _day(0))) == list(rows_on(rows, _day(0)))
    assert list(rows_between(indexed, _day(2), _day(8))) == list(
        rows_between(rows, _day(2), _day(8))
    )
    assert list(rows_of_kinds(indexed, ["jaw_day"])) == list(rows_of_kinds(rows, ["jaw_day"]))
    assert dict(rows_by_id(indexed)) == rows_by_id(rows) == {r.id: r for r in rows}
    with pytest.raises(TypeError):
        rows_by_id(indexed)[1] = rows[0]  # type: ignore[index]  # shared: read-only


@pytest.mark.parametrize("today", [_day(0), _day(3), _day(6), _day(19), _day(40)])
def test_the_diary_helpers_agree_on_indexed_and_plain_rows(today: dt.date) -> None:
    rows = _rows()
    indexed = DiaryRows(rows)
    for condition in ("headache", "sweating", "jaw"):
        days = catchup.month_days(today.year, today.month, today)
        assert catchup.day_states(indexed, condition, days) == catchup.day_states(
            rows, condition, days
        )
        assert catchup.unlogged_this_week(indexed, condition, today) == (
            catchup.unlogged_this_week(rows, condition, today)
        )
    assert forms.day_rows(indexed, _day(2), today, ["attack", "headache_checkin"]) == (
        forms.day_rows(rows, _day(2), today, ["attack", "headache_checkin"])
    )
    assert deadlines.profile_deadlines(indexed, today) == deadlines.profile_deadlines(rows, today)


def test_memoised_helpers_agree_and_hand_out_copies_of_lists() -> None:
    rows = _rows()
    indexed = DiaryRows(rows)
    assert casefile.first_diary_day(indexed) == casefile.first_diary_day(rows) == _day(0)
    open_rows = headache_forms.open_attacks(indexed)
    assert open_rows == headache_forms.open_attacks(rows) and len(open_rows) == 1
    open_rows.clear()  # a caller's copy: the next caller still gets the attack
    assert len(headache_forms.open_attacks(indexed)) == 1
    base = headache_forms.DEFAULT_TRIGGERS
    triggers = headache_forms.known_triggers(indexed, base)
    assert triggers == headache_forms.known_triggers(rows, base)
    assert "light" in triggers and "stress" in triggers
    assert csv_kinds(indexed) == csv_kinds(rows)
    assert sweating_forms.current_baseline(indexed) == sweating_forms.current_baseline(rows)
    # An argument that cannot be a key is computed every time, with the same answer.
    assert headache_forms.known_triggers(indexed, list(base)) == triggers


def test_a_new_revision_never_sees_the_results_of_the_old_one() -> None:
    rows = _rows()
    before = DiaryRows(rows)
    assert casefile.first_diary_day(before) == _day(0)
    assert len(headache_forms.open_attacks(before)) == 1
    assert list(before.on(_day(19))) == [r for r in rows if r.day == _day(19)]
    # The next revision: an earlier day and a second ongoing attack (the store makes new rows).
    extra = stored(JawDay(date=_day(-3), pain=1), Attack(start_date=_day(19), ongoing=True, pain=5))
    after = DiaryRows(sorted([*rows, *extra], key=lambda r: (r.day, r.id)))
    assert casefile.first_diary_day(after) == _day(-3)
    assert len(headache_forms.open_attacks(after)) == 2
    assert len(after.on(_day(19))) == len(before.on(_day(19))) + 1
    # ... and the old rows keep their own answers.
    assert casefile.first_diary_day(before) == _day(0)


def test_per_rows_computes_once_per_rows_and_arguments() -> None:
    calls = []

    @per_rows
    def count_kind(rows, kind):
        calls.append(kind)
        return sum(r.kind == kind for r in rows)

    indexed = DiaryRows(_rows())
    assert count_kind(indexed, "attack") == count_kind(indexed, "attack") == 8
    assert count_kind(indexed, "jaw_day") == 10
    assert calls == ["attack", "jaw_day"]
    assert count_kind(list(indexed), "attack") == 8  # a plain list: computed, not remembered
    assert calls == ["attack", "jaw_day", "attack"]


def test_diary_rows_copy_and_pickle_as_the_same_rows() -> None:
    indexed = DiaryRows(_rows())
    assert copy.copy(indexed) is indexed and copy.deepcopy(indexed) is indexed
    again = pickle.loads(pickle.dumps(indexed))
    assert isinstance(again, DiaryRows) and again == indexed
    assert list(again.on(_day(0))) == list(indexed.on(_day(0)))
