"""Load benchmark (not a test): N signed-in people at once against the proxied deployment.

    python -m bench.load [--mode ws|browser] [--sessions 10 25 50] [--rounds 2] [--think 2]
                         [--profile FILE] [--streamlit-option NAME=VALUE ...]

Starts deploy/run.py's deployment on loopback, a fresh one per level (a throwaway PostgreSQL
cluster, the OpenID Connect test provider, two app servers behind nginx with sticky sessions). Each session is a
different person with a one-year migraine diary (the sample, ending yesterday, loaded for that
person before the run).

``--mode ws`` (default) speaks Streamlit's own protocol over the WebSocket, as the browser's
client does (bench/wsclient.py): no browser, so the figures are the app's, not Chromium's. Each
person signs in once over plain HTTP through the proxy (the app's "Sign in" button, the
provider's form, the callback's signed cookie: the real flow, untimed). Before the timed part,
another person opens every page once on each app server (a warm-up: modules imported, content
files read, as on a server that has been up a while). Then all sessions at once: open the home page, log a headache-free day ("No headache today"), then ``--rounds``
times the pages below, waiting a think time (uniform between half and one and a half times
``--think`` seconds) before each. Page time: from sending the rerun to the run's
``script_finished`` (a run that ends in ``st.rerun`` includes its rerun).

``--mode browser`` drives one Chromium context per person instead (Playwright, Debian's
Chromium); page time is from the navigation to the running indicator gone. On a 2-core machine
it measures the browser more than the app.

Prints, per level: p50 and p95 page time (and per page), the app servers' resident memory per
session (after all sessions have run, minus before they connected, divided by the sessions)
and both servers' total, and the load average before and after (the machine may be shared:
read every figure with it).
``--profile FILE`` runs app server A under cProfile (bench/profiled_streamlit.py: every script
run) and prints where its time went; its page times are then inflated by the profiler.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

from deploy.run import CHROMIUM_ARGS, ROOT, Deployment, sign_in

PAGES = ("", "headache", "trends", "reports", "data")
PAGE_NAMES = {"": "home", "log": "log (check-in)"}


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def load_diaries(dep: Deployment, sessions: int, prefix: str = "load") -> list[str]:
    """One person per session, each with a one-year diary ending yesterday (so "No headache
    today" is there to be pressed). Returns their subjects."""
    from utils import sample
    from utils.storage.store import Store

    store = Store(dep.db_url)
    subjects = [f"{prefix}-{sessions}-{i}" for i in range(sessions)]
    yesterday = dt.date.today() - dt.timedelta(days=1)
    for subject in subjects:
        owner = store.for_owner(f"{dep.issuer}#{subject}")
        profile = sample.load_sample(owner, "migraine", days=365, end=yesterday)
        owner.mark_used(profile.id)
    store.engine.dispose()
    return subjects


# ------------------------------------------------------------------ WebSocket protocol


async def ws_person(
    base: str,
    cookies: dict[str, str],
    rounds: int,
    think: float,
    times: list[tuple[str, float]],
    errors: list[str],
    finished: list[bool],
    ready: asyncio.Event,
    rng: random.Random,
) -> None:
    from bench.wsclient import Session

    async def pause() -> None:
        await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))

    try:
        async with Session(base, cookies) as session:
            await pause()
            home = await session.run("")
            times.append(("", home.seconds))
            if not any("Diary of" in t for t in home.texts):
                errors.append(f"no diary on the home page: {home.texts[:2]} {home.exceptions}")
            button = home.buttons.get("No headache today")
            if button is None:
                errors.append("no 'No headache today' button")
            else:
                await pause()
                logged = await session.run("", press=button)
                times.append(("log", logged.seconds))
                if not any("Logged today" in t for t in logged.texts):
                    errors.append("the check-in was not logged")
            for _ in range(rounds):
                for path in PAGES:
                    await pause()
                    run = await session.run(path)
                    times.append((path, run.seconds))
                    if run.exceptions:
                        errors.append(f"/{path}: {run.exceptions[0]}")
            finished.append(True)
            await ready.wait()  # keep the session (and its memory) until memory is read
    except Exception as exc:  # noqa: BLE001 - a failed session is reported, the others go on
        errors.append(f"session failed: {exc!r}")
        finished.append(True)


async def warm_up(dep: Deployment) -> None:
    """One person of its own opens every page once on each app server, untimed: a server that
    has been up a while has its modules imported and its content files read; the people
    measured then pay only for their own diaries."""
    from bench.wsclient import Session
    from bench.wsclient import sign_in as ws_sign_in

    (subject,) = load_diaries(dep, 1, prefix="warm")
    cookies = await ws_sign_in(dep.url, subject)
    for server in ("app_a", "app_b"):
        async with Session(dep.url, cookies | {"cd_server": server}) as session:
            for path in (*PAGES, "cases", "treatments", "questionnaires", "profiles"):
                await session.run(path)


async def run_ws(dep: Deployment, sessions: int, rounds: int, think: float) -> dict:
    from bench.wsclient import sign_in as ws_sign_in

    await warm_up(dep)
    subjects = load_diaries(dep, sessions)
    gate = asyncio.Semaphore(8)

    async def signed_in(subject: str) -> dict[str, str]:
        async with gate:
            return await ws_sign_in(dep.url, subject)

    cookies = await asyncio.gather(*(signed_in(s) for s in subjects))
    servers = sorted({c.get("cd_server", "?") for c in cookies})
    pids = [p.pid for p in dep.procs[:2]]
    before = sum(rss_kib(p) for p in pids)
    load_before = os.getloadavg()
    times: list[tuple[str, float]] = []
    errors: list[str] = []
    finished: list[bool] = []
    ready = asyncio.Event()
    started = time.monotonic()
    tasks = [
        asyncio.create_task(
            ws_person(dep.url, c, rounds, think, times, errors, finished, ready, random.Random(i))
        )
        for i, c in enumerate(cookies)
    ]
    while len(finished) < sessions:
        await asyncio.sleep(0.5)
    after = sum(rss_kib(p) for p in pids)
    elapsed = time.monotonic() - started
    load_after = os.getloadavg()
    ready.set()
    await asyncio.gather(*tasks)
    return summarise(sessions, times, before, after, load_before, load_after, elapsed, errors) | {
        "servers": servers
    }


