"""Sweating (hyperhidrosis) entry kinds: the HDSS day and the once-answered history.
Part ``models`` of the condition package: importing it registers its kinds."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator

from utils.core.entries import Entry, Note, Past, Short, register
from utils.core.questionnaires import HDSS_ATTRIBUTION, HDSS_STATEMENTS  # noqa: F401 (the scale)

SWEAT_SITES = ("underarms", "palms", "soles", "face/scalp", "back/chest", "groin", "other")
SWEAT_AFFECTED = (
    "handshakes",
    "work",
    "school",
    "social events",
    "exercise",
    "intimacy",
    "touching paper or screens",
)
SWEAT_TRIGGERS = ("heat", "stress", "exercise", "food", "none noticed")
SKIN_PROBLEMS = ("maceration", "infection", "eczema or irritation")


@register
class SweatDay(Entry):
    KIND: ClassVar[str] = "sweat_day"
    LABEL: ClassVar[str] = "Sweating day"

    date: Annotated[dt.date, Past("The day")]
    normal_day: bool = False
    sites: list[Literal[SWEAT_SITES]] = []  # type: ignore[valid-type]
    hdss: Annotated[int | None, Field(default=None, ge=1, le=4)] = None
    episodes: Annotated[int | None, Field(default=None, ge=0, le=200)] = None
    clothing_changes: Annotated[int | None, Field(default=None, ge=0, le=50)] = None
    extra_showers: Annotated[int | None, Field(default=None, ge=0, le=50)] = None
    affected: list[Literal[SWEAT_AFFECTED]] = []  # type: ignore[valid-type]
    triggers: list[Literal[SWEAT_TRIGGERS]] = []  # type: ignore[valid-type]
    stopped_during_sleep: bool | None = None
    skin_problems: list[Literal[SKIN_PROBLEMS]] = []  # type: ignore[valid-type]
    topical_product: Short = ""
    topical_strength: Short = ""
    topical_irritation: bool | None = None
    notes: Note = ""

    @model_validator(mode="after")
    def _consistent(self) -> SweatDay:
        if not self.normal_day and self.hdss is None:
            raise ValueError("choose how severe the sweating was (HDSS 1-4), or mark a normal day")
        if self.normal_day and (self.sites or (self.episodes or 0) > 0):
            raise ValueError("a normal day has no sweating sites or episodes")
        return self

    def day(self) -> dt.date:
        return self.date

    def summary(self) -> str:
        if self.normal_day:
            return "Normal day (no troublesome sweating)"
        sites = ", ".join(self.sites) or "sites not recorded"
        eps = f", {self.episodes} episodes" if self.episodes is not None else ""
        return f"Sweating HDSS {self.hdss} ({sites}){eps}"


YesNoUnknown = Literal["yes", "no", "unknown"]


@register
class SweatBaseline(Entry):
    """The once-answered hyperhidrosis history (editable)."""

    KIND: ClassVar[str] = "sweat_baseline"
    LABEL: ClassVar[str] = "Sweating history (baseline)"

    answered_on: Annotated[dt.date, Past("The date answered")]
    onset_age: Annotated[int | None, Field(default=None, ge=0, le=110)] = None
    duration_months: Annotated[int | None, Field(default=None, ge=0, le=1200)] = None
    family_history: YesNoUnknown = "unknown"
    bilateral_symmetric: YesNoUnknown = "unknown"
    impairs_daily_activities: YesNoUnknown = "unknown"
    weekly_episodes: YesNoUnknown = "unknown"
    stops_during_sleep: YesNoUnknown = "unknown"
    sites: list[Literal[SWEAT_SITES]] = []  # type: ignore[valid-type]
    secondary_causes_checked: YesNoUnknown = "unknown"
    notes: Note = ""

    def day(self) -> dt.date:
        return self.answered_on
