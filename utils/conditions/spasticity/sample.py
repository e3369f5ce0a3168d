"""The spasticity sample: arm spasticity after a stroke (left elbow, wrist and fingers), daily
stretching and a resting splint, two oral medicines tried, then Botox every 13 weeks with the
clinician's Modified Ashworth grades and goal scores before and after.

Part ``sample`` of the spasticity package (API in ``utils.core.sampling``).
"""

from __future__ import annotations

import datetime as dt
import random

from utils.conditions.spasticity.models import AshworthGrade, GoalScore, SpasticityDay
from utils.core import entries
from utils.core.sampling import DEFAULT_DAYS, Item, SampleSpec, each_day, recorded, trial
from utils.core.treatments import BotoxSession

WHICH = "spasticity"
SAMPLE = SampleSpec(
    "Sample: spasticity",
    ("spasticity",),
    "Arm stiffness after a stroke: stretching, a splint, two medicines tried, then Botox.",
)

GOALS = ("put on a shirt with little help", "open the hand to wash the palm")
MUSCLES = (("elbow flexors", "3", "2"), ("wrist flexors", "2", "1+"), ("finger flexors", "2", "1"))


def _at(day: dt.date, hour: int = 11) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0))


def generate(days: int = DEFAULT_DAYS, seed: int = 31, end: dt.date | None = None) -> list[Item]:
    rng = random.Random(seed)
    today = end or entries.now().date()
    start = today - dt.timedelta(days=days - 1)
    first = start + dt.timedelta(days=max(days * 9 // 20, 1))
    sessions = [s for s in (first, first + dt.timedelta(days=91)) if start < s < today]
    items: list[Item] = []

    def effect(day: dt.date) -> float:
        """How much of the toxin's effect is there on ``day`` (0..1): builds over 2 weeks,
        holds, wears off from week 10."""
        out = 0.0
        for s in sessions:
            n = (day - s).days
            if 0 <= n < 14:
                out = max(out, n / 14)
            elif 14 <= n < 70:
                out = max(out, 1.0)
            elif 70 <= n < 98:
                out = max(out, 1 - (n - 70) / 28)
        return out

    for day in each_day(today, days):
        if rng.random() < 0.1:
            continue
        e = effect(day)
        if e > 0.6 and rng.random() < 0.2:
            items.append((SpasticityDay(date=day, normal_day=True), recorded(rng, day, today)))
            continue
        stiffness = max(0, min(10, round(7 - 3.5 * e + rng.uniform(-1, 1))))
        tasks = [
            t
            for t, p in (
                ("dressing", 0.6 - 0.4 * e),
                ("hygiene or opening the hand", 0.5 - 0.35 * e),
                ("sleep", 0.25 - 0.15 * e),
            )
            if rng.random() < p
        ]
        items.append(
            (
                SpasticityDay(
                    date=day,
                    stiffness=stiffness,
                    spasms=max(0, round(rng.gauss(6 - 4 * e, 1.5))),
                    pain=max(0, min(10, round(5 - 2.5 * e + rng.uniform(-1, 1)))),
                    hard_tasks=tasks,
                    falls=1 if rng.random() < 0.01 else 0,
                    splint_hours=rng.choice([6.0, 7.5, 8.0]) if rng.random() < 0.7 else None,
                    therapy_minutes=rng.choice([15, 20, 30, 45]) if rng.random() < 0.6 else None,
                ),
                recorded(rng, day, today),
            )
        )
    for s in sessions:
        items.append(
            (
                BotoxSession(
                    date=s,
                    condition="spasticity",
                    units=300,
                    injector="Dr. Okafor (rehabilitation medicine)",
                    specialty="neurologist",
                ),
                _at(s, 17),
            )
        )
        before, after = s - dt.timedelta(days=7), s + dt.timedelta(days=35)
        for muscle, grade_before, grade_after in MUSCLES:
            if before >= start:
                items.append(
                    (
                        AshworthGrade(
                            date=before,
                            muscle_group=muscle,
                            side="left",
                            grade=grade_before,
                            target=True,
                        ),
                        _at(before),
                    )
                )
            if after <= today:
                items.append(
                    (
                        AshworthGrade(
                            date=after,
                            muscle_group=muscle,
                            side="left",
                            grade=grade_after,
                            target=True,
                        ),
                        _at(after),
                    )
                )
        for goal, score in zip(GOALS, (0, 1), strict=True):
            if before >= start:
                items.append((GoalScore(date=before, goal=goal, score=-1), _at(before, 12)))
            if after <= today:
                items.append((GoalScore(date=after, goal=goal, score=score), _at(after, 12)))
    oral_start = start - dt.timedelta(days=200)
    items.append(
        (
            trial(
                today,
                condition="spasticity",
                name="baclofen",
                treatment_class="baclofen_oral",
                start=oral_start,
                stop=oral_start + dt.timedelta(days=55),
                outcome="inadequate_response",
                specialty="neurologist",
            ),
            _at(oral_start + dt.timedelta(days=56), 20),
        )
    )
    tiz = oral_start + dt.timedelta(days=70)
    items.append(
        (
            trial(
                today,
                condition="spasticity",
                name="tizanidine",
                treatment_class="tizanidine",
                start=tiz,
                stop=tiz + dt.timedelta(days=20),
                outcome="side_effects",
                side_effects="drowsiness and weakness",
                specialty="neurologist",
            ),
            _at(tiz + dt.timedelta(days=21), 20),
        )
    )
    items.append(
        (
            trial(
                today,
                condition="spasticity",
                name="Occupational therapy and home stretching",
                treatment_class="spasticity_therapy",
                start=start - dt.timedelta(days=30),
                outcome="ongoing",
            ),
            _at(max(start, start - dt.timedelta(days=30)), 20),
        )
    )
    return items
