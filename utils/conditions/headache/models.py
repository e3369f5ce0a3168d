"""Headache / migraine entry kinds: attacks (with the acute medicines taken) and headache-free
check-ins. Part ``models`` of the condition package: importing it registers its kinds."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from utils.core import catalog, entries
from utils.core.entries import (
    MAX_SHORT,
    Entry,
    Note,
    Past,
    Short,
    _after_now,
    _PlainText,
    register,
)


class MedicationDose(_PlainText):
    CELL_SHAPE: ClassVar[str] = "medications"  # its CSV cell shape (utils.exchange.columns)
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    name: Annotated[str, Field(min_length=1, max_length=MAX_SHORT)]
    drug_class: str
    dose: Short = ""
    time: dt.time | None = None
    relief_2h: Literal["none", "partial", "full"] | None = None

    @field_validator("drug_class")
    @classmethod
    def _known_class(cls, v: str) -> str:
        if v not in catalog.acute_classes():
            known = ", ".join(catalog.acute_classes())
            raise ValueError(f"unknown medicine class '{v}'; choose one of: {known}")
        return v


AURA_TYPES = ("visual", "sensory", "speech", "motor", "brainstem", "retinal")
SIDES = ("left", "right", "both", "varies")
FUNCTION_LABELS = {
    0: "0 none",
    1: "1 mild",
    2: "2 moderate: had to cut down",
    3: "3 severe: bed rest",
}


@register
class Attack(Entry):
    """A headache attack. Start time may be unknown; end may be a time, a duration or 'ongoing'."""

    KIND: ClassVar[str] = "attack"
    LABEL: ClassVar[str] = "Headache attack"

    start_date: Annotated[dt.date, Past("The start day")]
    start_time: dt.time | None = None
    end: dt.datetime | None = None
    duration_minutes: Annotated[int | None, Field(default=None, ge=1, le=60 * 24 * 14)] = None
    ongoing: bool = False
    pain: Annotated[int | None, Field(default=None, ge=0, le=10)] = None
    function: Annotated[int | None, Field(default=None, ge=0, le=3)] = None
    side: Literal["left", "right", "both", "varies"] | None = None
    pulsating: bool | None = None
    worse_with_activity: bool | None = None
    nausea_vomiting: bool | None = None
    light_sensitivity: bool | None = None
    sound_sensitivity: bool | None = None
    aura: bool | None = None
    aura_types: list[Literal["visual", "sensory", "speech", "motor", "brainstem", "retinal"]] = []
    medications: Annotated[list[MedicationDose], Field(default_factory=list, max_length=20)]
    lost_work_hours: Annotated[float | None, Field(default=None, ge=0, le=24 * 14)] = None
    lost_household_hours: Annotated[float | None, Field(default=None, ge=0, le=24 * 14)] = None
    lost_social_hours: Annotated[float | None, Field(default=None, ge=0, le=24 * 14)] = None
    triggers: Annotated[list[Short], Field(default_factory=list, max_length=30)]
    notes: Note = ""

    @model_validator(mode="after")
    def _consistent(self) -> Attack:
        start = self.start_datetime()
        if self.start_time is not None and _after_now(start):
            raise ValueError("the start time is in the future; enter a time up to now")
        given = sum(x is not None and x is not False for x in (self.end, self.duration_minutes))
        if self.ongoing and given:
            raise ValueError("an attack that is still going has no end or duration yet")
        if given > 1:
            raise ValueError("give either an end time or a duration, not both")
        if self.end is not None:
            if self.start_time is None:
                raise ValueError("an end time needs a start time; give a duration instead")
            if self.end <= start:
                raise ValueError("the end is before the start; check the end date and time")
            if self.end - start > dt.timedelta(days=14):
                raise ValueError("an attack longer than 14 days: split it or check the dates")
            if _after_now(self.end):
                raise ValueError("the end time is in the future; mark the attack 'still going'")
        if self.aura_types and self.aura is False:
            raise ValueError("aura types are given but aura is 'no'")
        return self

    def day(self) -> dt.date:
        return self.start_date

    def start_datetime(self) -> dt.datetime:
        return dt.datetime.combine(self.start_date, self.start_time or dt.time(0, 0))

    def duration(self, at: dt.datetime | None = None) -> dt.timedelta | None:
        """Known duration; an ongoing attack runs to ``at`` (default now)."""
        if self.duration_minutes is not None:
            return dt.timedelta(minutes=self.duration_minutes)
        if self.end is not None:
            return self.end - self.start_datetime()
        if self.ongoing and self.start_time is not None:
            return max((at or entries.now()) - self.start_datetime(), dt.timedelta(0))
        return None

    def summary(self) -> str:
        parts = ["Attack"]
        if self.start_time is not None:
            parts.append(f"from {self.start_time.strftime('%H:%M')}")
        d = self.duration()
        if self.ongoing:
            parts.append("(still going)")
        elif d is not None:
            hours = d.total_seconds() / 3600
            parts.append(f"{hours:.1f} h")
        else:
            parts.append("(duration not recorded)")
        if self.pain is not None:
            parts.append(f"pain {self.pain}/10")
        if self.medications:
            parts.append("took " + ", ".join(m.name for m in self.medications))
        return " ".join(parts)


@register
class HeadacheCheckin(Entry):
    """A one-tap record that the day had no headache."""

    KIND: ClassVar[str] = "headache_checkin"
    LABEL: ClassVar[str] = "No headache today"

    date: Annotated[dt.date, Past("The day")]
    notes: Note = ""

    def day(self) -> dt.date:
        return self.date
