"""The old import path of the diary entities, kept so existing imports keep working.

The entities now live where they belong:
- ``utils.core.entries``: the base entry model, the shared validators, the one clock (``now``,
  ``local_now``, ``user_time_zone``) and the entry-kind registry (``ENTRY_KINDS``, ``parse_entry``);
- ``utils.core.treatments``, ``utils.core.questionnaires``, ``utils.core.profile``: the kinds
  every condition shares;
- ``utils.conditions.<key>.models``: each condition's own kinds (``Attack``, ``SweatDay``, ...),
  found here through the condition registry when first asked for (never at import time).

``models.now`` and ``models.user_time_zone`` read and write the clock in ``utils.core.entries``,
so a test that replaces ``models.now`` changes "now" for every validator. New code imports from
the new homes.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

from utils import conditions
from utils.core import entries as _entries
from utils.core.entries import (  # noqa: F401
    CONDITIONS,
    MAX_DAY,
    MAX_DEPTH,
    MAX_NOTE,
    MAX_SHORT,
    MIN_DAY,
    Condition,
    Entry,
    EntryError,
    Note,
    Past,
    Short,
    _after_now,
    _check_dates,
    _not_future,
    _PlainText,
    _reading_stored,
    build,
    check_plain_data,
    entry_kind,
    entry_kinds,
    friendly_errors,
    local_now,
    parse_entry,
    parse_entry_json,
    reading_stored,
    register,
    validate,
)
from utils.core.profile import ProfileSettings, _npi  # noqa: F401
from utils.core.questionnaires import (  # noqa: F401
    MIDAS_ITEMS,
    MIDAS_MAX_DAYS,
    HdssAssessment,
    Hit6,
    Midas,
)
from utils.core.treatments import (  # noqa: F401
    DEFAULT_SESSION_INTERVAL_DAYS,
    INJECTION_AREAS,
    MIGRAINE_PROTOCOL_AREAS,
    OUTCOMES,
    SIDE_EFFECTS,
    SPECIALTIES,
    TOXIN_PRODUCTS,
    URGENT_SIDE_EFFECTS,
    BotoxSession,
    SideEffect,
    Specialty,
    Treatment,
)

_EAGER = [
    # utils.core.entries
    "CONDITIONS",
    "MAX_DAY",
    "MAX_DEPTH",
    "MAX_NOTE",
    "MAX_SHORT",
    "MIN_DAY",
    "Condition",
    "Entry",
    "EntryError",
    "Note",
    "Past",
    "Short",
    "build",
    "check_plain_data",
    "entry_kind",
    "entry_kinds",
    "friendly_errors",
    "local_now",
    "parse_entry",
    "parse_entry_json",
    "reading_stored",
    "register",
    "validate",
    # utils.core.treatments, questionnaires, profile
    "DEFAULT_SESSION_INTERVAL_DAYS",
    "INJECTION_AREAS",
    "MIDAS_ITEMS",
    "MIDAS_MAX_DAYS",
    "MIGRAINE_PROTOCOL_AREAS",
    "OUTCOMES",
    "SIDE_EFFECTS",
    "SPECIALTIES",
    "TOXIN_PRODUCTS",
    "URGENT_SIDE_EFFECTS",
    "BotoxSession",
    "HdssAssessment",
    "Hit6",
    "Midas",
    "ProfileSettings",
    "SideEffect",
    "Specialty",
    "Treatment",
]
# Read through the module (the clock, ENTRY_KINDS) or found through the registry on first use
# (the conditions' names, from utils.conditions.<key>.models).
_LAZY = [
    "ENTRY_KINDS",
    "now",
    "user_time_zone",
    "AURA_TYPES",
    "CLENCHING",
    "FUNCTION_LABELS",
    "HDSS_ATTRIBUTION",
    "HDSS_STATEMENTS",
    "JAW_SYMPTOMS",
    "SIDES",
    "SKIN_PROBLEMS",
    "SWEAT_AFFECTED",
    "SWEAT_SITES",
    "SWEAT_TRIGGERS",
    "Attack",
    "HeadacheCheckin",
    "JawDay",
    "MedicationDose",
    "SweatBaseline",
    "SweatDay",
    "YesNoUnknown",
]
__all__ = [*_EAGER, *_LAZY]


def __getattr__(name: str) -> Any:
    """``ENTRY_KINDS``, and a condition's names (``Attack``), found through the registry."""
    if name == "ENTRY_KINDS":
        return _entries.entry_kinds()
    if not name.startswith("__"):
        for _, module in conditions.parts("models"):
            if hasattr(module, name):
                value = getattr(module, name)
                globals()[name] = value  # found once; later reads are plain attribute reads
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Models(ModuleType):
    """``models.now`` / ``models.user_time_zone``: the clock of ``utils.core.entries``, read and
    written there (``monkeypatch.setattr(models, "now", ...)`` reaches every validator)."""

    @property
    def now(self) -> Any:
        return _entries.now

    @now.setter
    def now(self, value: Any) -> None:
        _entries.now = value

    @property
    def user_time_zone(self) -> Any:
        return _entries.user_time_zone

    @user_time_zone.setter
    def user_time_zone(self, value: Any) -> None:
        _entries.user_time_zone = value


sys.modules[__name__].__class__ = _Models
