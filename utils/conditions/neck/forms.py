"""Neck (cervical dystonia): neck day and rating-scale form <-> entry conversions.

This is the condition's ``forms`` part: its uniform API is described in ``utils.forms``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from utils.conditions.neck.models import NeckDay, NeckScale
from utils.core.entries import build
from utils.form_values import flag as _flag
from utils.form_values import text as _text
from utils.form_values import yes_no as _yes_no


def normal_neck_day(day: dt.date) -> NeckDay:
    return build(NeckDay, date=day, normal_day=True)  # type: ignore[return-value]


def neck_day_from_form(v: dict[str, Any]) -> NeckDay:
    """Keys: date, pain, pull, directions, tremor and spasms ('Yes'/'No'/'Not recorded'),
    limits, helped, helped_other, wearing_off (bool), after_injection, notes."""
    return build(
        NeckDay,
        date=v["date"],
        pain=v.get("pain"),
        pull=v.get("pull") or None,
        directions=list(v.get("directions") or []),
        tremor=_flag(v.get("tremor")),
        spasms=_flag(v.get("spasms")),
        limits=list(v.get("limits") or []),
        helped=list(v.get("helped") or []),
        helped_other=_text(v.get("helped_other")),
        wearing_off=bool(v.get("wearing_off")),
        after_injection=list(v.get("after_injection") or []),
        notes=v.get("notes") or "",
    )  # type: ignore[return-value]


def neck_day_to_form(e: NeckDay) -> dict[str, Any]:
    return {
        "date": e.date,
        "pain": e.pain,
        "pull": e.pull,
        "directions": list(e.directions),
        "tremor": _yes_no(e.tremor),
        "spasms": _yes_no(e.spasms),
        "limits": list(e.limits),
        "helped": list(e.helped),
        "helped_other": e.helped_other,
        "wearing_off": e.wearing_off,
        "after_injection": list(e.after_injection),
        "notes": e.notes,
    }


def _number(value: Any) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value  # type: ignore[no-any-return]  # validated by the entry


def neck_scale_from_form(v: dict[str, Any]) -> NeckScale:
    """Keys: date, scale ('TWSTRS'/'Tsui'), total, severity, disability, pain (TWSTRS
    subscales, optional), timing, rater, notes."""
    return build(
        NeckScale,
        date=v["date"],
        scale=v.get("scale"),
        total=v.get("total"),
        severity=_number(v.get("severity")),
        disability=_number(v.get("disability")),
        pain=_number(v.get("pain")),
        timing=v.get("timing") or "before treatment",
        rater=_text(v.get("rater")),
        notes=v.get("notes") or "",
    )  # type: ignore[return-value]


def neck_scale_to_form(e: NeckScale) -> dict[str, Any]:
    return {
        "date": e.date,
        "scale": e.scale,
        "total": e.total,
        "severity": e.severity,
        "disability": e.disability,
        "pain": e.pain,
        "timing": e.timing,
        "rater": e.rater,
        "notes": e.notes,
    }


def free_day(day: dt.date) -> NeckDay:
    """A normal day (the neck did not bother)."""
    return normal_neck_day(day)


DAY_DIARY = {
    "kind": "neck_day",
    "page": "pages/neck.py",
    "heading": "Neck today",
    "link": "Log a neck day",
    "hint": "One tap when your neck did not bother you today.",
}

__all__ = [
    "DAY_DIARY",
    "free_day",
    "neck_day_from_form",
    "neck_day_to_form",
    "neck_scale_from_form",
    "neck_scale_to_form",
    "normal_neck_day",
]
