"""The columns of a diary kind's CSV: one per entry field, in the model's order, with its shape."""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Literal

from utils.models import ENTRY_KINDS

Shape = Literal["text", "number", "bool", "date", "time", "datetime", "list", "medications"]


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The annotation without ``| None``, and whether None was allowed."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        inner = args[0] if len(args) == 1 else annotation
        return inner, len(args) != len(typing.get_args(annotation))
    return annotation, False


def field_shape(kind: str, name: str) -> Shape:
    inner, _ = _unwrap(ENTRY_KINDS[kind].model_fields[name].annotation)
    if typing.get_origin(inner) is list:
        (arg,) = typing.get_args(inner) or (str,)
        # A list of structured items says its own cell shape (the headache attack's medicines:
        # ``MedicationDose.CELL_SHAPE = "medications"``); a list of words is a "list".
        return getattr(arg, "CELL_SHAPE", "list")
    if inner is bool:
        return "bool"
    if inner is dt.datetime:
        return "datetime"
    if inner is dt.date:
        return "date"
    if inner is dt.time:
        return "time"
    if inner in (int, float):
        return "number"
    return "text"


def _choices(kind: str, name: str) -> tuple[str, ...]:
    inner, _ = _unwrap(ENTRY_KINDS[kind].model_fields[name].annotation)
    if typing.get_origin(inner) is list:
        (inner,) = typing.get_args(inner) or (str,)
    if typing.get_origin(inner) is Literal:
        return tuple(str(a) for a in typing.get_args(inner))
    return ()


def csv_columns(kind: str) -> list[str]:
    """The columns of a kind's CSV template (export adds ``recorded_at`` and ``source``)."""
    return list(ENTRY_KINDS[kind].model_fields)


def required_columns(kind: str) -> list[str]:
    return [n for n, f in ENTRY_KINDS[kind].model_fields.items() if f.is_required()]


_SHAPE_HELP = {
    "text": "text",
    "number": "a number",
    "bool": "yes, no, or blank if not known",
    "date": "a date: YYYY-MM-DD",
    "time": "a time: HH:MM (24 hours)",
    "datetime": "date and time: YYYY-MM-DD HH:MM",
    "list": "several values separated by ;",
    "medications": (
        "medicines separated by ;, each 'name (class) dose, at HH:MM, relief none|partial|full' "
        "(class, time and relief optional for known medicines)"
    ),
}


def column_guide(kind: str) -> list[dict[str, str]]:
    """One row per column of a kind's template: what to write, whether it is required."""
    required = set(required_columns(kind))
    out = []
    for name in csv_columns(kind):
        shape = field_shape(kind, name)
        what = _SHAPE_HELP[shape]
        choices = _choices(kind, name)
        if choices:
            what = ("one of: " if shape == "text" else "any of (separated by ;): ") + ", ".join(
                choices
            )
        out.append(
            {"column": name, "required": "yes" if name in required else "", "what to write": what}
        )
    return out


def template_kinds() -> tuple[str, ...]:
    """The diary kinds with a CSV template: each condition's ``exchange.TEMPLATE_KINDS``, in the
    registry's display order."""
    from utils import conditions

    return tuple(kind for _, part in conditions.parts("exchange") for kind in part.TEMPLATE_KINDS)
