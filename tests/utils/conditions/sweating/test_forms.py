"""The sweating forms part: its uniform API, and the old names in utils.entry_forms."""

from __future__ import annotations

import datetime as dt

from utils import conditions
from utils import entry_forms as ef
from utils.conditions.sweating import forms
from utils.models import SweatBaseline, SweatDay

DAY = dt.date(2026, 11, 20)


def test_the_registry_finds_the_forms_part() -> None:
    assert conditions.part("sweating", "forms") is forms


def test_free_day_is_a_normal_day_of_the_diary_kind() -> None:
    entry = forms.free_day(DAY)
    assert isinstance(entry, SweatDay) and entry.normal_day and entry.date == DAY
    assert forms.DAY_DIARY["kind"] == SweatDay.KIND
    assert forms.DAY_DIARY["page"] == "pages/sweating.py"


def test_a_form_without_answers_keeps_them_not_recorded() -> None:
    e = forms.sweat_day_from_form(
        {"date": DAY, "hdss": 2, "episodes": "", "stopped_during_sleep": "Not recorded"}
    )
    assert e.episodes is None and e.stopped_during_sleep is None
    assert forms.sweat_day_to_form(e)["stopped_during_sleep"] == "Not recorded"


def test_baseline_answers_default_to_unknown() -> None:
    b = forms.baseline_from_form({"answered_on": DAY, "onset_age": "14"})
    assert isinstance(b, SweatBaseline) and b.onset_age == 14
    assert all(getattr(b, key) == "unknown" for key in forms.BASELINE_QUESTIONS)


def test_old_names_still_work() -> None:
    assert ef.sweat_day_from_form is forms.sweat_day_from_form
    assert ef.BASELINE_QUESTIONS is forms.BASELINE_QUESTIONS
    from utils.entry_forms import current_baseline

    assert current_baseline is forms.current_baseline
    assert set(forms.__all__) <= set(dir(forms))
