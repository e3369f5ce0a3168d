"""Jaw (TMJ / bruxism): the jaw day diary; usually not covered, so no payer rule set."""

from utils.conditions.spec import ConditionSpec

SPEC = ConditionSpec(
    key="jaw",
    label="Jaw (TMJ / bruxism)",
    order=30,
    entry_kinds=("jaw_day",),
    page="pages/jaw.py",
    page_title="Jaw diary",
    page_icon=":material/dentistry:",
)
