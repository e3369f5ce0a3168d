"""Bulk work without the cyclic garbage collector (issue 21).

Reading, checking and writing thousands of entries at once (a backup restore, a CSV import, a
whole diary read) allocates hundreds of thousands of small objects that all stay alive until the
work ends. Python's collector runs again and again meanwhile, each time walking every object in
the process (the server's cached diaries too), and frees nothing: a third of a ten-year restore
went on it. ``collector_paused()`` switches it off for the length of such work (process-wide:
it is on again when the last paused block on any thread ends, also after an error). Reference
counting still frees everything that is not part of a cycle, and the collector picks up any
cycle at its next run.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off (see the module doc)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
