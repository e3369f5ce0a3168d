"""The neck wearing-off pattern (issue 18): symptom scores in the weeks before the next session,
against the weeks of full effect after the previous one, with the wearing-off day the patient
marked. Computed once (``metrics.neck_summary``: each session's 28 days before are the end of the
previous cycle) and shown on the trends charts, in the PDF, the letter and the diary page.

The diary (period 1 Feb - 31 Jul 2026), sessions on 1 Mar and 1 Jun (92 days apart):
- 1-28 Feb: pain 7, pull severe (3), driving stopped      (the 28 days before 1 Mar)
- 15 Mar - 12 Apr: pain 2, pull mild (1)                   (days 14-42 after 1 Mar)
- 4-31 May: pain 6, pull moderate (2), reading stopped; 4 May marked wearing off
                                                           (the 28 days before 1 Jun)
- 15 Jun - 13 Jul: pain 3, pull mild (1)                   (days 14-42 after 1 Jun)

By hand:
- cycle 1 Mar: before 28 days, pain 7, pull 3; after 29 days, pain 2, pull 1; the 28 days
  before the next session (4-31 May): 28 days, pain 6, pull 2; wearing off 4 May = 64 days
  after 1 Mar = 9.1 weeks.
- cycle 1 Jun: before = 4-31 May (pain 6, pull 2, 28 days); after 29 days, pain 3, pull 1; no
  next session, nothing marked.
"""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from tests import clock
from tests.diaries import stored
from tests.pages.helpers import open_page
from utils import models
from utils.conditions.neck import charts as neck_charts
from utils.conditions.neck.letters import wearing_off_pattern
from utils.conditions.neck.metrics import neck_summary
from utils.conditions.neck.models import NeckDay
from utils.core.treatments import BotoxSession
from utils.documents.letters import necessity_letter
from utils.evidence import build_evidence
from utils.report import ReportOptions, build_report
from utils.store import Store

D = dt.date
START, END = D(2026, 2, 1), D(2026, 7, 31)
AT = dt.datetime(2026, 8, 1, 12, 0)


def span(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def diary(s1: dt.date, s2: dt.date) -> list:
    """The diary above, shifted so that the sessions fall on ``s1`` and ``s2``."""
    shift = s1 - D(2026, 3, 1)
    assert s2 - s1 == dt.timedelta(days=92)

    def days(a: dt.date, b: dt.date) -> list[dt.date]:
        return span(a + shift, b + shift)

    out: list = [
        NeckDay(date=d, pain=7, pull="severe", limits=["driving"])
        for d in days(D(2026, 2, 1), D(2026, 2, 28))
    ]
    out += [NeckDay(date=d, pain=2, pull="mild") for d in days(D(2026, 3, 15), D(2026, 4, 12))]
    out += [
        NeckDay(
            date=d,
            pain=6,
            pull="moderate",
            limits=["reading"],
            wearing_off=d == D(2026, 5, 4) + shift,
        )
        for d in days(D(2026, 5, 4), D(2026, 5, 31))
    ]
    out += [NeckDay(date=d, pain=3, pull="mild") for d in days(D(2026, 6, 15), D(2026, 7, 13))]
    out += [
        BotoxSession(date=s1, condition="neck", units=200, specialty="neurologist"),
        BotoxSession(date=s2, condition="neck", units=200, specialty="neurologist"),
    ]
    return out


def evidence(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: AT)
    rows = stored(*diary(D(2026, 3, 1), D(2026, 6, 1)))
    return build_evidence(rows, ("neck",), START, END, {"year_of_birth": 1970}, AT), rows


def test_the_cycles_hold_the_hand_computed_pattern(monkeypatch) -> None:
    ev, _ = evidence(monkeypatch)
    neck = ev.by_condition["neck"]
    c1, c2 = neck.cycles
    assert (c1.session, c1.next_session, c2.session) == (
        D(2026, 3, 1),
        D(2026, 6, 1),
        D(2026, 6, 1),
    )
    w = lambda x: (x.first, x.last, x.logged_days, x.mean_pain, x.mean_pull)  # noqa: E731
    assert w(c1.before) == (D(2026, 2, 1), D(2026, 2, 28), 28, 7.0, 3.0)
    assert w(c1.after) == (D(2026, 3, 15), D(2026, 4, 12), 29, 2.0, 1.0)
    assert w(c2.before) == (D(2026, 5, 4), D(2026, 5, 31), 28, 6.0, 2.0)  # the end of cycle 1
    assert w(c2.after) == (D(2026, 6, 15), D(2026, 7, 13), 29, 3.0, 1.0)
    assert (c1.wearing_off, c1.days_to_wearing_off, c1.weeks_to_wearing_off) == (
        D(2026, 5, 4),
        64,
        9.1,
    )
    assert c2.wearing_off is None


def test_the_pattern_lines_pair_each_cycle_with_the_weeks_before_the_next_session(
    monkeypatch,
) -> None:
    ev, _ = evidence(monkeypatch)
    (line,) = wearing_off_pattern(ev.by_condition["neck"])
    assert line == (
        "Session on 01 Mar 2026: mean pain 2, pull 1 in days 14-42 after it (29 days logged); "
        "mean pain 6, pull 2 in the 28 days before the next session on 01 Jun 2026 (28 days "
        "logged); marked wearing off on 04 May 2026, 9.1 weeks after the session."
    )


def test_the_trends_charts_show_it(monkeypatch) -> None:
    ev, _ = evidence(monkeypatch)
    cycles = neck_charts.before_after(ev)
    before, after = cycles.figure.data
    assert list(before.y) == [7.0, 6.0] and list(after.y) == [2.0, 3.0]
    off = neck_charts.wearing_off(ev)
    assert list(off.figure.data[0].y) == [9.1]
    assert "wore off after 9.1 weeks (64 days)" in off.summary


def test_the_pdf_and_the_letter_show_it(monkeypatch) -> None:
    ev, rows = evidence(monkeypatch)
    pdf = build_report(ev, rows, ReportOptions())
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "01 Mar 2026 7 / 3 (28 d) 2 / 1 (29 d) 04 May 2026 9.1" in text
    assert "01 Jun 2026 6 / 2 (28 d) 3 / 1 (29 d) not marked" in text
    letter = necessity_letter(ev, rows, "neck")
    assert "mean pain 6, pull 2 in the 28 days before the next session on 01 Jun 2026" in letter


def test_the_diary_page_shows_the_pattern(store: Store) -> None:
    s1 = clock.TODAY - dt.timedelta(days=150)
    s2 = s1 + dt.timedelta(days=92)
    p = store.create_profile("Neck", ["neck"])
    entries = [e for e in diary(s1, s2) if e.day() <= clock.TODAY]
    store.add_many(p.id, [(e, dt.datetime.combine(e.day(), dt.time(21))) for e in entries])
    at = open_page("pages/neck.py", p.id)
    assert not at.exception
    text = "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])
    assert "Wearing-off pattern" in text
    assert "mean pain 6, pull 2 in the 28 days before the next session" in text
    assert f"marked wearing off on {(s1 + dt.timedelta(days=64)):%d %b %Y}, 9.1 weeks" in text
    # the summary the page reads is the same one the engine computes
    summary = neck_summary(store.entries(p.id), clock.TODAY - dt.timedelta(days=364), clock.TODAY)
    assert summary.cycles[0].weeks_to_wearing_off == 9.1
