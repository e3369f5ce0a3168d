"""Bladder: form values <-> entries (the one-tap events, the event details, the day check-in).

This is the condition's ``forms`` part: its uniform API is described in ``utils.forms``. The
bladder diary is a list of events, not one entry a day, so ``DAY_DIARY`` is None and there is
no "nothing to report" day (a day with no void is not a normal day).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from utils.conditions.bladder.models import INFECTION_SIGNS, URGENT_SIGNS, BladderDay, BladderEvent
from utils.core import entries
from utils.core.entries import build
from utils.form_values import flag as _flag
from utils.form_values import text as _text
from utils.form_values import yes_no as _yes_no

DAY_DIARY = None
NOT_GIVEN = "Not recorded"

# The home page's one-tap buttons (``utils.forms``: ``HOME_ACTIONS``): each saves
# ``home_action(action)`` at this minute; details are added later on the diary page.
HOME_ACTIONS = {
    "heading": "Bladder today",
    "page": "pages/bladder.py",
    "link": "Open the bladder diary (details, day check-in)",
    "buttons": (
        {"action": "void", "label": "Void now", "icon": ":material/wc:"},
        {"action": "leak", "label": "Leak now", "icon": ":material/water_drop:"},
    ),
}


# For a neurogenic profile (settings: bladder_type), a third one-tap button: urine drained by
# self-catheterization ("short" names it in the home page's messages).
CATHETER_BUTTON = {
    "action": "catheter",
    "label": "Catheterized now",
    "icon": ":material/medical_services:",
    "short": "Catheterization",
}


def neurogenic(settings: Any) -> bool:
    """The profile's bladder problem is neurogenic (threshold ``bladder_type``)."""
    from utils.rules.thresholds import effective_thresholds

    return effective_thresholds(settings).get("bladder_type") == "neurogenic"


def home_actions(settings: Any) -> dict[str, Any]:
    """``HOME_ACTIONS`` for this profile: with "Catheterized now" when it is neurogenic."""
    if not neurogenic(settings):
        return HOME_ACTIONS
    return {**HOME_ACTIONS, "buttons": (*HOME_ACTIONS["buttons"], CATHETER_BUTTON)}


def event_now(event: str, at: dt.datetime | None = None) -> BladderEvent:
    """What "Void now", "Leak now" and "Drink now" save: the event at this minute, no details."""
    moment = (at or entries.now()).replace(second=0, microsecond=0)
    return build(BladderEvent, at=moment, event=event)  # type: ignore[return-value]


def home_action(action: str, at: dt.datetime | None = None) -> BladderEvent:
    """What a home-page button of ``HOME_ACTIONS`` saves: the event now, no details."""
    return event_now(action, at)


def _int_or_none(raw: Any) -> int | None:
    if raw is None or raw == "":
        return None
    return int(raw)


def event_from_form(v: dict[str, Any]) -> BladderEvent:
    """Keys: event, date, time, volume_ml (0 or empty = not measured), urgency, leak_amount
    (or NOT_GIVEN), urge_first ('Yes'/'No'/'Not recorded'), drink_kind, notes."""
    event = v.get("event") or "void"
    volume = _int_or_none(v.get("volume_ml"))
    amount = v.get("leak_amount")
    drink = v.get("drink_kind")
    return build(
        BladderEvent,
        at=dt.datetime.combine(v["date"], v["time"]).replace(second=0, microsecond=0),
        event=event,
        volume_ml=volume if volume else None,
        urgency=v.get("urgency") if event == "void" else None,
        leak_amount=amount if event == "leak" and amount not in (None, NOT_GIVEN) else None,
        urge_first=_flag(v.get("urge_first")) if event == "leak" else None,
        drink_kind=drink if event == "drink" and drink not in (None, NOT_GIVEN) else None,
        notes=_text(v.get("notes")),
    )  # type: ignore[return-value]


def event_to_form(e: BladderEvent) -> dict[str, Any]:
    return {
        "event": e.event,
        "date": e.at.date(),
        "time": e.at.time(),
        "volume_ml": e.volume_ml or 0,
        "urgency": e.urgency,
        "leak_amount": e.leak_amount or NOT_GIVEN,
        "urge_first": _yes_no(e.urge_first),
        "drink_kind": e.drink_kind or NOT_GIVEN,
        "notes": e.notes,
    }


def day_from_form(v: dict[str, Any]) -> BladderDay:
    """Keys: date, complete, bedtime, wake_time, pads (None = not counted), infection_signs
    (keys of ``INFECTION_SIGNS``), notes."""
    return build(
        BladderDay,
        date=v["date"],
        complete=bool(v.get("complete")),
        bedtime=v.get("bedtime"),
        wake_time=v.get("wake_time"),
        pads=v.get("pads"),
        infection_signs=list(v.get("infection_signs") or []),
        notes=_text(v.get("notes")),
    )  # type: ignore[return-value]


def day_to_form(e: BladderDay) -> dict[str, Any]:
    return {
        "date": e.date,
        "complete": e.complete,
        "bedtime": e.bedtime,
        "wake_time": e.wake_time,
        "pads": e.pads,
        "infection_signs": list(e.infection_signs),
        "notes": e.notes,
    }


URGENT_DAYS = 1  # a check-in of today or yesterday with fever or flank pain shows "seek care now"


def infection_alert(entries: Any, today: dt.date) -> str | None:
    """The urgent message when a day check-in of the last ``URGENT_DAYS`` days (and today)
    records fever or flank pain; None otherwise. ``entries``: entries or stored rows."""
    signs: set[str] = set()
    for item in entries:
        e = getattr(item, "entry", item)
        if isinstance(e, BladderDay) and 0 <= (today - e.date).days <= URGENT_DAYS:
            signs |= set(e.infection_signs) & set(URGENT_SIGNS)
    if not signs:
        return None
    named = " and ".join(INFECTION_SIGNS[s] for s in URGENT_SIGNS if s in signs)
    return (
        f"You recorded {named}. With bladder symptoms this can be a kidney infection: "
        "seek care now (urgent care or an emergency department), and tell them about any "
        "recent bladder injection."
    )


def incomplete(entry: Any) -> list[str]:
    """What a one-tap event still lacks (shown by the diary's "Complete" button): details are
    optional, so only what the counts use: a void's urgency, a leak's 'urge came first'."""
    if isinstance(entry, BladderEvent):
        if entry.event == "void" and entry.urgency is None:
            return ["urgency"]
        if entry.event == "leak" and entry.urge_first is None:
            return ["whether the urge came first"]
    return []


__all__ = [
    "DAY_DIARY",
    "CATHETER_BUTTON",
    "HOME_ACTIONS",
    "home_actions",
    "neurogenic",
    "NOT_GIVEN",
    "day_from_form",
    "day_to_form",
    "event_from_form",
    "event_now",
    "event_to_form",
    "home_action",
    "incomplete",
    "infection_alert",
]
