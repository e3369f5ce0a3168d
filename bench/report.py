"""Time to build the doctor-visit PDF on 1-year and 10-year sample diaries.

Usage: ``python -m bench.report [--runs 3]``. Prints the first (cold: imports, fonts, matplotlib)
and the median warm build per size, for the default sections and with the day-by-day appendix.
The evidence is built once per size and not counted: the page reuses the cached evidence.
Targets (issue 21): 1 year in 0.6 s or less, 10 years in 1.5 s or less.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from utils import sample  # noqa: E402
from utils.core.entries import now  # noqa: E402
from utils.evidence import build_evidence  # noqa: E402
from utils.storage.store import Store  # noqa: E402

TARGETS_S = {365: 0.6, 3650: 1.5}


def _setup(store: Store, which: str, days: int):
    profile = sample.load_sample(store, which, days=days)
    rows = store.entries(profile.id)
    at = now()
    ev = build_evidence(
        rows, profile.conditions, at.date() - dt.timedelta(days=days - 1), at.date(), {}, at
    )
    return ev, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        t = time.perf_counter()
        from utils import report

        print(f"import utils.report: {time.perf_counter() - t:.2f} s")
        first = True
        for label, days in (("1 year", 365), ("10 years", 3650)):
            ev, rows = _setup(store, "migraine", days)
            for appendix in (False, True):
                opts = report.ReportOptions(appendix=appendix)
                times = []
                for _ in range(args.runs + (1 if first else 0)):
                    t = time.perf_counter()
                    pdf = report.build_report(ev, rows, opts)
                    times.append(time.perf_counter() - t)
                if first:
                    print(f"cold first build ({label}): {times.pop(0):.2f} s")
                    first = False
                what = "with appendix" if appendix else "default sections"
                med = statistics.median(times)
                note = ""
                if days in TARGETS_S and not appendix:
                    ok = "pass" if med <= TARGETS_S[days] else "OVER"
                    note = f"  (target <= {TARGETS_S[days]} s: {ok})"
                print(f"{label}, {what}: {med:.2f} s, {len(pdf) // 1024} KB{note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
