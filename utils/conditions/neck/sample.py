"""The neck sample: cervical dystonia (the head turns right, the shoulder rises), Botox every
13 weeks from a neurologist, each session wearing off some weeks before the next one.

Part ``sample`` of the neck package (API in ``utils.core.sampling``).
"""

from __future__ import annotations

import datetime as dt
import random

from utils.conditions.neck.models import NeckDay, NeckScale
from utils.core import entries
from utils.core.sampling import DEFAULT_DAYS, Item, SampleSpec, each_day, recorded
from utils.core.treatments import BotoxSession

WHICH = "neck"
SAMPLE = SampleSpec(
    "Sample: neck",
    ("neck",),
    "Cervical dystonia: the head turns and tilts, Botox every 13 weeks that wears off early.",
)
CYCLE_DAYS = 91  # 13 weeks between sessions


def _bad_day(rng: random.Random, day: dt.date, wearing_off: bool = False) -> NeckDay:
    return NeckDay(
        date=day,
        pain=rng.randint(5, 8),
        pull=rng.choice(["moderate", "moderate", "severe"]),
        directions=["turns right", "shoulder raised"]
        + (["tilts right"] if rng.random() < 0.3 else []),
        tremor=rng.random() < 0.4,
        spasms=rng.random() < 0.5,
        limits=sorted(
            rng.sample(
                ["driving", "reading", "screens", "work", "sleep", "social"], k=rng.randint(1, 3)
            )
        ),
        helped=["sensory trick (touching chin or face)"] + (["heat"] if rng.random() < 0.4 else []),
        wearing_off=wearing_off,
    )


def _good_day(rng: random.Random, day: dt.date) -> NeckDay:
    if rng.random() < 0.3:
        return NeckDay(date=day, normal_day=True)
    return NeckDay(
        date=day,
        pain=rng.randint(1, 3),
        pull=rng.choice(["none", "mild", "mild"]),
        limits=["driving"] if rng.random() < 0.1 else [],
        helped=["stretching"] if rng.random() < 0.3 else [],
    )


def generate(days: int = DEFAULT_DAYS, seed: int = 29, end: dt.date | None = None) -> list[Item]:
    rng = random.Random(seed)
    today = end or entries.now().date()
    start = today - dt.timedelta(days=days - 1)
    first = start + dt.timedelta(days=min(60, days // 3))
    sessions = []
    s = first
    while s <= today:
        sessions.append(s)
        s += dt.timedelta(days=CYCLE_DAYS)
    # Each session helps from day 14 and wears off 8 to 10 weeks after it.
    off_days = {s: s + dt.timedelta(days=rng.randint(56, 70)) for s in sessions}
    items: list[Item] = []
    for day in each_day(today, days):
        if rng.random() < 0.1:
            continue
        last = max((s for s in sessions if s <= day), default=None)
        if last is None:
            e = _bad_day(rng, day)
        elif day < last + dt.timedelta(days=14):
            e = _bad_day(rng, day) if rng.random() < 0.5 else _good_day(rng, day)
        elif day < off_days[last]:
            e = _good_day(rng, day)
        else:
            e = _bad_day(rng, day, wearing_off=day == off_days[last])
        items.append((e, recorded(rng, day, today)))
    for s in sessions:
        items.append(
            (
                BotoxSession(
                    date=s,
                    condition="neck",
                    units=200,
                    areas=[],
                    injector="Dr. Okafor",
                    specialty="neurologist",
                    next_date=s + dt.timedelta(days=CYCLE_DAYS),
                ),
                dt.datetime.combine(s, dt.time(17, 0)),
            )
        )
    base_day = first - dt.timedelta(days=7)
    if base_day >= start:
        items.append(
            (
                NeckScale(
                    date=base_day,
                    scale="TWSTRS",
                    total=42,
                    severity=20,
                    disability=14,
                    pain=8,
                    rater="Dr. Okafor",
                ),
                dt.datetime.combine(base_day, dt.time(18, 0)),
            )
        )
    for s in sessions:
        after = s + dt.timedelta(days=42)
        if after <= today:
            items.append(
                (
                    NeckScale(
                        date=after,
                        scale="TWSTRS",
                        total=rng.randint(24, 30),
                        timing="after treatment",
                        rater="Dr. Okafor",
                    ),
                    dt.datetime.combine(after, dt.time(18, 0)),
                )
            )
    return items
