"""Command line: ``python -m utils.cli SUBCOMMAND ...`` for headless use of the diary.

Each subcommand group has an ``add_..._commands(sub)`` function that creates its parsers and sets
``func`` (parsed arguments in, exit code out); ``build_parser`` calls them all.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from utils import models
from utils.core.entries import CONDITIONS
from utils.storage.store import Store


def _store(args: argparse.Namespace) -> Store:
    store = Store(args.database) if getattr(args, "database", None) else Store()
    owner = getattr(args, "owner", None)
    return store.for_owner(owner) if owner is not None else store


# ---------------------------------------------------------------- import / export


def cmd_import(args: argparse.Namespace) -> int:
    from utils import exchange

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"Cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    store = _store(args)
    existing = store.profile_by_name(args.profile)
    try:
        if exchange.detect_format(data) == "backup":
            if existing is not None:
                restored = exchange.restore_backup(store, data, into=existing.id)
            else:
                restored = exchange.restore_backup(store, data, name=args.profile)
            count = len(store.raw_rows(restored.id))
            print(f"Restored {count} entries into the profile '{restored.name}'.")
            return 0
        if existing is None:
            print(
                f"There is no profile named '{args.profile}'. Create it in the app first "
                "(or restore a JSON backup, which creates it).",
                file=sys.stderr,
            )
            return 1
        if args.kind is None and not _is_template(data, path.name):
            return _import_mapped(args, store, existing, data, path.name)
        result = exchange.import_csv(store, existing.id, data, kind=args.kind)
    except ValueError as exc:  # ExchangeError and StoreError are ValueErrors
        messages = getattr(exc, "messages", None) or [str(exc)]
        print("\n".join(messages), file=sys.stderr)
        return 1
    print(
        f"Imported {result.imported} {result.kind} entries into '{existing.name}'"
        + (f"; skipped {result.duplicates} duplicates." if result.duplicates else ".")
    )
    return 0


def _is_template(data: bytes, name: str) -> bool:
    from utils.exchange.sheet_read import is_template

    return is_template(data, name)


def _import_mapped(args: argparse.Namespace, store: Store, profile, data: bytes, name: str) -> int:
    """A spreadsheet with its own columns: the proposed (or saved) mapping, then the import."""
    from utils import spreadsheet_import as si

    sheet = si.read_sheet(data, name)
    mapping = si.saved_mapping(profile.settings, sheet) or si.propose_mapping(sheet)
    if args.date_order:
        mapping.date_order = args.date_order
    used = ", ".join(f"{c} -> {si.FIELDS[f]}" for c, f in mapping.columns.items() if f)
    print(f"Columns: {used or 'none recognised'}.", file=sys.stderr)
    problems = mapping.problems()
    if problems:
        hint = " Add --date-order dmy or --date-order mdy." if mapping.column_for("date") else ""
        print(" ".join(problems) + hint, file=sys.stderr)
        return 1
    result = si.import_sheet(store, profile.id, sheet, mapping)
    store.update_profile(
        profile.id, settings=si.settings_with_mapping(profile.settings, sheet, mapping)
    )
    print(
        f"Imported {result.imported} rows into '{profile.name}'"
        + (f"; skipped {result.duplicates} duplicates." if result.duplicates else ".")
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from utils import exchange

    store = _store(args)
    profile = store.profile_by_name(args.profile)
    if profile is None:
        print(f"There is no profile named '{args.profile}'.", file=sys.stderr)
        return 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.fhir:
        return _export_fhir(args, store, profile, out)
    files = exchange.export_csvs(store, profile.id)
    files[exchange.backup_filename(profile.name)] = exchange.backup_bytes(store, profile.id)
    for name, data in files.items():
        (out / name).write_bytes(data)
        print(out / name)
    return 0


def _export_fhir(args: argparse.Namespace, store: Store, profile, out: Path) -> int:
    from utils.evidence import build_evidence
    from utils.exchange import fhir as fhir_export

    at = models.now()
    end = args.end or at.date()
    start = args.start or end - dt.timedelta(days=89)
    if start > end:
        print("The start date is after the end date.", file=sys.stderr)
        return 2
    entries = store.entries(profile.id)
    evidence = build_evidence(entries, profile.conditions, start, end, profile.settings, at)
    data = fhir_export.bundle_bytes(
        evidence,
        entries,
        profile_key=str(profile.id),
        identity=fhir_export.identity_from_settings(profile.settings),
    )
    path = out / fhir_export.bundle_filename(profile.name, start, end)
    path.write_bytes(data)
    print(path)
    return 0


def add_exchange_commands(sub: argparse._SubParsersAction) -> None:
    from utils.exchange.columns import template_kinds

    p = sub.add_parser(
        "import",
        help="import a spreadsheet diary or restore a JSON backup (detected from the file)",
        description="A spreadsheet diary (the template's CSV, or a .csv or .xlsx with columns of "
        "its own, mapped as on the Your data page) is added to an existing profile (all rows or "
        "none; duplicates skipped). A JSON backup is restored into a new profile of that name, or into an "
        "existing empty one.",
    )
    p.add_argument("file", help="the .csv, .xlsx or .json file")
    p.add_argument("--profile", required=True, help="profile name")
    p.add_argument(
        "--kind",
        help=f"entry kind of a CSV file (default: detected from its columns), e.g. "
        f"{', '.join(template_kinds())}",
    )
    p.add_argument(
        "--date-order",
        choices=("ymd", "dmy", "mdy"),
        help="how a spreadsheet of your own writes its dates, when they read both ways",
    )
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("export", help="write one CSV per diary kind and a JSON backup")
    p.add_argument("--profile", required=True, help="profile name")
    p.add_argument("--out", required=True, help="folder to write into (created if missing)")
    p.add_argument(
        "--fhir",
        action="store_true",
        help="write one FHIR R4 Bundle (JSON) of the period instead (docs/fhir.md)",
    )
    p.add_argument("--start", type=_date, help="with --fhir: first day (default: 90 days to --end)")
    p.add_argument("--end", type=_date, help="with --fhir: last day, YYYY-MM-DD (default: today)")
    p.set_defaults(func=cmd_export)


# ---------------------------------------------------------------- summary (evidence as JSON)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-31") from None


def cmd_summary(args: argparse.Namespace) -> int:
    from utils.evidence import build_evidence

    store = _store(args)
    profile = store.profile_by_name(args.profile)
    if profile is None:
        print(f"There is no profile named '{args.profile}'.", file=sys.stderr)
        return 1
    at = models.now()
    end = args.end or at.date()
    start = args.start or end - dt.timedelta(days=89)
    if start > end:
        print("The start date is after the end date.", file=sys.stderr)
        return 2
    conditions = tuple(args.condition or profile.conditions)
    # Every entry, not only the period's: the Botox baseline and attacks that began before the
    # period are read from earlier days.
    entries = store.entries(profile.id)
    evidence = build_evidence(entries, conditions, start, end, profile.settings, at)
    data = {"profile": {"id": profile.id, "name": profile.name}, **evidence.to_dict()}
    if not args.days:
        data.pop("days")
    json.dump(data, sys.stdout, indent=None if args.compact else 2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def add_summary_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "summary",
        help="print the evidence summary (counts, patterns, response, checklist) as JSON",
        description="Print the evidence summary of one profile as JSON; the fields are "
        "documented in docs/summary-json.md.",
    )
    p.add_argument("--profile", required=True, help="profile name")
    p.add_argument("--start", type=_date, help="first day, YYYY-MM-DD (default: 90 days to --end)")
    p.add_argument("--end", type=_date, help="last day, YYYY-MM-DD (default: today)")
    p.add_argument(
        "--condition",
        action="append",
        choices=sorted(CONDITIONS),
        help="condition to include (repeatable; default: the profile's conditions)",
    )
    p.add_argument(
        "--no-days", dest="days", action="store_false", help="leave out the per-day records"
    )
    p.add_argument("--compact", action="store_true", help="one line of JSON")
    p.set_defaults(func=cmd_summary)


# ---------------------------------------------------------------- report


def _add_document_arguments(p: argparse.ArgumentParser, *, out_help: str, paper_help: str) -> None:
    """The arguments every document command shares (report, letter): the period, the file to
    write and the paper size."""
    p.add_argument("--start", type=_date, required=True, help="first day, YYYY-MM-DD")
    p.add_argument("--end", type=_date, required=True, help="last day, YYYY-MM-DD")
    p.add_argument("--out", required=True, help=out_help)
    p.add_argument("--paper", choices=("Letter", "A4"), default="Letter", help=paper_help)


def cmd_report(args: argparse.Namespace) -> int:
    from utils import report
    from utils.evidence import build_evidence

    store = _store(args)
    profile = store.profile_by_name(args.profile)
    if profile is None:
        print(f"There is no profile named '{args.profile}'.", file=sys.stderr)
        return 1
    if args.start > args.end:
        print("The start date is after the end date.", file=sys.stderr)
        return 2
    entries = store.entries(profile.id)
    evidence = build_evidence(
        entries, profile.conditions, args.start, args.end, profile.settings, models.now()
    )
    options = report.ReportOptions(paper=args.paper, appendix=args.appendix)
    data = report.build_report(evidence, entries, options)
    try:
        Path(args.out).write_bytes(data)
    except OSError as exc:
        print(f"Cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"Wrote {args.out} ({len(data) // 1024} KB).")
    return 0


def add_report_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report",
        help="write the doctor-visit summary PDF",
        description="Write the doctor-visit summary of one profile and period as a PDF.",
    )
    p.add_argument("--profile", required=True, help="profile name")
    _add_document_arguments(p, out_help="PDF file to write", paper_help="paper size")
    p.add_argument("--appendix", action="store_true", help="add the day-by-day appendix")
    p.set_defaults(func=cmd_report)


# ---------------------------------------------------------------- letters and samples


def cmd_letter(args: argparse.Namespace) -> int:
    from utils import letters
    from utils.evidence import build_evidence

    store = _store(args)
    profile = store.profile_by_name(args.profile)
    if profile is None:
        print(f"There is no profile named '{args.profile}'.", file=sys.stderr)
        return 1
    if args.start > args.end:
        print("The start date is after the end date.", file=sys.stderr)
        return 2
    condition = args.condition or profile.conditions[0]
    if condition not in profile.conditions:
        print(f"The profile '{profile.name}' does not track {condition}.", file=sys.stderr)
        return 2
    out = Path(args.out)
    if out.suffix.lower() not in (".docx", ".pdf"):
        print("The output file must end in .docx or .pdf.", file=sys.stderr)
        return 2
    entries = store.entries(profile.id)
    evidence = build_evidence(
        entries, profile.conditions, args.start, args.end, profile.settings, models.now()
    )
    case = None
    if args.kind == "appeal":
        cases = [r.entry for r in entries if r.kind == "coverage_case"]
        cases = [c for c in cases if c.condition == condition]
        case = cases[-1] if cases else None
    info = letters.PatientInfo.from_settings(profile.settings)
    text = letters.draft(args.kind, evidence, entries, condition, case=case, info=info)
    checklist = letters.clinician_checklist(evidence, entries, condition)
    title = f"{letters.LETTER_TYPES[args.kind]} ({CONDITIONS[condition]})"
    side = out.with_name(out.stem + "-clinician-checklist" + out.suffix)
    try:
        if out.suffix.lower() == ".docx":
            out.write_bytes(letters.to_docx(text, title))
            side.write_bytes(letters.to_docx(checklist, "Checklist for the clinician", ""))
        else:
            out.write_bytes(letters.to_pdf(text, title, paper=args.paper))
            side.write_bytes(
                letters.to_pdf(checklist, "Checklist for the clinician", args.paper, "", "")
            )
    except OSError as exc:
        print(f"Cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    left = len(letters.blanks(text))
    print(f"Wrote {out} ({left} blanks to fill) and the clinician's checklist {side}.")
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    from utils import sample

    store = _store(args)
    name = sample.SAMPLES[args.which].name
    if args.action == "load":
        profile = sample.load_sample(store, args.which)
        count = len(store.raw_rows(profile.id))
        print(f"Loaded the profile '{profile.name}' ({count} entries).")
        return 0
    if sample.remove_sample(store, args.which):
        print(f"Removed the profile '{name}'.")
    else:
        print(f"There is no profile '{name}' to remove.")
    return 0


def add_letter_commands(sub: argparse._SubParsersAction) -> None:
    from utils.sample import SAMPLES

    p = sub.add_parser(
        "letter",
        help="write a letter draft (medical necessity or appeal) and the clinician's checklist",
        description="Write a letter draft for one profile, condition and period as DOCX or PDF "
        "(from the file name), and next to it the clinician's checklist (FILE-clinician-"
        "checklist). An appeal uses the condition's latest coverage case.",
    )
    p.add_argument("--kind", choices=("necessity", "appeal"), default="necessity")
    p.add_argument("--profile", required=True, help="profile name")
    p.add_argument(
        "--condition",
        choices=sorted(CONDITIONS),
        help="condition (default: the profile's first)",
    )
    _add_document_arguments(p, out_help="FILE.docx or FILE.pdf", paper_help="PDF paper size")
    p.set_defaults(func=cmd_letter)
    p = sub.add_parser(
        "sample",
        help="load or remove a made-up sample profile",
        description="Load (or reload) or remove one of the made-up sample profiles.",
    )
    p.add_argument("action", choices=("load", "remove"))
    p.add_argument("which", choices=sorted(SAMPLES))
    p.set_defaults(func=cmd_sample)


# ---------------------------------------------------------------- entry point


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m utils.cli", description=__doc__)
    parser.add_argument(
        "--database", help="SQLAlchemy URL (default: COVERAGE_DIARY_DATABASE_URL or local file)"
    )
    parser.add_argument(
        "--owner",
        help="on a hosted database: whose profiles (the signed-in subject, ISSUER#SUB; "
        "default: the local user)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    add_exchange_commands(sub)
    add_summary_commands(sub)
    add_report_commands(sub)
    add_letter_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.owner is not None:
        from utils.storage.checks import check_owner
        from utils.storage.errors import StoreError

        try:
            check_owner(args.owner)
        except StoreError as exc:
            parser.error(f"--owner: {exc}")
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
