"""The base of every diary entry: the clock, the shared validators and the entry-kind registry.

Every kind of diary entry is a pydantic model with a ``KIND`` name and a ``day()`` (the calendar
day it describes). The store keeps the validated JSON of each entry; nothing reaches the database
without passing through these models, so a bad value is refused the same way everywhere.

The clock: ``now()`` is the one "now" of the app. Every validator reads it through this module
(``entries.now()``), so a test (``tests/conftest.py``) or hosted mode (``user_time_zone``) sets it
here, once, and every entry kind sees it. ``utils.models.now`` reads and writes the same clock.

The registry: an entry kind registers itself with ``@register`` where it is defined (the condition
packages' ``models`` parts, the shared kinds below, the case tracker). ``entry_kinds()`` (also
``ENTRY_KINDS``) imports every provider the first time it is needed, so it always holds every
kind, in a fixed order: the conditions' kinds in display order, then ``SHARED_KIND_MODULES``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import threading
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

from utils import conditions

MAX_NOTE = 2000
MAX_SHORT = 120

Note = Annotated[str, Field(max_length=MAX_NOTE)]
Short = Annotated[str, Field(max_length=MAX_SHORT)]

CONDITIONS: dict[str, str] = conditions.labels()  # {key: label}, from the condition registry
Condition = Literal[conditions.keys()]  # type: ignore[valid-type]  # "headache" | "sweating" | ...


# ---------------------------------------------------------------- the clock

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


# ---------------------------------------------------------------- plain data

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
        if depth + 1 > MAX_DEPTH:  # the checks one level down say so
            for k in value:
                check_plain_data(k, where, depth + 1)
        for k, v in value.items():
            # The common keys and values (text, whole numbers, yes/no, empty) are checked here,
            # as the call one level down would, without a call each (a backup holds ~250,000).
            if type(k) is str:
                if "\x00" in k:
                    raise ValueError(f"{where or 'text'}: text may not contain a NUL character")
            else:
                check_plain_data(k, where, depth + 1)
            kind = type(v)
            if kind is str:
                if "\x00" in v:
                    at = f"{where}.{k}" if where else str(k)
                    raise ValueError(f"{at or 'text'}: text may not contain a NUL character")
            elif kind is not int and kind is not bool and v is not None:
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


# ---------------------------------------------------------------- the entry-kind registry

# Modules with entry kinds that belong to no one condition, imported after the conditions' own
# ``models`` parts (their order is the order of ENTRY_KINDS, hence of exports and backups).
SHARED_KIND_MODULES = ("utils.core.treatments", "utils.core.questionnaires", "utils.cases")

_registered: dict[str, type[Entry]] = {}  # every kind registered so far, in registration order
_kinds: dict[str, type[Entry]] = {}  # ENTRY_KINDS: filled in once, by entry_kinds()
_loaded = False
_loading = threading.RLock()


def register(cls: type[Entry]) -> type[Entry]:
    """Add an entry kind (a class decorator, used where the kind is defined)."""
    _registered[cls.KIND] = cls
    if _loaded:
        _kinds[cls.KIND] = cls
    return cls


def entry_kinds() -> dict[str, type[Entry]]:
    """``{kind: class}`` of every entry kind: the conditions' kinds (display order), then the
    shared ones. The first call imports every provider; later calls return the same dict."""
    global _loaded
    if _loaded:
        return _kinds
    with _loading:
        if _loaded:
            return _kinds
        providers = [module.__name__ for _, module in conditions.parts("models")]
        for name in SHARED_KIND_MODULES:
            importlib.import_module(name)
            providers.append(name)
        rank = {name: i for i, name in enumerate(providers)}
        order = sorted(_registered.values(), key=lambda c: rank.get(c.__module__, len(rank)))
        _kinds.update((cls.KIND, cls) for cls in order)
        _loaded = True
    return _kinds


def entry_kind(kind: str) -> type[Entry]:
    """The class of ``kind`` (``KeyError`` for an unknown kind)."""
    return entry_kinds()[kind]


def __getattr__(name: str) -> Any:
    if name == "ENTRY_KINDS":
        return entry_kinds()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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


def parse_entry(kind: str, data: dict[str, Any]) -> Entry:
    """Validate ``data`` as an entry of ``kind``; raises ``EntryError`` with readable messages."""
    cls = entry_kinds().get(kind)
    if cls is None:
        raise EntryError([f"unknown entry kind '{kind}'"])
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        raise EntryError(friendly_errors(exc)) from None


def parse_entry_json(kind: str, text: str | bytes) -> Entry:
    """Like ``parse_entry`` for an entry's JSON text (what the database stores)."""
    cls = entry_kinds().get(kind)
    if cls is None:
        raise EntryError([f"unknown entry kind '{kind}'"])
    try:
        with reading_stored():
            return cls.model_validate_json(text)
    except ValidationError as exc:
        raise EntryError(friendly_errors(exc)) from None


def build(cls: type[Entry], **data: Any) -> Entry:
    """Create an entry from form values; raises ``EntryError`` with readable messages."""
    return parse_entry(cls.KIND, data)


def validate(entry: Entry) -> Entry:
    """Re-run validation on an entry built in code (forms build models directly)."""
    return parse_entry(entry.KIND, entry.model_dump(mode="json"))
