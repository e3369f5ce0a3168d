"""``ui._entries_for`` keeps each profile's latest read with the revision read alongside its rows:
a save, even one that lands while the rows are being read, shows in the next read."""

from __future__ import annotations

import datetime as dt
import threading

import sqlalchemy as sa

from utils import ui
from utils.models import Attack
from utils.store import Store

DAY = dt.date(2026, 10, 1)


def attack(pain: int, back: int = 0) -> Attack:
    return Attack(
        start_date=DAY - dt.timedelta(days=back),
        start_time=dt.time(8, 0),
        duration_minutes=60,
        pain=pain,
    )


def read(store: Store, pid: int, revision: int | None = None) -> tuple:
    rev = store.revision(pid) if revision is None else revision
    return ui._entries_for.__wrapped__(store.url, pid, rev, store.owner)


def test_every_save_shows_in_the_next_read_and_unchanged_rows_are_reused(
    store: Store, monkeypatch
) -> None:
    monkeypatch.setattr(ui, "_store_for", lambda url: store)
    monkeypatch.setattr(ui, "_LATEST_ROWS", {})
    p = store.create_profile("Me", ["headache"])
    first_id = store.add(p.id, attack(1, back=5))
    first = read(store, p.id)
    assert [r.id for r in first] == [first_id]
    stale = store.revision(p.id)
    second = store.add(p.id, attack(2))  # saved after the page read the revision
    rows = read(store, p.id, stale)
    assert [r.id for r in rows] == [first_id, second]
    assert rows[0] is first[0]
    store.update(p.id, second, attack(7))
    rows = read(store, p.id)
    assert list(rows) == store.entries(p.id) and rows[1].entry.pain == 7
    assert rows[0] is first[0]


def test_a_save_that_lands_while_the_rows_are_read_is_not_skipped(
    store: Store, monkeypatch
) -> None:
    monkeypatch.setattr(ui, "_store_for", lambda url: store)
    monkeypatch.setattr(ui, "_LATEST_ROWS", {})
    p = store.create_profile("Me", ["headache"])
    store.add(p.id, attack(1, back=5))
    read(store, p.id)
    store.add(p.id, attack(2, back=3))
    main = threading.current_thread()
    landed: list[int] = []

    def other_window(conn, cursor, statement, params, context, executemany) -> None:
        if landed or threading.current_thread() is not main or "FROM entries" not in statement:
            return
        t = threading.Thread(target=lambda: landed.append(store.add(p.id, attack(9, back=1))))
        t.start()
        t.join()

    sa.event.listen(store.engine, "before_cursor_execute", other_window)
    try:
        read(store, p.id)
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", other_window)
    assert landed
    rows = read(store, p.id)
    assert landed[0] in {r.id for r in rows}
    assert list(rows) == store.entries(p.id)
