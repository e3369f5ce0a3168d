"""Measures beyond the pages: each takes (database URL, profile id, diary days, runs) and
returns a median in milliseconds, or None when the measured module does not exist yet."""

from __future__ import annotations

from collections.abc import Callable

ALL: dict[str, Callable] = {}
