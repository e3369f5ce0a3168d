"""Local mode: the app's data channel refuses a Host header that is not this computer (DNS
rebinding), and a handshake from another site's page never makes the server contact the
internet (audited: every socket the server process opens is logged)."""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import ROOT, _free_port

pytestmark = pytest.mark.browser

AUDITED = r"""
import json, sys
log = open(sys.argv[1], "a", buffering=1)
def hook(event, args):
    if event in ("socket.connect", "socket.getaddrinfo", "socket.sendto", "socket.gethostbyname"):
        log.write(json.dumps([event, repr(args[1] if event != "socket.getaddrinfo" else args[0])]) + "\n")
sys.addaudithook(hook)
sys.argv = ["streamlit", "run", "app.py", "--server.port", sys.argv[2], "--server.headless", "true"]
from streamlit.web.cli import main
main()
"""

LOCAL = ("localhost", "127.0.0.1", "::1", "'localhost'", "'127.0.0.1'", "'::1'")


def handshake(port: int, host: str, origin: str | None) -> str:
    key = base64.b64encode(os.urandom(16)).decode()
    lines = [
        "GET /_stcore/stream HTTP/1.1",
        f"Host: {host}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {key}",
        "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Protocol: streamlit",
    ]
    if origin:
        lines.append(f"Origin: {origin}")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        return s.recv(4096).decode(errors="replace").split("\r\n", 1)[0]


@pytest.fixture
def audited_server(tmp_path):
    port = _free_port()
    log = tmp_path / "sockets.log"
    env = dict(os.environ, COVERAGE_DIARY_DATABASE_URL=f"sqlite:///{tmp_path / 'd.sqlite3'}")
    proc = subprocess.Popen(
        [sys.executable, "-c", AUDITED, str(log), str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=2):
                break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("the app did not start") from None
            time.sleep(0.3)
    yield port, log
    proc.terminate()
    proc.wait(timeout=15)


def foreign(log: Path) -> list:
    rows = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    out = []
    for event, arg in rows:
        if not any(h in arg for h in LOCAL) and "/" not in arg:  # unix sockets are paths
            out.append((event, arg))
    return out


def test_foreign_host_is_refused_and_foreign_origin_contacts_nobody(audited_server, page) -> None:
    port, log = audited_server
    # A person opens the app (its first run pins the addresses: utils/local_only.py).
    page.goto(f"http://localhost:{port}")
    page.get_by_role("button", name="Start my diary").wait_for()
    assert " 101 " in handshake(port, f"localhost:{port}", f"http://localhost:{port}")
    # A page of another site that points its own name at this computer (DNS rebinding).
    assert " 101 " not in handshake(port, f"rebind.example:{port}", f"http://rebind.example:{port}")
    # Another site's page opening the data channel of the real address.
    before = foreign(log)
    assert " 101 " not in handshake(port, f"localhost:{port}", "http://evil.example")
    time.sleep(1.5)  # the server would look its addresses up now
    assert foreign(log) == before == []
