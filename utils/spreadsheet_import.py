"""Facade: import a headache diary from any spreadsheet (code in ``utils.exchange.sheet_*``).

The file's own columns are mapped to diary fields.

A patient's own spreadsheet (or a paper diary typed into Excel, or another app's export) rarely
has the template's columns. This module reads the file (``.csv`` or ``.xlsx``, the latter through
pandas and openpyxl), finds the header row (also under a title line or a row of merged group
headers), proposes a ``Mapping`` from its columns to diary fields, guesses the date order
(day-first, month-first or year-first; ``None`` when the file cannot tell, and the page asks),
and turns each row into the import template's cells. The rows then go through the existing
import rules of ``utils.exchange`` (``preview_csv``: validation, every problem with its row
number, duplicates skipped; the save is one transaction, all or nothing), with the row numbers
of the original spreadsheet.

Rows become headache attacks; a row that says there was no headache (pain 0 or ``none``, or a
yes/no headache column with ``no``) becomes a "no headache today" check-in. Pain written as
words or on a 1-3 scale is stored on the diary's 0-10 scale as mild = 2, moderate = 5,
severe = 8 (the middle of 1-3, 4-6 and 7-10), extreme = 10, and the original word is kept in
the attack's notes.

Saved mappings live in the profile's settings (``import_mappings``), keyed by the file's
column names, so the next import of the same spreadsheet starts from the mapping used before.

``FIELDS``, ``FEATURES``, ``SYNONYMS``, ``ATTACK_COLUMNS`` and ``CHECKIN_COLUMNS`` are the
headache diary's (``utils/conditions/headache/exchange.py``), read when first asked for.
"""

from typing import Any

from utils.exchange.common import (  # noqa: F401
    ExchangeError,
)
from utils.exchange.csv_import import (  # noqa: F401
    ImportPreview,
    PreviewRow,
)
from utils.exchange.sheet_fields import (  # noqa: F401
    IGNORE,
    MAX_SAVED,
    PAIN_SCALES,
    PREVIEW_ROWS,
    features,
    fields,
    synonyms,
)
from utils.exchange.sheet_import import (  # noqa: F401
    Converted,
    convert_row,
    import_sheet,
    preview,
    preview_table,
)
from utils.exchange.sheet_mapping import (  # noqa: F401
    ColumnMapping,
    propose_mapping,
    saved_mapping,
    settings_with_mapping,
    signature,
)
from utils.exchange.sheet_read import (  # noqa: F401
    Sheet,
    guess_field,
    is_template,
    read_sheet,
)
from utils.exchange.sheet_values import (  # noqa: F401
    DATE_ORDERS,
    PAIN_WORDS,
    SCALE_1_3,
    date_orders,
    guess_date_order,
    parse_date,
    parse_duration,
    parse_pain,
    parse_time,
    split_date_time,
)

__all__ = [
    "ColumnMapping",
    "Converted",
    "DATE_ORDERS",
    "ExchangeError",
    "IGNORE",
    "ImportPreview",
    "MAX_SAVED",
    "PAIN_SCALES",
    "PAIN_WORDS",
    "PREVIEW_ROWS",
    "PreviewRow",
    "SCALE_1_3",
    "Sheet",
    "convert_row",
    "date_orders",
    "guess_date_order",
    "guess_field",
    "import_sheet",
    "is_template",
    "parse_date",
    "parse_duration",
    "parse_pain",
    "parse_time",
    "preview",
    "preview_table",
    "propose_mapping",
    "read_sheet",
    "saved_mapping",
    "settings_with_mapping",
    "signature",
    "split_date_time",
]


def __getattr__(name: str) -> Any:
    if name == "FIELDS":
        return fields()
    if name == "FEATURES":
        return features()
    if name == "SYNONYMS":
        return synonyms()
    if name in ("ATTACK_COLUMNS", "CHECKIN_COLUMNS"):
        from utils.conditions.headache import exchange

        return getattr(exchange, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
