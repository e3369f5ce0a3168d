"""Neck (cervical dystonia) entry kinds: the neck day and the clinician's rating-scale total.
Part ``models`` of the condition package: importing it registers its kinds.

Rating scales (TWSTRS, Tsui) are the clinician's instruments: the app stores only the totals
the clinician gives from their form (scale, date, total, optional subscale totals), never items.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator

from utils.core.entries import Entry, Note, Past, Short, register

PULL_LEVELS = ("none", "mild", "moderate", "severe")
PULL_SCORE = {"none": 0, "mild": 1, "moderate": 2, "severe": 3}
DIRECTIONS = (
    "turns left",
    "turns right",
    "tilts left",
    "tilts right",
    "chin down",
    "head back",
    "shoulder raised",
)
LIMITS = ("driving", "reading", "screens", "work", "walking", "sleep", "social")
HELPED = (
    "sensory trick (touching chin or face)",
    "heat",
    "rest or lying down",
    "stretching",
    "massage",
    "pain medicine",
    "muscle relaxant",
)
# After an injection: what the label warns of. The first five are "seek care now".
AFTER_INJECTION = (
    "can't swallow saliva or liquids",
    "choking or coughing when eating or drinking",
    "trouble breathing",
    "voice lost or slurred speech",
    "weakness all over the body",
    "mild trouble swallowing solids",
    "trouble chewing",
    "neck weakness or head drop",
)
URGENT_AFTER_INJECTION = AFTER_INJECTION[:5]

SCALES = {"TWSTRS": 85, "Tsui": 25}  # scale -> highest total
# TWSTRS subscale totals (severity, disability, pain) and their highest values.
TWSTRS_PARTS = {"severity": 35, "disability": 30, "pain": 20}
SCALE_TIMINGS = ("before treatment", "after treatment", "other")


@register
class NeckDay(Entry):
    KIND: ClassVar[str] = "neck_day"
    LABEL: ClassVar[str] = "Neck day"

    date: Annotated[dt.date, Past("The day")]
    normal_day: bool = False
    pain: Annotated[int | None, Field(default=None, ge=0, le=10)] = None
    pull: Literal[PULL_LEVELS] | None = None  # type: ignore[valid-type]
    directions: list[Literal[DIRECTIONS]] = []  # type: ignore[valid-type]
    tremor: bool | None = None  # jerks or tremor of the head
    spasms: bool | None = None
    limits: list[Literal[LIMITS]] = []  # type: ignore[valid-type]
    helped: list[Literal[HELPED]] = []  # type: ignore[valid-type]
    helped_other: Short = ""
    wearing_off: bool = False  # "the last injection is wearing off: symptoms are coming back"
    after_injection: list[Literal[AFTER_INJECTION]] = []  # type: ignore[valid-type]
    notes: Note = ""

    @model_validator(mode="after")
    def _consistent(self) -> NeckDay:
        if not self.normal_day and self.pain is None and self.pull is None:
            raise ValueError(
                "give the neck pain (0-10) or how far the head pulled, or mark a normal day"
            )
        if self.normal_day and (
            (self.pain or 0) > 0
            or self.pull not in (None, "none")
            or self.directions
            or self.tremor
            or self.spasms
            or self.limits
        ):
            raise ValueError("a normal day has no neck pain, pulling, jerks, spasms or limits")
        if self.pull == "none" and self.directions:
            raise ValueError("a direction of pull was chosen, but the pull is 'none'")
        return self

    @property
    def urgent(self) -> list[str]:
        return [s for s in self.after_injection if s in URGENT_AFTER_INJECTION]

    def day(self) -> dt.date:
        return self.date

    def summary(self) -> str:
        if self.normal_day:
            return "Normal day (neck did not bother)"
        parts = []
        if self.pain is not None:
            parts.append(f"neck pain {self.pain}/10")
        if self.pull is not None:
            where = f" ({', '.join(self.directions)})" if self.directions else ""
            parts.append(f"pull {self.pull}{where}")
        if self.limits:
            parts.append("stopped " + ", ".join(self.limits))
        text = "; ".join(parts)
        return text[:1].upper() + text[1:]


@register
class NeckScale(Entry):
    """A clinician's rating-scale total (TWSTRS 0-85 or Tsui 0-25) copied from their form."""

    KIND: ClassVar[str] = "neck_scale"
    LABEL: ClassVar[str] = "Neck rating scale (clinician)"

    date: Annotated[dt.date, Past("The date of the rating")]
    scale: Literal[tuple(SCALES)]  # type: ignore[valid-type]
    total: Annotated[float, Field(ge=0)]
    severity: Annotated[float | None, Field(default=None, ge=0)] = None
    disability: Annotated[float | None, Field(default=None, ge=0)] = None
    pain: Annotated[float | None, Field(default=None, ge=0)] = None
    timing: Literal[SCALE_TIMINGS] = "before treatment"  # type: ignore[valid-type]
    rater: Short = ""
    notes: Note = ""

    @model_validator(mode="after")
    def _consistent(self) -> NeckScale:
        top = SCALES[self.scale]
        if self.total > top:
            raise ValueError(f"a {self.scale} total is 0 to {top}; {self.total:g} is too high")
        parts = {k: getattr(self, k) for k in TWSTRS_PARTS}
        given = {k: v for k, v in parts.items() if v is not None}
        if self.scale != "TWSTRS" and given:
            raise ValueError("subscale totals are for TWSTRS only; leave them empty for Tsui")
        for k, v in given.items():
            if v > TWSTRS_PARTS[k]:
                raise ValueError(
                    f"the TWSTRS {k} subscale is 0 to {TWSTRS_PARTS[k]}; {v:g} is too high"
                )
        if len(given) == len(TWSTRS_PARTS) and abs(sum(given.values()) - self.total) > 0.01:
            raise ValueError(
                f"the three subscales add up to {sum(given.values()):g}, not the total "
                f"{self.total:g}: check the numbers on the clinician's form"
            )
        return self

    def day(self) -> dt.date:
        return self.date

    def summary(self) -> str:
        top = SCALES[self.scale]
        return f"{self.scale} total {self.total:g}/{top} ({self.timing})"
