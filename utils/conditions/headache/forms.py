"""Headache: attack and check-in form <-> entry conversions, the quick log's attack, open
attacks, trigger tags.

Forms hand over plain dicts of widget values; these functions turn them into validated entries
(raising ``EntryError`` with readable messages) and back into form defaults for editing.

This is the condition's ``forms`` part: its uniform API is described in ``utils.forms``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from utils import catalog, models
from utils.conditions.headache.models import Attack, HeadacheCheckin
from utils.core.diary_rows import per_rows
from utils.core.entries import EntryError, build
from utils.storage.rows import StoredEntry

END_MODES = ("Duration", "End date and time", "Still going", "Not recorded")
QUICK_SEVERITY = {"Mild": 3, "Moderate": 5, "Severe": 8}
YES_NO = {"Not recorded": None, "Yes": True, "No": False, "Not sure": None}
FEATURE_CHOICES = ("Yes", "No", "Not sure")  # one tap each; nothing tapped = not recorded
# Start time presets: minutes before now, or how to read the date/time fields.
START_PRESETS = ("Now", "15 min ago", "1 h ago", "Earlier today", "Yesterday evening")
YESTERDAY_EVENING = dt.time(20, 0)


def preset_start(preset: str | None, v: dict[str, Any]) -> tuple[dt.date, dt.time | None]:
    """The start (date, time) a preset stands for; without a preset, the date and time fields.

    "Earlier today" takes the time field on today's date; "Yesterday evening" is yesterday at
    20:00 (change the time afterwards if you know it better).
    """
    now = models.now().replace(second=0, microsecond=0)
    minutes = {"Now": 0, "15 min ago": 15, "1 h ago": 60}
    if preset in minutes:
        when = now - dt.timedelta(minutes=minutes[preset])
        return when.date(), when.time()
    if preset == "Earlier today":
        return now.date(), v.get("start_time")
    if preset == "Yesterday evening":
        return now.date() - dt.timedelta(days=1), YESTERDAY_EVENING
    return v["start_date"], None if v.get("time_unknown") else v.get("start_time")


def quick_attack(severity: str, at: dt.datetime | None = None) -> Attack:
    """The home page's three-tap attack: started now, still going, pain from the severity."""
    if severity not in QUICK_SEVERITY:
        raise EntryError([f"choose a severity: {', '.join(QUICK_SEVERITY)}"])
    when = (at or models.now()).replace(second=0, microsecond=0)
    return build(
        Attack,
        start_date=when.date(),
        start_time=when.time(),
        ongoing=True,
        pain=QUICK_SEVERITY[severity],
        notes="Quick log: complete the details later.",
    )  # type: ignore[return-value]


@per_rows  # once per revision for the cached rows
def open_attacks(rows: Iterable[StoredEntry]) -> list[StoredEntry]:
    """Attacks stored as still going, oldest first (read from the entries, nothing counted)."""
    found = [r for r in rows if r.kind == Attack.KIND and r.entry.ongoing]  # type: ignore[attr-defined]
    return sorted(found, key=lambda r: (r.entry.start_datetime(), r.id))  # type: ignore[attr-defined]


def attack_missing(a: Attack) -> list[str]:
    """What a diary entry for this attack still lacks (what 'Complete' would fill in)."""
    missing = []
    if a.ongoing:
        missing.append("end")
    elif a.duration() is None:
        missing.append("duration")
    if a.pain is None:
        missing.append("pain")
    features = (
        a.pulsating,
        a.worse_with_activity,
        a.nausea_vomiting,
        a.light_sensitivity,
        a.sound_sensitivity,
    )
    if all(f is None for f in features):
        missing.append("features")
    return missing


def since_text(a: Attack) -> str:
    """'since Mon 21:00' (or 'since Mon 23 Nov, start time not recorded')."""
    if a.start_time is None:
        return f"since {a.start_date:%a %d %b}, start time not recorded"
    today = models.now().date()
    start = a.start_datetime()
    if (today - a.start_date).days < 7:
        return f"since {start:%a %H:%M}"
    return f"since {start:%a %d %b %H:%M}"


