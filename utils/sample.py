"""Seeded generator of realistic sample diaries, used by the app, the tests and the benchmarks.

The same ``(which, days, seed, end)`` always gives the same diary. Each condition package brings
its samples as its ``sample`` part (``utils/conditions/<key>/sample.py``: ``WHICH``, ``SAMPLE``,
``generate``; see ``utils.core.sampling``); this module lists them through the registry and
loads one into the store. Today: ``migraine`` (chronic migraine, three failed preventives, then
Botox), ``sweating`` (severe underarm sweating, then Botox), ``jaw`` (TMJ pain and grinding).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from types import ModuleType
from typing import Any

from utils import conditions, models  # noqa: F401  (sample.models.now: the old path to the clock)
from utils.core.sampling import (  # noqa: F401  (the old names of the building blocks)
    DEFAULT_DAYS,
    SAMPLE_YEAR_OF_BIRTH,
    Item,
    SampleSpec,
)
from utils.core.sampling import each_day as _days  # noqa: F401
from utils.core.sampling import recorded as _recorded  # noqa: F401
from utils.core.sampling import trial as _trial  # noqa: F401
from utils.core.treatments import BotoxSession, SideEffect
from utils.storage.rows import Profile
from utils.storage.store import Store


@cache
def _parts() -> dict[str, ModuleType]:
    """``{which: sample module}`` of every condition's sample, in the registry's order."""
    return {module.WHICH: module for _, module in conditions.parts("sample")}


@cache
def samples() -> dict[str, SampleSpec]:
    """``{which: SampleSpec}``: every sample diary the app offers (also ``SAMPLES``)."""
    return {which: module.SAMPLE for which, module in _parts().items()}


def __getattr__(name: str) -> Any:
    if name == "SAMPLES":
        return samples()
    if name == "GENERATORS":
        return {which: module.generate for which, module in _parts().items()}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def generate(
    which: str = "migraine",
    days: int = DEFAULT_DAYS,
    seed: int | None = None,
    end: dt.date | None = None,
) -> list[Item]:
    gen = _parts()[which].generate
    return gen(days=days, end=end) if seed is None else gen(days=days, seed=seed, end=end)


def load_sample(
    store: Store, which: str = "migraine", days: int = DEFAULT_DAYS, end: dt.date | None = None
) -> Profile:
    """Create (or replace) the sample profile and fill it: the entries, then the side effects
    linked to the session they followed."""
    spec = samples()[which]
    items = generate(which, days=days, end=end)
    # One transaction: the old sample stays until the new one is whole.
    with store.transaction():
        existing = store.profile_by_name(spec.name)
        if existing is not None:
            store.delete_profile(existing.id)
        profile = store.create_profile(spec.name, spec.conditions, is_sample=True)
        store.update_profile(profile.id, settings={"year_of_birth": SAMPLE_YEAR_OF_BIRTH})
        effects = [(e, t) for e, t in items if isinstance(e, SideEffect)]
        rest = [(e, t) for e, t in items if not isinstance(e, SideEffect)]
        ids = store.add_many(profile.id, rest, source="sample")
        # Side effects point at the session they followed, which has an id only once stored.
        sessions = sorted(
            (e.date, i) for (e, _), i in zip(rest, ids, strict=True) if isinstance(e, BotoxSession)
        )
        linked = []
        for effect, when in effects:
            before = [i for day, i in sessions if day <= effect.start]
            session_id = before[-1] if before else None
            linked.append((effect.model_copy(update={"session_id": session_id}), when))
        if linked:
            store.add_many(profile.id, linked, source="sample")
        return store.profile(profile.id)


def remove_sample(store: Store, which: str) -> bool:
    existing = store.profile_by_name(samples()[which].name)
    if existing is None:
        return False
    store.delete_profile(existing.id)
    return True
