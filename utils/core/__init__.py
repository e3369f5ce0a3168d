"""Shared core below every condition: dates and month keys (``dates``), the one clock and the
base entry model (``entries``), shared diary helpers, catalogs and scores.

Nothing in ``utils.core`` names a condition; a condition's code lives in
``utils/conditions/<key>/`` and reaches the core by plain imports, never the other way round
(a core function that needs a condition's part asks the registry at run time).
"""
