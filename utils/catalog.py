"""The old import path of ``utils.core.catalog`` (the data files in ``content/``).

Every name is read from and written to ``utils.core.catalog``, so a correction set through either
name (a test replacing ``catalog.acute_classes``) reaches every caller and every validator.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

from utils.core import catalog as _core

_NAMES = (
    "CONTENT_DIR",
    "acute_choices",
    "acute_classes",
    "acute_medicine_names",
    "load_yaml",
    "medications",
    "treatment_choices",
    "treatment_classes",
)
__all__ = [*_NAMES]


def _forward(name: str) -> property:
    def read(self: ModuleType) -> Any:
        return getattr(_core, name)

    def write(self: ModuleType, value: Any) -> None:
        setattr(_core, name, value)

    return property(read, write)


# Properties (data descriptors) on the module's class: reads and writes go to utils.core.catalog.
sys.modules[__name__].__class__ = type(
    "_Catalog", (ModuleType,), {name: _forward(name) for name in _NAMES}
)
