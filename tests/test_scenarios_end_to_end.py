"""Hand-computed diaries stored for real, then read back through the CLI's JSON and the home
page: both must show the numbers worked out by hand (the engine's own scenarios are in
tests/utils/test_evidence_scenarios.py)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.diaries import MIGRAINE
from tests.pages.helpers import open_page
from utils import cli, models
from utils.models import Attack, HeadacheCheckin, MedicationDose
from utils.store import Store

pytestmark = pytest.mark.both_databases

D = dt.date


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch):
    """The home page checks the last 12 months: pin "today" so Jan-May 2026 stay inside."""
    monkeypatch.setattr(models, "now", lambda: dt.datetime(2026, 11, 27, 12, 0))


def month_days(month: int) -> list[dt.date]:
    first = D(2026, month, 1)
    last = D(2026, month + 1, 1) - dt.timedelta(days=1)
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def store_chronic_diary(store: Store) -> int:
    """Jan-Apr 2026: 15 five-hour migraine attacks a month (the first 15 days), May: 14; every
    other day a headache-free check-in. Jan also has a triptan on each attack day.

    By hand: headache days 15, 15, 15, 15, 14; migraine days the same; every headache day
    lasts 5 h, so every one is a long day; Jan has 15 triptan days (>= 10, but one month only:
    no overuse pattern). Chronic pattern: Jan-Apr, a run of 4 > 3 -> met; May at 14 misses.
    """
    profile = store.create_profile("Scenario", ["headache"])
    items = []
    for month, n in {1: 15, 2: 15, 3: 15, 4: 15, 5: 14}.items():
        for i, d in enumerate(month_days(month)):
            if i < n:
                meds = (
                    [MedicationDose(name="sumatriptan", drug_class="triptan", relief_2h="partial")]
                    if month == 1
                    else []
                )
                items.append(
                    Attack(
                        start_date=d,
                        start_time=dt.time(8),
                        duration_minutes=300,
                        medications=meds,
                        **MIGRAINE,
                    )
                )
            else:
                items.append(HeadacheCheckin(date=d))
    store.add_many(profile.id, [(e, dt.datetime.combine(e.day(), dt.time(21))) for e in items])
    # An overlapping pair and a midnight crossing in June:
    # 1 Jun 08-12 and 10-14 -> one day of 6 h (not 8); 2 Jun 22:00 for 6 h -> 2 h on the 2nd
    # and 4 h on the 3rd: two headache days, one of them long.
    june = [
        Attack(start_date=D(2026, 6, 1), start_time=dt.time(8), duration_minutes=240, **MIGRAINE),
        Attack(start_date=D(2026, 6, 1), start_time=dt.time(10), duration_minutes=240, **MIGRAINE),
        Attack(start_date=D(2026, 6, 2), start_time=dt.time(22), duration_minutes=360, **MIGRAINE),
    ]
    store.add_many(profile.id, [(e, dt.datetime.combine(e.day(), dt.time(23))) for e in june])
    return profile.id


def test_cli_json_has_the_hand_computed_numbers(store: Store, db_url, capsys) -> None:
    store_chronic_diary(store)
    code = cli.main(
        [
            "--database",
            db_url,
            "summary",
            "--profile",
            "Scenario",
            "--start",
            "2026-01-01",
            "--end",
            "2026-06-30",
        ]
    )
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    months = {m["month"]: m for m in out["months"]}
    headache = [months[f"2026-0{i}"]["counts"]["headache"] for i in range(1, 7)]
    migraine = [months[f"2026-0{i}"]["counts"]["migraine"] for i in range(1, 7)]
    long_days = [months[f"2026-0{i}"]["counts"]["long"] for i in range(1, 7)]
    assert headache == [15, 15, 15, 15, 14, 3]
    assert migraine == [15, 15, 15, 15, 14, 3]
    assert long_days == [15, 15, 15, 15, 14, 2]
    assert months["2026-01"]["counts"]["acute_by_class"] == {"triptan": 15}
    assert months["2026-06"]["note"] == "3 of 30 days logged"  # June is only partly logged
    days = {d["date"]: d for d in out["days"]}
    assert days["2026-06-01"]["hours"] == 6.0
    assert (days["2026-06-02"]["hours"], days["2026-06-03"]["hours"]) == (2.0, 4.0)
    assert out["chronic"]["longest_run"] == ["2026-01", "2026-02", "2026-03", "2026-04"]
    assert out["overuse"]["risk"] is False
    first = next(c for c in out["checklists"] if c["id"] == "chronic_migraine_first")
    head = next(c for c in first["criteria"] if c["criterion"] == "headache_days")
    assert head["status"] == "met"
    assert head["evidence"] == "15, 15, 15 and 15 headache days in Jan, Feb, Mar, Apr 2026."


def test_home_page_shows_the_same_hand_computed_evidence(store: Store) -> None:
    pid = store_chronic_diary(store)
    at = open_page(profile_id=pid)
    text = "\n".join(m.value for m in at.markdown)
    assert "15, 15, 15 and 15 headache days in Jan, Feb, Mar, Apr 2026." in text
    assert "15, 15, 15 and 15 migraine days (of 15, 15, 15 and 15 headache days)" in text
