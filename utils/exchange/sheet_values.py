"""Cells of a spreadsheet of the patient's own: dates in any common order, times, durations,
pain levels, yes/no, and a medicines cell. Each reader raises ValueError with a readable message.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from utils import catalog

PAIN_WORDS = {
    "none": 0,
    "no": 0,
    "no pain": 0,
    "mild": 2,
    "light": 2,
    "low": 2,
    "moderate": 5,
    "medium": 5,
    "mod": 5,
    "severe": 8,
    "bad": 8,
    "high": 8,
    "strong": 8,
    "extreme": 10,
    "very severe": 10,
    "unbearable": 10,
}
SCALE_1_3 = {0: ("none", 0), 1: ("mild", 2), 2: ("moderate", 5), 3: ("severe", 8)}
DATE_ORDERS = {
    "ymd": "year first (2025-03-04)",
    "dmy": "day first (04/03/2025 is 4 March)",
    "mdy": "month first (03/04/2025 is March 4)",
}
_NUMERIC_FORMATS = {
    "ymd": ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"),
    "dmy": ("%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%y", "%d.%m.%y", "%d-%m-%y"),
    "mdy": ("%m/%d/%Y", "%m-%d-%Y", "%m.%d.%Y", "%m/%d/%y", "%m-%d-%y"),
}
_WORD_FORMATS = (
    "%d %b %Y",
    "%d %B %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%a %d %b %Y",
    "%A %d %B %Y",
    "%a %b %d %Y",
    "%A %B %d %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
)
_YES = {"yes", "y", "true", "1", "x", "✓", "✔", "ja", "oui", "si", "sí"}
_NO = {"no", "n", "false", "0", "nein", "non", "-"}
_NOTHING = {"", "-", "none", "no", "n/a", "na", "nil", "nothing", "0"}


_TIME_TAIL = re.compile(r"^(.*?)[ T]+(\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?)$", re.I)


def split_date_time(text: str) -> tuple[str, str]:
    """'2025-03-04 08:30' -> ('2025-03-04', '08:30'); no time -> (text, '')."""
    m = _TIME_TAIL.match(text.strip())
    return (m.group(1).strip(), m.group(2).strip()) if m else (text.strip(), "")


def _clean_date(text: str) -> str:
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.strip(), flags=re.I)
    return " ".join(text.replace(",", " ").split())


def parse_date(text: str, order: str | None) -> dt.date:
    """A date in any common way of writing it; ``order`` ('dmy', 'mdy', 'ymd') settles
    numeric dates such as 03/04/2025. Raises ValueError with a readable message."""
    clean = _clean_date(split_date_time(text)[0])
    for fmt in _NUMERIC_FORMATS["ymd"] + _WORD_FORMATS:
        try:
            return dt.datetime.strptime(clean, fmt).date()
        except ValueError:
            continue
    if order:
        for fmt in _NUMERIC_FORMATS.get(order, ()):
            try:
                return dt.datetime.strptime(clean, fmt).date()
            except ValueError:
                continue
    raise ValueError(f"'{text}' is not a date this file's date format can read")


def _order_counts(values: Iterable[str]) -> dict[str, int]:
    vals = [_clean_date(split_date_time(v)[0]) for v in values if v.strip()]
    counts = {}
    for order in ("ymd", "dmy", "mdy"):
        formats = _NUMERIC_FORMATS[order] + _WORD_FORMATS + _NUMERIC_FORMATS["ymd"]
        counts[order] = sum(any(_fits(v, f) for f in formats) for v in vals)
    return counts


def date_orders(values: Iterable[str]) -> list[str]:
    """The date orders ('ymd', 'dmy', 'mdy') under which every value is a date."""
    values = [v for v in values if v.strip()]
    counts = _order_counts(values)
    return [o for o, n in counts.items() if values and n == len(values)]


def _fits(text: str, fmt: str) -> bool:
    try:
        dt.datetime.strptime(text, fmt)
    except ValueError:
        return False
    return True


def guess_date_order(values: Iterable[str]) -> str | None:
    """The order that reads the most values, when the values settle it; None when day-first
    and month-first read them equally well (the page asks) or nothing reads them. A value that
    no order reads (a typo) becomes that row's error, not a reason to ask."""
    counts = _order_counts(values)
    best = max(counts.values())
    if not best:
        return None
    fits = [o for o, n in counts.items() if n == best]
    numeric = [o for o in fits if o != "ymd"]
    if "ymd" in fits and len(numeric) == 2:
        return "ymd"  # ISO dates or month names: any order reads them
    if len(numeric) == 1:
        return numeric[0]
    return None


