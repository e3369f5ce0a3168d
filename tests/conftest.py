"""Shared fixtures: a fresh database per test, reachable by the app through the environment."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from utils.store import ENV_URL, Store  # noqa: E402


@pytest.fixture(autouse=True)
def session_clock(monkeypatch):
    """Every test (and the app code it runs) sees the same "now": tests/clock.py."""
    from tests import clock
    from utils import models

    monkeypatch.setattr(models, "now", lambda: clock.NOW)


@pytest.fixture
def db_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'diary.sqlite3'}"
    monkeypatch.setenv(ENV_URL, url)
    return url


@pytest.fixture
def store(db_url) -> Store:
    return Store(db_url)
