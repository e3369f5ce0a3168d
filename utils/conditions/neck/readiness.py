"""Neck readiness: no projection of its own; the shared projections cover its checks.

Part API: see ``utils/conditions/headache/readiness.py`` (``PROJECTIONS``).
"""

from __future__ import annotations

PROJECTIONS: dict = {}
