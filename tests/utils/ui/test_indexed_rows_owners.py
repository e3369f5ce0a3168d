"""The indexed rows and the bin kept with them (``ui.all_entries``, ``ui.binned_entries``,
issue 21) are the signed-in owner's: another owner is refused, and each owner's profile has
its own rows, indexes and bin."""

from __future__ import annotations

import datetime as dt

import pytest

from utils.conditions.jaw.models import JawDay
from utils.store import Store, StoreError

ALICE = "https://idp.example/#alice"
BOB = "https://idp.example/#bob"
DAY = dt.date(2026, 10, 5)


def test_rows_and_bin_are_the_owners(store: Store, monkeypatch) -> None:
    from utils import ui

    alice, bob = store.for_owner(ALICE), store.for_owner(BOB)
    mine = alice.create_profile("Alice", ["jaw"])
    alice.add(mine.id, JawDay(date=DAY, pain=2))
    alice.delete(mine.id, alice.add(mine.id, JawDay(date=DAY + dt.timedelta(days=1), pain=3)))
    theirs = bob.create_profile("Bob", ["jaw"])
    bob.add(theirs.id, JawDay(date=DAY, normal_day=True))
    monkeypatch.setattr(ui, "_store_for", lambda url: store)

    monkeypatch.setattr(ui, "get_store", lambda: alice)
    rows = ui.all_entries(mine)
    assert [(r.day, r.entry.pain) for r in rows] == [(DAY, 2)]
    assert [r.entry.pain for r in rows.on(DAY)] == [2]
    assert [r.entry.pain for r in ui.binned_entries(mine)] == [3]
    with pytest.raises(StoreError, match=f"no profile with id {theirs.id}"):
        ui.all_entries(theirs)
    with pytest.raises(StoreError, match=f"no profile with id {theirs.id}"):
        ui.binned_entries(theirs)

    monkeypatch.setattr(ui, "get_store", lambda: bob)
    rows = ui.all_entries(theirs)
    assert [r.entry.normal_day for r in rows.on(DAY)] == [True]
    assert ui.binned_entries(theirs) == ()
    with pytest.raises(StoreError, match=f"no profile with id {mine.id}"):
        ui.all_entries(mine)
    with pytest.raises(StoreError, match=f"no profile with id {mine.id}"):
        ui.binned_entries(mine)
