"""The bladder sample: overactive bladder with urge leaks; a 3-day diary every three weeks,
bladder training, three medicines tried, then one Botox bladder session and fewer urge leaks.

Part ``sample`` of the bladder package (API in ``utils.core.sampling``).
"""

from __future__ import annotations

import datetime as dt
import random

from utils.conditions.bladder.models import BladderDay, BladderEvent
from utils.core import entries
from utils.core.sampling import DEFAULT_DAYS, Item, SampleSpec, trial
from utils.core.treatments import BotoxSession

WHICH = "bladder"
SAMPLE = SampleSpec(
    "Sample: bladder",
    ("bladder",),
    "Overactive bladder with urge leaks: 3-day diaries, medicines tried, one bladder injection.",
)
BLOCK_EVERY = 21  # a 3-day diary every three weeks


def _day(rng: random.Random, day: dt.date, treated: bool) -> list[BladderEvent | BladderDay]:
    wake = dt.time(6, rng.choice((30, 45))) if rng.random() < 0.5 else dt.time(7, 0)
    bed = dt.time(22, rng.choice((30, 45))) if rng.random() < 0.6 else dt.time(23, 15)
    bed_at = dt.datetime.combine(day - dt.timedelta(days=1), bed)
    wake_at = dt.datetime.combine(day, wake)
    out: list[BladderEvent | BladderDay] = []
    nights = rng.randint(0, 1) if treated else rng.randint(1, 3)
    for i in range(nights):  # night voids between midnight and waking
        at = dt.datetime.combine(day, dt.time(1 + 2 * i, rng.choice((10, 25, 40))))
        if bed_at < at < wake_at:
            out.append(BladderEvent(at=at, event="void", urgency=rng.choice((2, 3))))
    n = rng.randint(6, 8) if treated else rng.randint(10, 13)
    span = (dt.datetime.combine(day, dt.time(22, 0)) - wake_at).total_seconds() / 60
    for i in range(n):
        at = wake_at + dt.timedelta(minutes=int(span * i / n) + rng.randint(0, 20))
        urgency = rng.choice((0, 1, 1, 2, 2, 3)) if treated else rng.choice((1, 2, 3, 3, 4, 4))
        volume = (
            rng.choice((None, 150, 200, 250, 300)) if treated else rng.choice((None, 90, 120, 150))
        )
        out.append(BladderEvent(at=at, event="void", urgency=urgency, volume_ml=volume))
        if urgency == 4 or (urgency == 3 and rng.random() < 0.4):
            out.append(
                BladderEvent(
                    at=at - dt.timedelta(minutes=2),
                    event="leak",
                    leak_amount=rng.choice(("drops", "small", "wet clothes")),
                    urge_first=True,
                )
            )
    if rng.random() < 0.3:
        out.append(
            BladderEvent(
                at=dt.datetime.combine(day, dt.time(15, 5)),
                event="leak",
                leak_amount="drops",
                urge_first=False,
            )
        )
    for hour, kind, ml in (
        (7, "caffeine (coffee, tea, cola)", 250),
        (12, "water", 300),
        (18, "water", 250),
    ):
        out.append(
            BladderEvent(
                at=dt.datetime.combine(day, dt.time(hour, 30)),
                event="drink",
                drink_kind=kind,
                volume_ml=ml,
            )
        )
    leaks = sum(1 for e in out if getattr(e, "event", "") == "leak")
    pads = min(leaks + (1 if leaks else 0), 6)
    out.append(BladderDay(date=day, complete=True, bedtime=bed, wake_time=wake, pads=pads))
    return out


def generate(days: int = DEFAULT_DAYS, seed: int = 29, end: dt.date | None = None) -> list[Item]:
    rng = random.Random(seed)
    today = end or entries.now().date()
    start = today - dt.timedelta(days=days - 1)
    session = start + dt.timedelta(days=max(days * 3 // 5, 7))
    items: list[Item] = []
    first = start + dt.timedelta(days=1)
    block_starts = [first + dt.timedelta(days=k) for k in range(0, days, BLOCK_EVERY)]
    if session - dt.timedelta(days=4) > start:
        block_starts.append(session - dt.timedelta(days=4))  # the baseline right before
    for b in sorted(set(block_starts)):
        for i in range(3):
            day = b + dt.timedelta(days=i)
            if day >= today or day == session:
                continue
            evening = dt.datetime.combine(day, dt.time(22, 5))
            items.extend((e, evening) for e in _day(rng, day, day > session))
    if session < today:
        items.append(
            (
                BotoxSession(
                    date=session,
                    condition="bladder",
                    units=100,
                    areas=[],
                    injector="Dr. Okafor (urology)",
                    specialty="dont_know",
                ),
                dt.datetime.combine(session, dt.time(18, 0)),
            )
        )
    trials = (
        ("Bladder training and timed voiding", "bladder_behavioral", -200, None, "ongoing", ""),
        ("Oxybutynin 5 mg", "oab_anticholinergic", -170, -120, "inadequate_response", ""),
        (
            "Solifenacin 5 mg",
            "oab_anticholinergic",
            -110,
            -90,
            "side_effects",
            "dry mouth, constipation",
        ),
        ("Mirabegron 50 mg", "beta3_agonist", -80, -25, "inadequate_response", ""),
    )
    for name, cls, begin, stop, outcome, effects in trials:
        items.append(
            (
                trial(
                    today,
                    condition="bladder",
                    name=name,
                    treatment_class=cls,
                    start=session + dt.timedelta(days=begin),
                    stop=None if stop is None else session + dt.timedelta(days=stop),
                    outcome=outcome,
                    side_effects=effects,
                ),
                dt.datetime.combine(min(session, today), dt.time(20, 0)),
            )
        )
    return items
