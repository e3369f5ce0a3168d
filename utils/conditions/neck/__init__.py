"""Neck (cervical dystonia): the neck day diary, the clinician's scale totals, CD rule sets."""

from utils.conditions.spec import ConditionSpec

SPEC = ConditionSpec(
    key="neck",
    label="Neck (cervical dystonia)",
    order=50,
    entry_kinds=("neck_day",),
    rule_sets=("cervical_dystonia_first", "cervical_dystonia_renewal"),
    page="pages/neck.py",
    page_title="Neck diary",
    page_icon=":material/accessibility_new:",
)
