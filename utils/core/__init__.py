"""Shared core below every condition: dates and month keys (``dates``), shared diary helpers.

Nothing in ``utils.core`` names a condition; a condition's code lives in
``utils/conditions/<key>/`` and reaches the core by plain imports, never the other way round
(a core function that needs a condition's part asks the registry at run time).
"""
