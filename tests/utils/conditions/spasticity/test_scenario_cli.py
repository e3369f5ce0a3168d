"""A hand-computed spasticity diary stored for real and read back through the CLI's JSON.

The diary (a child born in 2016, kept by a parent), period 1 Sep - 31 Oct 2026:
- 1-10 Sep: stiffness 6, 4 spasms, pain 5, dressing hard; 30 min therapy on 1-5 Sep; a fall on 3 Sep.
- 11-20 Sep: stiffness 4, 0 spasms (15 Sep: no count, spasm frequency 2), no pain number.
- 21 Sep: a normal day (no numbers).
- 1 Oct: Botox session, 300 units, prescribed by a neurologist.
- 15-24 Oct: stiffness 2, 20 min therapy each day; 2 falls on 20 Oct.
- Clinician: 25 Sep left elbow flexors 2 (target), left wrist flexors 1+; 29 Oct elbow 1+,
  wrist 1+. Goal 'put on a shirt' -1 on 25 Sep, 0 on 29 Oct; 'open the hand for washing' +1
  on 29 Oct.
- Oral medicines: baclofen 1-20 Jun (20 days, did not help); tizanidine 1-10 Jul (side
  effects: drowsiness).

By hand:
- logged days 21 (Sep) + 10 (Oct) = 31; normal days 1; of 61 days: 51% (< 80%: not met).
- mean stiffness (60 + 40 + 20) / 30 = 4.0; Sep 5.0, Oct 2.0.
- spasm counts: 10 days of 4 and 9 days of 0: 40 / 19 = 2.105 -> 2.11; spasm days 10 + 1 = 11.
- mean pain 5.0 (10 days); hard-task days 10 (dressing 10); falls 1 + 2 = 3.
- therapy days 5 + 10 = 15, minutes 150 + 200 = 350, last 24 Oct.
- stiffness in the 28 days before 1 Oct (3-30 Sep): 8 x 6 and 10 x 4 = 88 / 18 = 4.89;
  14-56 days after (15 Oct - 26 Nov): 2.0; change (2 - 4.89) / 4.89 = -59.1%.
- Ashworth: elbow 2 -> 1+ (1 grade down, target), wrist 1+ -> 1+ (0): responder.
- goals (latest): shirt 0, hand +1: 2 met; T = 50 + 10 x 1 / sqrt(0.7 x 2 + 0.3 x 4) = 56.2.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from utils import cli, models
from utils.conditions.spasticity.models import AshworthGrade, GoalScore, SpasticityDay
from utils.core.treatments import BotoxSession, Treatment
from utils.store import Store

pytestmark = pytest.mark.both_databases

D = dt.date


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: dt.datetime(2026, 11, 27, 12, 0))


def store_diary(store: Store) -> None:
    p = store.create_profile("Child", ["spasticity"], settings={"year_of_birth": 2016})
    items: list = []
    for i in range(1, 11):
        items.append(
            SpasticityDay(
                date=D(2026, 9, i),
                stiffness=6,
                spasms=4,
                pain=5,
                hard_tasks=["dressing"],
                therapy_minutes=30 if i <= 5 else None,
                falls=1 if i == 3 else None,
            )
        )
    for i in range(11, 21):
        if i == 15:
            items.append(SpasticityDay(date=D(2026, 9, i), stiffness=4, spasm_frequency=2))
        else:
            items.append(SpasticityDay(date=D(2026, 9, i), stiffness=4, spasms=0))
    items.append(SpasticityDay(date=D(2026, 9, 21), normal_day=True))
    for i in range(15, 25):
        items.append(
            SpasticityDay(
                date=D(2026, 10, i),
                stiffness=2,
                therapy_minutes=20,
                falls=2 if i == 20 else 0,
            )
        )
    items += [
        BotoxSession(
            date=D(2026, 10, 1), condition="spasticity", units=300, specialty="neurologist"
        ),
        AshworthGrade(
            date=D(2026, 9, 25), muscle_group="elbow flexors", side="left", grade="2", target=True
        ),
        AshworthGrade(date=D(2026, 9, 25), muscle_group="wrist flexors", side="left", grade="1+"),
        AshworthGrade(
            date=D(2026, 10, 29), muscle_group="elbow flexors", side="left", grade="1+", target=True
        ),
        AshworthGrade(date=D(2026, 10, 29), muscle_group="wrist flexors", side="left", grade="1+"),
        GoalScore(date=D(2026, 9, 25), goal="put on a shirt", score=-1),
        GoalScore(date=D(2026, 10, 29), goal="Put on a  shirt", score=0),
        GoalScore(date=D(2026, 10, 29), goal="open the hand for washing", score=1),
        Treatment(
            condition="spasticity",
            name="baclofen",
            treatment_class="baclofen_oral",
            start=D(2026, 6, 1),
            stop=D(2026, 6, 20),
            outcome="inadequate_response",
        ),
        Treatment(
            condition="spasticity",
            name="tizanidine",
            treatment_class="tizanidine",
            start=D(2026, 7, 1),
            stop=D(2026, 7, 10),
            outcome="side_effects",
            side_effects="drowsiness",
        ),
    ]
    store.add_many(p.id, [(e, dt.datetime.combine(e.day(), dt.time(21))) for e in items])


def summary(db_url: str, capsys) -> dict:
    code = cli.main(
        [
            "--database",
            db_url,
            "summary",
            "--profile",
            "Child",
            "--start",
            "2026-09-01",
            "--end",
            "2026-10-31",
            "--no-days",
        ]
    )
    assert code == 0
    return json.loads(capsys.readouterr().out)


def test_cli_json_has_the_hand_computed_numbers(store: Store, db_url, capsys) -> None:
    store_diary(store)
    out = summary(db_url, capsys)
    s = out["spasticity"]
    assert s["age_group"] == "child"
    assert (s["logged_days"], s["normal_days"]) == (31, 1)
    assert s["mean_stiffness"] == 4.0
    assert s["stiffness_by_month"] == {"2026-09": 5.0, "2026-10": 2.0}
    assert (s["mean_spasms"], s["spasm_days"]) == (2.11, 11)
    assert s["spasm_days_by_month"] == {"2026-09": 11, "2026-10": 0}
    assert s["mean_pain"] == 5.0
    assert s["hard_task_days"] == 10
    assert s["hard_task_days_by_task"] == {"dressing": 10}
    assert s["hard_task_days_by_month"] == {"2026-09": 10, "2026-10": 0}
    assert (s["falls"], s["falls_by_month"]) == (3, {"2026-09": 1, "2026-10": 2})
    assert (s["therapy_days"], s["therapy_minutes"]) == (15, 350)
    assert s["therapy_minutes_by_month"] == {"2026-09": 150, "2026-10": 200}
    assert s["last_therapy_day"] == "2026-10-24"
    assert s["sessions"] == ["2026-10-01"]
    assert (s["stiffness_before"], s["stiffness_after"]) == (4.89, 2.0)
    assert s["stiffness_change_pct"] == -59.1
    elbow = next(c for c in s["ashworth_changes"] if c["muscle_group"] == "elbow flexors")
    assert (elbow["before"], elbow["after"], elbow["grades_down"]) == ("2", "1+", 1)
    assert s["mas_responder"] is True
    assert [(g["goal"], g["score"]) for g in s["goals"]] == [
        ("Put on a  shirt", 0),
        ("open the hand for washing", 1),
    ]
    assert (s["goals_met"], s["gas_t_score"]) == (2, 56.2)
    assert [t["name"] for t in s["oral_agents"]] == ["baclofen", "tizanidine"]
    assert s["definitions"] and all(isinstance(x, str) for x in s["definitions"])


def test_cli_json_checklists(store: Store, db_url, capsys) -> None:
    store_diary(store)
    out = summary(db_url, capsys)
    first = next(c for c in out["checklists"] if c["id"] == "spasticity_first")
    status = {c["criterion"]: c["status"] for c in first["criteria"]}
    assert status == {
        "cause": "for_clinician",
        "age": "met",
        "impairment": "met",
        "rehabilitation": "met",
        "oral_agents": "met",
        "not_fixed_contracture": "for_clinician",
        "specialist": "met",
        "diary_completeness": "not_met",
    }
    completeness = next(c for c in first["criteria"] if c["criterion"] == "diary_completeness")
    assert completeness["evidence"].startswith("31 of 61 days logged (51%)")
    age = next(c for c in first["criteria"] if c["criterion"] == "age")
    assert "A child's profile" in age["evidence"]
    renewal = next(c for c in out["checklists"] if c["id"] == "spasticity_renewal")
    status = {c["criterion"]: c["status"] for c in renewal["criteria"]}
    assert (
        status
        == {
            "sessions": "met",
            "spacing": "met",
            "child_dose": "for_clinician",  # a child: 300 units is within 340; the per-kg part is the clinician's
            "benefit": "met",
            "diary_completeness": "not_met",
        }
    )
    benefit = next(c for c in renewal["criteria"] if c["criterion"] == "benefit")
    assert "elbow flexors 2 to 1+" in benefit["evidence"]
    assert "not a payer number" in benefit["evidence"]
    assert "2 of 2 goals met" in benefit["evidence"]
    assert "(-59.1%)" in benefit["evidence"]
    names = {r["name"] for r in out["thresholds"]["rows"]}
    assert "spasticity_task_days_min" in names
