"""The one-tap events take "now" from the one clock (utils.core.entries.now), which tests and
hosted mode replace: a copy of the function bound at import would read the machine's clock."""

from __future__ import annotations

import datetime as dt

from utils.conditions.bladder import forms
from utils.core import entries


def test_void_now_is_the_clocks_now(monkeypatch) -> None:
    pinned = dt.datetime(2026, 3, 4, 5, 6, 7)
    monkeypatch.setattr(entries, "now", lambda: pinned)
    assert forms.event_now("void").at == dt.datetime(2026, 3, 4, 5, 6)
