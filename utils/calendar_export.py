"""Deadlines and appointments as an iCalendar (.ics) file any calendar app can import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Alarm, Calendar, Event

from utils.deadlines import Deadline

PRODID = "-//Coverage Diary//Coverage cases//EN"
REMINDER_DAYS = 7


def deadlines_ics(
    deadlines: Iterable[Deadline],
    *,
    stamp: dt.datetime | None = None,
    name: str = "Coverage Diary deadlines",
) -> bytes:
    """One all-day event per deadline, with a reminder a week before each deadline.

    UIDs are stable (case, rule and date), so importing an updated file again updates the
    events instead of duplicating them in most calendar apps.
    """
    stamp = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for d in deadlines:
        ev = Event()
        ev.add("uid", f"{d.uid}@coverage-diary")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", d.due)
        ev.add("dtend", d.due + dt.timedelta(days=1))
        summary = d.title if not d.case_title else f"{d.title} ({d.case_title})"
        ev.add("summary", summary)
        lines = [d.rule]
        if d.kind == "projection":
            lines.append("A projection from your diary, not a deadline and not a promise.")
        elif d.overridden:
            lines.append("Date taken from your letter (your letter wins).")
        else:
            lines.append("Check the date printed on your letter: your letter wins.")
        lines.append(f"Source: {d.source}, last checked {d.last_checked}.")
        lines.append("Coverage Diary is not medical or legal advice.")
        ev.add("description", "\n".join(lines))
        category = {"deadline": "Deadline", "projection": "Projection"}.get(d.kind, "Appointment")
        ev.add("categories", [category])
        ev.add("transp", "TRANSPARENT")
        if d.kind == "deadline":
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"In {REMINDER_DAYS} days: {summary}")
            alarm.add("trigger", dt.timedelta(days=-REMINDER_DAYS))
            ev.add_component(alarm)
        cal.add_component(ev)
    return cal.to_ical()
