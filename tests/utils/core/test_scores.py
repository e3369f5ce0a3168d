"""MIDAS grades, HIT-6 bands and HDSS rules at every boundary."""

from __future__ import annotations

import pytest

from utils.scores import hdss_response, hdss_severe, hit6_band, midas_grade


@pytest.mark.parametrize(
    ("score", "grade"),
    [(0, "I"), (5, "I"), (6, "II"), (10, "II"), (11, "III"), (20, "III"), (21, "IV"), (460, "IV")],
)
def test_midas_grade_boundaries(score: int, grade: str) -> None:
    assert midas_grade(score)[0] == grade


def test_midas_negative_refused() -> None:
    with pytest.raises(ValueError):
        midas_grade(-1)


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (36, "little or no impact"),
        (49, "little or no impact"),
        (50, "some impact"),
        (55, "some impact"),
        (56, "substantial impact"),
        (59, "substantial impact"),
        (60, "severe impact"),
        (78, "severe impact"),
    ],
)
def test_hit6_band_boundaries(total: int, band: str) -> None:
    assert hit6_band(total) == band


@pytest.mark.parametrize("total", [35, 79])
def test_hit6_out_of_range(total: int) -> None:
    with pytest.raises(ValueError):
        hit6_band(total)


def test_hdss_rules() -> None:
    assert not hdss_severe(2)
    assert hdss_severe(3) and hdss_severe(4)
    assert hdss_response(4, 2) and hdss_response(3, 1)
    assert not hdss_response(4, 3)
