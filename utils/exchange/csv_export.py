"""Export: one CSV per diary kind (UTF-8 with a byte-order mark), and empty templates."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from utils.core.diary_rows import per_rows
from utils.exchange.cells import _cell
from utils.exchange.columns import csv_columns, field_shape
from utils.exchange.common import EXPORT_META_COLUMNS, _slug
from utils.models import ENTRY_KINDS
from utils.storage.rows import StoredEntry
from utils.storage.store import Store


def _csv_text(rows: Iterable[Sequence[str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8-sig")


def csv_bytes(kind: str, entries: Iterable[StoredEntry]) -> bytes:
    """A spreadsheet of one kind's entries, one row per entry, oldest day first."""
    cols = csv_columns(kind)
    shapes = [field_shape(kind, c) for c in cols]
    rows: list[list[str]] = [cols + list(EXPORT_META_COLUMNS)]
    for e in entries:
        if e.kind != kind:
            continue
        data = e.entry.model_dump(mode="json")
        rows.append(
            [_cell(s, data.get(c)) for c, s in zip(cols, shapes, strict=True)]
            + [e.recorded_at.strftime("%Y-%m-%d %H:%M"), e.source]
        )
    return _csv_text(rows)


def template_csv(kind: str) -> bytes:
    """An empty spreadsheet for ``kind``: just the header row."""
    return _csv_text([csv_columns(kind)])


def csv_filename(profile_name: str, kind: str) -> str:
    return f"coverage-diary_{_slug(profile_name)}_{kind}.csv"


@dataclass(frozen=True)
class ExportFile:
    kind: str
    label: str
    rows: int
    filename: str
    data: bytes


@per_rows  # once per revision for the cached rows
def csv_kinds(entries: Sequence[StoredEntry]) -> list[tuple[str, str, int]]:
    """(kind, label, rows) for each diary kind present, in the registry's order."""
    counts: dict[str, int] = {}
    for e in entries:
        counts[e.kind] = counts.get(e.kind, 0) + 1
    order = list(ENTRY_KINDS)
    return [
        (kind, ENTRY_KINDS[kind].LABEL, counts[kind])
        for kind in sorted(counts, key=lambda k: order.index(k) if k in order else len(order))
    ]


def csv_exports(store: Store, profile_id: int) -> list[ExportFile]:
    """One CSV per diary kind the profile has (bin excluded), in the registry's order."""
    profile = store.profile(profile_id)
    entries = store.entries(profile_id)
    return [
        ExportFile(kind, label, rows, csv_filename(profile.name, kind), csv_bytes(kind, entries))
        for kind, label, rows in csv_kinds(entries)
    ]


def export_csvs(store: Store, profile_id: int) -> dict[str, bytes]:
    """File name -> CSV bytes, one file per kind the profile has (bin excluded)."""
    return {f.filename: f.data for f in csv_exports(store, profile_id)}
