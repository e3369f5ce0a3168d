"""Jaw: jaw day form <-> entry conversions.

This is the condition's ``forms`` part: its uniform API is described in ``utils.forms``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from utils.conditions.jaw.models import JawDay
from utils.core.entries import build
from utils.form_values import flag as _flag
from utils.form_values import text as _text
from utils.form_values import yes_no as _yes_no


def normal_jaw_day(day: dt.date) -> JawDay:
    return build(JawDay, date=day, normal_day=True)  # type: ignore[return-value]


def jaw_day_from_form(v: dict[str, Any]) -> JawDay:
    """Keys: date, pain, symptoms, clenching, night_guard ('Yes'/'No'/'Not recorded'), helped,
    notes."""
    return build(
        JawDay,
        date=v["date"],
        pain=v.get("pain"),
        symptoms=list(v.get("symptoms") or []),
        clenching=list(v.get("clenching") or []),
        night_guard=_flag(v.get("night_guard")),
        helped=_text(v.get("helped")),
        notes=v.get("notes") or "",
    )  # type: ignore[return-value]


def jaw_day_to_form(e: JawDay) -> dict[str, Any]:
    return {
        "date": e.date,
        "pain": e.pain,
        "symptoms": list(e.symptoms),
        "clenching": list(e.clenching),
        "night_guard": _yes_no(e.night_guard),
        "helped": e.helped,
        "notes": e.notes,
    }


def free_day(day: dt.date) -> JawDay:
    """A normal day (the jaw did not bother)."""
    return normal_jaw_day(day)


DAY_DIARY = {
    "kind": "jaw_day",
    "page": "pages/jaw.py",
    "heading": "Jaw today",
    "link": "Log a jaw day",
    "hint": "One tap when your jaw did not bother you today.",
}

__all__ = [
    "DAY_DIARY",
    "free_day",
    "jaw_day_from_form",
    "jaw_day_to_form",
    "normal_jaw_day",
]
