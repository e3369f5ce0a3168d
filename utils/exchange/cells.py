"""One CSV cell, both ways: a field's value written as text, and text read back as a value.

Dates are ``YYYY-MM-DD``, times ``HH:MM``, date-times ``YYYY-MM-DD HH:MM``; lists are joined
with ``"; "``; yes/no is ``yes``, ``no`` or blank; a cell a spreadsheet would run as a formula
gets a leading ``'``, which reading removes again. An attack's medicines are one cell:
``sumatriptan (triptan) 50 mg, at 14:30, relief partial``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from utils import catalog
from utils.exchange.columns import Shape
from utils.exchange.common import _FORMULA_START

_YES = {"yes", "y", "true", "1", "x"}
_NO = {"no", "n", "false", "0"}


def _num(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _hhmm(value: str) -> str:
    t = dt.time.fromisoformat(value)
    return t.strftime("%H:%M") if not (t.second or t.microsecond) else t.isoformat()


_SPECIAL = ',;()"'


def _quote(text: str) -> str:
    """A name or dose as written in a list cell: in double quotes when it holds a separator."""
    if any(c in text for c in _SPECIAL):
        return '"' + text.replace('"', '""') + '"'
    return text


def _split_outside_quotes(text: str, sep: str) -> list[str]:
    parts, buf, quoted = [], [], False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == sep and not quoted:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return parts


def _unquote(text: str) -> str:
    t = text.strip()
    if len(t) >= 2 and t[0] == t[-1] == '"':
        return t[1:-1].replace('""', '"')
    return t


def _safe(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (import removes the mark)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def format_medication(m: dict[str, Any]) -> str:
    """``sumatriptan (triptan) 50 mg, at 14:30, relief partial``; a name or dose holding
    ``, ; ( ) "`` is written in double quotes: ``"Tylenol, extra" (simple_analgesic) 500 mg``."""
    text = f"{_quote(m['name'])} ({m['drug_class']})"
    if m.get("dose"):
        text += f" {_quote(m['dose'])}"
    if m.get("time"):
        text += f", at {_hhmm(m['time'])}"
    if m.get("relief_2h"):
        text += f", relief {m['relief_2h']}"
    return text


def _cell(shape: Shape, value: Any) -> str:
    if value is None:
        return ""
    if shape == "bool":
        return "yes" if value else "no"
    if shape == "medications":
        return _safe("; ".join(format_medication(m) for m in value))
    if shape == "list":
        return _safe("; ".join(_quote(str(v)) for v in value))
    if shape == "time":
        return _hhmm(value)
    if shape == "datetime":
        return dt.datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")
    if shape == "number":
        return _num(value)
    return _safe(str(value))


_MED_CLASS_LABELS: dict[str, str] = {}


def _med_class(text: str) -> str | None:
    classes = catalog.acute_classes()
    key = text.strip().lower()
    if key in classes:
        return key
    if not _MED_CLASS_LABELS:
        _MED_CLASS_LABELS.update({c["label"].lower(): cid for cid, c in classes.items()})
    return _MED_CLASS_LABELS.get(key) or _MED_CLASS_LABELS.get(key.replace("_", " "))


def parse_medications(cell: str) -> list[dict[str, Any]]:
    """Read the medicines cell written by ``format_medication``; raises ValueError."""
    out: list[dict[str, Any]] = []
    for item in (p.strip() for p in _split_outside_quotes(cell, ";")):
        if not item:
            continue
        head, *extras = (p.strip() for p in _split_outside_quotes(item, ","))
        m = re.fullmatch(r'("(?:[^"]|"")*"|[^()]+?)\s*\(([^()]*)\)\s*(.*)', head)
        if m:
            name, cls_text, dose = _unquote(m.group(1)), m.group(2), _unquote(m.group(3))
            drug_class = _med_class(cls_text)
            if drug_class is None:
                known = ", ".join(catalog.acute_classes())
                raise ValueError(
                    f"unknown medicine class '{cls_text}' in '{item}'; use one of: {known}"
                )
        else:
            words = head.split()
            cut = next((i for i, w in enumerate(words) if w[:1].isdigit()), len(words))
            name, dose = " ".join(words[:cut]), " ".join(words[cut:])
            found = catalog.acute_medicine_names().get(name.lower())
            if found is None:
                raise ValueError(
                    f"'{name}' is not in the medicine list: add its class in brackets, "
                    f"e.g. '{name} (triptan) {dose or '50 mg'}'"
                )
            drug_class = found
        med: dict[str, Any] = {"name": name, "drug_class": drug_class, "dose": dose}
        for extra in extras:
            low = extra.lower()
            if low.startswith("at "):
                med["time"] = _parse_time(extra[3:].strip()).isoformat()
            elif low.startswith("relief"):
                med["relief_2h"] = low[len("relief") :].strip(" :")
            elif extra:
                raise ValueError(
                    f"did not understand '{extra}' in '{item}'; write 'at HH:MM' or 'relief partial'"
                )
        out.append(med)
    return out


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is not None and moment.time() == dt.time(0) and moment.tzinfo is None:
        return moment.date()
    raise ValueError(f"'{text}' is not a date written as YYYY-MM-DD (for example 2024-03-14)")


def _parse_time(text: str) -> dt.time:
    m = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", text)
    if m:
        h, mi, s = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
        if h < 24 and mi < 60 and s < 60:
            return dt.time(h, mi, s)
    raise ValueError(f"'{text}' is not a time written as HH:MM (for example 14:30)")


def _parse_datetime(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is not None:
        raise ValueError(
            f"'{text}' is not a date and time written as YYYY-MM-DD HH:MM (no time zone)"
        )
    return moment


def _parse_number(text: str) -> int | float:
    try:
        value = float(text.replace(",", ".")) if "." in text or "," in text else int(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a number") from None
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"'{text}' is not a number")
        if value.is_integer():
            value = int(value)
    return value


def _convert(shape: Shape, text: str) -> Any:
    if shape == "bool":
        low = text.lower()
        if low in _YES:
            return True
        if low in _NO:
            return False
        raise ValueError(f"'{text}' is not yes or no (leave the cell blank if not known)")
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        text = text[1:]  # the mark export puts before a cell that looks like a formula
    if shape == "list":
        return [_unquote(p) for p in _split_outside_quotes(text, ";") if p.strip()]
    if shape == "medications":
        return parse_medications(text)
    if shape == "date":
        return _parse_date(text).isoformat()
    if shape == "time":
        return _parse_time(text).isoformat()
    if shape == "datetime":
        return _parse_datetime(text).isoformat()
    if shape == "number":
        return _parse_number(text)
    return text
