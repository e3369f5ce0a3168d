"""Sweating: sweating day and baseline questionnaire form <-> entry conversions.

This is the condition's ``forms`` part: its uniform API is described in ``utils.forms``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from utils.conditions.sweating.models import SweatBaseline, SweatDay
from utils.core.diary_rows import rows_of_kinds
from utils.core.entries import build
from utils.form_values import count as _count
from utils.form_values import flag as _flag
from utils.form_values import text as _text
from utils.form_values import yes_no as _yes_no
from utils.storage.rows import StoredEntry


def normal_sweat_day(day: dt.date) -> SweatDay:
    return build(SweatDay, date=day, normal_day=True)  # type: ignore[return-value]


def sweat_day_from_form(v: dict[str, Any]) -> SweatDay:
    """Keys: date, sites, hdss, episodes, clothing_changes, extra_showers, affected, triggers,
    stopped_during_sleep, skin_problems, topical_product, topical_strength, topical_irritation,
    notes (yes/no questions as 'Yes' / 'No' / 'Not recorded')."""
    return build(
        SweatDay,
        date=v["date"],
        sites=list(v.get("sites") or []),
        hdss=v.get("hdss"),
        episodes=_count(v.get("episodes")),
        clothing_changes=_count(v.get("clothing_changes")),
        extra_showers=_count(v.get("extra_showers")),
        affected=list(v.get("affected") or []),
        triggers=list(v.get("triggers") or []),
        stopped_during_sleep=_flag(v.get("stopped_during_sleep")),
        skin_problems=list(v.get("skin_problems") or []),
        topical_product=_text(v.get("topical_product")),
        topical_strength=_text(v.get("topical_strength")),
        topical_irritation=_flag(v.get("topical_irritation")),
        notes=v.get("notes") or "",
    )  # type: ignore[return-value]


def sweat_day_to_form(e: SweatDay) -> dict[str, Any]:
    return {
        "date": e.date,
        "sites": list(e.sites),
        "hdss": e.hdss,
        "episodes": e.episodes,
        "clothing_changes": e.clothing_changes,
        "extra_showers": e.extra_showers,
        "affected": list(e.affected),
        "triggers": list(e.triggers),
        "stopped_during_sleep": _yes_no(e.stopped_during_sleep),
        "skin_problems": list(e.skin_problems),
        "topical_product": e.topical_product,
        "topical_strength": e.topical_strength,
        "topical_irritation": _yes_no(e.topical_irritation),
        "notes": e.notes,
    }


BASELINE_QUESTIONS = {
    "bilateral_symmetric": "Is the sweating on both sides and about the same on each side?",
    "impairs_daily_activities": "Does it get in the way of your daily activities?",
    "weekly_episodes": "Do you have at least one episode a week?",
    "stops_during_sleep": "Does the sweating stop while you sleep?",
    "family_history": "Does anyone in your family have the same problem?",
    "secondary_causes_checked": "Has a doctor checked for other causes (medicines, thyroid…)?",
}


def baseline_from_form(v: dict[str, Any]) -> SweatBaseline:
    data: dict[str, Any] = {
        "answered_on": v["answered_on"],
        "onset_age": _count(v.get("onset_age")),
        "duration_months": _count(v.get("duration_months")),
        "sites": list(v.get("sites") or []),
        "notes": v.get("notes") or "",
    }
    for key in BASELINE_QUESTIONS:
        data[key] = v.get(key) or "unknown"
    return build(SweatBaseline, **data)  # type: ignore[return-value]


def baseline_to_form(e: SweatBaseline) -> dict[str, Any]:
    return e.model_dump()


def current_baseline(rows: Iterable[StoredEntry]) -> StoredEntry | None:
    """The baseline questionnaire (the most recent, should there be more than one)."""
    found = list(rows_of_kinds(rows, (SweatBaseline.KIND,)))
    return max(found, key=lambda r: (r.day, r.id)) if found else None


def free_day(day: dt.date) -> SweatDay:
    """A normal day (sweating did not bother)."""
    return normal_sweat_day(day)


DAY_DIARY = {
    "kind": "sweat_day",
    "page": "pages/sweating.py",
    "heading": "Sweating today",
    "link": "Log a sweating day",
    "hint": "One tap when sweating did not bother you today.",
}

__all__ = [
    "BASELINE_QUESTIONS",
    "DAY_DIARY",
    "baseline_from_form",
    "baseline_to_form",
    "current_baseline",
    "free_day",
    "normal_sweat_day",
    "sweat_day_from_form",
    "sweat_day_to_form",
]
