"""The bladder package's sample part: found through the registry, seeded, only bladder and
shared kinds, nothing after today, and a baseline and after-treatment block to compare."""

from __future__ import annotations

import datetime as dt

from utils import conditions, sample
from utils.conditions.bladder.metrics import bladder_summary
from utils.core import entries

END = dt.date(2026, 6, 30)


def test_the_bladder_sample_is_this_packages_part() -> None:
    part = conditions.part("bladder", "sample")
    assert part is not None and part.WHICH == "bladder"
    assert sample.SAMPLES["bladder"] is part.SAMPLE
    assert part.SAMPLE.conditions == ("bladder",)


def test_the_bladder_sample_is_seeded_and_in_the_past(monkeypatch) -> None:
    monkeypatch.setattr(entries, "now", lambda: dt.datetime.combine(END, dt.time(8)))
    items = sample.generate("bladder", days=120)
    assert items == sample.generate("bladder", days=120)
    assert items != sample.generate("bladder", days=120, seed=5)
    for entry, recorded in items:
        assert entry.KIND in {"bladder_event", "bladder_day", "treatment", "botox_session"}
        assert entry.day() < END and recorded.date() <= END
        if hasattr(entry, "condition"):
            assert entry.condition == "bladder"
    s = bladder_summary([e for e, _ in items], END - dt.timedelta(days=119), END)
    assert s.baseline is not None and s.after_treatment is not None
    assert s.baseline.urge_leaks > s.after_treatment.urge_leaks
