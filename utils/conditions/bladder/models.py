"""Bladder entry kinds: one event (a void, a leak or a drink) and the day's check-in.

Part ``models`` of the condition package: importing it registers its kinds.

``bladder_event`` is what the one-tap buttons save ("Void now", "Leak now"): the time, and any
details the patient adds (volume, urgency 0-4, leak size, whether the urge came first, the drink).
``bladder_day`` is the "complete 24 h" check-in: the day counts only when the patient says every
void and leak of the day was logged; it also holds last night's bedtime and this morning's
waking time (so night voids count as nocturia) and the pads changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator

from utils.core import entries
from utils.core.entries import Entry, Past, Short, register

EVENTS = ("void", "leak", "drink", "catheter")  # catheter: urine drained by self-catheterization
# Signs of a urinary infection the day check-in can record; fever and flank pain are urgent.
INFECTION_SIGNS = {
    "burning": "burning or pain when passing urine",
    "fever": "fever or chills",
    "cloudy": "cloudy or bad-smelling urine",
    "bloody": "blood in the urine",
    "flank_pain": "pain in the side or back (flank)",
}
URGENT_SIGNS = ("fever", "flank_pain")
# The app's own urgency words (0-4); not the wording of any published scale.
URGENCY_WORDS = {
    0: "0 · no urge, went anyway",
    1: "1 · slight urge, easy to wait",
    2: "2 · clear urge, could wait a while",
    3: "3 · strong urge, had to hurry",
    4: "4 · could not wait",
}
LEAK_AMOUNTS = ("drops", "small", "wet clothes", "soaked")
DRINK_KINDS = ("water", "caffeine (coffee, tea, cola)", "alcohol", "fizzy", "other")
MAX_VOID_ML = 2000
MAX_DRINK_ML = 3000


@register
class BladderEvent(Entry):
    KIND: ClassVar[str] = "bladder_event"
    LABEL: ClassVar[str] = "Bladder event"

    at: dt.datetime
    event: Literal[EVENTS]  # type: ignore[valid-type]
    volume_ml: Annotated[int | None, Field(default=None, ge=1)] = None
    urgency: Annotated[int | None, Field(default=None, ge=0, le=4)] = None
    leak_amount: Literal[LEAK_AMOUNTS] | None = None  # type: ignore[valid-type]
    urge_first: bool | None = None
    drink_kind: Literal[DRINK_KINDS] | None = None  # type: ignore[valid-type]
    notes: Short = ""

    @model_validator(mode="after")
    def _consistent(self) -> BladderEvent:
        if entries._after_now(self.at):
            raise ValueError(
                f"the time {self.at:%d %b %Y %H:%M} is in the future; give a time up to now"
            )
        if self.event != "void" and self.urgency is not None:
            raise ValueError(
                "urgency is rated for a void only (for a leak, say if the urge came first)"
            )
        if self.event != "leak" and (self.leak_amount is not None or self.urge_first is not None):
            raise ValueError("leak size and 'urge came first' belong to a leak only")
        if self.event != "drink" and self.drink_kind is not None:
            raise ValueError("the kind of drink belongs to a drink only")
        if self.event == "catheter" and self.urgency is not None:
            raise ValueError("urgency is rated for a void only")
        if self.event == "leak" and self.volume_ml is not None:
            raise ValueError("a leak has a size (drops ... soaked), not a volume in mL")
        limit = MAX_DRINK_ML if self.event == "drink" else MAX_VOID_ML
        if self.volume_ml is not None and self.volume_ml > limit:
            raise ValueError(f"the volume is at most {limit} mL; check the number")
        return self

    def day(self) -> dt.date:
        return self.at.date()

    def summary(self) -> str:
        t = f"{self.at:%H:%M}"
        if self.event == "void":
            bits = [
                f"{self.volume_ml} mL" if self.volume_ml else "",
                f"urgency {self.urgency}/4" if self.urgency is not None else "",
            ]
            extra = ", ".join(b for b in bits if b)
            return f"{t} void" + (f" ({extra})" if extra else "")
        if self.event == "leak":
            urge = {True: "urge first", False: "no urge first", None: ""}[self.urge_first]
            extra = ", ".join(b for b in (self.leak_amount or "", urge) if b)
            return f"{t} leak" + (f" ({extra})" if extra else "")
        if self.event == "catheter":
            return f"{t} catheterization" + (f" ({self.volume_ml} mL)" if self.volume_ml else "")
        bits = [self.drink_kind or "", f"{self.volume_ml} mL" if self.volume_ml else ""]
        extra = ", ".join(b for b in bits if b)
        return f"{t} drink" + (f" ({extra})" if extra else "")


@register
class BladderDay(Entry):
    KIND: ClassVar[str] = "bladder_day"
    LABEL: ClassVar[str] = "Bladder day check-in"

    date: Annotated[dt.date, Past("The day")]
    complete: bool = False  # every void and leak of this day (midnight to midnight) is logged
    bedtime: dt.time | None = None  # last night: went to sleep (after noon = the evening before)
    wake_time: dt.time | None = None  # this morning: got up for the day
    pads: Annotated[int | None, Field(default=None, ge=0, le=30)] = None
    infection_signs: list[Literal[tuple(INFECTION_SIGNS)]] = []  # type: ignore[valid-type]
    notes: Short = ""

    @model_validator(mode="after")
    def _consistent(self) -> BladderDay:
        if self.complete and (self.bedtime is None or self.wake_time is None):
            raise ValueError(
                "a complete day needs last night's bedtime and this morning's waking time "
                "(so night voids can be counted)"
            )
        if (self.bedtime is None) != (self.wake_time is None):
            raise ValueError("give both the bedtime and the waking time, or neither")
        night = self.night()
        if night is not None and night[1] <= night[0]:
            raise ValueError("the waking time is before the bedtime; check both times")
        return self

    def night(self) -> tuple[dt.datetime, dt.datetime] | None:
        """(went to sleep, got up) of the night that ended on the morning of ``date``: a bedtime
        from noon on is the evening before, an earlier one is after midnight."""
        if self.bedtime is None or self.wake_time is None:
            return None
        bed_day = self.date - dt.timedelta(days=1) if self.bedtime.hour >= 12 else self.date
        return (
            dt.datetime.combine(bed_day, self.bedtime),
            dt.datetime.combine(self.date, self.wake_time),
        )

    def day(self) -> dt.date:
        return self.date

    def summary(self) -> str:
        parts = ["complete 24 h" if self.complete else "not marked complete"]
        if self.bedtime is not None and self.wake_time is not None:
            parts.append(f"bed {self.bedtime:%H:%M}, up {self.wake_time:%H:%M}")
        if self.pads is not None:
            parts.append(f"{self.pads} pad{'s' if self.pads != 1 else ''}")
        if self.infection_signs:
            parts.append(
                "infection signs: " + ", ".join(INFECTION_SIGNS[x] for x in self.infection_signs)
            )
        return "Check-in: " + ", ".join(parts)
