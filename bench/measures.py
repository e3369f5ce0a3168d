"""Measures beyond the pages: each takes (database URL, profile id, diary days, runs) and
returns a median in milliseconds."""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
import time
from collections.abc import Callable

from utils import exchange, report
from utils.core.entries import now
from utils.evidence import build_evidence, forget_kept
from utils.storage.store import Store

_names = itertools.count(1)
# The clock every figure is read from: wall time, or with ``python -m bench --clock cpu`` this
# process's CPU time (every thread), steadier than wall time on a machine shared with other work.
CLOCKS: dict[str, Callable[[], float]] = {"wall": time.perf_counter, "cpu": time.process_time}
clock: Callable[[], float] = time.perf_counter


def _median_ms(
    fn: Callable[[], object], runs: int, setup: Callable[[], object] | None = None
) -> float:
    times = []
    for _ in range(runs):
        arg = setup() if setup else None
        t0 = clock()
        fn() if arg is None else fn(arg)  # type: ignore[call-arg]
        times.append((clock() - t0) * 1000)
    return statistics.median(times)


def pdf_ms(url: str, profile_id: int, days: int, runs: int) -> float:
    """The doctor summary for the whole diary, default sections (evidence built beforehand,
    as the page reuses the cached evidence)."""
    store = Store(url)
    profile = store.profile(profile_id)
    rows = store.entries(profile_id)
    at = now()
    ev = build_evidence(
        rows, profile.conditions, at.date() - dt.timedelta(days=days - 1), at.date(), {}, at
    )
    report.build_report(ev, rows, report.ReportOptions())  # warm-up: fonts, matplotlib
    return _median_ms(lambda: report.build_report(ev, rows, report.ReportOptions()), runs)


def restore_ms(url: str, profile_id: int, days: int, runs: int) -> float:
    """Restoring the JSON backup of the whole diary into a new profile."""
    store = Store(url)
    data = exchange.backup_bytes(store, profile_id)
    return _median_ms(
        lambda _: exchange.restore_backup(store, data, name=f"Restored {next(_names)}"),
        runs,
        setup=lambda: True,
    )


def csv_import_ms(url: str, profile_id: int, days: int, runs: int) -> float:
    """Importing the diary's attacks and check-ins from CSV files into an empty profile."""
    store = Store(url)
    files = {
        kind: exchange.csv_bytes(kind, store.entries(profile_id, [kind]))
        for kind in ("attack", "headache_checkin")
    }

    def run(target: int) -> None:
        for kind, data in files.items():
            exchange.import_csv(store, target, data, kind=kind)

    return _median_ms(
        run, runs, setup=lambda: store.create_profile(f"Import {next(_names)}", ["headache"]).id
    )


def engine_json_ms(url: str, profile_id: int, days: int, runs: int) -> float:
    """The evidence engine for the whole diary, including its JSON form (the CLI summary)."""
    store = Store(url)
    profile = store.profile(profile_id)
    rows = store.entries(profile_id)
    at = now()
    start = at.date() - dt.timedelta(days=days - 1)
    def run() -> None:
        forget_kept()  # the whole computation, as on a first visit (nothing kept from before)
        build_evidence(rows, profile.conditions, start, at.date(), {}, at).to_dict()

    return _median_ms(run, runs)


ALL: dict[str, Callable] = {
    "engine + JSON, whole diary": engine_json_ms,
    "PDF, whole diary": pdf_ms,
    "backup restore": restore_ms,
    "CSV import (headache)": csv_import_ms,
}
