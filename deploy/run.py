"""Start the hosted deployment on loopback and check that no write from several sessions is lost.

    python deploy/run.py [--sessions 3] [--saves 2] [--serve]

What it starts (all on 127.0.0.1, all stopped at the end):
- one throwaway PostgreSQL cluster (.ci/pg-cluster, Debian's postgresql package);
- a real OpenID Connect test provider (oidc-provider-mock) for the sign-in;
- two ``streamlit run app.py`` processes in hosted mode on that database, each listening on
  127.0.0.1 only, without a file watcher and without Streamlit's full garbage collection after
  every script run (docs/hosting.md, "Server options");
- Debian's nginx (deploy/nginx.conf.template) in front: sticky sessions by cookie, WebSocket
  upgrade.

Then ``--sessions`` browser sessions (Playwright, Debian's Chromium) sign in as the same person
through the proxy and, all at once, each create ``--saves`` profiles. The check: the database
holds every one of them, both app servers served sessions, and every session, on its next run,
lists the profiles the other sessions made. Exit code 0 when all holds. ``--serve`` keeps the
deployment running until Ctrl-C (for a look by hand, or for bench/load.py).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SUBJECT = "patient-1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen | None = None, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{proc.args[:4]} exited early")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


class Deployment:
    """PostgreSQL + OIDC provider + two app servers + nginx, on loopback."""

    def __init__(
        self,
        db_url: str = "",
        port: int | None = None,
        app_ports: list[int] | None = None,
        app_env: dict[str, str] | None = None,
        launchers: list[list[str]] | None = None,
        app_args: list[str] | None = None,
        stop_seconds: float = 15,
    ) -> None:
        """``db_url``: an existing database for the app servers (default: a throwaway
        PostgreSQL cluster of its own); ``port`` and ``app_ports``: the proxy's and the two app
        servers' ports (default: free ones); ``app_env``: extra environment for the app
        servers; ``launchers``: the command before ``run app.py`` of each app server (default
        ``python -m streamlit``; bench/load.py profiles one); ``app_args``: extra ``streamlit
        run`` options; ``stop_seconds``: how long an app server may take to stop (a profiled one
        writes its profile then)."""
        self.tmp = Path(tempfile.mkdtemp(prefix="coverage-diary-deploy."))
        os.chmod(self.tmp, 0o755)
        self.procs: list[subprocess.Popen] = []
        self.port = port or free_port()
        self.app_ports = app_ports or [free_port(), free_port()]
        self.url = f"http://localhost:{self.port}"
        self.db_url = db_url
        self._own_cluster = not db_url
        self._app_env = app_env or {}
        self._launchers = launchers or [[sys.executable, "-m", "streamlit"]] * 2
        self._app_args = app_args or []
        self._stop_seconds = stop_seconds
        self._oidc = None

    def __enter__(self) -> Deployment:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        if self._own_cluster:
            self.db_url = subprocess.check_output(
                [str(ROOT / ".ci" / "pg-cluster"), "start", str(self.tmp / "pg")], text=True
            ).strip()
        from oidc_provider_mock import run_server_in_thread

        self._oidc = run_server_in_thread(port=0)
        issuer = f"http://localhost:{self._oidc.__enter__().server_port}"
        self.issuer = issuer
        secrets = self.tmp / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            f'redirect_uri = "{self.url}/oauth2callback"\n'
            'cookie_secret = "deploy-check-cookie-secret-0123456789"\n'
            'client_id = "coverage-diary"\n'
            'client_secret = "not-a-secret"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n',
            encoding="utf-8",
        )
        env = dict(
            os.environ,
            COVERAGE_DIARY_DATABASE_URL=self.db_url,
            COVERAGE_DIARY_MODE="hosted",
            **self._app_env,
        )
        for port, launcher in zip(self.app_ports, self._launchers, strict=True):
            proc = subprocess.Popen(
                [
                    *launcher, "run", "app.py",
                    "--server.port", str(port),
                    "--server.address", "127.0.0.1",
                    "--server.headless", "true",
                    "--browser.gatherUsageStats", "false",
                    "--secrets.files", str(secrets),
                    # A server does not watch its source files (no reload in production).
                    "--server.fileWatcherType", "none",
                    # No full garbage collection after every script run: it holds the whole
                    # process for 0.2 s or more with many sessions (bench/load.py: p50 1.04 s
                    # -> 0.18 s at 10 sessions); Python's own collector still runs.
                    "--runner.postScriptGC", "false",
                    *self._app_args,
                ],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            self.procs.append(proc)
        for port, proc in zip(self.app_ports, self.procs, strict=True):
            wait_http(f"http://127.0.0.1:{port}/_stcore/health", proc)
        conf = (ROOT / "deploy" / "nginx.conf.template").read_text(encoding="utf-8")
        for key, value in {
            "@PREFIX@": str(self.tmp),
            "@PORT@": str(self.port),
            "@PORT_A@": str(self.app_ports[0]),
            "@PORT_B@": str(self.app_ports[1]),
        }.items():
            conf = conf.replace(key, value)
        (self.tmp / "nginx.conf").write_text(conf, encoding="utf-8")
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        proc = subprocess.Popen(
            [nginx, "-p", str(self.tmp), "-c", str(self.tmp / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # never an unread pipe: a full pipe blocks the writer
        )
        self.procs.append(proc)
        wait_http(f"{self.url}/_stcore/health", proc)

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=self._stop_seconds)
                except subprocess.TimeoutExpired:
                    proc.kill()
        if self._oidc is not None:
            self._oidc.__exit__(None, None, None)
        if self._own_cluster:
            subprocess.run(
                [str(ROOT / ".ci" / "pg-cluster"), "stop", str(self.tmp / "pg")], check=False
            )
        shutil.rmtree(self.tmp, ignore_errors=True)


async def sign_in(page, url: str, subject: str) -> None:
    from playwright.async_api import expect

    await page.goto(url)
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_url("**/oauth2/authorize**")
    await page.locator("input[name=sub]").fill(subject)
    await page.get_by_role("button", name="Authorize").click()
    await expect(page.get_by_text("Signed in as")).to_be_visible(timeout=60_000)


async def create_profile(page, url: str, name: str) -> None:
    from playwright.async_api import expect

    await expect(page.get_by_role("button", name="Create profile")).to_be_visible(timeout=60_000)
    box = page.get_by_placeholder("e.g. Sam")
    await box.fill(name)
    await page.get_by_role("button", name="Create profile").click()
    done = page.get_by_text(f"Profile '{name}' created and selected.")
    await expect(done).to_be_visible(timeout=60_000)
    await page.wait_for_timeout(300)


async def sidebar_profiles(page, url: str) -> set[str]:
    await page.goto(f"{url}/profiles")
    await page.get_by_text("Signed in as").wait_for()
    await page.get_by_role("combobox", name="Profile").click()
    options = page.locator("[role=option]")
    await options.first.wait_for()
    names = {(await t).strip() for t in [o.inner_text() for o in await options.all()]}
    await page.keyboard.press("Escape")
    return names


async def check(url: str, sessions: int, saves: int) -> dict[str, object]:
    from playwright.async_api import async_playwright, expect

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            headless=True,
            args=CHROMIUM_ARGS,
        )
        contexts = [
            await browser.new_context(viewport={"width": 1280, "height": 900})
            for _ in range(sessions)
        ]
        # Spread the sessions over both app servers for certain (a real visitor gets one at
        # random, then keeps it): the proxy's sticky cookie, set before the first visit.
        for i, c in enumerate(contexts):
            route = "app_a" if i % 2 == 0 else "app_b"
            await c.add_cookies([{"name": "cd_server", "value": route, "url": url}])
        pages = [await c.new_page() for c in contexts]
        for p in pages:
            p.set_default_timeout(60_000)
        await asyncio.gather(*(sign_in(p, url, SUBJECT) for p in pages))
        first = pages[0]
        await first.goto(url)
        await first.get_by_role("textbox", name="Name for this diary (optional)").fill("Start")
        await first.get_by_role("button", name="Start my diary").click()
        await expect(first.get_by_text("Diary of").first).to_be_visible(timeout=60_000)

        for p in pages:
            await p.goto(f"{url}/profiles")

        async def writer(i: int) -> None:
            for k in range(saves):
                await create_profile(pages[i], url, f"S{i + 1}-{k + 1}")

        started = time.monotonic()
        await asyncio.gather(*(writer(i) for i in range(sessions)))
        elapsed = time.monotonic() - started
        expected = {"Start"} | {f"S{i + 1}-{k + 1}" for i in range(sessions) for k in range(saves)}
        seen = [await sidebar_profiles(p, url) for p in pages]
        servers = {
            c["value"] for ctx in contexts for c in await ctx.cookies() if c["name"] == "cd_server"
        }
        await browser.close()
    return {"expected": expected, "seen": seen, "servers": servers, "seconds": elapsed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=3)
    parser.add_argument("--saves", type=int, default=2)
    parser.add_argument("--serve", action="store_true", help="keep running until Ctrl-C")
    args = parser.parse_args(argv)
    with Deployment() as dep:
        print(f"proxy {dep.url}  app servers {dep.app_ports}  database {dep.db_url}")
        if args.serve:
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                return 0
        result = asyncio.run(check(dep.url, args.sessions, args.saves))
        from utils.store import Store

        store = Store(dep.db_url)
        with store.engine.connect() as conn:
            from sqlalchemy import text

            stored = {r[0] for r in conn.execute(text("SELECT name FROM profiles"))}
        store.engine.dispose()
    expected = result["expected"]
    ok = True
    lost = expected - stored
    print(f"{len(stored)} profiles stored of {len(expected)} written ({result['seconds']:.1f} s)")
    if lost:
        ok = False
        print(f"LOST writes: {sorted(lost)}")
    for i, seen in enumerate(result["seen"], 1):
        missing = expected - seen
        print(f"session {i} sees {len(seen & expected)} of {len(expected)}")
        if missing:
            ok = False
            print(f"  session {i} does not see: {sorted(missing)}")
    print(f"app servers used: {sorted(result['servers'])}")
    if len(result["servers"]) < 2 <= args.sessions:
        ok = False
        print("  the sessions did not use both app servers")
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
