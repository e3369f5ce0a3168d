"""The sweating package's sample part: found through the registry, seeded, and only holding kinds of
the conditions its sample profile has (plus the shared kinds, for those conditions)."""

from __future__ import annotations

import datetime as dt

from utils import conditions, sample
from utils.core.entries import entry_kinds

END = dt.date(2026, 6, 30)
SHARED = {"treatment", "botox_session", "side_effect", "midas", "hit6", "hdss_assessment"}


def test_the_sweating_sample_is_this_packages_part() -> None:
    part = conditions.part("sweating", "sample")
    assert part is not None and part.WHICH == "sweating"
    assert sample.SAMPLES["sweating"] is part.SAMPLE
    assert part.SAMPLE.conditions == ("sweating",)
    assert sample.generate("sweating", days=90, end=END) == part.generate(days=90, end=END)


def test_the_sweating_sample_is_seeded_and_stays_in_its_conditions() -> None:
    items = sample.generate("sweating", days=150, end=END)
    assert items == sample.generate("sweating", days=150, end=END)
    assert items != sample.generate("sweating", days=150, seed=1234, end=END)
    packages = {conditions.get(c).package for c in ("sweating",)}
    own = {k for k, cls in entry_kinds().items() if cls.__module__.rpartition(".")[0] in packages}
    for entry, recorded in items:
        assert entry.KIND in own | SHARED, entry.KIND
        assert entry.day() <= END and recorded.date() <= END
        if hasattr(entry, "condition"):
            assert entry.condition in ("sweating",)
