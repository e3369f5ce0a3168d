"""A hand-computed neck diary stored for real and read back through the CLI's summary JSON."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from utils import cli, models
from utils.conditions.neck.models import NeckDay, NeckScale
from utils.core.treatments import BotoxSession
from utils.store import Store

D = dt.date


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: dt.datetime(2026, 11, 27, 12, 0))


def days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def store_neck_diary(store: Store) -> None:
    """1-3 Mar normal days; 4-31 Mar pain 6, pull moderate, driving stopped (the 28 days before
    the session on 1 Apr); 1-14 Apr not logged; 15 Apr-13 May (days 14-42 after) pain 2, pull
    mild; 14 May wearing off, and 14-31 May pain 5, pull moderate, reading stopped. TWSTRS 40 on
    20 Mar (before), 30 on 10 May (after).

    By hand: logged 3 + 28 + 29 + 18 = 78; normal 3; pain days 75; limit days 28 + 18 = 46;
    mean pain (6*28 + 2*29 + 5*18) / 78 = 316 / 78 = 4.05; mean pull (2*28 + 29 + 2*18) / 78 =
    121 / 78 = 1.55; March: 31 logged, pain 168/31 = 5.42, pull 56/31 = 1.81, 28 limit days;
    April: 16 logged, pain 2, pull 1, 0; May: 31 logged, pain 116/31 = 3.74, pull 49/31 = 1.58,
    18. Cycle: before 28 days pain 6 pull 2 limits 28; after 29 days pain 2 pull 1 limits 0;
    wearing off 14 May = 43 days = 6.1 weeks. Scale change 30 - 40 = -10.
    """
    p = store.create_profile("Neck", ["neck"])
    items: list = [NeckDay(date=d, normal_day=True) for d in days(D(2026, 3, 1), D(2026, 3, 3))]
    items += [
        NeckDay(date=d, pain=6, pull="moderate", limits=["driving"])
        for d in days(D(2026, 3, 4), D(2026, 3, 31))
    ]
    items += [NeckDay(date=d, pain=2, pull="mild") for d in days(D(2026, 4, 15), D(2026, 5, 13))]
    items += [
        NeckDay(
            date=d, pain=5, pull="moderate", limits=["reading"], wearing_off=d == D(2026, 5, 14)
        )
        for d in days(D(2026, 5, 14), D(2026, 5, 31))
    ]
    items += [
        BotoxSession(date=D(2026, 4, 1), condition="neck", units=200, specialty="neurologist"),
        NeckScale(
            date=D(2026, 3, 20), scale="TWSTRS", total=40, severity=20, disability=12, pain=8
        ),
        NeckScale(date=D(2026, 5, 10), scale="TWSTRS", total=30, timing="after treatment"),
    ]
    store.add_many(p.id, [(e, dt.datetime.combine(e.day(), dt.time(21))) for e in items])


def summary(db_url: str, capsys, start: str = "2026-03-01", end: str = "2026-05-31") -> dict:
    code = cli.main(
        ["--database", db_url, "summary", "--profile", "Neck", "--start", start, "--end", end]
    )
    assert code == 0
    return json.loads(capsys.readouterr().out)


def test_cli_json_has_the_hand_computed_numbers(store: Store, db_url, capsys) -> None:
    store_neck_diary(store)
    out = summary(db_url, capsys)
    neck = out["neck"]
    assert (neck["logged_days"], neck["normal_days"], neck["pain_days"]) == (78, 3, 75)
    assert (neck["mean_pain"], neck["mean_pull"]) == (4.05, 1.55)
    assert neck["pull_days"] == {"none": 3, "mild": 29, "moderate": 46}
    assert neck["limit_days"] == 46
    assert neck["limit_days_by_activity"] == {"driving": 28, "reading": 18}
    months = [
        (m["month"], m["logged_days"], m["mean_pain"], m["mean_pull"], m["limit_days"])
        for m in neck["months"]
    ]
    assert months == [
        ("2026-03", 31, 5.42, 1.81, 28),
        ("2026-04", 16, 2.0, 1.0, 0),
        ("2026-05", 31, 3.74, 1.58, 18),
    ]
    (cycle,) = neck["cycles"]
    assert cycle["session"] == "2026-04-01" and cycle["next_session"] is None
    b, a = cycle["before"], cycle["after"]
    assert (b["first"], b["last"], b["logged_days"], b["mean_pain"], b["mean_pull"]) == (
        "2026-03-04",
        "2026-03-31",
        28,
        6.0,
        2.0,
    )
    assert (a["first"], a["last"], a["logged_days"], a["mean_pain"], a["mean_pull"]) == (
        "2026-04-15",
        "2026-05-13",
        29,
        2.0,
        1.0,
    )
    assert (b["limit_days"], a["limit_days"]) == (28, 0)
    assert cycle["wearing_off"] == "2026-05-14"
    assert (cycle["days_to_wearing_off"], cycle["weeks_to_wearing_off"]) == (43, 6.1)
    assert neck["baseline_scale"]["total"] == 40 and neck["latest_scale"]["total"] == 30
    assert neck["scale_change"] == -10
    assert out["completeness"]["logged_days"]["neck"] == 78
    renewal = {c["criterion"]: c["status"] for c in _checklist(out, "cervical_dystonia_renewal")}
    assert renewal["improvement"] == "met"  # TWSTRS 40 -> 30
    assert renewal["benefit_duration"] == "not_met"  # 43 days < 8 weeks
    assert renewal["interval"] == "met" and renewal["stop_rule"] == "for_clinician"
    first = {c["criterion"]: c["status"] for c in _checklist(out, "cervical_dystonia_first")}
    assert first["diagnosis"] == "for_clinician" and first["other_causes"] == "for_clinician"
    assert first["baseline_scale"] == "met" and first["impact"] == "met"
    assert first["specialist"] == "met"


def _checklist(out: dict, rule_set: str) -> list[dict]:
    (found,) = [c for c in out["checklists"] if c["id"] == rule_set]
    return found["criteria"]


def test_baseline_scale_is_kept_whatever_the_period(store: Store, db_url, capsys) -> None:
    store_neck_diary(store)
    out = summary(db_url, capsys, "2026-05-01", "2026-05-31")
    assert out["neck"]["baseline_scale"]["date"] == "2026-03-20"
    assert out["neck"]["logged_days"] == 31


def test_untracked_neck_adds_no_key(store: Store, db_url, capsys) -> None:
    store.create_profile("Neck", ["jaw"])
    out = summary(db_url, capsys)
    assert "neck" not in out
