"""Diary entities and their validation: one definition used by forms, imports and backups.

Every kind of diary entry is a pydantic model with a ``KIND`` name and a ``day()`` (the calendar
day it describes). The store keeps the validated JSON of each entry; nothing reaches the database
without passing through these models, so a bad value is refused the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Annotated, Any, ClassVar, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from utils import catalog, conditions

MAX_NOTE = 2000
MAX_SHORT = 120

Note = Annotated[str, Field(max_length=MAX_NOTE)]
Short = Annotated[str, Field(max_length=MAX_SHORT)]

CONDITIONS: dict[str, str] = conditions.labels()  # {key: label}, from the condition registry
Condition = Literal["headache", "sweating", "jaw"]


# Hosted mode: the person's time zone (the browser's), when the server is elsewhere. Returns an
# IANA name ("Europe/Berlin") or None for this computer's own time zone (local mode).
user_time_zone: Callable[[], str | None] | None = None


def local_now() -> dt.datetime:
    """The person's current wall-clock time (naive): this computer's, or in hosted mode the time
    in the person's own time zone, so "today", late entries and "not in the future" are theirs."""
    name = user_time_zone() if user_time_zone is not None else None
    if name:
        try:
            return dt.datetime.now(ZoneInfo(name)).replace(tzinfo=None)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return dt.datetime.now()


def now() -> dt.datetime:
    """The current local time; tests replace it to pin "today"."""
    return local_now()


# Set while stored data is read back: "not in the future" is a rule for what a person enters, not
# for what was saved. A day saved where it was already tomorrow (a hosted user east of the server,
# a clock set differently) must still read.
_reading_stored: ContextVar[bool] = ContextVar("reading_stored", default=False)


@contextmanager
def reading_stored() -> Iterator[None]:
    token = _reading_stored.set(True)
    try:
        yield
    finally:
        _reading_stored.reset(token)


def _after_now(moment: dt.datetime) -> bool:
    """True when ``moment`` lies more than 5 minutes after now (never while reading stored data)."""
    return not _reading_stored.get() and moment > now() + dt.timedelta(minutes=5)


def _not_future(day: dt.date, what: str) -> dt.date:
    if not _reading_stored.get() and day > now().date():
        raise ValueError(f"{what} is in the future ({day.isoformat()}); enter a day up to today")
    return day


def Past(what: str) -> AfterValidator:  # capitalised: it reads as a type in annotations
    """A date that may not lie after today: ``day: Annotated[dt.date, Past("The day")]``."""
    return AfterValidator(lambda day: _not_future(day, what))


MAX_DEPTH = 20


def check_plain_data(value: Any, where: str = "", depth: int = 0) -> None:
    """Refuse what no diary text or number may hold: NUL characters (databases refuse or cut
    them), infinite or NaN numbers, and nesting deeper than ``MAX_DEPTH`` levels."""
    if depth > MAX_DEPTH:
        raise ValueError(f"{where or 'the data'}: nested too deeply (at most {MAX_DEPTH} levels)")
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError(f"{where or 'text'}: text may not contain a NUL character")
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{where or 'a number'}: give a finite number (not NaN or infinity)")
    elif isinstance(value, dict):
        for k, v in value.items():
            check_plain_data(k, where, depth + 1)
            check_plain_data(v, f"{where}.{k}" if where else str(k), depth + 1)
    elif isinstance(value, list | tuple):
        for v in value:
            check_plain_data(v, where, depth + 1)


# Days a diary can describe: earlier or later ones are typing mistakes (and date arithmetic
# near year 1 or 9999 overflows), refused with a message rather than stored.
MIN_DAY = dt.date(1900, 1, 1)
MAX_DAY = dt.date(2200, 12, 31)


def _check_dates(value: Any, where: str) -> None:
    day = value.date() if isinstance(value, dt.datetime) else value
    if isinstance(day, dt.date):
        if not MIN_DAY <= day <= MAX_DAY:
            raise ValueError(
                f"{day.isoformat()} is outside the years {MIN_DAY.year}-{MAX_DAY.year}; "
                "check the year"
            )
    elif isinstance(value, list | tuple):
        for v in value:
            _check_dates(v, where)


class _PlainText(BaseModel):
    """Models whose text is refused when it holds a NUL character (in any field, at any depth),
    and whose dates lie between 1900 and 2200."""

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        if isinstance(data, dict):
            check_plain_data(data)
        return data

    @field_validator("*", mode="after")
    @classmethod
    def _sane_dates(cls, value: Any, info: ValidationInfo) -> Any:
        _check_dates(value, info.field_name or "")
        return value


