"""The .ics file parses back with icalendar and holds every deadline."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from utils.calendar_export import deadlines_ics
from utils.deadlines import Deadline

STAMP = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)


def deadline(key: str, due: dt.date, **kw) -> Deadline:
    data = dict(
        key=key,
        title=f"Title {key}",
        due=due,
        days_left=(due - dt.date(2026, 11, 27)).days,
        rule="The rule text.",
        source="healthcare.gov",
        last_checked="2026-11-27",
        case_id=3,
        case_title="Headache / migraine · Acme",
    )
    data.update(kw)
    return Deadline(**data)


def test_ics_round_trip() -> None:
    items = [
        deadline("internal_appeal", dt.date(2028, 2, 29), overridden=True),
        deadline("next_session", dt.date(2026, 12, 24), kind="appointment"),
    ]
    cal = Calendar.from_ical(deadlines_ics(items, stamp=STAMP))
    assert cal["version"] == "2.0"
    assert "Coverage Diary" in str(cal["prodid"])
    events = list(cal.walk("VEVENT"))
    assert len(events) == 2
    first, second = events
    assert first.decoded("dtstart") == dt.date(2028, 2, 29)
    assert first.decoded("dtend") == dt.date(2028, 3, 1)
    assert str(first["summary"]) == "Title internal_appeal (Headache / migraine · Acme)"
    assert "your letter wins" in str(first["description"])
    assert "healthcare.gov" in str(first["description"])
    assert str(first["uid"]) == "case3-internal_appeal@coverage-diary"
    assert first.decoded("dtstamp") == STAMP
    alarms = list(first.walk("VALARM"))
    assert sorted(a.decoded("trigger") for a in alarms) == [
        dt.timedelta(days=-30),
        dt.timedelta(days=-14),
        dt.timedelta(days=-7),
        dt.timedelta(days=-1),
    ]
    assert second.decoded("dtstart") == dt.date(2026, 12, 24)
    assert not list(second.walk("VALARM"))  # appointments carry no deadline reminder


def test_empty_calendar_is_valid() -> None:
    cal = Calendar.from_ical(deadlines_ics([], stamp=STAMP))
    assert list(cal.walk("VEVENT")) == []


def test_follow_ups_have_distinct_uids() -> None:
    items = [
        deadline("follow_up", dt.date(2026, 12, 1)),
        deadline("follow_up", dt.date(2026, 12, 8)),
    ]
    cal = Calendar.from_ical(deadlines_ics(items, stamp=STAMP))
    uids = {str(e["uid"]) for e in cal.walk("VEVENT")}
    assert len(uids) == 2


def test_weekend_deadline_suggests_the_working_day_before() -> None:
    from utils.deadlines import weekend_note, working_day_before

    sat, sun, mon = dt.date(2026, 12, 5), dt.date(2026, 12, 6), dt.date(2026, 12, 7)
    fri = dt.date(2026, 12, 4)
    assert working_day_before(sat) == fri and working_day_before(sun) == fri
    assert working_day_before(mon) == fri
    assert weekend_note(fri) is None and weekend_note(mon) is None
    assert weekend_note(sun) == (
        "This date is a Sunday: offices may be closed, so file by Friday 04 December 2026, "
        "the working day before."
    )
    cal = Calendar.from_ical(
        deadlines_ics([deadline("internal_appeal", sat), deadline("x", fri)], stamp=STAMP)
    )
    on_sat, on_fri = cal.walk("VEVENT")
    assert "a Saturday" in str(on_sat["description"]) and "Friday 04 December" in str(
        on_sat["description"]
    )
    assert "Saturday" not in str(on_fri["description"])


def test_daily_reminder_repeats_every_day_and_opens_the_app() -> None:
    from utils.calendar_export import daily_reminder_ics

    raw = daily_reminder_ics(
        dt.time(20, 30), "http://localhost:8501", start=dt.date(2026, 11, 30), stamp=STAMP
    )
    (ev,) = Calendar.from_ical(raw).walk("VEVENT")
    assert ev.decoded("dtstart") == dt.datetime(2026, 11, 30, 20, 30)
    assert ev.decoded("dtstart").tzinfo is None  # the calendar's own local time
    assert ev["rrule"]["FREQ"] == ["DAILY"]
    assert str(ev["url"]) == "http://localhost:8501"
    assert "http://localhost:8501" in str(ev["description"])
    (alarm,) = ev.walk("VALARM")
    assert alarm.decoded("trigger") == dt.timedelta(0)
