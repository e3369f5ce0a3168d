"""Rule sets (``content/rules/*.yaml``) and the thresholds in use for a profile.

Thresholds live in the YAML files; a profile may override any of them through
``Profile.settings["thresholds"]`` (by threshold name or by criterion id, which maps to that
criterion's main threshold). Invalid values are ignored, with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from utils import catalog

RULES_DIR = catalog.CONTENT_DIR / "rules"
GENERAL = "general"


@cache
def _rule_names() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in RULES_DIR.glob("*.yaml")))


def general() -> dict[str, Any]:
    return catalog.load_yaml(f"rules/{GENERAL}.yaml")


def rule_sets() -> dict[str, dict[str, Any]]:
    """Every rule set with criteria, keyed by id (``general`` holds shared definitions only)."""
    out = {}
    for name in _rule_names():
        data = catalog.load_yaml(f"rules/{name}.yaml")
        if data.get("criteria"):
            out[data["id"]] = data
    return out


@cache
def threshold_specs() -> dict[str, dict[str, Any]]:
    """Every threshold with its default, label, limits and the rule sets that use it."""
    specs: dict[str, dict[str, Any]] = {}
    for name in _rule_names():
        data = catalog.load_yaml(f"rules/{name}.yaml")
        for key, spec in (data.get("thresholds") or {}).items():
            if key in specs:
                if specs[key]["default"] != spec["default"]:
                    raise ValueError(
                        f"threshold '{key}' has two different defaults in content/rules"
                    )
                specs[key]["rule_sets"].append(data["id"])
            else:
                specs[key] = {**spec, "rule_sets": [data["id"]]}
    return specs


def default_thresholds() -> dict[str, Any]:
    return {k: _copy(v["default"]) for k, v in threshold_specs().items()}


def _copy(v: Any) -> Any:
    return list(v) if isinstance(v, list) else v


def _criterion_aliases() -> dict[str, set[str]]:
    """Criterion id (full 'rule_set.criterion' and bare) -> the main threshold names it maps to."""
    out: dict[str, set[str]] = {}
    for rs in rule_sets().values():
        for c in rs["criteria"]:
            if c.get("primary"):
                for key in (f"{rs['id']}.{c['id']}", c["id"]):
                    out.setdefault(key, set()).add(c["primary"])
    return out


def _check_value(spec: Mapping[str, Any], value: Any) -> tuple[Any, str | None]:
    default = spec["default"]
    if "choices" in spec:
        if value in spec["choices"]:
            return value, None
        return None, f"choose one of {', '.join(spec['choices'])}"
    if isinstance(default, list):
        if (
            isinstance(value, list)
            and value
            and all(isinstance(x, int | float) and not isinstance(x, bool) for x in value)
            and all(0 < x <= 100 for x in value)
        ):
            return sorted(value), None
        return None, "give a list of percentages between 0 and 100"
    if isinstance(value, bool) or not isinstance(value, int | float):
        try:
            value = float(str(value).strip().rstrip("%"))
        except ValueError:
            return None, "give a number"
    low, high = spec.get("min"), spec.get("max")
    if (low is not None and value < low) or (high is not None and value > high):
        return None, f"give a number from {low} to {high}"
    if isinstance(default, int) and float(value).is_integer():
        value = int(value)
    return value, None


@dataclass(frozen=True)
class ThresholdsUsed:
    values: dict[str, Any]
    rows: tuple[dict[str, Any], ...]  # name, label, value, default, from_settings
    ignored: tuple[dict[str, str], ...]  # key, value, reason


def resolve_thresholds(settings: Mapping[str, Any] | None) -> ThresholdsUsed:
    specs = threshold_specs()
    values = default_thresholds()
    chosen: set[str] = set()
    ignored: list[dict[str, str]] = []
    raw_given = (settings or {}).get("thresholds") or {}
    if not isinstance(raw_given, Mapping):  # stored before settings were validated
        ignored.append(
            {"key": "thresholds", "value": repr(raw_given)[:80], "reason": "not a set of names"}
        )
        raw_given = {}
    given = dict(raw_given)
    if (settings or {}).get("migraine_day_rule") and "migraine_day_rule" not in given:
        given["migraine_day_rule"] = settings["migraine_day_rule"]  # type: ignore[index]
    aliases = _criterion_aliases()
    for key, raw in given.items():
        if key in specs:
            names = {key}
        elif key in aliases:
            names = aliases[key]
            if len(names) > 1:
                ignored.append(
                    {"key": key, "value": repr(raw), "reason": "ambiguous: name the rule set"}
                )
                continue
        else:
            ignored.append({"key": key, "value": repr(raw), "reason": "unknown threshold"})
            continue
        name = next(iter(names))
        value, problem = _check_value(specs[name], raw)
        if problem:
            ignored.append({"key": key, "value": repr(raw), "reason": problem})
            continue
        values[name] = value
        chosen.add(name)
    rows = tuple(
        {
            "name": k,
            "label": s.get("label", k),
            "value": values[k],
            "default": _copy(s["default"]),
            "from_settings": k in chosen,
            "rule_sets": list(s["rule_sets"]),
        }
        for k, s in specs.items()
    )
    return ThresholdsUsed(values, rows, tuple(ignored))


def effective_thresholds(settings: Mapping[str, Any] | None) -> dict[str, Any]:
    """Defaults overridden by the profile's ``settings['thresholds']`` (invalid values ignored)."""
    return resolve_thresholds(settings).values


def year_of_birth(settings: Mapping[str, Any] | None) -> int | None:
    """The optional year of birth in the profile settings (None when absent or not a year)."""
    value = (settings or {}).get("year_of_birth")
    if isinstance(value, bool):
        return None
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return year if 1900 <= year <= 2100 else None


def birth_date(settings: Mapping[str, Any] | None) -> dt.date | None:
    """The optional date of birth of the document identifiers (None when absent or invalid)."""
    value = (settings or {}).get("date_of_birth")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
