"""Issue 19 on the pages: every sample patient sees a readiness date or a plain reason on the
home page (under the checklist) and in the summary JSON; an opened case shows its condition's."""

from __future__ import annotations

import json
import re

import pytest

from tests import clock
from tests.pages.helpers import open_page
from utils import casefile, cli, readiness, sample
from utils.cases import CoverageCase
from utils.models import build

DATE = re.compile(r"\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}")
PLAIN_REASONS = (
    "Ready to request now.",
    "Cannot be shown by logging alone",
    "Ready once you record",
    "Not yet: this applies after the first Botox session.",
    "No insurer checklist",
)


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def page_text(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    return unescape("\n".join(parts))


def date_or_reason(line: str) -> bool:
    return bool(DATE.search(line)) or line.startswith(PLAIN_REASONS)


@pytest.mark.parametrize("which", list(sample.SAMPLES))
def test_each_sample_sees_a_date_or_a_plain_reason_on_home_and_in_the_json(
    which, store, db_url, capsys
):
    p = sample.load_sample(store, which, end=clock.TODAY)
    at = open_page(profile_id=p.id)
    text = page_text(at)
    assert "When is the case ready?** (a projection)" in text
    assert "Projection, not a promise" in text

    # The home page checks the case window (the last 12 months, or since the diary began).
    start, end = casefile.case_window(clock.TODAY, casefile.first_diary_day(store.entries(p.id)))
    argv = ["--start", start.isoformat(), "--end", end.isoformat(), "--no-days"]
    code = cli.main(["--database", db_url, "summary", "--profile", p.name, *argv])
    assert code == 0
    data = json.loads(capsys.readouterr().out)["readiness"]
    shown = 0
    for condition in p.conditions:
        lines = [r["line"] for r in data["rule_sets"] if r["condition"] == condition]
        if condition in data["no_rule_set"]:
            lines.append(data["no_rule_set"][condition])
        assert lines, condition
        for line in lines:
            assert date_or_reason(line), line
            assert line in text, line  # the same words on the home page
            shown += 1
    assert shown >= 1


def test_a_diary_with_a_run_in_progress_shows_its_date_and_what_would_stop_it(store):
    import datetime as dt

    from utils.models import Attack, HeadacheCheckin

    # Two whole months before this one with 16 attack days each, every day logged: the run
    # needs 3 months, so its date is the end of this month or, if this month falls short,
    # later; the page names the date and what would change it.
    p = store.create_profile("Run", ["headache"])
    first = (clock.TODAY.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    first = (first - dt.timedelta(days=1)).replace(day=1)
    day, items = first, []
    while day < clock.TODAY:
        e = (
            Attack(start_date=day, start_time=dt.time(9), duration_minutes=300, pain=7)
            if day.day <= 16
            else HeadacheCheckin(date=day)
        )
        items.append((e, dt.datetime.combine(day, dt.time(21))))
        day += dt.timedelta(days=1)
    store.add_many(p.id, items)
    at = open_page(profile_id=p.id)
    text = page_text(at)
    assert "When is the case ready?" in text
    assert "Date per criterion, and what would change it" in [e.label for e in at.expander]
    # Mid-month the headache-day run is still in progress; on a month's last day it is complete
    # and the migraine-day run (no attack has migraine features) is the one with a date.
    assert re.search(r"the earliest date (would be|becomes) \d{2} \w{3} \d{4}", text)
    assert "What would change it:" in text


def test_an_opened_case_shows_the_readiness_of_its_condition(store):
    p = sample.load_sample(store, "sweating", end=clock.TODAY)
    case = build(CoverageCase, condition="sweating", insurer="Acme", opened=clock.TODAY)
    store.add(p.id, case)
    at = open_page("pages/cases.py", profile_id=p.id)
    text = page_text(at)
    assert "When is the case ready?** (a projection)" in text
    assert "Underarm sweating (axillary hyperhidrosis): first Botox authorization" in text
    assert readiness.PROJECTION_LABEL in text
