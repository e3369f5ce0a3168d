"""The sweating sample: severe underarm sweating, a failed aluminium chloride trial, then Botox.

Part ``sample`` of the sweating package (API in ``utils.core.sampling``).
"""

from __future__ import annotations

import datetime as dt
import random

from utils.conditions.sweating.models import SweatBaseline, SweatDay
from utils.core import entries
from utils.core.questionnaires import HdssAssessment
from utils.core.sampling import DEFAULT_DAYS, Item, SampleSpec, each_day, recorded, trial
from utils.core.treatments import BotoxSession

WHICH = "sweating"
SAMPLE = SampleSpec(
    "Sample: sweating",
    ("sweating",),
    "Severe underarm sweating: aluminium chloride tried, then Botox.",
)


def generate(days: int = DEFAULT_DAYS, seed: int = 11, end: dt.date | None = None) -> list[Item]:
    rng = random.Random(seed)
    today = end or entries.now().date()
    start = today - dt.timedelta(days=days - 1)
    botox_start = start + dt.timedelta(days=min(max(days // 2, 120), 400))
    sessions = []
    d = botox_start
    while d <= today:
        sessions.append(d)
        d += dt.timedelta(days=180)
    items: list[Item] = [
        (
            SweatBaseline(
                answered_on=start,
                onset_age=14,
                duration_months=12 * 15,
                family_history="yes",
                bilateral_symmetric="yes",
                impairs_daily_activities="yes",
                weekly_episodes="yes",
                stops_during_sleep="yes",
                sites=["underarms", "palms"],
                secondary_causes_checked="yes",
            ),
            dt.datetime.combine(start, dt.time(20, 0)),
        )
    ]
    for day in each_day(today, days):
        if rng.random() < 0.1:
            continue
        treated = any(s <= day < s + dt.timedelta(days=150) for s in sessions)
        summer = day.month in (6, 7, 8)
        if rng.random() < (0.55 if treated else 0.1):
            items.append((SweatDay(date=day, normal_day=True), recorded(rng, day, today)))
            continue
        hdss = (
            rng.choice([1, 2, 2]) if treated else rng.choice([3, 3, 4] if not summer else [3, 4, 4])
        )
        items.append(
            (
                SweatDay(
                    date=day,
                    sites=["underarms"] + (["palms"] if rng.random() < 0.4 else []),
                    hdss=hdss,
                    episodes=rng.randint(0, 2) if treated else rng.randint(2, 7),
                    clothing_changes=0 if treated else rng.randint(0, 3),
                    extra_showers=0 if treated else rng.randint(0, 2),
                    affected=[]
                    if treated
                    else rng.sample(["handshakes", "work", "social events", "exercise"], k=2),
                    triggers=rng.sample(["heat", "stress", "exercise", "food"], k=1),
                    stopped_during_sleep=True,
                    skin_problems=["maceration"] if (not treated and rng.random() < 0.1) else [],
                    topical_product="aluminium chloride"
                    if day < start + dt.timedelta(days=70)
                    else "",
                    topical_strength="20%" if day < start + dt.timedelta(days=70) else "",
                    topical_irritation=(rng.random() < 0.5)
                    if day < start + dt.timedelta(days=70)
                    else None,
                ),
                recorded(rng, day, today),
            )
        )
    items.append(
        (
            trial(
                today,
                condition="sweating",
                name="aluminium chloride 20%",
                treatment_class="aluminium_chloride",
                strength="20%",
                start=start,
                stop=start + dt.timedelta(days=69),
                outcome="side_effects",
                side_effects="burning and itching rash",
            ),
            dt.datetime.combine(min(start + dt.timedelta(days=70), today), dt.time(20, 0)),
        )
    )
    items.append(
        (
            HdssAssessment(date=start + dt.timedelta(days=2), score=4, timing="before treatment"),
            dt.datetime.combine(start + dt.timedelta(days=2), dt.time(19, 0)),
        )
    )
    for s in sessions:
        items.append(
            (
                BotoxSession(
                    date=s,
                    condition="sweating",
                    units=100,
                    areas=["left underarm", "right underarm"],
                    injector="Dr. Chen (dermatology)",
                    specialty="other",
                    cost=0.0,
                    next_date=s + dt.timedelta(days=180),
                ),
                dt.datetime.combine(s, dt.time(18, 0)),
            )
        )
        before = s - dt.timedelta(days=3)
        if before > start + dt.timedelta(days=2):
            items.append(
                (
                    HdssAssessment(
                        date=before, score=4 if rng.random() < 0.6 else 3, timing="before treatment"
                    ),
                    dt.datetime.combine(before, dt.time(19, 0)),
                )
            )
        after = s + dt.timedelta(days=30)
        if after <= today:
            items.append(
                (
                    HdssAssessment(date=after, score=rng.choice([1, 2]), timing="after treatment"),
                    dt.datetime.combine(after, dt.time(19, 0)),
                )
            )
    return items
