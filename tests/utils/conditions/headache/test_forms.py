"""The headache forms part: its uniform API, and the old names in utils.forms."""

from __future__ import annotations

import datetime as dt

from utils import conditions, forms
from utils.conditions.headache import forms as headache_forms
from utils.models import Attack, HeadacheCheckin

DAY = dt.date(2026, 11, 20)


def test_the_registry_finds_the_forms_part() -> None:
    assert conditions.part("headache", "forms") is headache_forms


def test_free_day_is_a_check_in_and_the_diary_is_not_one_entry_a_day() -> None:
    entry = headache_forms.free_day(DAY)
    assert isinstance(entry, HeadacheCheckin) and entry.date == DAY
    assert headache_forms.DAY_DIARY is None


def test_incomplete_lists_what_an_attack_lacks_and_nothing_for_a_check_in() -> None:
    bare = Attack(start_date=DAY, start_time=dt.time(9), duration_minutes=60)
    assert headache_forms.incomplete(bare) == headache_forms.attack_missing(bare) != []
    assert headache_forms.incomplete(HeadacheCheckin(date=DAY)) == []


def test_old_names_still_work_and_shared_helpers_stay() -> None:
    assert forms.attack_from_form is headache_forms.attack_from_form
    assert forms.YES_NO is headache_forms.YES_NO and "Not sure" in forms.YES_NO
    assert forms.day_rows.__module__ == "utils.forms"
    assert forms.threshold_settings.__module__ == "utils.forms"
