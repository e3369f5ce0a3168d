"""The jaw sample: TMJ pain with night-time grinding, a night guard and physiotherapy; with the
tension headaches that come with it (headache kinds, taken from the entry-kind registry).

Part ``sample`` of the jaw package (API in ``utils.core.sampling``).
"""

from __future__ import annotations

import datetime as dt
import random

from utils.conditions.jaw.models import JawDay
from utils.core import entries
from utils.core.entries import entry_kind
from utils.core.sampling import DEFAULT_DAYS, Item, SampleSpec, each_day, recorded, trial

WHICH = "jaw"
SAMPLE = SampleSpec(
    "Sample: jaw",
    ("jaw", "headache"),
    "Jaw pain and night-time grinding with tension headaches.",
)


def _afternoon(day: dt.date) -> dt.time:
    """Tension headaches start at 16:00; on a today that is not there yet, at this hour."""
    now = entries.now()
    if dt.datetime.combine(day, dt.time(16, 0)) <= now:
        return dt.time(16, 0)
    return now.time().replace(minute=0, second=0, microsecond=0)


def generate(days: int = DEFAULT_DAYS, seed: int = 13, end: dt.date | None = None) -> list[Item]:
    rng = random.Random(seed)
    today = end or entries.now().date()
    start = today - dt.timedelta(days=days - 1)
    guard_from = start + dt.timedelta(days=days // 3)
    items: list[Item] = []
    for day in each_day(today, days):
        if rng.random() < 0.12:
            continue
        guard = day >= guard_from
        if rng.random() < (0.35 if guard else 0.15):
            items.append((JawDay(date=day, normal_day=True), recorded(rng, day, today)))
            continue
        pain = rng.randint(2, 5) if guard else rng.randint(4, 8)
        items.append(
            (
                JawDay(
                    date=day,
                    pain=pain,
                    symptoms=rng.sample(
                        [
                            "pain when chewing",
                            "clicking or popping",
                            "facial muscle ache",
                            "tension headache",
                            "limited opening",
                            "ear ringing or ear pain",
                            "tooth sensitivity",
                        ],
                        k=rng.randint(1, 3),
                    ),
                    clenching=["night"] + (["day"] if rng.random() < 0.3 else []),
                    night_guard=guard,
                    helped=rng.choice(["", "warm compress", "soft food", "jaw exercises"]),
                ),
                recorded(rng, day, today),
            )
        )
        if rng.random() < 0.2:
            items.append(
                (
                    entry_kind("attack")(
                        start_date=day,
                        start_time=_afternoon(day),
                        duration_minutes=rng.randint(60, 240),
                        pain=rng.randint(3, 5),
                        function=1,
                        side="both",
                        pulsating=False,
                        worse_with_activity=False,
                        nausea_vomiting=False,
                        light_sensitivity=False,
                        sound_sensitivity=False,
                        aura=False,
                    ),
                    recorded(rng, day, today),
                )
            )
        elif rng.random() < 0.5:
            items.append((entry_kind("headache_checkin")(date=day), recorded(rng, day, today)))
    items.append(
        (
            trial(
                today,
                condition="jaw",
                name="Night guard (dentist-made)",
                treatment_class="night_guard",
                start=guard_from,
                outcome="ongoing",
                prescriber="Dr. Patel (dentist)",
            ),
            dt.datetime.combine(guard_from, dt.time(20, 0)),
        )
    )
    items.append(
        (
            trial(
                today,
                condition="jaw",
                name="Jaw physiotherapy",
                treatment_class="physiotherapy",
                start=start + dt.timedelta(days=10),
                stop=start + dt.timedelta(days=10 + 56),
                outcome="inadequate_response",
            ),
            dt.datetime.combine(min(start + dt.timedelta(days=66), today), dt.time(20, 0)),
        )
    )
    return items
