"""The jaw package's sample part: found through the registry, seeded, and only holding kinds of
the conditions its sample profile has (plus the shared kinds, for those conditions)."""

from __future__ import annotations

import datetime as dt

from utils import conditions, sample
from utils.core import entries
from utils.core.entries import entry_kinds

END = dt.date(2026, 6, 30)
SHARED = {"treatment", "botox_session", "side_effect", "midas", "hit6", "hdss_assessment"}


def test_the_jaw_sample_is_this_packages_part() -> None:
    part = conditions.part("jaw", "sample")
    assert part is not None and part.WHICH == "jaw"
    assert sample.SAMPLES["jaw"] is part.SAMPLE
    assert part.SAMPLE.conditions == ("jaw", "headache")
    assert sample.generate("jaw", days=90, end=END) == part.generate(days=90, end=END)


def test_the_jaw_sample_is_seeded_and_stays_in_its_conditions() -> None:
    items = sample.generate("jaw", days=150, end=END)
    assert items == sample.generate("jaw", days=150, end=END)
    assert items != sample.generate("jaw", days=150, seed=1234, end=END)
    packages = {conditions.get(c).package for c in ("jaw", "headache")}
    own = {k for k, cls in entry_kinds().items() if cls.__module__.rpartition(".")[0] in packages}
    for entry, recorded in items:
        assert entry.KIND in own | SHARED, entry.KIND
        assert entry.day() <= END and recorded.date() <= END
        if hasattr(entry, "condition"):
            assert entry.condition in ("jaw", "headache")


def test_a_jaw_sample_made_in_the_morning_has_no_attack_in_the_future(monkeypatch) -> None:
    # Days=20 with the default seed has an attack on the last day, at 16:00 when that is past.
    morning = dt.datetime.combine(END, dt.time(9, 30))
    monkeypatch.setattr(entries, "now", lambda: morning)
    items = sample.generate("jaw", days=20)
    today = [e for e, _ in items if e.KIND == "attack" and e.day() == END]
    assert today and all(e.start_datetime() <= morning for e in today)
    monkeypatch.setattr(entries, "now", lambda: dt.datetime.combine(END, dt.time(20)))
    later = [e for e, _ in sample.generate("jaw", days=20) if e.day() == END]
    assert [e.start_time for e in later if e.KIND == "attack"] == [dt.time(16, 0)]
