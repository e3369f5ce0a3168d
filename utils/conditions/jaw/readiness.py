"""Jaw readiness: no payer rule set, so only the sentence that says why no date can be given.

Part API: see ``utils/conditions/headache/readiness.py`` (``PROJECTIONS``, ``NO_RULE_SET``).
"""

from __future__ import annotations

PROJECTIONS: dict = {}

NO_RULE_SET = (
    "No insurer checklist: Botox for jaw pain (TMJ disorder, bruxism) is off-label and "
    "usually refused, so no date can be given. A complete diary and every treatment tried are "
    "what an appeal needs."
)
