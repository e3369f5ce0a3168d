"""The doctor-visit summary as a PDF: a facade kept for old import paths.

The summary is built in ``utils.documents.summary`` (page 1), ``utils.documents.sections`` (the
later sections) and ``utils.documents.blocks`` (shared blocks and the condition hooks), on the
PDF building blocks of ``utils.documents.pdf``; each condition's parts are in
``utils/conditions/<key>/report.py``.
"""

from __future__ import annotations

from typing import Any

from utils.documents.blocks import (  # noqa: F401
    MISSING_TEXT,
    STATUS_TEXT,
    SUMMARY_MONTHS,
    monthly_rows,
    status_text,
)
from utils.documents.pdf import (  # noqa: F401
    ATTESTATION_HEIGHT,
    FONT,
    FONT_DIR,
    FONT_FILES,
    HEADER_FILL,
    PAPERS,
    PLACEHOLDER,
    ZEBRA_FILL,
    Doc,
    clean,
    fmt_date,
    fmt_num,
)
from utils.documents.summary import (  # noqa: F401
    ReportOptions,
    build_report,
    file_name,
    identifiers_line,
    options_from,
    stage_order,
)

_Doc = Doc  # the old private name
_monthly_rows = monthly_rows

__all__ = [
    "ATTESTATION_HEIGHT",
    "FONT",
    "FONT_DIR",
    "FONT_FILES",
    "HEADER_FILL",
    "MISSING_TEXT",
    "PAPERS",
    "PLACEHOLDER",
    "STATUS_TEXT",
    "SUMMARY_MONTHS",
    "ZEBRA_FILL",
    "Doc",
    "ReportOptions",
    "build_report",
    "clean",
    "file_name",
    "fmt_date",
    "fmt_num",
    "identifiers_line",
    "options_from",
    "stage_order",
    "status_text",
]


def __getattr__(name: str) -> Any:
    """Tables that moved into the conditions, by their old names: ``SECTIONS`` (the switches
    of the sections), ``DIAGNOSIS`` and
    ``PLAIN_VALUES`` (merged over the conditions), ``RENEWAL_OF``, ``ACUTE_SHORT``."""
    from utils.documents.blocks import renewal_of, report_parts

    if name == "SECTIONS":
        from utils.documents.summary import sections_offered

        return sections_offered()
    if name == "RENEWAL_OF":
        return renewal_of()
    if name == "DIAGNOSIS":
        from utils import conditions

        return {
            spec.key: module.DIAGNOSIS
            for spec, module in conditions.parts("report")
            if hasattr(module, "DIAGNOSIS")
        }
    if name in ("PLAIN_VALUES", "PLAIN_LABELS", "ACUTE_SHORT"):
        merged: dict[str, str] = {}
        for module in report_parts():
            merged.update(getattr(module, name, {}))
        return merged
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
