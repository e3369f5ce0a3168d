"""Neck side effects: choking is 'seek care now' like swallowing, breathing and voice trouble;
neck weakness alone is not."""

from __future__ import annotations

import datetime as dt

import pytest

from utils.core.treatments import SIDE_EFFECTS, SideEffect

DAY = dt.date(2026, 4, 10)


@pytest.mark.parametrize(
    ("effect", "urgent"),
    [
        ("choking or coughing when eating or drinking", True),
        ("trouble swallowing", True),
        ("trouble breathing", True),
        ("hoarse or changed voice", True),
        ("generalized muscle weakness", True),
        ("neck weakness", False),
        ("neck pain", False),
    ],
)
def test_neck_side_effects_urgency(effect: str, urgent: bool) -> None:
    assert effect in SIDE_EFFECTS
    e = SideEffect(effect=effect, start=DAY, severity="mild")
    assert e.is_urgent() is urgent


def test_typed_choking_is_urgent() -> None:
    assert SideEffect(effect="Choked on water", start=DAY, severity="mild").is_urgent() is True
    assert SideEffect(effect="choking on tea", start=DAY, severity="mild").is_urgent() is True
