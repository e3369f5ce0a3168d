"""Bladder (overactive bladder with urge leaks; neurogenic detrusor overactivity): the bladder
diary (voids, leaks, drinks, the complete-24-hour check-in) and its rule sets."""

from utils.conditions.spec import ConditionSpec

SPEC = ConditionSpec(
    key="bladder",
    label="Bladder (overactive or neurogenic)",
    order=40,
    entry_kinds=("bladder_event", "bladder_day"),
    rule_sets=(  # pairs (first, renewal), chosen by the profile's bladder_type setting
        "overactive_bladder_first",
        "overactive_bladder_renewal",
        "neurogenic_bladder_first",
        "neurogenic_bladder_renewal",
    ),
    page="pages/bladder.py",
    page_title="Bladder diary",
    page_icon=":material/water_full:",
)
