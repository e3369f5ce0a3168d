"""Print (and save as JSON) how long the app's work takes on 90-day, 1-year and 10-year diaries.

Usage: ``python -m bench [--runs N] [--sizes 90,365,3650] [--out bench/results/latest.json]
[--clock wall|cpu]``

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
from utils.storage.engine import ENV_URL  # noqa: E402
from utils.storage.store import Store  # noqa: E402

TARGET_PAGE_RATIO = 1.3  # a rerun at 10 years, against the same page at 90 days (issue 21)
TARGET_CHANGED_MS = 100  # first view of a page after a diary change, 10 years
TARGET_TRENDS_CHANGED_MS = 200  # the trends page after a diary change, 10 years
TARGET_PDF_1Y_S = 0.6
TARGET_PDF_10Y_S = 1.5
TARGET_RESTORE_10Y_S = 1.0
TRENDS = "trends"


def all_conditions_items(days: int):
    """One person tracking everything: the three sample patients' diaries together."""
    items = sample.generate("migraine", days=days)
    items += sample.generate("sweating", days=days)
    items += [
        (e, t) for e, t in sample.generate("jaw", days=days) if e.KIND in ("jaw_day", "treatment")
    ]
    return items


def median_ms(
    fn: Callable[[], object], runs: int, before: Callable[[], object] | None = None
) -> float:
    """The median time of ``fn`` (``before`` runs ahead of each call, untimed)."""
    from bench import measures

    if before:
        before()
    fn()  # warm-up: imports and caches, as a person's second visit
    times = []
    for _ in range(runs):
        if before:
            before()
        t0 = measures.clock()
        fn()
        times.append((measures.clock() - t0) * 1000)
    return statistics.median(times)


def make_db(folder: Path, days: int) -> tuple[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / f'bench-{days}.sqlite3'}"
    store = Store(url)
    profile = store.create_profile(f"Bench {days}", ["headache", "sweating", "jaw"])
    store.add_many(profile.id, all_conditions_items(days), source="sample")
    return url, profile.id


# The entries a "diary change" saves again, in turn: the latest of each daily kind.
CHANGED_KINDS = ("attack", "sweat_day", "jaw_day")


def diary_change(store: Store, profile_id: int) -> Callable[[], None]:
    """A save as a patient makes it: each call saves the latest attack, sweating day or jaw day
    again (in turn), so its version, the profile's revision and that entry's object change and
    everything read from the diary is rebuilt as after a real edit."""
    latest = []
    for kind in CHANGED_KINDS:
        rows = store.entries(profile_id, [kind])
        if rows:
            latest.append(rows[-1].id)
    turn = iter(range(10**9))

    def save() -> None:
        entry_id = latest[next(turn) % len(latest)]
        store.update(profile_id, entry_id, store.get(profile_id, entry_id).entry)

    return save


def page_times(url: str, profile_id: int, runs: int) -> tuple[dict[str, float], dict[str, float]]:
    """Median page run with warm caches (a rerun, or a revisit), and right after a diary
    change (an entry saved again: the profile's revision moves on, so its evidence and charts
    are rebuilt; the save itself is not timed)."""
    from streamlit.testing.v1 import AppTest

    os.environ[ENV_URL] = url
    store = Store(url)
    change = diary_change(store, profile_id)
    warm: dict[str, float] = {}
    changed: dict[str, float] = {}
    for file in sorted((ROOT / "pages").glob("*.py")):
        path, title = f"pages/{file.name}", file.stem
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.session_state["profile_id"] = profile_id
        at.session_state["period_preset"] = "Last 3 months"
        at.run()
        try:
            at.switch_page(path)
        except ValueError:  # a page of a condition the bench profile does not track
            continue

        def run_page(at=at, path=path) -> None:
            at.run()
            if at.exception:
                raise RuntimeError(f"{path}: {at.exception[0].message}")

        warm[title] = median_ms(run_page, runs)

        changed[title] = median_ms(lambda at=at, path=path: run_page(at, path), runs, change)
    return warm, changed