def end_attack(a: Attack, end: dt.datetime) -> Attack:
    """The attack, no longer going, ended at ``end`` (validated: not before its start, not in
    the future, at most 14 days). An attack without a start time cannot take an end time."""
    if a.start_time is None:
        raise EntryError(["this attack has no start time: give its duration in the diary instead"])
    end = end.replace(second=0, microsecond=0)
    if end == a.start_datetime():  # ended within the minute it started: one minute long
        end += dt.timedelta(minutes=1)
    data = a.model_dump()
    data.update(ongoing=False, end=end, duration_minutes=None)
    return build(Attack, **data)  # type: ignore[return-value]


def medicine_label_to_class(label: str) -> tuple[str, str]:
    """'sumatriptan (Imitrex)' -> ('sumatriptan', 'triptan')."""
    for choice, cls in catalog.acute_choices():
        if choice == label:
            return label.split(" (")[0], cls
    raise EntryError([f"unknown medicine '{label}'"])


def attack_from_form(v: dict[str, Any]) -> Attack:
    """Build an attack from the headache form's values.

    Keys: start_preset (optional, one of START_PRESETS), start_date, start_time, time_unknown,
    end_mode, duration_hours, end_date, end_time,
    pain, function, side, pulsating, worse_with_activity, nausea_vomiting, light_sensitivity,
    sound_sensitivity, aura, aura_types, medicines (list of catalog labels), own_medicine,
    own_medicine_class, dose, relief_2h, lost_work_hours, lost_household_hours,
    lost_social_hours, triggers, notes.
    """
    start_date, start_time = preset_start(v.get("start_preset"), v)
    data: dict[str, Any] = {
        "start_date": start_date,
        "start_time": start_time,
        "pain": v.get("pain"),
        "function": v.get("function"),
        "side": v.get("side") or None,
        "aura_types": list(v.get("aura_types") or []),
        "triggers": [t.strip() for t in v.get("triggers") or [] if t and t.strip()],
        "notes": v.get("notes") or "",
    }
    for key in (
        "pulsating",
        "worse_with_activity",
        "nausea_vomiting",
        "light_sensitivity",
        "sound_sensitivity",
        "aura",
    ):
        raw = v.get(key)
        data[key] = YES_NO[raw] if isinstance(raw, str) else raw
    for key in ("lost_work_hours", "lost_household_hours", "lost_social_hours"):
        val = v.get(key)
        data[key] = float(val) if val not in (None, "", 0, 0.0) else None
    mode = v.get("end_mode", "Not recorded")
    if mode == "Duration":
        hours = v.get("duration_hours")
        if not hours:
            raise EntryError(["duration: give the duration in hours (more than 0)"])
        data["duration_minutes"] = max(1, round(float(hours) * 60))
    elif mode == "End date and time":
        if v.get("end_date") is None or v.get("end_time") is None:
            raise EntryError(["end: give the end date and time"])
        data["end"] = dt.datetime.combine(v["end_date"], v["end_time"])
    elif mode == "Still going":
        data["ongoing"] = True
    meds: list[dict[str, Any]] = []
    relief = v.get("relief_2h") or None
    for label in v.get("medicines") or []:
        name, cls = medicine_label_to_class(label)
        meds.append(
            {"name": name, "drug_class": cls, "dose": v.get("dose") or "", "relief_2h": relief}
        )
    own = (v.get("own_medicine") or "").strip()
    if own:
        meds.append(
            {
                "name": own,
                "drug_class": v.get("own_medicine_class") or "",
                "dose": v.get("dose") or "",
                "relief_2h": relief,
            }
        )
    data["medications"] = meds
    return build(Attack, **data)  # type: ignore[return-value]


def _yes_no(value: bool | None) -> str:
    return {None: "Not recorded", True: "Yes", False: "No"}[value]


