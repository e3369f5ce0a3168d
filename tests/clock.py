"""One "now" for a whole test session.

The app reads the time through ``utils.core.entries.now`` (``utils.models.now`` is the same
clock); tests/conftest.py pins it to ``NOW`` for every test, and tests use ``TODAY`` / ``NOW``
from here instead of the system clock. So a run that crosses midnight (or starts just before it)
still agrees with itself about "today".
"""

from __future__ import annotations

import datetime as dt

NOW = dt.datetime.now().replace(second=0, microsecond=0)
TODAY = NOW.date()
