"""Reading form widget values: yes / no / not recorded, counts, trimmed text, short dates.

Shared by the form conversions of every condition (``utils/conditions/<key>/forms.py``) and the
shared ones (``utils.entry_forms``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

YES_NO = {"Not recorded": None, "Yes": True, "No": False}
YES_NO_UNKNOWN = {"unknown": "Don't know", "yes": "Yes", "no": "No"}


def yes_no(value: bool | None) -> str:
    return {None: "Not recorded", True: "Yes", False: "No"}[value]


def flag(raw: Any) -> bool | None:
    return YES_NO[raw] if isinstance(raw, str) else raw


def count(raw: Any) -> int | None:
    return None if raw is None or raw == "" else int(raw)


def text(raw: Any) -> str:
    return (raw or "").strip()


def fmt(day: dt.date | None) -> str:
    return f"{day.day} {day:%b %Y}" if day else ""


def defaults_reader(defaults: dict[str, Any]) -> Callable[[str, Any], Any]:
    """``d(key, fallback)``: a form's default for ``key`` (the entry being edited), or
    ``fallback`` when there is none (no entry, or the value was not recorded)."""

    def d(key: str, fallback: Any) -> Any:
        value = defaults.get(key)
        return fallback if value is None else value

    return d


def moved_to_conditions(module: str) -> Callable[[str], Any]:
    """A module ``__getattr__`` for names that moved to the conditions' ``forms`` parts: the old
    ``module.name`` finds the part whose ``__all__`` lists it (through the registry, at run time,
    so the shared module neither imports nor names a condition)."""

    def __getattr__(name: str) -> Any:
        from utils import conditions

        for _spec, part in conditions.parts("forms"):
            if name in getattr(part, "__all__", ()):
                return getattr(part, name)
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__
