"""utils.core.entries: the one clock reaches every entry kind, the registry holds every kind in a
fixed order, and the core imports no condition, no storage and no facade."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from utils import conditions, models
from utils.core import entries
from utils.core.entries import EntryError, entry_kind, entry_kinds, parse_entry

ROOT = Path(__file__).resolve().parents[3]
DAY = dt.date(2026, 3, 10)


def _future_day_refused(kind: str, data: dict) -> bool:
    try:
        parse_entry(kind, data)
    except EntryError as exc:
        return any("in the future" in m for m in exc.messages)
    return False


@pytest.mark.parametrize("patch", ["core", "facade"])
def test_one_clock_for_every_validator_whichever_name_is_patched(monkeypatch, patch) -> None:
    target = entries if patch == "core" else models
    monkeypatch.setattr(target, "now", lambda: dt.datetime.combine(DAY, dt.time(12)))
    assert models.now() == entries.now() == dt.datetime(2026, 3, 10, 12)
    tomorrow = (DAY + dt.timedelta(days=1)).isoformat()
    # a condition's kind (utils.conditions.*), a shared kind (utils.core.*), a case (utils.cases)
    assert _future_day_refused("headache_checkin", {"date": tomorrow})
    assert _future_day_refused("midas", {"date": tomorrow, **{f"q{i}": 0 for i in range(1, 6)}})
    assert _future_day_refused(
        "case_call", {"case_id": 1, "date": tomorrow, "said": "call me back"}
    )
    assert parse_entry("headache_checkin", {"date": DAY.isoformat()}).day() == DAY


def test_the_user_time_zone_is_set_once_for_every_name(monkeypatch) -> None:
    monkeypatch.setattr(models, "user_time_zone", lambda: "Pacific/Kiritimati")
    assert entries.user_time_zone is models.user_time_zone
    assert entries.user_time_zone() == "Pacific/Kiritimati"


def test_the_registry_lists_the_conditions_kinds_in_display_order_then_the_shared_ones() -> None:
    # The order before the kinds moved into their packages (exports and backups follow it).
    assert list(entry_kinds()) == [
        "attack",
        "headache_checkin",
        "sweat_day",
        "sweat_baseline",
        "jaw_day",
        "bladder_event",
        "bladder_day",
        "neck_day",
        "neck_scale",
        "spasticity_day",
        "ashworth_grade",
        "goal_score",
        "treatment",
        "botox_session",
        "side_effect",
        "midas",
        "hit6",
        "hdss_assessment",
        "coverage_case",
        "case_call",
    ]
    assert models.ENTRY_KINDS is entries.ENTRY_KINDS is entry_kinds()
    for spec in conditions.all_specs():
        for kind in spec.entry_kinds:
            assert entry_kind(kind).__module__ == f"{spec.package}.models", kind


def test_an_unknown_condition_is_refused_with_the_known_ones_named() -> None:
    with pytest.raises(EntryError) as err:
        parse_entry(
            "treatment",
            {
                "condition": "knees",
                "name": "x",
                "treatment_class": "beta_blocker",
                "start": DAY.isoformat(),
                "outcome": "ongoing",
            },
        )
    assert (
        "condition: Input should be 'headache', 'sweating', 'jaw', 'bladder', 'neck' or 'spasticity'"
        in err.value.messages
    )


def _imported_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(out.stdout.split())


def test_the_core_imports_no_condition_no_store_and_no_facade() -> None:
    loaded = _imported_after("import utils.core.entries, utils.core.treatments")
    assert not {m for m in loaded if m.startswith("utils.conditions.") and m.count(".") > 2}
    assert not {"utils.models", "utils.store", "utils.cases", "streamlit"} & loaded


def test_cases_import_first_without_a_cycle() -> None:
    loaded = _imported_after("import utils.cases")
    assert "utils.models" not in loaded
