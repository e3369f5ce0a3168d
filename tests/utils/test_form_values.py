"""Reading form widget values (shared by every condition's forms part)."""

from __future__ import annotations

import datetime as dt

import pytest

from utils import form_values as fv


@pytest.mark.parametrize(
    ("raw", "value"),
    [("Yes", True), ("No", False), ("Not recorded", None), (True, True), (None, None)],
)
def test_flag(raw, value) -> None:
    assert fv.flag(raw) is value


@pytest.mark.parametrize(("raw", "value"), [(None, None), ("", None), ("0", 0), (3, 3)])
def test_count_keeps_an_empty_answer_not_recorded(raw, value) -> None:
    assert fv.count(raw) == value


def test_text_fmt_and_yes_no() -> None:
    assert fv.text("  x ") == "x" and fv.text(None) == ""
    assert fv.fmt(dt.date(2026, 3, 5)) == "5 Mar 2026" and fv.fmt(None) == ""
    assert [fv.yes_no(v) for v in (True, False, None)] == ["Yes", "No", "Not recorded"]


def test_defaults_reader_falls_back_only_for_missing_or_unrecorded_values() -> None:
    d = fv.defaults_reader({"pain": 0, "notes": None, "sites": ["palms"]})
    assert d("pain", 5) == 0  # a recorded zero is kept
    assert d("notes", "") == ""  # not recorded
    assert d("missing", []) == []
    assert d("sites", []) == ["palms"]
    assert fv.defaults_reader({})("pain", None) is None
