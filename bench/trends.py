"""How fast the trends page answers on a 90-day and a 10-year diary (prints numbers, asserts nothing).

Usage: ``python bench/trends.py [--runs N] [--sizes 90,3650]``

For each size, one profile tracking headache, sweating and jaw is filled from the sample
generator in a temporary SQLite database, and the page is run with AppTest over the whole diary
(period "Everything"). Printed per size, in milliseconds:

- ``first``: the first run with empty caches (evidence, figures and entries computed; the page
  builds the first section, the one on screen);
- ``rerun``: the median of reruns that change nothing (what a click elsewhere costs);
- ``engine`` and ``figures``: ``build_evidence`` and ``charts.charts_for`` (every section) alone,
  for reference.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from utils import sample  # noqa: E402
from utils.storage.engine import ENV_URL  # noqa: E402
from utils.storage.store import Store  # noqa: E402

PAGE = "pages/trends.py"


def diary(days: int):
    """One person tracking everything: the three sample patients' diaries together."""
    items = sample.generate("migraine", days=days)
    items += sample.generate("sweating", days=days)
    items += [
        (e, t) for e, t in sample.generate("jaw", days=days) if e.KIND in ("jaw_day", "treatment")
    ]
    return items


def make_db(folder: Path, days: int) -> tuple[str, int]:
    url = f"sqlite:///{folder / f'trends-{days}.sqlite3'}"
    store = Store(url)
    profile = store.create_profile(f"Bench {days}", ["headache", "sweating", "jaw"])
    store.add_many(profile.id, diary(days), source="sample")
    return url, profile.id


def ms(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def measure(url: str, profile_id: int, runs: int) -> dict[str, float]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from utils import charts
    from utils.evidence import build_evidence

    os.environ[ENV_URL] = url
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.session_state["profile_id"] = profile_id
    at.session_state["period_preset"] = "Everything"
    at.session_state["sidebar_period"] = "Everything"
    at.run()
    at.switch_page(PAGE)

    def run() -> None:
        at.run()
        if at.exception:
            raise RuntimeError(at.exception[0].message)

    st.cache_resource.clear()
    first = ms(run)
    drawn = len(at.get("plotly_chart"))
    rerun = statistics.median(ms(run) for _ in range(runs))

    store = Store(url)
    profile = store.profile(profile_id)
    rows = store.entries(profile_id)
    start, end, at_time = min(r.day for r in rows), dt.date.today(), dt.datetime.now()

    def engine():
        return build_evidence(rows, profile.conditions, start, end, profile.settings, at_time)

    ev = engine()
    return {
        "first": first,
        "rerun": rerun,
        "engine": statistics.median(ms(engine) for _ in range(runs)),
        "figures": statistics.median(ms(lambda: charts.charts_for(ev, rows)) for _ in range(runs)),
        "charts": drawn,
        "entries": len(rows),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bench/trends.py")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="90,3650")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for days in (int(s) for s in args.sizes.split(",")):
            url, pid = make_db(Path(tmp), days)
            results[days] = measure(url, pid, args.runs)
    print(f"Trends page, period 'Everything', median of {args.runs} runs (ms)")
    print(
        f"{'diary':>10} {'entries':>8} {'charts':>7} {'first':>8} {'rerun':>8} "
        f"{'engine':>8} {'figures':>8}"
    )
    for days, r in results.items():
        label = f"{days} d" if days < 730 else f"{days / 365:.0f} years"
        print(
            f"{label:>10} {r['entries']:>8} {r['charts']:>7} {r['first']:>8.0f} "
            f"{r['rerun']:>8.0f} {r['engine']:>8.0f} {r['figures']:>8.0f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
