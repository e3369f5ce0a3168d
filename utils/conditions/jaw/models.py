"""Jaw (TMJ / bruxism) entry kind: the jaw day.
Part ``models`` of the condition package: importing it registers its kinds."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator

from utils.core.entries import Entry, Note, Past, Short, register

JAW_SYMPTOMS = (
    "pain when chewing",
    "clicking or popping",
    "locking",
    "limited opening",
    "facial muscle ache",
    "ear ringing or ear pain",
    "tension headache",
    "tooth sensitivity",
    "teeth wear or damage noticed",
)
CLENCHING = ("day", "night", "told by partner or dentist")


@register
class JawDay(Entry):
    KIND: ClassVar[str] = "jaw_day"
    LABEL: ClassVar[str] = "Jaw day"

    date: Annotated[dt.date, Past("The day")]
    normal_day: bool = False
    pain: Annotated[int | None, Field(default=None, ge=0, le=10)] = None
    symptoms: list[Literal[JAW_SYMPTOMS]] = []  # type: ignore[valid-type]
    clenching: list[Literal[CLENCHING]] = []  # type: ignore[valid-type]
    night_guard: bool | None = None
    helped: Short = ""
    notes: Note = ""

    @model_validator(mode="after")
    def _consistent(self) -> JawDay:
        if not self.normal_day and self.pain is None:
            raise ValueError("give the jaw pain (0-10), or mark a normal day")
        if self.normal_day and (self.symptoms or (self.pain or 0) > 0):
            raise ValueError("a normal day has no jaw pain or symptoms")
        return self

    def day(self) -> dt.date:
        return self.date

    def summary(self) -> str:
        if self.normal_day:
            return "Normal day (no jaw symptoms)"
        sym = ", ".join(self.symptoms) or "no other symptoms"
        return f"Jaw pain {self.pain}/10 ({sym})"
