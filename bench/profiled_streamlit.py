"""``streamlit`` with every script run profiled (cProfile), for bench/load.py --profile.

    python bench/profiled_streamlit.py run app.py [streamlit options]

Streamlit runs each script run in a thread of its own; cProfile sees one thread only. So every
thread started after this module loads gets a profiler of its own (``threading.setprofile``),
and at exit (the server stops on SIGTERM) all of them are merged into one pstats file, named by
``COVERAGE_DIARY_PROFILE_OUT``. Only the script-run threads ("ScriptRunner...") are profiled,
not the server's event loop: the file holds what the script runs (the pages) spent, Streamlit's
own work in those threads included (its garbage collection after every run, for one).
"""

from __future__ import annotations

import atexit
import cProfile
import os
import pstats
import sys
import threading

_profiles: list[cProfile.Profile] = []
_lock = threading.Lock()


def _start_profiler(frame, event, arg) -> None:  # noqa: ARG001 - the setprofile signature
    sys.setprofile(None)
    if not threading.current_thread().name.startswith("ScriptRunner"):
        return  # the file watcher, the event loop's helpers: waiting, not working
    profiler = cProfile.Profile()
    with _lock:
        _profiles.append(profiler)
    profiler.enable()


def _dump() -> None:
    out = os.environ.get("COVERAGE_DIARY_PROFILE_OUT")
    if not out:
        return
    with _lock:
        profiles = list(_profiles)
    stats = None
    for profiler in profiles:
        try:
            profiler.create_stats()
        except Exception:  # noqa: BLE001, S112 - a profiler that is mid-call is left out
            continue
        if not profiler.stats:  # type: ignore[attr-defined]
            continue
        if stats is None:
            stats = pstats.Stats(profiler)
        else:
            stats.add(profiler)
    if stats is not None:
        stats.dump_stats(out)


if __name__ == "__main__":
    threading.setprofile(_start_profiler)
    atexit.register(_dump)
    from streamlit.web.cli import main

    sys.argv = ["streamlit", *sys.argv[1:]]
    main()
