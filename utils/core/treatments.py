"""Entry kinds every condition shares: treatment trials, Botox sessions and their side effects.

A trial or a session names its condition (a key of the condition registry).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from utils.core import catalog, entries
from utils.core.entries import (
    MAX_SHORT,
    Condition,
    Entry,
    Note,
    Past,
    Short,
    _not_future,
    register,
)

OUTCOMES = {
    "inadequate_response": "Did not help enough",
    "side_effects": "Side effects",
    "contraindicated": "Not allowed for me (contraindicated)",
    "ongoing": "Still taking",
    "other": "Stopped for another reason",
}


SPECIALTIES = {
    "neurologist": "Neurologist",
    "headache_specialist": "Headache specialist",
    "other": "Another doctor (e.g. family doctor, dermatologist)",
    "dont_know": "Don't know",
}
Specialty = Literal["neurologist", "headache_specialist", "other", "dont_know"]


@register
class Treatment(Entry):
    """One trial of a preventive or topical treatment."""

    KIND: ClassVar[str] = "treatment"
    LABEL: ClassVar[str] = "Treatment trial"

    condition: Condition
    name: Annotated[str, Field(min_length=1, max_length=MAX_SHORT)]
    treatment_class: str
    dose: Short = ""
    strength: Short = ""
    start: Annotated[dt.date, Past("The start date")]
    stop: dt.date | None = None
    outcome: Literal["inadequate_response", "side_effects", "contraindicated", "ongoing", "other"]
    side_effects: Short = ""
    prescriber: Short = ""
    notes: Note = ""
    specialty: Specialty = "dont_know"  # the prescriber's specialty

    @field_validator("treatment_class")
    @classmethod
    def _known_class(cls, v: str) -> str:
        if v not in catalog.treatment_classes():
            raise ValueError(f"unknown treatment class '{v}'")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> Treatment:
        if self.stop is not None:
            if self.stop < self.start:
                raise ValueError("the stop date is before the start date")
            _not_future(self.stop, "The stop date")
            if self.outcome == "ongoing":
                raise ValueError("a treatment with a stop date is not 'still taking'")
        elif self.outcome not in ("ongoing", "contraindicated"):
            raise ValueError("give the stop date, or choose 'still taking'")
        if self.outcome == "side_effects" and not self.side_effects:
            raise ValueError("say which side effects made you stop")
        expected = catalog.treatment_classes()[self.treatment_class]["condition"]
        if expected != self.condition:
            raise ValueError(f"class '{self.treatment_class}' is a {expected} treatment")
        return self

    def day(self) -> dt.date:
        return self.start

    def days_on(self, today: dt.date | None = None) -> int:
        """Days on the treatment, both ends counted; an ongoing trial runs to today."""
        if self.outcome == "contraindicated" and self.stop is None:
            return 0
        end = self.stop or (today or entries.now().date())
        return (end - self.start).days + 1

    def summary(self) -> str:
        until = self.stop.isoformat() if self.stop else "now"
        return f"{self.name} {self.dose} from {self.start.isoformat()} to {until}: {OUTCOMES[self.outcome]}"


TOXIN_PRODUCTS = {
    "botox": "Botox (onabotulinumtoxinA)",
    "dysport": "Dysport (abobotulinumtoxinA)",
    "xeomin": "Xeomin (incobotulinumtoxinA)",
    "daxxify": "Daxxify (daxibotulinumtoxinA)",
    "myobloc": "Myobloc (rimabotulinumtoxinB)",
    "other": "Other toxin",
}
INJECTION_AREAS = (
    "corrugator",
    "procerus",
    "frontalis",
    "temporalis",
    "occipitalis",
    "cervical paraspinal",
    "trapezius",
    "left underarm",
    "right underarm",
    "palms",
    "soles",
    "masseter",
    "other",
)
MIGRAINE_PROTOCOL_AREAS = INJECTION_AREAS[:7]
DEFAULT_SESSION_INTERVAL_DAYS = 84


@register
class BotoxSession(Entry):
    KIND: ClassVar[str] = "botox_session"
    LABEL: ClassVar[str] = "Botox session"

    date: Annotated[dt.date, Past("The session date")]
    condition: Condition
    product: Literal["botox", "dysport", "xeomin", "daxxify", "myobloc", "other"] = "botox"
    units: Annotated[float, Field(gt=0, le=1000)]
    areas: list[Literal[INJECTION_AREAS]] = []  # type: ignore[valid-type]
    injector: Short = ""
    cost: Annotated[float | None, Field(default=None, ge=0, le=100000)] = None
    next_date: dt.date | None = None
    notes: Note = ""
    specialty: Specialty = "dont_know"  # the specialty of the doctor who prescribed or injected

    @model_validator(mode="after")
    def _consistent(self) -> BotoxSession:
        # Botox-type products are dosed up to a few hundred units; Dysport and Myobloc use
        # larger unit numbers, so the sane range depends on the product.
        limit = {"dysport": 1000, "myobloc": 1000}.get(self.product, 600)
        if self.units > limit:
            raise ValueError(
                f"{self.units:g} units is outside the usual range for this product (max {limit})"
            )
        if self.next_date is not None and self.next_date <= self.date:
            raise ValueError("the next session must be after this one")
        return self

    def day(self) -> dt.date:
        return self.date

    def next_session(self) -> dt.date:
        return self.next_date or self.date + dt.timedelta(days=DEFAULT_SESSION_INTERVAL_DAYS)

    def summary(self) -> str:
        return f"{TOXIN_PRODUCTS[self.product].split(' ')[0]} {self.units:g} U for {self.condition}"


SIDE_EFFECTS = (
    "pain at injection site",
    "swelling or bruising",
    "headache",
    "flu-like symptoms",
    "drooping eyelid",
    "uneven eyebrows",
    "crooked smile or drooling",
    "dry eyes",
    "watery eyes",
    "infection at injection site",
    "neck pain",
    "neck weakness",
    "trouble swallowing",
    "trouble breathing",
    "urinary retention",
    "sweating elsewhere (compensatory)",
    "trouble speaking or slurred speech",
    "hoarse or changed voice",
    "double or blurred vision",
    "generalized muscle weakness",
    "loss of bladder control",
    "cannot pass urine at all",
    "burning or pain passing urine",
    "fever, chills or pain in the side",
    "choking or coughing when eating or drinking",
)
# The label's boxed warning (spread of the toxin's effect, hours to weeks after an injection):
# any of these is "get medical help now". Matched as words inside what the patient typed.
URGENT_SIDE_EFFECTS = (
    "swallow",
    "breath",
    "speak",
    "speech",
    "voice",
    "hoarse",
    "double vision",
    "blurred vision",
    "blurry vision",
    "generalized muscle weakness",
    "generalized weakness",
    "general weakness",
    "weakness all over",
    "bladder control",
    "cannot pass urine",
    "can't pass urine",
    "unable to pass urine",
    "pain in the side",
    "choke",
    "choking",
)


@register
class SideEffect(Entry):
    KIND: ClassVar[str] = "side_effect"
    LABEL: ClassVar[str] = "Side effect"

    session_id: int | None = None
    effect: Annotated[str, Field(min_length=1, max_length=MAX_SHORT)]
    start: Annotated[dt.date, Past("The start date")]
    end: dt.date | None = None
    severity: Literal["mild", "moderate", "severe"]
    notes: Note = ""

    @model_validator(mode="after")
    def _consistent(self) -> SideEffect:
        if self.end is not None and self.end < self.start:
            raise ValueError("the end date is before the start date")
        return self

    def day(self) -> dt.date:
        return self.start

    def is_urgent(self) -> bool:
        text = self.effect.lower()
        return any(u in text for u in URGENT_SIDE_EFFECTS)

    def summary(self) -> str:
        return f"{self.effect} ({self.severity})"
