"""Headache: what the exchange layer (``utils.exchange``) needs to know about this condition.

Uniform API of a condition's ``exchange.py`` (read through ``conditions.parts("exchange")``):

``TEMPLATE_KINDS``
    The entry kinds that have a CSV template (import and export), in the order shown.
"""

TEMPLATE_KINDS = ("attack", "headache_checkin")
