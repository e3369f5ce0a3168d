"""Data out and in: CSV per diary kind, a complete JSON backup, and spreadsheet imports.

Everything here works on bytes (what ``st.file_uploader`` gives and what downloads need) and
never imports streamlit, so the CLI, the page and the tests share it.

CSV files (one per diary kind)
    Columns are the entry's field names, in the model's order (``csv_columns``), then
    ``recorded_at`` and ``source`` on export. Dates are ``YYYY-MM-DD``, times ``HH:MM``, date-times
    ``YYYY-MM-DD HH:MM``; lists are joined with ``"; "``; yes/no questions are ``yes``, ``no`` or
    blank (not answered); numbers are plain (``2`` rather than ``2.0``). An attack's medicines are
    one cell, one medicine per ``;``: ``sumatriptan (triptan) 50 mg, at 14:30, relief partial``.
    Text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) is written
    with a leading ``'``, which an import removes again. Files are UTF-8 with a byte-order mark
    so that spreadsheet programs show accents correctly.

Imports
    ``preview_csv`` parses a file and reports every problem with the row number a spreadsheet
    shows (the header is row 1). ``import_csv`` saves the rows in one transaction, and only when
    the file has no problem at all: a file with one bad row changes nothing. The header may use
    spaces or capitals (``Start date`` for ``start_date``); ``recorded_at`` and ``source`` columns
    are accepted and ignored (imported entries are recorded at import time, source ``import``).
    Commas, semicolons and tabs are recognised as separators.

Duplicates policy
    A row with the same kind and the same content as an entry already in the profile (live or in
    the bin) or as an earlier row of the same file is *not* an error: the preview marks it
    "duplicate" and says of what, and the import skips it. Importing the same spreadsheet twice
    therefore adds nothing the second time, and a kept-up spreadsheet can be re-imported to add
    only its new rows. An entry deliberately moved to the bin is not brought back by a re-import.

JSON backup
    ``{"format": "coverage-diary-backup", "schema_version": 1, "exported_at", "profile": {name,
    conditions, settings}, "entries": [{id, kind, day, data, recorded_at, updated_at, version,
    deleted_at, source, history: [{version, day, data, action, changed_at}]}]}``. The bin and
    every entry's history are included. ``restore_backup`` puts it into a new or empty profile
    with the original times, versions, bin state and history; references between entries
    (``session_id``) are mapped to the new ids.

Modules
    ``common`` (limits, ``ExchangeError``, reading bytes), ``columns`` (a kind's columns and
    their shapes), ``cells`` (one cell written and read), ``csv_export``, ``csv_import``,
    ``backup`` (JSON backup and restore), the spreadsheet import of a patient's own columns
    (``sheet_read``, ``sheet_values``, ``sheet_mapping``, ``sheet_import``; facade
    ``utils.spreadsheet_import``) and the FHIR export (``fhir``, ``fhir_base``,
    ``fhir_resources``; facade ``utils.fhir_export``). What differs per condition is in
    ``utils/conditions/<key>/exchange.py`` (its template kinds, its FHIR resources; see below),
    found through the registry at run time. This package re-exports the names the old
    ``utils.exchange`` module had.

Condition parts
    Each condition's ``utils/conditions/<key>/exchange.py``, read through
    ``conditions.parts("exchange")`` at run time, offers (every name optional unless marked):

    ``TEMPLATE_KINDS`` (required)
        The entry kinds that have a CSV template (import and export), in the order shown.
    ``FHIR_CONDITION_TEXT``, ``FHIR_GUIDE_CONDITION`` (required)
        The FHIR ``Condition``'s text, and the condition's key in the guide's code table
        (``content/codes.yaml``) whose ICD-10-CM codes it carries.
    ``FHIR_CODES``
        The condition's codes in the app's own FHIR code system: code -> display.
    ``FHIR_MONTHLY``
        Monthly count observations: code -> (display, the field of ``metrics.Counts`` it reads).
    ``fhir_evidence(b, patient, evidence, definitions)``
        Adds the condition's observations read from the evidence (after the definitions).
    ``fhir_period(b, patient, evidence, entries)``
        Adds the condition's resources about the whole period (after the treatment trials);
        ``entries`` is the evidence's entries as written (``evidence.record``).
    ``fhir_questionnaire(entry, end)``
        For a questionnaire of the condition dated up to ``end``: its name (the end of the
        ``Questionnaire`` URL), its answer items and a text to show (or None); None for any other
        entry.
    ``fhir_day(b, patient, entry, start, end)``
        Adds the observation of one daily entry of the condition's entry kinds, when its day is in
        the period (``start``..``end``).
"""