def attack_to_form(a: Attack) -> dict[str, Any]:
    """Form defaults for editing an attack (the inverse of ``attack_from_form``)."""
    if a.ongoing:
        mode = "Still going"
    elif a.duration_minutes is not None:
        mode = "Duration"
    elif a.end is not None:
        mode = "End date and time"
    else:
        mode = "Not recorded"
    known = dict(catalog.acute_choices())
    med_labels = [
        label
        for m in a.medications
        for label in known
        if label.split(" (")[0] == m.name and known[label] == m.drug_class
    ]
    own = [m for m in a.medications if not any(lbl.split(" (")[0] == m.name for lbl in known)]
    first = a.medications[0] if a.medications else None
    return {
        "start_date": a.start_date,
        "start_time": a.start_time or dt.time(0, 0),
        "time_unknown": a.start_time is None,
        "end_mode": mode,
        "duration_hours": round(a.duration_minutes / 60, 2) if a.duration_minutes else 0.0,
        "end_date": a.end.date() if a.end else a.start_date,
        "end_time": a.end.time() if a.end else dt.time(0, 0),
        "pain": a.pain,
        "function": a.function,
        "side": a.side,
        "pulsating": _yes_no(a.pulsating),
        "worse_with_activity": _yes_no(a.worse_with_activity),
        "nausea_vomiting": _yes_no(a.nausea_vomiting),
        "light_sensitivity": _yes_no(a.light_sensitivity),
        "sound_sensitivity": _yes_no(a.sound_sensitivity),
        "aura": _yes_no(a.aura),
        "aura_types": list(a.aura_types),
        "medicines": med_labels,
        "own_medicine": own[0].name if own else "",
        "own_medicine_class": own[0].drug_class if own else "simple_analgesic",
        "dose": first.dose if first else "",
        "relief_2h": first.relief_2h if first else None,
        "lost_work_hours": a.lost_work_hours or 0.0,
        "lost_household_hours": a.lost_household_hours or 0.0,
        "lost_social_hours": a.lost_social_hours or 0.0,
        "triggers": list(a.triggers),
        "notes": a.notes,
    }


def checkin(day: dt.date) -> HeadacheCheckin:
    return build(HeadacheCheckin, date=day)  # type: ignore[return-value]


@per_rows  # once per revision for the cached rows
def known_triggers(rows: Iterable[StoredEntry], base: Sequence[str]) -> list[str]:
    """The trigger tags offered in the form: the defaults plus every tag the patient used."""
    seen = list(base)
    for r in rows:
        if r.kind == "attack":
            for t in r.entry.triggers:  # type: ignore[attr-defined]
                if t not in seen:
                    seen.append(t)
    return seen


DEFAULT_TRIGGERS = (
    "stress",
    "poor sleep",
    "skipped meal",
    "menstruation",
    "weather",
    "alcohol",
    "bright light",
    "screen time",
)


FREE_LABEL = "headache-free"  # what "nothing happened" is called in this diary (catch-up)


def free_day(day: dt.date) -> HeadacheCheckin:
    """A headache-free day (the check-in)."""
    return checkin(day)


def incomplete(entry: Any) -> list[str]:
    """What an entry of this condition still lacks (an attack's missing details), for the
    diary's "Complete" button."""
    return attack_missing(entry) if isinstance(entry, Attack) else []


DAY_DIARY = None  # the attack diary is not one entry a day

__all__ = [
    "DAY_DIARY",
    "DEFAULT_TRIGGERS",
    "END_MODES",
    "FEATURE_CHOICES",
    "QUICK_SEVERITY",
    "START_PRESETS",
    "YESTERDAY_EVENING",
    "YES_NO",
    "attack_from_form",
    "attack_missing",
    "attack_to_form",
    "checkin",
    "end_attack",
    "free_day",
    "incomplete",
    "known_triggers",
    "medicine_label_to_class",
    "open_attacks",
    "preset_start",
    "quick_attack",
    "since_text",
]
