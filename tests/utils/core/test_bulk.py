"""``collector_paused`` (issue 21): the cyclic collector is off inside, on again after the last
paused block on any thread ends, also after an error; a collector already off stays off."""

from __future__ import annotations

import gc
import threading

import pytest

from utils.core.bulk import collector_paused


@pytest.fixture(autouse=True)
def _collector_on():
    gc.enable()
    yield
    gc.enable()


def test_off_inside_on_after_also_after_an_error():
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block is still running
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("refused")
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off():
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_on_again_only_when_the_last_thread_ends():
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with collector_paused():
            inside.set()
            release.wait(10)

    t = threading.Thread(target=other)
    t.start()
    inside.wait(10)
    with collector_paused():
        pass
    assert not gc.isenabled()  # the other thread's block is still running
    release.set()
    t.join(10)
    assert gc.isenabled()


def test_a_restore_and_a_diary_read_leave_the_collector_on(store):
    from utils import exchange, sample

    p = sample.load_sample(store, "migraine", days=30)
    data = exchange.backup_bytes(store, p.id)
    restored = exchange.restore_backup(store, data, name="Copy")
    assert gc.isenabled()
    assert len(store.entries(restored.id)) == len(store.entries(p.id))
    assert gc.isenabled()
