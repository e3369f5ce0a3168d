"""The condition registry finds every package, in order, and checks what each declares."""

from __future__ import annotations

from pathlib import Path

import pytest

from utils import conditions, models

ROOT = Path(__file__).resolve().parents[3]


def test_every_condition_package_is_registered_in_display_order() -> None:
    assert conditions.keys() == ("headache", "sweating", "jaw", "bladder", "neck", "spasticity")
    assert models.CONDITIONS == conditions.labels()
    assert conditions.get("sweating").package == "utils.conditions.sweating"
    assert conditions.get("headache").short == "Headache"
    with pytest.raises(KeyError, match="unknown condition 'knees'"):
        conditions.get("knees")


def test_declared_kinds_pages_and_rule_sets_exist() -> None:
    kinds = set(models.ENTRY_KINDS)
    for spec in conditions.all_specs():
        assert set(spec.entry_kinds) <= kinds, spec.key
        if spec.page:
            assert (ROOT / spec.page).is_file(), spec.page
        for name in spec.rule_sets:
            assert (ROOT / "content" / "rules" / f"{name}.yaml").is_file(), name


def test_a_missing_part_is_none_and_a_broken_part_raises(tmp_path, monkeypatch) -> None:
    assert conditions.part("jaw", "no_such_part") is None
    assert conditions.parts("no_such_part") == []
