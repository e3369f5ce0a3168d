"""Print (and save as JSON) how long the app's work takes on 90-day, 1-year and 10-year diaries.

Usage: ``python -m bench [--runs N] [--sizes 90,365,3650] [--out bench/results/latest.json]``

Every figure is the median of several runs on deterministic diaries from the sample generator
(migraine, sweating and jaw together). Nothing here is a test: it prints numbers and the targets
they are compared with, so a person can see where time goes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from utils import sample  # noqa: E402
from utils.store import ENV_URL, Store  # noqa: E402

TARGET_PAGE_MS = 250
TARGET_PAGE_RATIO = 1.5
TARGET_PDF_1Y_S = 1.5
TARGET_RESTORE_10Y_S = 3.0


def all_conditions_items(days: int):
    """One person tracking everything: the three sample patients' diaries together."""
    items = sample.generate("migraine", days=days)
    items += sample.generate("sweating", days=days)
    items += [
        (e, t) for e, t in sample.generate("jaw", days=days) if e.KIND in ("jaw_day", "treatment")
    ]
    return items


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up: imports and caches, as a person's second visit
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def make_db(folder: Path, days: int) -> tuple[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / f'bench-{days}.sqlite3'}"
    store = Store(url)
    profile = store.create_profile(f"Bench {days}", ["headache", "sweating", "jaw"])
    store.add_many(profile.id, all_conditions_items(days), source="sample")
    return url, profile.id


def page_times(url: str, profile_id: int, runs: int) -> tuple[dict[str, float], dict[str, float]]:
    """Median page run with warm caches (a rerun, or a revisit), and right after a diary
    change (the profile's revision moves on, so its evidence and charts are rebuilt)."""
    from streamlit.testing.v1 import AppTest

    os.environ[ENV_URL] = url
    store = Store(url)
    warm: dict[str, float] = {}
    changed: dict[str, float] = {}
    for file in sorted((ROOT / "pages").glob("*.py")):
        path, title = f"pages/{file.name}", file.stem
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.session_state["profile_id"] = profile_id
        at.session_state["period_preset"] = "Last 3 months"
        at.run()
        at.switch_page(path)

        def run_page(at=at, path=path) -> None:
            at.run()
            if at.exception:
                raise RuntimeError(f"{path}: {at.exception[0].message}")

        warm[title] = median_ms(run_page, runs)

        def after_change(at=at, path=path) -> None:
            store.bump(profile_id)
            run_page(at, path)

        changed[title] = median_ms(after_change, runs)
    return warm, changed


def engine_ms(url: str, profile_id: int, runs: int) -> float | None:
    try:
        from utils.evidence import build_evidence
    except ImportError:
        return None
    import datetime as dt

    store = Store(url)
    profile = store.profile(profile_id)
    rows = store.entries(profile_id)
    end = dt.date.today()
    start = min(r.day for r in rows)

    def run() -> None:
        build_evidence(rows, profile.conditions, start, end, profile.settings, dt.datetime.now())

    return median_ms(run, runs)


def cold_start_s(url: str) -> tuple[float, float | None]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, **{ENV_URL: url})
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=1):
                    break
            except OSError:
                if time.perf_counter() - t0 > 60:
                    raise RuntimeError("server did not start") from None
                time.sleep(0.05)
        started = time.perf_counter() - t0
        rss_mb = server_memory_mb(proc.pid, port)
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    return started, rss_mb


def server_memory_mb(pid: int, port: int) -> float | None:
    """Resident memory of the server after one browser session has opened the home page."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    import shutil

    exe = shutil.which("chromium")
    if exe is None:
        return None
    from tests.browser.conftest import CHROMIUM_ARGS

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"http://localhost:{port}")
        page.wait_for_selector("h1", timeout=60_000)
        time.sleep(1)
        page.screenshot(path=str(ROOT / "bench" / "results" / "server-home.png"))
        with open(f"/proc/{pid}/status") as fh:
            rss = next(int(line.split()[1]) for line in fh if line.startswith("VmRSS"))
        browser.close()
    return rss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="90,365,3650")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "latest.json"))
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for days in sizes:
            url, pid = make_db(folder, days)
            warm, changed = page_times(url, pid, args.runs)
            row: dict[str, object] = {"pages_ms": warm, "pages_after_change_ms": changed}
            row["engine_ms"] = engine_ms(url, pid, args.runs)
            for name, fn in extra_measures().items():
                row[name] = fn(url, pid, days, args.runs)
            results[str(days)] = row
            print(f"measured {days} days", file=sys.stderr)
        start_s, rss = cold_start_s(make_db(folder / "server", 90)[0])
        results["server"] = {"cold_start_s": start_s, "rss_mb_one_session": rss}
    print_table(results, sizes)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2))
    print(f"\nsaved {args.out}")
    return 0


def extra_measures() -> dict[str, Callable]:
    """Measures of modules that may grow (PDF, restore, import): each returns ms or None."""
    from bench import measures

    return measures.ALL


def print_table(results: dict, sizes: list[int]) -> None:
    cols = [str(s) for s in sizes]
    print(
        f"\nPage script run (AppTest), median ms; target <= {TARGET_PAGE_MS} ms at 10 years"
        f" and <= {TARGET_PAGE_RATIO:.1f}x the 90-day figure"
    )
    print(f"{'page':28}" + "".join(f"{c + ' d':>12}" for c in cols) + f"{'ratio':>8}")
    first = results[cols[0]]["pages_ms"]
    for title in first:
        vals = [results[c]["pages_ms"][title] for c in cols]
        ratio = vals[-1] / vals[0] if vals[0] else 0
        flag = (
            "" if vals[-1] <= TARGET_PAGE_MS and ratio <= TARGET_PAGE_RATIO else "  <- over target"
        )
        print(f"{title:28}" + "".join(f"{v:>12.0f}" for v in vals) + f"{ratio:>8.2f}" + flag)
    print("\nThe same pages right after a diary change (evidence and charts rebuilt), median ms")
    for title in first:
        vals = [results[c]["pages_after_change_ms"][title] for c in cols]
        print(f"{title:28}" + "".join(f"{v:>12.0f}" for v in vals))
    print("\nOther work, median")
    keys = [k for k in results[cols[0]] if not k.startswith("pages_")]
    for k in keys:
        vals = [results[c].get(k) for c in cols]
        print(
            f"{k:28}"
            + "".join(
                f"{v:>12.0f}" if isinstance(v, (int, float)) else f"{'n/a':>12}" for v in vals
            )
        )
    srv = results["server"]
    rss = srv["rss_mb_one_session"]
    print(
        f"\ncold start to healthy server: {srv['cold_start_s']:.2f} s; "
        f"memory with one session open: {rss:.0f} MB"
        if rss
        else "n/a"
    )


if __name__ == "__main__":
    raise SystemExit(main())
