"""utils.core.catalog and its old path utils.catalog are one catalog: a correction set through either
name reaches the validators."""

from __future__ import annotations

import pytest

from utils import catalog
from utils.core import catalog as core_catalog
from utils.core.entries import EntryError, parse_entry


@pytest.mark.parametrize("target", [catalog, core_catalog], ids=["old path", "core"])
def test_a_class_left_out_of_the_catalog_is_refused_by_the_validators(monkeypatch, target):
    attack = {
        "start_date": "2026-01-05",
        "medications": [{"name": "sumatriptan", "drug_class": "triptan"}],
    }
    assert parse_entry("attack", attack).medications[0].drug_class == "triptan"
    without = {k: v for k, v in core_catalog.acute_classes().items() if k != "triptan"}
    monkeypatch.setattr(target, "acute_classes", lambda: without)
    assert catalog.acute_classes() is core_catalog.acute_classes()
    with pytest.raises(EntryError, match="Unknown medicine class 'triptan'"):
        parse_entry("attack", attack)


def test_the_content_folder_is_found_from_the_core() -> None:
    assert catalog.CONTENT_DIR == core_catalog.CONTENT_DIR
    assert (core_catalog.CONTENT_DIR / "medications.yaml").is_file()
