"""A hand-computed bladder diary stored for real, read back through the CLI's summary JSON.

By hand (urgency episode = a void rated 3 or more; counts over complete days only):

  day     voids  urgency  leaks  urge leaks  night voids  pads   complete
  1 Mar     7       3       2        1            1        2       yes  (04:00 void, bed 22:30 the 28th, up 07:00)
  2 Mar     5       3       3        3            2        3       yes  (02:00 and 05:00 voids, bed 23:00 the 1st; the 22:00 void of the 1st is before bed)
  3 Mar     3       2       2        2            0        -       yes  (bed 00:30 after midnight, up 07:00)
  4 Mar     1       1       0        0            -        -       no   (logged, not counted)
  10 Mar  Botox bladder session, 100 U
  20-22 Apr 1 each  0     1, 0, 1  1, 0, 1        0        1 each  yes

Period 1 Mar - 30 Apr: 6 complete of 7 logged days. Per 24 h: voids 18/6 = 3.0; urgency
8/6 = 1.33; leaks 9/6 = 1.5; urge leaks 8/6 = 1.33; night voids 3/6 = 0.5; pads 8/5 = 1.6.
Baseline block 1-3 Mar: urge leaks 6/3 = 2.0, voids 15/3 = 5.0, urgency 8/3 = 2.67, nocturia
1.0, pads 5/2 = 2.5. After block 20-22 Apr: urge leaks 2/3 = 0.67. Fall (2.0 - 0.67) / 2.0 =
66.5 %. 30 Apr is 51 days after 10 Mar (84 needed).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from utils import cli, models
from utils.conditions.bladder.models import BladderDay, BladderEvent
from utils.core.treatments import BotoxSession, Treatment
from utils.store import Store

D, T = dt.date, dt.time


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: dt.datetime(2026, 11, 27, 12, 0))


def void(day, hh, mm, urgency):
    return BladderEvent(at=dt.datetime(2026, day[0], day[1], hh, mm), event="void", urgency=urgency)


def leak(day, hh, mm, urge):
    return BladderEvent(at=dt.datetime(2026, day[0], day[1], hh, mm), event="leak", urge_first=urge)


def store_diary(store: Store) -> int:
    p = store.create_profile("Bladder", ["bladder"])
    m1, m2, m3, m4 = (3, 1), (3, 2), (3, 3), (3, 4)
    items = [
        *(
            void(m1, h, mi, u)
            for h, mi, u in [
                (4, 0, 1),
                (7, 30, 2),
                (10, 0, 3),
                (13, 0, 4),
                (16, 0, 1),
                (19, 0, 3),
                (22, 0, 0),
            ]
        ),
        leak(m1, 10, 5, True),
        leak(m1, 17, 0, False),
        BladderDay(date=D(2026, 3, 1), complete=True, bedtime=T(22, 30), wake_time=T(7), pads=2),
        *(void(m2, h, 0, u) for h, u in [(2, 3), (5, 2), (8, 3), (12, 3), (18, 2)]),
        leak(m2, 8, 5, True),
        leak(m2, 12, 5, True),
        leak(m2, 20, 0, True),
        BladderDay(date=D(2026, 3, 2), complete=True, bedtime=T(23), wake_time=T(6, 30), pads=3),
        *(void(m3, h, 0, u) for h, u in [(9, 4), (15, 4), (21, 2)]),
        leak(m3, 9, 5, True),
        leak(m3, 15, 5, True),
        BladderDay(date=D(2026, 3, 3), complete=True, bedtime=T(0, 30), wake_time=T(7)),
        void(m4, 10, 0, 4),
        BotoxSession(date=D(2026, 3, 10), condition="bladder", units=100),
        Treatment(
            condition="bladder",
            name="solifenacin",
            treatment_class="oab_anticholinergic",
            start=D(2025, 10, 1),
            stop=D(2025, 11, 15),
            outcome="inadequate_response",
        ),
    ]
    for day, urge_leak in ((20, True), (21, False), (22, True)):
        items.append(void((4, day), 9, 0, 1))
        if urge_leak:
            items.append(leak((4, day), 11, 0, True))
        items.append(
            BladderDay(date=D(2026, 4, day), complete=True, bedtime=T(22), wake_time=T(7), pads=1)
        )
    store.add_many(p.id, [(e, dt.datetime(2026, 5, 1, 9)) for e in items])
    return p.id


def summary_json(db_url, capsys) -> dict:
    code = cli.main(
        [
            "--database",
            db_url,
            "summary",
            "--profile",
            "Bladder",
            "--start",
            "2026-03-01",
            "--end",
            "2026-04-30",
        ]
    )
    assert code == 0
    return json.loads(capsys.readouterr().out)


def test_cli_json_has_the_hand_computed_bladder_counts(store: Store, db_url, capsys) -> None:
    store_diary(store)
    out = summary_json(db_url, capsys)
    b = out["bladder"]
    assert (b["logged_days"], b["complete_days"], b["urgency_level"]) == (7, 6, 3)
    assert b["per_day"] == {
        "voids": 3.0,
        "urgency_episodes": 1.33,
        "leaks": 1.5,
        "urge_leaks": 1.33,
        "nocturia": 0.5,
        "pads": 1.6,
    }
    days = {d["date"]: d for d in b["days"]}
    assert [days[f"2026-03-0{i}"]["voids"] for i in (1, 2, 3, 4)] == [7, 5, 3, 1]
    assert [days[f"2026-03-0{i}"]["nocturia"] for i in (1, 2, 3)] == [1, 2, 0]
    assert [days[f"2026-03-0{i}"]["urge_leaks"] for i in (1, 2, 3)] == [1, 3, 2]
    assert days["2026-03-04"]["complete"] is False
    assert b["baseline"] == {
        "start": "2026-03-01",
        "end": "2026-03-03",
        "voids": 5.0,
        "urgency_episodes": 2.67,
        "leaks": 2.33,
        "urge_leaks": 2.0,
        "nocturia": 1.0,
        "pads": 2.5,
    }
    assert (b["after_treatment"]["start"], b["after_treatment"]["urge_leaks"]) == (
        "2026-04-20",
        0.67,
    )
    assert b["urge_leak_change_pct"] == 66.5
    assert b["sessions"] == ["2026-03-10"]
    assert len(b["blocks"]) == 2


def test_cli_json_bladder_checklists(store: Store, db_url, capsys) -> None:
    store_diary(store)
    out = summary_json(db_url, capsys)
    lists = {c["id"]: c for c in out["checklists"]}
    first = {c["criterion"]: c for c in lists["overactive_bladder_first"]["criteria"]}
    assert first["bladder_diary"]["status"] == "met"
    assert first["medicines"]["status"] == "met"  # 45 days of an anticholinergic, did not help
    assert first["diagnosis"]["status"] == "for_clinician"
    assert first["infection_ruled_out"]["status"] == "for_clinician"
    assert first["emptying"]["status"] == "for_clinician"
    assert first["behavioural"]["status"] == "missing_data"
    renewal = {c["criterion"]: c for c in lists["overactive_bladder_renewal"]["criteria"]}
    assert renewal["urge_leak_response"]["status"] == "met"
    assert "a fall of 66.5%" in renewal["urge_leak_response"]["evidence"]
    assert renewal["interval"]["status"] == "not_met"
    assert "51 days" in renewal["interval"]["evidence"]
    assert lists["overactive_bladder_first"]["status"] != "met"  # clinician items are never met


def test_untracked_bladder_adds_no_json_key(store: Store, db_url, capsys) -> None:
    store.create_profile("Bladder", ["headache"])
    out = summary_json(db_url, capsys)
    assert "bladder" not in out
    assert not any(r["name"].startswith(("oab_", "ndo_")) for r in out["thresholds"]["rows"])


def test_cli_json_neurogenic_setting_swaps_the_first_rule_set(store: Store, db_url, capsys) -> None:
    pid = store_diary(store)
    store.update_profile(pid, settings={"thresholds": {"bladder_type": "neurogenic"}})
    out = summary_json(db_url, capsys)
    lists = {c["id"]: c for c in out["checklists"]}
    assert "overactive_bladder_first" not in lists
    assert "overactive_bladder_renewal" not in lists  # issue 18: the neurogenic renewal instead
    renewal = {c["criterion"]: c for c in lists["neurogenic_bladder_renewal"]["criteria"]}
    # all leaks: baseline 1-3 Mar (2 + 3 + 2) / 3 = 2.33, after 20-22 Apr 2 / 3 = 0.67;
    # (2.33 - 0.67) / 2.33 = 71.2 % >= 50 %
    assert renewal["leak_response"]["status"] == "met"
    assert "2.33 leaks per day" in renewal["leak_response"]["evidence"]
    assert "(a fall of 71.2%)" in renewal["leak_response"]["evidence"]
    assert renewal["interval"]["status"] == "not_met"  # 51 days after 10 Mar (84 needed)
    ndo = {c["criterion"]: c for c in lists["neurogenic_bladder_first"]["criteria"]}
    assert ndo["anticholinergic"]["status"] == "met"  # 45 days of oxybutynin, did not help
    for item in ("neurologic_condition", "detrusor_overactivity", "urodynamics"):
        assert ndo[item]["status"] == "for_clinician"
    assert ndo["self_catheterization"]["status"] == "for_clinician"
    assert ndo["urodynamics"]["commonly_required"] is False
    assert out["thresholds"]["values"]["bladder_type"] == "neurogenic"


def test_bladder_type_is_overactive_by_default_and_a_bad_value_is_refused(
    store: Store, db_url, capsys
) -> None:
    pid = store_diary(store)
    out = summary_json(db_url, capsys)
    assert out["thresholds"]["values"]["bladder_type"] == "overactive"
    assert "neurogenic_bladder_first" not in {c["id"] for c in out["checklists"]}
    with pytest.raises(ValueError):
        store.update_profile(pid, settings={"thresholds": {"bladder_type": "spinal"}})
