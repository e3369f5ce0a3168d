"""Shared form helpers of the diary pages: the day-by-day listing and the plan's thresholds.

The headache attack and check-in conversions moved to ``utils/conditions/headache/forms.py``;
their old names (``forms.attack_from_form`` ...) still work here.

The uniform API of a condition's ``forms`` part (``conditions.part(key, "forms")``):

- ``free_day(day)``: the entry that records ``day`` as a day with nothing to report;
- ``FREE_LABEL`` (optional): what such a day is called in the catch-up grid ("headache-free");
  "a normal day" when absent;
- ``incomplete(entry)`` (optional): what an entry still lacks, shown by the diary's
  "Complete" button;
- ``DAY_DIARY``: for a one-entry-a-day diary, what the home page's quick actions show
  (``kind``, ``page``, ``heading``, ``link``, ``hint``), else None;
- ``HOME_ACTIONS`` (optional): one-tap buttons on the home page (``heading``, ``page``, ``link``,
  ``buttons``: each ``action``, ``label``, ``icon``, optional ``short`` for messages); a tap
  saves ``home_action(action)``; ``home_actions(settings)`` (optional) gives the buttons for one
  profile (bladder: "Catheterized now" when the profile is neurogenic);
- ``__all__``: every public name (the old ``utils.forms`` / ``utils.entry_forms`` find them there);
- and the condition's own ``*_from_form(values) -> entry`` / ``*_to_form(entry) -> values``.
No streamlit in any of them: they are tested directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from utils.core.diary_rows import rows_between
from utils.core.entries import EntryError
from utils.form_values import moved_to_conditions
from utils.storage.rows import StoredEntry

__all__ = ["day_rows", "threshold_settings"]


def day_rows(
    rows: Sequence[StoredEntry], start: dt.date, end: dt.date, kinds: Sequence[str]
) -> list[dict[str, Any]]:
    """One line per calendar day of the period, newest first: what was logged, or 'not logged'.

    Used by the diary pages to list entries by day, unlogged days included.
    """
    by_day: dict[dt.date, list[StoredEntry]] = {}
    wanted = set(kinds)
    for r in rows_between(rows, start, end):  # indexed rows: only these days are read
        if r.kind in wanted and start <= r.day <= end:
            by_day.setdefault(r.day, []).append(r)
    out = []
    day = end
    while day >= start:
        items = by_day.get(day, [])
        out.append(
            {
                "day": day,
                "logged": bool(items),
                "summary": "; ".join(i.entry.summary() for i in items) if items else "not logged",
                "entry_ids": [i.id for i in items],
                "late": any(i.late_days > 2 for i in items),
            }
        )
        day -= dt.timedelta(days=1)
    return out


def threshold_settings(settings: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The profile settings with the plan's own thresholds: only values that differ from the
    default are kept, and any value the rules refuse is reported (nothing is changed then)."""
    from utils import criteria

    specs = criteria.threshold_specs()
    values = dict(values)
    for k, v in values.items():
        if isinstance(v, str) and isinstance(specs.get(k, {}).get("default"), list):
            try:
                values[k] = [int(x) if float(x).is_integer() else float(x) for x in v.split(",")]
            except ValueError:
                raise EntryError(
                    [f"{specs[k]['label']}: give numbers separated by commas"]
                ) from None
    chosen = {k: v for k, v in values.items() if k in specs and v != specs[k]["default"]}
    used = criteria.resolve_thresholds({"thresholds": chosen})
    if used.ignored:
        raise EntryError(
            [
                f"{specs.get(i['key'], {}).get('label', i['key'])}: {i['reason']}"
                for i in used.ignored
            ]
        )
    new = dict(settings)
    new["thresholds"] = chosen
    new.pop("migraine_day_rule", None)
    return new


# Names that moved to a condition's ``forms`` part, found through the registry when first
# asked for (this module neither imports nor names a condition).
__getattr__ = moved_to_conditions(__name__)
