"""The jaw forms part: its uniform API, and the old names in utils.entry_forms."""

from __future__ import annotations

import datetime as dt

import pytest

from utils import conditions
from utils import entry_forms as ef
from utils.conditions.jaw import forms
from utils.models import JawDay

DAY = dt.date(2026, 11, 20)


def test_the_registry_finds_the_forms_part() -> None:
    assert conditions.part("jaw", "forms") is forms


def test_free_day_is_a_normal_jaw_day() -> None:
    entry = forms.free_day(DAY)
    assert isinstance(entry, JawDay) and entry.normal_day and entry.date == DAY
    assert forms.DAY_DIARY["kind"] == JawDay.KIND
    assert forms.DAY_DIARY["page"] == "pages/jaw.py"


@pytest.mark.parametrize(
    ("answer", "stored"), [("Yes", True), ("No", False), ("Not recorded", None)]
)
def test_night_guard_answers_round_trip(answer, stored) -> None:
    e = forms.jaw_day_from_form({"date": DAY, "pain": 3, "night_guard": answer, "helped": " ice "})
    assert e.night_guard is stored and e.helped == "ice"
    assert forms.jaw_day_to_form(e)["night_guard"] == answer
    assert forms.jaw_day_from_form(forms.jaw_day_to_form(e)) == e


def test_old_names_still_work() -> None:
    assert ef.jaw_day_from_form is forms.jaw_day_from_form
    assert ef.normal_jaw_day is forms.normal_jaw_day
    with pytest.raises(AttributeError):
        ef.no_such_name  # noqa: B018
