"""Read-only access to the data files in ``content/`` (catalogs, rule sets, guide text)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"


@cache
def load_yaml(name: str) -> Any:
    with open(CONTENT_DIR / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def medications() -> dict[str, Any]:
    return load_yaml("medications.yaml")


@cache
def acute_classes() -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in medications()["acute_classes"]}


@cache
def treatment_classes() -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in medications()["treatment_classes"]}


@cache
def acute_medicine_names() -> dict[str, str]:
    """Map of a known acute medicine's generic or brand name (lower case) to its class id."""
    names: dict[str, str] = {}
    for cls in medications()["acute_classes"]:
        for ex in cls["examples"]:
            names[ex["generic"].lower()] = cls["id"]
            for brand in ex["brands"]:
                names[brand.lower()] = cls["id"]
    return names


def acute_choices() -> list[tuple[str, str]]:
    """(label, class id) pairs for a medicine picker: 'sumatriptan (Imitrex)' -> 'triptan'."""
    out: list[tuple[str, str]] = []
    for cls in medications()["acute_classes"]:
        for ex in cls["examples"]:
            brands = ", ".join(ex["brands"])
            label = f"{ex['generic']} ({brands})" if brands else ex["generic"]
            out.append((label, cls["id"]))
    return out


def treatment_choices(condition: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for cls in medications()["treatment_classes"]:
        if cls["condition"] != condition:
            continue
        for ex in cls["examples"]:
            brands = ", ".join(ex["brands"])
            label = f"{ex['generic']} ({brands})" if brands else ex["generic"]
            out.append((label, cls["id"]))
        if not cls["examples"]:
            out.append((cls["label"], cls["id"]))
    return out
