"""The condition registry: every condition package registers itself here, once.

Shared layers (pages, evidence, documents, exchange, CLI) iterate over ``all_specs()`` and ask a
condition for one of its parts with ``part(key, name)``; no shared module needs to learn a
condition's name. Adding a condition means adding ``utils/conditions/<key>/`` with a ``SPEC``
in its ``__init__.py`` (see ``spec.py``) and its content (rule sets, guide pages).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from types import ModuleType

from utils.conditions.spec import ConditionSpec

__all__ = ["ConditionSpec", "all_specs", "get", "keys", "labels", "part", "parts"]


@cache
def _registry() -> dict[str, ConditionSpec]:
    found: list[ConditionSpec] = []
    for info in pkgutil.iter_modules(__path__):
        if not info.ispkg:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        spec = getattr(module, "SPEC", None)
        if not isinstance(spec, ConditionSpec):
            raise RuntimeError(f"condition package '{info.name}' has no SPEC = ConditionSpec(...)")
        if spec.key != info.name:
            raise RuntimeError(f"condition package '{info.name}' registers key '{spec.key}'")
        found.append(ConditionSpec(**{**spec.__dict__, "package": module.__name__}))
    found.sort(key=lambda s: (s.order, s.key))
    return {s.key: s for s in found}


def all_specs() -> tuple[ConditionSpec, ...]:
    """Every registered condition, in display order."""
    return tuple(_registry().values())


def keys() -> tuple[str, ...]:
    return tuple(_registry())


def labels() -> dict[str, str]:
    """``{key: label}`` in display order."""
    return {s.key: s.label for s in _registry().values()}


def get(key: str) -> ConditionSpec:
    try:
        return _registry()[key]
    except KeyError:
        raise KeyError(f"unknown condition '{key}'") from None


def part(key: str, name: str) -> ModuleType | None:
    """The condition's module ``name`` (``"charts"``, ``"report"``, ...), or None if it has none."""
    module = f"{get(key).package}.{name}"
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise


def parts(name: str) -> list[tuple[ConditionSpec, ModuleType]]:
    """``(spec, module)`` for every condition that has the part ``name``, in display order."""
    out = []
    for spec in all_specs():
        module = part(spec.key, name)
        if module is not None:
            out.append((spec, module))
    return out
