"""Headache / migraine: the attack diary, headache-free days, chronic migraine rule sets."""

from utils.conditions.spec import ConditionSpec

SPEC = ConditionSpec(
    key="headache",
    label="Headache / migraine",
    order=10,
    entry_kinds=("attack", "headache_checkin"),
    rule_sets=("chronic_migraine_first", "chronic_migraine_renewal"),
    page="pages/headache.py",
    page_title="Headache diary",
    page_icon=":material/sick:",
)
