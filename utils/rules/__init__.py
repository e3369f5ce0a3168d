"""The rules layer: payer rule sets from ``content/rules``, thresholds, and the check engine.

``thresholds`` loads the rule sets and resolves a profile's thresholds; ``engine`` holds the
statuses, the facts the checks read, the results, the ``@check`` registry and the evaluation;
``checks`` holds the checks every condition shares (age, prescriber, diary completeness, Botox
sessions and their spacing). A condition's own checks live in its package
(``utils/conditions/<key>/criteria.py``) and register themselves with ``@check``; the engine
imports them through the condition registry when it first evaluates.
"""
