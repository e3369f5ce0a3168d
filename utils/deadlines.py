"""Deadline arithmetic for coverage cases. Pure: dates in, dates out; no I/O besides the rules.

The rules (numbers, wording, sources, last-checked dates) live in ``content/deadlines.yaml``.
Every deadline the patient can also type from their letter: the letter's date then wins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from utils import catalog
from utils.cases import OVERRIDE_FIELDS, CaseCall, CoverageCase
from utils.core.dates import add_months  # the one month arithmetic (31 Oct + 4 months = 28 Feb)
from utils.core.diary_rows import rows_of_kinds
from utils.core.treatments import BotoxSession

if TYPE_CHECKING:
    from utils.storage.rows import StoredEntry


def rules() -> dict[str, Any]:
    return catalog.load_yaml("deadlines.yaml")


@dataclass(frozen=True)
class Deadline:
    key: str
    title: str
    due: dt.date
    days_left: int
    rule: str
    source: str
    last_checked: str
    overridden: bool = False
    computed: dt.date | None = None  # what the rule gives, when the letter's date replaced it
    kind: str = "deadline"  # or "appointment"
    case_id: int | None = None
    case_title: str = ""

    @property
    def uid(self) -> str:
        # Stable across date changes (a corrected date updates the event on re-import).
        extra = f"-{self.due.isoformat()}" if self.key == "follow_up" else ""
        return f"case{self.case_id or 0}-{self.key}{extra}"

    def days_text(self) -> str:
        if self.days_left == 0:
            return "today"
        if self.days_left == 1:
            return "tomorrow"
        if self.days_left > 0:
            return f"{self.days_left} days left"
        late = -self.days_left
        return f"{late} day{'s' if late != 1 else ''} ago"


# ---------------------------------------------------------------- the rules


def _hours_as_days(hours: int) -> int:
    # Dates only: 72 hours after a day is 3 calendar days later.
    return -(-hours // 24)


def decision_due(submitted: dt.date, urgent: bool = False) -> dt.date:
    r = rules()["decision"]
    days = _hours_as_days(r["urgent_hours"]) if urgent else r["standard_days"]
    return submitted + dt.timedelta(days=days)


def internal_appeal_due(denial_notice: dt.date) -> dt.date:
    return denial_notice + dt.timedelta(days=rules()["internal_appeal"]["days"])


def appeal_decision_due(
    filed: dt.date, *, urgent: bool = False, post_service: bool = False
) -> dt.date:
    r = rules()["appeal_decision"]
    if urgent:
        days = _hours_as_days(r["urgent_hours"])
    else:
        days = r["post_service_days"] if post_service else r["pre_service_days"]
    return filed + dt.timedelta(days=days)


def external_review_due(final_internal_denial: dt.date) -> dt.date:
    return add_months(final_internal_denial, rules()["external_review"]["months"])


def reauthorization_due(
    approved: dt.date, condition: str, approval_ends: dt.date | None = None
) -> dt.date:
    """The end of the approval: the letter's date if given, else the usual length."""
    if approval_ends is not None:
        return approval_ends
    months = rules()["reauthorization"]["months"].get(condition, 6)
    return add_months(approved, months)


def next_session(sessions: Iterable[BotoxSession], condition: str) -> dt.date | None:
    """The next session after the latest one for ``condition`` (None without any session)."""
    mine = [s for s in sessions if s.condition == condition]
    if not mine:
        return None
    latest = max(mine, key=lambda s: s.date)
    return latest.next_session()


# ---------------------------------------------------------------- per case


def _make(
    key: str,
    computed: dt.date,
    today: dt.date,
    override: dt.date | None = None,
    **extra: Any,
) -> Deadline:
    r = rules()[key]
    due = override or computed
    return Deadline(
        key=key,
        title=extra.pop("title", r["title"]),
        due=due,
        days_left=(due - today).days,
        rule=r["rule"],
        source=r["source"],
        last_checked=str(r["last_checked"]),
        overridden=override is not None and override != computed,
        computed=computed,
        **extra,
    )


