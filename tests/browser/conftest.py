"""Real-browser fixtures: the app served by `streamlit run` on a free port, driven by Playwright
with Debian's Chromium (never a browser download).

One Chromium per session (each test gets a new browser context) and one app server per session
(per xdist worker): ``app_server`` points that server at the test's own fresh database before the
test starts, so tests neither share data nor pay for a server start each."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / ".screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listens(pid: int, port: int) -> bool:
    """Whether process ``pid`` holds the listening socket of ``port`` (Linux; elsewhere, yes)."""
    tables = [Path(f"/proc/net/{name}") for name in ("tcp", "tcp6")]
    if not Path(f"/proc/{pid}/fd").is_dir() or not any(t.exists() for t in tables):
        return True
    inodes = set()
    for table in tables:
        for line in table.read_text().splitlines()[1:] if table.exists() else []:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "0A":  # LISTEN
                inodes.add(f"socket:[{fields[9]}]")
    held = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            held.add(os.readlink(fd))
        except OSError:
            continue
    return bool(inodes & held)


class AppServer:
    """`streamlit run app.py` in a child process, restartable on the same database."""

    def __init__(self, db_url: str) -> None:
        self.db_url = db_url
        self.port = _free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    FLAGS = (
        "--server.headless",
        "true",
        "--server.address",
        "localhost",
        "--browser.gatherUsageStats",
        "false",
    )

    def start(self) -> None:
        env = dict(os.environ, COVERAGE_DIARY_DATABASE_URL=self.db_url)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.port",
                str(self.port),
                *self.FLAGS,
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self._new_log(),
        )
        self.wait_healthy()

    def _new_log(self) -> Any:
        """A file for the server's messages. Never a pipe: a pipe nobody reads fills up after
        64 KiB and the server's next log line (a warning, a traceback) then blocks it, which
        showed as a download spinner that never ended (CI, hosted isolation on PostgreSQL)."""
        self.log = tempfile.TemporaryFile()
        return self.log

    def log_tail(self, size: int = 2000) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")[-size:]

    def wait_healthy(self) -> None:
        """Wait until this process answers on its port (another test run's server that took the
        same free port first does not count: this one then exits, and the start fails)."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("streamlit exited: " + self.log_tail())
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200 and _listens(self.proc.pid, self.port):
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("the app did not answer its health check within 60 s")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()


# `streamlit run app.py` inside a small wrapper that also listens on a loopback control port:
# "USE <url>" waits until no browser session is connected or running the script, then points the
# server at that database (the app reads COVERAGE_DIARY_DATABASE_URL on every run, and its caches
# are keyed by that URL), and answers "OK". One server then serves test after test, each on a
# fresh database of its own, as if started afresh on it.
SHARED_SERVER = r"""
import os, socket, sys, threading, time

ENV_URL = "COVERAGE_DIARY_DATABASE_URL"


def idle() -> bool:
    from streamlit.runtime import Runtime
    from streamlit.runtime.app_session import AppSessionState

    if not Runtime.exists():
        return True
    manager = Runtime.instance()._session_mgr
    if manager.list_active_sessions():
        return False
    running = AppSessionState.APP_IS_RUNNING
    return all(info.session._state != running for info in manager.list_sessions())


def serve(control: socket.socket) -> None:
    while True:
        conn, _ = control.accept()
        with conn, conn.makefile("rw", encoding="utf-8") as f:
            command, _, url = f.readline().strip().partition(" ")
            deadline = time.monotonic() + 30
            while not idle() and time.monotonic() < deadline:
                time.sleep(0.05)
            if command == "USE" and idle():
                os.environ[ENV_URL] = url
                f.write("OK\n")
            else:
                f.write("BUSY\n")


control = socket.create_server(("127.0.0.1", int(sys.argv[1])))
threading.Thread(target=serve, args=(control,), daemon=True).start()
sys.argv = ["streamlit", "run", *sys.argv[2:]]
from streamlit.web.cli import main

main()
"""


class SharedAppServer(AppServer):
    """One `streamlit run app.py` for many tests: ``use(db_url)`` gives the next test a fresh
    database on it; ``restart()`` restarts the process on the current database."""

    def __init__(self, db_url: str) -> None:
        super().__init__(db_url)
        self.control_port = _free_port()

    def start(self) -> None:
        env = dict(os.environ, COVERAGE_DIARY_DATABASE_URL=self.db_url)
        for attempt in range(3):
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    SHARED_SERVER,
                    str(self.control_port),
                    "app.py",
                    *self.FLAGS,
                    "--server.port",
                    str(self.port),
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=self._new_log(),
            )
            try:
                self.wait_healthy()
                return
            except RuntimeError:
                if self.proc.poll() is None or attempt == 2:
                    raise
                # Most likely a port taken meanwhile by another test run: take other ports.
                self.port, self.control_port = _free_port(), _free_port()

    def use(self, db_url: str) -> None:
        """Point the running server at ``db_url`` once the previous test's sessions are gone."""
        if self.proc is None or self.proc.poll() is not None:
            self.db_url = db_url
            self.start()
            return
        with socket.create_connection(("127.0.0.1", self.control_port), timeout=60) as s:
            s.sendall(f"USE {db_url}\n".encode())
            answer = s.makefile("r", encoding="utf-8").readline().strip()
        if answer != "OK":
            raise RuntimeError(f"the shared app server did not switch databases: {answer!r}")
        self.db_url = db_url


class AppHandle:
    """What a test sees of the app: its address and database, and a restart."""

    def __init__(self, server: SharedAppServer) -> None:
        self._server = server

    @property
    def url(self) -> str:
        return self._server.url

    @property
    def port(self) -> int:
        return self._server.port

    @property
    def db_url(self) -> str:
        return self._server.db_url

    def restart(self) -> None:
        self._server.restart()


@pytest.fixture(scope="session")
def shared_app_server(tmp_path_factory) -> Iterator[SharedAppServer]:
    first = tmp_path_factory.mktemp("shared-app") / "start.sqlite3"
    server = SharedAppServer(f"sqlite:///{first}")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def app_server(db_url, shared_app_server) -> AppHandle:
    """The app on the test's own fresh database (SQLite; PostgreSQL too in modules marked
    ``both_databases``, see tests/conftest.py), served by this session's one app server."""
    shared_app_server.use(db_url)
    return AppHandle(shared_app_server)


@pytest.fixture(scope="session", autouse=True)
def _patient_expectations():
    """A busy 2-core machine can take a few seconds to rerun a page: wait up to 15 s."""
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def browser():
    exe = chromium_path()
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail(
                "CI must run the browser tests: install Chromium (apt-get install -y chromium)"
            )
        pytest.skip("no Chromium found: install it with `sudo apt-get install -y chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):  # noqa: F811 - the fixture is the page a test drives
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


def shot(pg, name: str) -> None:
    """Save a full-page screenshot for a person to look at (folder ignored by git)."""
    SHOTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
