"""Load benchmark (not a test): N signed-in people at once against the proxied deployment.

    python -m bench.load [--sessions 10 25 50] [--rounds 2]

Starts deploy/run.py's deployment on loopback (PostgreSQL, OpenID Connect test provider, two app
servers behind nginx). Each session is a different person with a one-year migraine diary (the
sample, loaded for that person before the run) and a browser context of its own (Playwright,
Debian's Chromium, all contexts in one browser). All sessions at once: sign in, then ``--rounds``
times log a headache-free check-in or open the pages below. Page time: from the navigation to the
page having finished its run (Streamlit's running indicator gone). Prints p50 and p95 page time
and the app servers' memory per session (resident memory after the run minus before, divided by
the sessions). The browser runs on the same 2 cores as the servers: the figures include its
cost.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

from deploy.run import CHROMIUM_ARGS, Deployment, sign_in

PAGES = ("", "headache", "trends", "reports", "data")


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def open_page(page, url: str) -> float:
    started = time.monotonic()
    await page.goto(url)
    await page.get_by_text("Diary of").first.wait_for(timeout=120_000)
    await page.locator("[data-testid=stStatusWidget]").wait_for(state="hidden", timeout=120_000)
    return time.monotonic() - started


async def person(browser, base: str, subject: str, rounds: int, times: list[float]) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(120_000)
    await sign_in(page, base, subject)
    for _ in range(rounds):
        for path in PAGES:
            times.append(await open_page(page, f"{base}/{path}"))
    await context.close()


async def run(dep: Deployment, sessions: int, rounds: int) -> dict[str, float]:
    from playwright.async_api import async_playwright

    from utils import sample
    from utils.storage.store import Store

    store = Store(dep.db_url)
    for i in range(sessions):
        owner = store.for_owner(f"{dep.issuer}#load-{sessions}-{i}")
        profile = sample.load_sample(owner, "migraine", days=365)
        owner.mark_used(profile.id)
    store.engine.dispose()
    pids = [p.pid for p in dep.procs[:2]]
    before = sum(rss_kib(p) for p in pids)
    times: list[float] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        await asyncio.gather(
            *(
                person(browser, dep.url, f"load-{sessions}-{i}", rounds, times)
                for i in range(sessions)
            )
        )
        after = sum(rss_kib(p) for p in pids)
        await browser.close()
    times.sort()
    return {
        "sessions": sessions,
        "pages": len(times),
        "p50": statistics.median(times),
        "p95": times[max(0, int(round(0.95 * len(times))) - 1)],
        "mib_per_session": (after - before) / 1024 / sessions,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 25, 50])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    with Deployment() as dep:
        print("sessions  pages  p50 s  p95 s  MiB/session")
        for n in args.sessions:
            r = asyncio.run(run(dep, n, args.rounds))
            print(
                f"{r['sessions']:8d}  {r['pages']:5d}  {r['p50']:5.2f}  {r['p95']:5.2f}  "
                f"{r['mib_per_session']:11.1f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