def deadlines_for(
    case: CoverageCase,
    sessions: Iterable[BotoxSession],
    today: dt.date,
    *,
    calls: Iterable[CaseCall] = (),
    case_id: int | None = None,
) -> list[Deadline]:
    """The deadlines and appointments that apply to the case now, soonest first.

    A deadline stops applying once the step it asks for is recorded (an appeal filed ends the
    appeal-filing deadline, a decision ends the decision-due date, and so on).
    """
    c = case
    ctx = {"case_id": case_id, "case_title": c.title()}
    out: list[Deadline] = []

    def ov(key: str) -> dt.date | None:
        return getattr(c, OVERRIDE_FIELDS[key])

    decided = c.stage == "decided"
    if c.pa_submitted_on and not (c.approved_on or c.denied_on or decided):
        computed = decision_due(c.pa_submitted_on, c.urgent)
        out.append(_make("decision", computed, today, ov("decision"), **ctx))
    if c.denied_on and not (c.internal_appeal_filed_on or decided):
        computed = internal_appeal_due(c.denied_on)
        out.append(_make("internal_appeal", computed, today, ov("internal_appeal"), **ctx))
    if c.internal_appeal_filed_on and not (c.final_internal_denial_on or decided):
        computed = appeal_decision_due(
            c.internal_appeal_filed_on, urgent=c.urgent, post_service=c.post_service
        )
        out.append(_make("appeal_decision", computed, today, ov("appeal_decision"), **ctx))
    if c.final_internal_denial_on and not (c.external_review_filed_on or decided):
        computed = external_review_due(c.final_internal_denial_on)
        out.append(_make("external_review", computed, today, ov("external_review"), **ctx))
    approved = c.approval_date()
    if approved is not None:
        computed = reauthorization_due(approved, c.condition)
        out.append(_make("reauthorization", computed, today, ov("reauthorization"), **ctx))
    upcoming = next_session(sessions, c.condition)
    if upcoming is not None:
        out.append(_make("next_session", upcoming, today, kind="appointment", **ctx))
    for call in calls:
        if call.follow_up_on is not None and call.follow_up_on >= today:
            who = f" ({call.spoke_with})" if call.spoke_with else ""
            out.append(
                _make(
                    "follow_up",
                    call.follow_up_on,
                    today,
                    title=f"Follow up on the call of {call.date:%d %b %Y}{who}",
                    kind="appointment",
                    **ctx,
                )
            )
    return sorted(out, key=lambda d: (d.due, d.title))


DEADLINE_KINDS = ("botox_session", "case_call", "coverage_case")  # what profile_deadlines reads


def profile_deadlines(rows: Sequence[StoredEntry], today: dt.date) -> list[Deadline]:
    """Every case's deadlines for one profile's live entries, soonest first.

    The next Botox session of a condition is listed once, even when two cases share it.
    """
    rows = rows_of_kinds(rows, DEADLINE_KINDS)  # indexed rows: the diary days are not read
    sessions = [r.entry for r in rows if r.kind == "botox_session"]
    calls: dict[int, list[CaseCall]] = {}
    for r in rows:
        if r.kind == "case_call":
            calls.setdefault(r.entry.case_id, []).append(r.entry)  # type: ignore[attr-defined]
    out: list[Deadline] = []
    seen_sessions: set[dt.date] = set()
    for r in rows:
        if r.kind != "coverage_case":
            continue
        for d in deadlines_for(
            r.entry,  # type: ignore[arg-type]
            sessions,
            today,
            calls=calls.get(r.id, ()),
            case_id=r.id,
        ):
            if d.key == "next_session":
                if d.due in seen_sessions:
                    continue
                seen_sessions.add(d.due)
            out.append(d)
    return sorted(out, key=lambda d: (d.due, d.title))


def nearest(deadlines: Iterable[Deadline], *, prefer_deadlines: bool = False) -> Deadline | None:
    """The soonest deadline that has not passed (today counts as not passed).

    With ``prefer_deadlines``, a real deadline (appeal, review, decision, approval end) is
    preferred over an appointment; an appointment is returned only when no deadline is left.
    """
    coming = [d for d in deadlines if d.days_left >= 0]
    if prefer_deadlines and any(d.kind == "deadline" for d in coming):
        coming = [d for d in coming if d.kind == "deadline"]
    return min(coming, key=lambda d: d.due) if coming else None


# ---------------------------------------------------------------- readiness (issue 19)

READINESS_SOURCE = "Coverage Diary projection from your diary and the thresholds in use"


def readiness_deadline(ready: Any, today: dt.date) -> Deadline | None:
    """The nearest readiness date (``Evidence.readiness.nearest``) as a calendar item of kind
    ``projection``, or None when no date lies after today."""
    near = getattr(ready, "nearest", None)
    if near is None or near.date < today:
        return None
    return Deadline(
        key="readiness",
        title=near.title,
        due=near.date,
        days_left=(near.date - today).days,
        rule=f"{near.text} {ready.projection}",
        source=READINESS_SOURCE,
        last_checked=today.isoformat(),
        kind="projection",
    )


# ---------------------------------------------------------------- weekends


def working_day_before(day: dt.date) -> dt.date:
    """The last Monday-to-Friday day before ``day`` (public holidays are not known here)."""
    day -= dt.timedelta(days=1)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def weekend_note(due: dt.date) -> str | None:
    """For a deadline on a Saturday or Sunday: say so, and suggest the working day before."""
    if due.weekday() < 5:
        return None
    before = working_day_before(due)
    return (
        f"This date is a {due:%A}: offices may be closed, so file by "
        f"{before:%A %d %B %Y}, the working day before."
    )
