"""Questionnaire scoring: MIDAS grades, HIT-6 impact bands, HDSS severity."""

from __future__ import annotations

MIDAS_GRADES = (
    (0, 5, "I", "little or no disability"),
    (6, 10, "II", "mild disability"),
    (11, 20, "III", "moderate disability"),
    (21, None, "IV", "severe disability"),
)

HIT6_BANDS = (
    (36, 49, "little or no impact"),
    (50, 55, "some impact"),
    (56, 59, "substantial impact"),
    (60, 78, "severe impact"),
)


def midas_grade(score: int) -> tuple[str, str]:
    """(grade, meaning) for a MIDAS total: I 0-5, II 6-10, III 11-20, IV 21 and over."""
    if score < 0:
        raise ValueError("a MIDAS score is never negative")
    for low, high, grade, meaning in MIDAS_GRADES:
        if score >= low and (high is None or score <= high):
            return grade, meaning
    raise AssertionError("unreachable")


def hit6_band(total: int) -> str:
    """Impact band of a HIT-6 total (36-78)."""
    for low, high, band in HIT6_BANDS:
        if low <= total <= high:
            return band
    raise ValueError("a HIT-6 total is between 36 and 78")


def hdss_severe(score: int) -> bool:
    """HDSS 3 or 4 is severe hyperhidrosis."""
    return score >= 3


def hdss_response(before: int, after: int) -> bool:
    """A fall of at least two HDSS grades counts as a response."""
    return before - after >= 2
