"""Sweating (hyperhidrosis): the HDSS day diary, topical trials, hyperhidrosis rule sets."""

from utils.conditions.spec import ConditionSpec

SPEC = ConditionSpec(
    key="sweating",
    label="Sweating (hyperhidrosis)",
    order=20,
    entry_kinds=("sweat_day",),
    rule_sets=("hyperhidrosis_first", "hyperhidrosis_renewal"),
    page="pages/sweating.py",
    page_title="Sweating diary",
    page_icon=":material/water_drop:",
)