class Entry(_PlainText):
    """Base of every diary entry kind."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, validate_assignment=False)
    KIND: ClassVar[str] = ""
    LABEL: ClassVar[str] = ""

    def day(self) -> dt.date:  # pragma: no cover - every kind overrides
        raise NotImplementedError

    def summary(self) -> str:
        return self.LABEL


# ---------------------------------------------------------------- headache


class MedicationDose(_PlainText):
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
            return max((at or now()) - self.start_datetime(), dt.timedelta(0))
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


class HeadacheCheckin(Entry):
    """A one-tap record that the day had no headache."""

    KIND: ClassVar[str] = "headache_checkin"
    LABEL: ClassVar[str] = "No headache today"

    date: Annotated[dt.date, Past("The day")]
    notes: Note = ""

    def day(self) -> dt.date:
        return self.date


# ---------------------------------------------------------------- sweating

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


# ---------------------------------------------------------------- jaw

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


# ---------------------------------------------------------------- treatments and Botox

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
        end = self.stop or (today or now().date())
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
)


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


# ---------------------------------------------------------------- questionnaires

MIDAS_ITEMS = (
    "Days you missed work or school because of headaches",
    "Days your work or school productivity was cut by half or more",
    "Days you did no household work because of headaches",
    "Days your household work productivity was cut by half or more",
    "Days you missed family, social or leisure activities",
)
MIDAS_MAX_DAYS = 92  # the longest possible 3-month window


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
        from utils.scores import midas_grade

        return f"MIDAS {self.score()} (grade {midas_grade(self.score())[0]})"


class Hit6(Entry):
    KIND: ClassVar[str] = "hit6"
    LABEL: ClassVar[str] = "HIT-6 total"

    date: Annotated[dt.date, Past("The date")]
    total: Annotated[int, Field(ge=36, le=78)]
    notes: Note = ""

    def day(self) -> dt.date:
        return self.date

    def summary(self) -> str:
        from utils.scores import hit6_band

        return f"HIT-6 {self.total} ({hit6_band(self.total)})"


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


# ---------------------------------------------------------------- profile settings


def _npi(value: str) -> str:
    if value and not (value.isdigit() and len(value) == 10):
        raise ValueError("an NPI is 10 digits")
    return value


class ProfileSettings(BaseModel):
    """Settings kept with a profile (``Profile.settings``), read and checked in one place.

    The identifiers are optional and printed on documents only when ``print_identifiers`` is on:
    the patient chooses. Other keys of the settings dictionary (the plan's thresholds) are left
    alone by ``from_settings`` / ``to_settings``.
    """

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    print_identifiers: bool = False
    patient_name: Short = ""
    date_of_birth: Annotated[dt.date, Past("The date of birth")] | None = None
    member_id: Annotated[str, Field(max_length=40)] = ""
    clinician_name: Short = ""
    clinician_specialty: Short = ""
    clinician_npi: Annotated[str, Field(max_length=10), AfterValidator(_npi)] = ""

    @classmethod
    def from_settings(cls, settings: dict[str, Any] | None) -> ProfileSettings:
        """The settings of a profile; values that no longer validate are dropped."""
        data = dict(settings or {})
        try:
            return cls.model_validate(data)
        except ValidationError:
            good = {}
            for name in cls.model_fields:
                if name in data:
                    try:
                        cls.model_validate({name: data[name]})
                    except ValidationError:
                        continue
                    good[name] = data[name]
            return cls.model_validate(good)

    def to_settings(self, settings: dict[str, Any] | None) -> dict[str, Any]:
        """``settings`` with these values written in (other keys kept)."""
        new = dict(settings or {})
        new.update(self.model_dump(mode="json"))
        return new


# ---------------------------------------------------------------- registry

ENTRY_KINDS: dict[str, type[Entry]] = {
    cls.KIND: cls
    for cls in (
        Attack,
        HeadacheCheckin,
        SweatDay,
        SweatBaseline,
        JawDay,
        Treatment,
        BotoxSession,
        SideEffect,
        Midas,
        Hit6,
        HdssAssessment,
    )
}


def register(cls: type[Entry]) -> type[Entry]:
    """Add an entry kind defined in another module (the case tracker, for instance)."""
    ENTRY_KINDS[cls.KIND] = cls
    return cls


def parse_entry(kind: str, data: dict[str, Any]) -> Entry:
    """Validate ``data`` as an entry of ``kind``; raises ``EntryError`` with readable messages."""
    cls = ENTRY_KINDS.get(kind)
    if cls is None:
        raise EntryError([f"unknown entry kind '{kind}'"])
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        raise EntryError(friendly_errors(exc)) from None


def parse_entry_json(kind: str, text: str | bytes) -> Entry:
    """Like ``parse_entry`` for an entry's JSON text (what the database stores)."""
    cls = ENTRY_KINDS.get(kind)
    if cls is None:
        raise EntryError([f"unknown entry kind '{kind}'"])
    try:
        with reading_stored():
            return cls.model_validate_json(text)
    except ValidationError as exc:
        raise EntryError(friendly_errors(exc)) from None


class EntryError(ValueError):
    """Validation failure with one readable message per problem."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("; ".join(messages))


def friendly_errors(exc: ValidationError) -> list[str]:
    """Turn pydantic errors into short sentences that say what to fix."""
    out: list[str] = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"] if p != "__root__")
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        if err["type"] == "string_too_long":
            limit = err.get("ctx", {}).get("max_length")
            msg = f"text is too long (at most {limit} characters)"
        field = loc.replace("_", " ")
        msg = msg[0].upper() + msg[1:] if msg else msg
        out.append(f"{field}: {msg}" if field else msg)
    return out


def build(cls: type[Entry], **data: Any) -> Entry:
    """Create an entry from form values; raises ``EntryError`` with readable messages."""
    return parse_entry(cls.KIND, data)


def validate(entry: Entry) -> Entry:
    """Re-run validation on an entry built in code (forms build models directly)."""
    return parse_entry(entry.KIND, entry.model_dump(mode="json"))


from utils import cases as _cases  # noqa: E402,F401  (registers the case-tracker kinds)
