"""Spasticity (upper and lower limb, adults and children): the day diary, the clinician's
Modified Ashworth grades and goal scores, the spasticity rule sets."""

from utils.conditions.spec import ConditionSpec

SPEC = ConditionSpec(
    key="spasticity",
    label="Spasticity (arm or leg stiffness)",
    order=60,
    entry_kinds=("spasticity_day",),  # day kinds; the clinician kinds are in models.py
    rule_sets=("spasticity_first", "spasticity_renewal"),
    page="pages/spasticity.py",
    page_title="Spasticity diary",
    page_icon=":material/accessibility_new:",
)