from __future__ import annotations

from typing import Any

from utils.exchange.backup import (
    Backup,
    BackupEntry,
    BackupHistory,
    BackupProfile,
    IsoDate,
    IsoDateTime,
    _read_backup,
    _restore_items,
    backup,
    backup_bytes,
    backup_filename,
    read_backup,
    restore_backup,
)
from utils.exchange.cells import (
    _cell,
    _convert,
    _hhmm,
    _num,
    _parse_date,
    _parse_datetime,
    _parse_number,
    _parse_time,
    _quote,
    _safe,
    _split_outside_quotes,
    _unquote,
    format_medication,
    parse_medications,
)
from utils.exchange.columns import (
    Shape,
    column_guide,
    csv_columns,
    field_shape,
    required_columns,
    template_kinds,
)
from utils.exchange.common import (
    BACKUP_FORMAT,
    EXPORT_META_COLUMNS,
    IMPORT_SOURCE,
    MAX_BACKUP_BYTES,
    MAX_CELL_CHARS,
    MAX_CSV_BYTES,
    MAX_CSV_ROWS,
    MAX_REPORTED,
    SCHEMA_VERSION,
    ExchangeError,
    _decode,
    _slug,
    detect_format,
)
from utils.exchange.csv_export import (
    ExportFile,
    _csv_text,
    csv_bytes,
    csv_exports,
    csv_filename,
    csv_kinds,
    export_csvs,
    template_csv,
)
from utils.exchange.csv_import import (
    ImportPreview,
    ImportResult,
    PreviewRow,
    _fingerprint,
    _normal_header,
    _read_csv,
    dangling_references,
    detect_kind,
    existing_entries,
    import_csv,
    preview_csv,
)

__all__ = [
    "BACKUP_FORMAT",
    "EXPORT_META_COLUMNS",
    "IMPORT_SOURCE",
    "MAX_BACKUP_BYTES",
    "MAX_CELL_CHARS",
    "MAX_CSV_BYTES",
    "MAX_CSV_ROWS",
    "MAX_REPORTED",
    "SCHEMA_VERSION",
    "TEMPLATE_KINDS",
    "Backup",
    "BackupEntry",
    "BackupHistory",
    "BackupProfile",
    "ExchangeError",
    "ExportFile",
    "ImportPreview",
    "ImportResult",
    "IsoDate",
    "IsoDateTime",
    "PreviewRow",
    "Shape",
    "backup",
    "backup_bytes",
    "backup_filename",
    "column_guide",
    "csv_bytes",
    "csv_columns",
    "csv_exports",
    "csv_filename",
    "csv_kinds",
    "dangling_references",
    "detect_format",
    "detect_kind",
    "existing_entries",
    "export_csvs",
    "field_shape",
    "format_medication",
    "import_csv",
    "parse_medications",
    "preview_csv",
    "read_backup",
    "required_columns",
    "restore_backup",
    "template_csv",
    "template_kinds",
]
# Private helpers other modules used from the old utils.exchange (kept importable).
_COMPAT = (
    _cell,
    _convert,
    _csv_text,
    _decode,
    _fingerprint,
    _hhmm,
    _normal_header,
    _num,
    _parse_date,
    _parse_datetime,
    _parse_number,
    _parse_time,
    _quote,
    _read_backup,
    _read_csv,
    _restore_items,
    _safe,
    _slug,
    _split_outside_quotes,
    _unquote,
)


def __getattr__(name: str) -> Any:
    # TEMPLATE_KINDS comes from the condition packages, read when first asked for (the registry
    # is not imported while this package is).
    if name == "TEMPLATE_KINDS":
        return template_kinds()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
