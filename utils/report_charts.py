"""The report's matplotlib figures: a facade kept for old import paths.

The building blocks are in ``utils.documents.charts``; each condition's figures are in
``utils/conditions/<key>/pdf_charts.py``. A figure's name (``monthly_headache``, ``hdss_chart``,
``page_one``, ...) is looked up in the condition modules when asked for.
"""

from __future__ import annotations

from typing import Any

from utils.documents.charts import (  # noqa: F401
    DPI,
    GREYS,
    HATCHES,
    WIDTH_IN,
    Chart,
    all_charts,
    monthly_counts,
    summary_chart,
    summary_keys,
)

__all__ = [
    "DPI",
    "GREYS",
    "HATCHES",
    "WIDTH_IN",
    "Chart",
    "all_charts",
    "monthly_counts",
    "summary_chart",
    "summary_keys",
]


def __getattr__(name: str) -> Any:
    """A condition's figure builder by its old name (``calendar_grid``, ``hdss_chart``, ...)."""
    from utils import conditions

    for _, module in conditions.parts("pdf_charts"):
        if not name.startswith("__") and hasattr(module, name):
            return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
