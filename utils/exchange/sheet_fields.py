"""What a spreadsheet column can be mapped to: the diary fields of the condition whose diary a
spreadsheet of the patient's own is imported into, found in the registry at run time.

That condition's ``exchange.py`` declares ``SHEET_FIELDS`` (field id -> label, in the order
shown; ``date``, ``start_time``, ``end_time``, ``duration`` and ``pain`` are read by the shared
mapping), ``SHEET_FEATURES`` (its yes/no fields), ``SHEET_SYNONYMS`` (field id -> column names
that mean it), ``SHEET_PRESENCE_FIELD`` (the yes/no field saying the condition was there that
day; a column of words under that name is read as pain), ``SHEET_KINDS`` (``(entry kind,
template columns)`` in order of precedence) and ``sheet_convert_row``.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType

IGNORE = ""
PAIN_SCALES = {
    "0-10": "0 to 10",
    "1-3": "1 mild, 2 moderate, 3 severe (0 none)",
}

MAX_SAVED = 20
PREVIEW_ROWS = 10


@cache
def vocabulary() -> ModuleType:
    """The condition part that imports spreadsheets of the patient's own (``SHEET_FIELDS``)."""
    from utils import conditions

    for _, part in conditions.parts("exchange"):
        if hasattr(part, "SHEET_FIELDS"):
            return part
    raise LookupError("no condition imports spreadsheets with columns of their own")


def fields() -> dict[str, str]:
    """Diary fields a column can be mapped to (id -> label shown on the page)."""
    return vocabulary().SHEET_FIELDS


def features() -> tuple[str, ...]:
    return vocabulary().SHEET_FEATURES


def synonyms() -> dict[str, tuple[str, ...]]:
    return vocabulary().SHEET_SYNONYMS
