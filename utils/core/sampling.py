"""Building blocks of the seeded sample diaries (``utils.sample``, ``utils.conditions.<key>.sample``).

A condition's ``sample`` part exposes, for the shared ``utils.sample`` to iterate over:
- ``WHICH``: the sample's name (``"migraine"``), used by the CLI, the pages and the tests;
- ``SAMPLE``: its ``SampleSpec`` (profile name, conditions, description);
- ``generate(days=DEFAULT_DAYS, seed=<its own>, end=None) -> list[Item]``: the same arguments
  always give the same diary; ``end`` defaults to today (``utils.core.entries.now``).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from utils.core.entries import Entry
from utils.core.treatments import Treatment

Item = tuple[Entry, dt.datetime]


@dataclass(frozen=True)
class SampleSpec:
    name: str
    conditions: tuple[str, ...]
    description: str


SAMPLE_YEAR_OF_BIRTH = 1988  # every sample person is an adult
DEFAULT_DAYS = 240


def recorded(rng: random.Random, day: dt.date, today: dt.date) -> dt.datetime:
    """Most entries are written the same evening; some one to four days later."""
    late = 0 if rng.random() < 0.88 else rng.randint(1, 4)
    when = dt.datetime.combine(min(day + dt.timedelta(days=late), today), dt.time(21, 0))
    return when + dt.timedelta(minutes=rng.randint(0, 90))


def each_day(end: dt.date, days: int) -> Iterator[dt.date]:
    start = end - dt.timedelta(days=days - 1)
    for i in range(days):
        yield start + dt.timedelta(days=i)


def trial(today: dt.date, **fields) -> Treatment:
    """A treatment trial, moved earlier when a short diary would put it after today."""
    start, stop = fields["start"], fields.get("stop")
    last = stop or start
    if last >= today:
        shift = last - today + dt.timedelta(days=1)
        fields["start"] = start - shift
        if stop is not None:
            fields["stop"] = stop - shift
    return Treatment(**fields)