# ------------------------------------------------------------------ real browsers


async def open_page(page, url: str) -> float:
    started = time.monotonic()
    await page.goto(url)
    await page.get_by_text("Diary of").first.wait_for(timeout=120_000)
    await page.locator("[data-testid=stStatusWidget]").wait_for(state="hidden", timeout=120_000)
    return time.monotonic() - started


async def browser_person(browser, base: str, subject: str, rounds: int, times: list) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(120_000)
    await sign_in(page, base, subject)
    for _ in range(rounds):
        for path in PAGES:
            times.append((path, await open_page(page, f"{base}/{path}")))
    await context.close()


async def run_browser(dep: Deployment, sessions: int, rounds: int, think: float) -> dict:
    from playwright.async_api import async_playwright

    subjects = load_diaries(dep, sessions)
    pids = [p.pid for p in dep.procs[:2]]
    before = sum(rss_kib(p) for p in pids)
    load_before = os.getloadavg()
    times: list[tuple[str, float]] = []
    started = time.monotonic()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        await asyncio.gather(
            *(browser_person(browser, dep.url, s, rounds, times) for s in subjects)
        )
        after = sum(rss_kib(p) for p in pids)
        await browser.close()
    return summarise(
        sessions, times, before, after, load_before, os.getloadavg(),
        time.monotonic() - started, [],
    )  # fmt: skip


# ------------------------------------------------------------------ report


def summarise(sessions, times, before, after, load_before, load_after, elapsed, errors) -> dict:
    all_times = [t for _, t in times]
    per_page: dict[str, list[float]] = {}
    for path, t in times:
        per_page.setdefault(path, []).append(t)
    return {
        "sessions": sessions,
        "pages": len(all_times),
        "p50": statistics.median(all_times) if all_times else float("nan"),
        "p95": p95(all_times) if all_times else float("nan"),
        "per_page": {
            PAGE_NAMES.get(k, k): (statistics.median(v), p95(v)) for k, v in per_page.items()
        },
        "mib_per_session": (after - before) / 1024 / sessions,
        "mib_total": after / 1024,
        "load": (load_before[0], load_after[0]),
        "seconds": elapsed,
        "errors": errors,
    }


def print_profile(path: Path, top: int = 25) -> None:
    import io
    import pstats

    if not path.exists():
        print(f"(no profile written to {path})")
        return
    out = io.StringIO()
    stats = pstats.Stats(str(path), stream=out)
    stats.sort_stats("cumulative").print_stats(r"coverage|/utils/|/pages/|app\.py", top)
    out.write("\n--- by own time (all code) ---\n")
    stats.sort_stats("tottime").print_stats(top)
    text = out.getvalue().replace(str(ROOT) + "/", "")
    print(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mode", choices=("ws", "browser"), default="ws")
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 25, 50])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--think", type=float, default=2.0, help="mean think time, seconds")
    parser.add_argument("--profile", type=Path, help="profile app server A into this file")
    parser.add_argument(
        "--streamlit-option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra option for both app servers, e.g. runner.postScriptGC=false",
    )
    args = parser.parse_args(argv)
    launchers = None
    app_env = None
    if args.profile:
        profiled = [sys.executable, str(ROOT / "bench" / "profiled_streamlit.py")]
        launchers = [profiled, [sys.executable, "-m", "streamlit"]]
        app_env = {"COVERAGE_DIARY_PROFILE_OUT": str(args.profile.resolve())}
    run = run_ws if args.mode == "ws" else run_browser
    print(
        f"mode {args.mode}, {args.rounds} round(s) of {len(PAGES)} pages, think time "
        f"{0.5 * args.think:.1f}-{1.5 * args.think:.1f} s, {os.cpu_count()} cores"
    )
    app_args = []
    for option in args.streamlit_option:
        name, _, value = option.partition("=")
        app_args += [f"--{name}", value]
    if app_args:
        print(f"app server options: {' '.join(app_args)}")
    print(
        "sessions  pages  p50 s  p95 s  MiB/session  MiB both servers  load avg (before-after)"
        "  wall s",
        flush=True,
    )
    results = []
    for n in args.sessions:
        # A fresh deployment per level: no level inherits the memory or caches of another.
        with Deployment(
            launchers=launchers, app_env=app_env, app_args=app_args, stop_seconds=300
        ) as dep:
            r = asyncio.run(run(dep, n, args.rounds, args.think))
        results.append(r)
        print(
            f"{r['sessions']:8d}  {r['pages']:5d}  {r['p50']:5.2f}  {r['p95']:5.2f}  "
            f"{r['mib_per_session']:11.1f}  {r['mib_total']:16.0f}  "
            f"{r['load'][0]:10.1f} - {r['load'][1]:<10.1f}"
            f"  {r['seconds']:6.0f}",
            flush=True,
        )
        for name, (m, p) in r["per_page"].items():
            print(f"          {name:16s} p50 {m:5.2f}  p95 {p:5.2f}")
        if r.get("servers"):
            print(f"          app servers: {', '.join(r['servers'])}")
        for e in r["errors"][:5]:
            print(f"          ERROR {e}")
    if args.profile:
        print_profile(args.profile)
    return 1 if any(r["errors"] for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
