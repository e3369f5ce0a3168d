"""What every exchange module shares: limits, ``ExchangeError``, reading bytes, file names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

BACKUP_FORMAT = "coverage-diary-backup"
SCHEMA_VERSION = 1
MAX_CSV_BYTES = 10 * 1024 * 1024
MAX_BACKUP_BYTES = 100 * 1024 * 1024
MAX_CSV_ROWS = 50_000
MAX_CELL_CHARS = 10_000
MAX_REPORTED = 200  # problems listed before "... and N more"
EXPORT_META_COLUMNS = ("recorded_at", "source")
IMPORT_SOURCE = "import"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExchangeError(ValueError):
    """A refused file: nothing was changed. ``messages`` says what is wrong, one per line."""

    def __init__(self, messages: Sequence[str]):
        self.messages = list(messages)
        super().__init__("; ".join(self.messages))


def _decode(data: bytes, what: str, limit: int) -> str:
    if not data or not data.strip():
        raise ExchangeError([f"The {what} is empty."])
    if len(data) > limit:
        raise ExchangeError(
            [f"The {what} is too large ({len(data) / 1e6:.1f} MB; at most {limit / 1e6:.0f} MB)."]
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise ExchangeError(
            [
                f"The {what} is saved as UTF-16 (or is not a text file). "
                "Save it as 'CSV UTF-8' (spreadsheets) or as UTF-8 text, then try again."
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ExchangeError(
            [
                f"The {what} is not UTF-8 text (first unreadable byte on line {line}); it may be "
                "saved as Latin-1 / Windows-1252. Save it as 'CSV UTF-8' and try again."
            ]
        ) from None
    if "\x00" in text:
        raise ExchangeError([f"The {what} contains NUL characters; it is not a text file."])
    return text


def detect_format(data: bytes) -> Literal["backup", "csv"]:
    """A JSON backup starts with ``{``; anything else is treated as a CSV diary."""
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return "backup" if head.startswith(b"{") else "csv"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "diary"
