"""Deadlines and appointments as an iCalendar (.ics) file any calendar app can import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Alarm, Calendar, Event

from utils.deadlines import Deadline, weekend_note

PRODID = "-//Coverage Diary//Coverage cases//EN"
REMINDER_DAYS = (30, 14, 7, 1)  # alarms before each deadline


def deadlines_ics(
    deadlines: Iterable[Deadline],
    *,
    stamp: dt.datetime | None = None,
    name: str = "Coverage Diary deadlines",
) -> bytes:
    """One all-day event per deadline, with reminders 30, 14, 7 and 1 days before it; a
    deadline on a weekend says so and suggests the working day before.

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
        weekend = weekend_note(d.due) if d.kind == "deadline" else None
        if weekend:
            lines.append(weekend)
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
            for days in REMINDER_DAYS:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                when = "Tomorrow" if days == 1 else f"In {days} days"
                alarm.add("description", f"{when}: {summary}")
                alarm.add("trigger", dt.timedelta(days=-days))
                ev.add_component(alarm)
        cal.add_component(ev)
    return cal.to_ical()


def daily_reminder_ics(
    at: dt.time,
    app_url: str,
    *,
    start: dt.date,
    stamp: dt.datetime | None = None,
) -> bytes:
    """A recurring daily event at ``at`` (the calendar's own local time) that opens the app:
    a reminder to log the day. One stable UID, so importing it again replaces it."""
    stamp = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Coverage Diary reminder")
    ev = Event()
    ev.add("uid", "daily-reminder@coverage-diary")
    ev.add("dtstamp", stamp)
    begin = dt.datetime.combine(start, at.replace(second=0, microsecond=0))
    ev.add("dtstart", begin)  # floating time: the same clock time wherever you are
    ev.add("dtend", begin + dt.timedelta(minutes=5))
    ev.add("rrule", {"freq": "daily"})
    ev.add("summary", "Log today in Coverage Diary")
    ev.add("url", app_url)
    ev.add(
        "description",
        f"Open {app_url} and log today: an attack, or one tap for a good day. "
        "A day you do not log counts as missing, never as a good day.",
    )
    ev.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "Log today in Coverage Diary")
    alarm.add("trigger", dt.timedelta(0))
    ev.add_component(alarm)
    cal.add_component(ev)
    return cal.to_ical()