def parse_time(text: str) -> dt.time:
    """'14:30', '2:30 pm', '2pm', '14.30', '1430' -> a time; raises ValueError."""
    low = text.strip().lower().replace(".", ":").replace(" ", "")
    m = re.fullmatch(r"(\d{1,2})(?::?(\d{2}))?(?::(\d{2}))?(am|pm|a:m:|p:m:)?", low)
    if m and (m.group(2) or m.group(4)):
        h, mi = int(m.group(1)), int(m.group(2) or 0)
        suffix = (m.group(4) or "").replace(":", "")
        if suffix:
            if not 1 <= h <= 12:
                raise ValueError(f"'{text}' is not a time")
            h = h % 12 + (12 if suffix == "pm" else 0)
        if h < 24 and mi < 60:
            return dt.time(h, mi)
    raise ValueError(f"'{text}' is not a time (write it as 14:30 or 2:30 pm)")


def parse_duration(text: str, unit: str) -> int:
    """Minutes from '2', '2.5', '90 min', '2h', '2 h 30', '1:30' (``unit`` for bare numbers)."""
    low = text.strip().lower().replace(",", ".")
    m = re.fullmatch(r"(\d+):(\d{2})", low)
    if m:
        return int(m.group(1)) * 60 + int(m.group(2))
    m = re.fullmatch(
        r"(?:(\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hour|hours|std|stunden))?\s*"
        r"(?:(\d+(?:\.\d+)?)\s*(?:m|min|mins|minute|minutes)?)?",
        low,
    )
    if m and (m.group(1) or m.group(2)):
        hours = float(m.group(1) or 0)
        rest = m.group(2)
        if m.group(1) is None:  # a bare number (or one with a minutes unit)
            is_minutes = unit == "minutes" or bool(re.search(r"m", low))
            minutes = float(rest) if is_minutes else float(rest) * 60
        else:
            minutes = hours * 60 + float(rest or 0)
        if minutes >= 1:
            return round(minutes)
    raise ValueError(f"'{text}' is not a duration (write 2.5, 2h 30 or 90 min)")


def parse_pain(text: str, scale: str) -> tuple[int, str]:
    """(pain 0-10, the original word when it was converted, else '')."""
    low = " ".join(text.strip().lower().split())
    if low in PAIN_WORDS:
        return PAIN_WORDS[low], ("" if low in ("none", "no", "no pain") else low)
    try:
        value = float(low.replace(",", ".").removesuffix("/10").strip())
    except ValueError:
        raise ValueError(
            f"'{text}' is not a pain level (a number, or none, mild, moderate, severe)"
        ) from None
    if not value.is_integer():
        raise ValueError(f"'{text}' is not a whole number")
    n = int(value)
    if scale == "1-3":
        if n not in SCALE_1_3:
            raise ValueError(f"'{text}' is not on the 1-3 scale (1 mild, 2 moderate, 3 severe)")
        word, pain = SCALE_1_3[n]
        return pain, (f"{n} of 3 ({word})" if n else "")
    if not 0 <= n <= 10:
        raise ValueError(f"'{text}' is not between 0 and 10")
    return n, ""


def _yes_no(text: str) -> bool | None:
    low = text.strip().lower()
    if low in _YES:
        return True
    if low in _NO:
        return False
    if not low:
        return None
    raise ValueError(f"'{text}' is not yes or no (leave the cell blank if not known)")


def _medicine_cell(text: str) -> str:
    low = text.strip().lower()
    if low in _NOTHING:
        return ""
    if "(" not in text and not re.search(r",\s*(at |relief)", text, re.I):
        text = re.sub(r"\s*(?:,|\+|&|/|\band\b|\n)\s*", "; ", text)
    aliases = _aliases()
    items = []
    for item in (p.strip() for p in text.split(";")):
        if item and "(" not in item:
            words = item.split()
            cut = next((i for i, w in enumerate(words) if w[:1].isdigit()), len(words))
            name = " ".join(words[:cut]).lower()
            if name not in catalog.acute_medicine_names() and name in aliases:
                item = " ".join([*words[:cut], f"({aliases[name]})", *words[cut:]])
        items.append(item)
    return "; ".join(i for i in items if i)


def _aliases() -> dict[str, str]:
    """Names a medicine goes by, lower case -> class: 'paracetamol (acetaminophen)' gives both."""
    out: dict[str, str] = {}
    for name, cls in catalog.acute_medicine_names().items():
        out[name] = cls
        m = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
        if m:
            out.setdefault(m.group(1).strip(), cls)
            out.setdefault(m.group(2).strip(), cls)
    return out
