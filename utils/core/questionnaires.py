"""Questionnaire entry kinds: MIDAS and HIT-6 (headache), the HDSS assessment (sweating).

Scored questionnaires are kept apart from the day diaries so that any condition's evidence can
read their history; the scoring bands are in ``utils.core.scores``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from utils.core.entries import Entry, Note, Past, register

MIDAS_ITEMS = (
    "Days you missed work or school because of headaches",
    "Days your work or school productivity was cut by half or more",
    "Days you did no household work because of headaches",
    "Days your household work productivity was cut by half or more",
    "Days you missed family, social or leisure activities",
)
MIDAS_MAX_DAYS = 92  # the longest possible 3-month window


@register
class Midas(Entry):
    KIND: ClassVar[str] = "midas"
    LABEL: ClassVar[str] = "MIDAS"

    date: Annotated[dt.date, Past("The date")]
    q1: Annotated[int, Field(ge=0, le=MIDAS_MAX_DAYS)]
    q2: Annotated[int, Field(ge=0, le=MIDAS_MAX_DAYS)]
    q3: Annotated[int, Field(ge=0, le=MIDAS_MAX_DAYS)]
    q4: Annotated[int, Field(ge=0, le=MIDAS_MAX_DAYS)]
    q5: Annotated[int, Field(ge=0, le=MIDAS_MAX_DAYS)]
    headache_days: Annotated[int | None, Field(default=None, ge=0, le=MIDAS_MAX_DAYS)] = None
    average_pain: Annotated[int | None, Field(default=None, ge=0, le=10)] = None
    notes: Note = ""

    def day(self) -> dt.date:
        return self.date

    def score(self) -> int:
        return self.q1 + self.q2 + self.q3 + self.q4 + self.q5

    def summary(self) -> str:
        from utils.core.scores import midas_grade

        return f"MIDAS {self.score()} (grade {midas_grade(self.score())[0]})"


@register
class Hit6(Entry):
    KIND: ClassVar[str] = "hit6"
    LABEL: ClassVar[str] = "HIT-6 total"

    date: Annotated[dt.date, Past("The date")]
    total: Annotated[int, Field(ge=36, le=78)]
    notes: Note = ""

    def day(self) -> dt.date:
        return self.date

    def summary(self) -> str:
        from utils.core.scores import hit6_band

        return f"HIT-6 {self.total} ({hit6_band(self.total)})"

# The HDSS scale (shared: the HDSS assessment here, the sweating day diary's grade).
HDSS_STATEMENTS = {
    1: "My sweating is never noticeable and never interferes with my daily activities.",
    2: "My sweating is tolerable but sometimes interferes with my daily activities.",
    3: "My sweating is barely tolerable and frequently interferes with my daily activities.",
    4: "My sweating is intolerable and always interferes with my daily activities.",
}
HDSS_ATTRIBUTION = (
    "Hyperhidrosis Disease Severity Scale (HDSS), as published by the International "
    "Hyperhidrosis Society."
)


@register
class HdssAssessment(Entry):
    KIND: ClassVar[str] = "hdss_assessment"
    LABEL: ClassVar[str] = "HDSS assessment"

    date: Annotated[dt.date, Past("The date")]
    score: Annotated[int, Field(ge=1, le=4)]
    timing: Literal["before treatment", "after treatment", "routine"] = "routine"
    notes: Note = ""

    def day(self) -> dt.date:
        return self.date

    def summary(self) -> str:
        return f"HDSS {self.score} ({self.timing})"