def engine_ms(url: str, profile_id: int, runs: int) -> float | None:
    try:
        from utils.evidence import build_evidence, forget_kept
    except ImportError:
        return None
    import datetime as dt

    store = Store(url)
    profile = store.profile(profile_id)
    rows = store.entries(profile_id)
    end = dt.date.today()
    start = min(r.day for r in rows)

    def run() -> None:
        forget_kept()  # the whole computation, as on a first visit (nothing kept from before)
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
    parser.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="wall time (the targets' clock), or this process's CPU time: steadier while other "
        "work shares the machine (a page's waits are not counted)",
    )
    args = parser.parse_args(argv)
    from bench import measures

    measures.clock = measures.CLOCKS[args.clock]
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
    results["clock"] = args.clock
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
    if results.get("clock") == "cpu":
        print("\nClock: this process's CPU time (--clock cpu), not wall time")
    print(
        f"\nPage script run (AppTest), median ms; target <= {TARGET_PAGE_RATIO:.1f}x the"
        " 90-day figure at 10 years"
    )
    print(f"{'page':28}" + "".join(f"{c + ' d':>12}" for c in cols) + f"{'ratio':>8}")
    first = results[cols[0]]["pages_ms"]
    for title in first:
        vals = [results[c]["pages_ms"][title] for c in cols]
        ratio = vals[-1] / vals[0] if vals[0] else 0
        flag = "" if ratio <= TARGET_PAGE_RATIO else "  <- over target"
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
    print_targets(results, cols)
    srv = results["server"]
    rss = srv["rss_mb_one_session"]
    print(
        f"\ncold start to healthy server: {srv['cold_start_s']:.2f} s; "
        f"memory with one session open: {rss:.0f} MB"
        if rss
        else "n/a"
    )


def _mark(ok: bool) -> str:
    return "pass" if ok else "OVER"


def target_rows(results: dict, cols: list[str]) -> list[tuple[str, str, str, bool]]:
    """(work, figure, target, met) for every figure of issue 21's table that was measured:
    the largest size stands for "10 years", 365 days for "1 year"."""
    out: list[tuple[str, str, str, bool]] = []
    big, small = results[cols[-1]], results[cols[0]]
    warm = big["pages_ms"]
    ratios = {t: warm[t] / small["pages_ms"][t] for t in warm if small["pages_ms"][t]}
    worst = max(ratios, key=ratios.get) if ratios else None
    out.append(
        (
            "page rerun with nothing changed",
            f"{min(warm.values()):.0f}-{max(warm.values()):.0f} ms"
            + (f"; largest ratio {ratios[worst]:.2f}x ({worst})" if worst else ""),
            f"<= {TARGET_PAGE_RATIO:.1f}x its {cols[0]}-day figure",
            all(r <= TARGET_PAGE_RATIO for r in ratios.values()),
        )
    )
    changed = {t: v for t, v in big["pages_after_change_ms"].items() if t != TRENDS}
    out.append(
        (
            "first view of a page after a diary change",
            f"{min(changed.values()):.0f}-{max(changed.values()):.0f} ms",
            f"<= {TARGET_CHANGED_MS} ms",
            max(changed.values()) <= TARGET_CHANGED_MS,
        )
    )
    trends = big["pages_after_change_ms"].get(TRENDS)
    if trends is not None:
        out.append(
            (
                "trends page after a diary change",
                f"{trends:.0f} ms",
                f"<= {TARGET_TRENDS_CHANGED_MS} ms",
                trends <= TARGET_TRENDS_CHANGED_MS,
            )
        )
    pdf_key, restore_key = "PDF, whole diary", "backup restore"
    if "365" in results and results["365"].get(pdf_key) is not None:
        v = results["365"][pdf_key] / 1000
        out.append(
            (
                "doctor summary PDF, 1 year",
                f"{v:.2f} s",
                f"<= {TARGET_PDF_1Y_S} s",
                v <= TARGET_PDF_1Y_S,
            )
        )
    if big.get(pdf_key) is not None:
        v = big[pdf_key] / 1000
        out.append(
            (
                f"doctor summary PDF, {cols[-1]} days",
                f"{v:.2f} s",
                f"<= {TARGET_PDF_10Y_S} s",
                v <= TARGET_PDF_10Y_S,
            )
        )
    if big.get(restore_key) is not None:
        v = big[restore_key] / 1000
        out.append(
            (
                f"backup restore, {cols[-1]} days",
                f"{v:.2f} s",
                f"<= {TARGET_RESTORE_10Y_S} s",
                v <= TARGET_RESTORE_10Y_S,
            )
        )
    return out


def print_targets(results: dict, cols: list[str]) -> None:
    print(f"\nTargets (issue 21; {cols[-1]} days stands for 10 years)")
    print(f"{'work':44}{'now':>40}  {'target':<28}mark")
    for work, figure, target, ok in target_rows(results, cols):
        print(f"{work:44}{figure:>40}  {target:<28}{_mark(ok)}")


if __name__ == "__main__":
    raise SystemExit(main())
