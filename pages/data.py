"""Your data: download spreadsheets and a backup, restore, import a spreadsheet diary, the bin."""

from __future__ import annotations

import re

import streamlit as st

from utils import exchange, hosting, ui
from utils.models import ENTRY_KINDS
from utils.safe_text import md

store = ui.get_store()
profile = ui.require_profile()
ui.show_flash()

st.title("Your data")
st.markdown(
    "Take your diary with you, bring one in, or get back what you deleted. Download spreadsheets "
    "or a complete backup, restore a backup into a new profile, import a diary you kept in a "
    "spreadsheet, and empty or restore from the bin. " + hosting.where("stays")
)


def _plain(text: str) -> str:
    """User text (cell values, column names) shown literally, never as Markdown."""
    return re.sub(r"([\\`*_\[\]#|<>~$])", r"\\\1", text)


def _problems(title: str, lines: list[str]) -> None:
    st.error(title + "\n" + "\n".join(f"- {_plain(line)}" for line in lines))


def _fhir_download(profile, rows) -> None:
    from utils import fhir_export
    from utils.cached import evidence_for

    start, end = ui.period(profile)
    st.subheader("For your clinic (FHIR)")
    st.caption(
        "One FHIR R4 file that a clinic's record system can read, for "
        f"{ui.period_label(start, end)} (change the period in the sidebar): monthly counts with "
        "their definitions, your daily records, treatments, Botox sessions, side effects and "
        "questionnaires, every item marked as reported by you. Your name, date of birth and member "
        "ID are included only when you chose to print them on documents (Profiles & settings)."
    )
    st.download_button(
        "Download FHIR file",
        lambda: fhir_export.bundle_bytes(
            evidence_for(profile, start, end),
            rows,
            profile_key=str(profile.id),
            identity=fhir_export.identity_from_settings(profile.settings),
        ),
        file_name=fhir_export.bundle_filename(profile.name, start, end),
        mime="application/fhir+json",
        key="dl_fhir",
        on_click="ignore",
        icon=":material/local_hospital:",
    )


def _is_template(upload) -> bool:
    from utils.spreadsheet_import import is_template

    return is_template(upload.getvalue(), upload.name)


def _mapped_import(name: str, data: bytes, gen: int) -> None:
    """A spreadsheet with its own columns: propose a mapping, ask what the file cannot tell,
    preview the rows as they will be saved, then import them all (or nothing)."""
    from utils import spreadsheet_import as si

    try:
        sheet = si.read_sheet(data, name)
    except exchange.ExchangeError as exc:
        _problems("This file cannot be imported:", exc.messages)
        return
    saved = si.saved_mapping(profile.settings, sheet)
    proposed = saved or si.propose_mapping(sheet)
    st.markdown(
        f"**{len(sheet.rows)} rows** under the header on row {sheet.header_row}. These columns "
        "are not the template's, so check which column holds what (columns marked *not "
        "imported* are left out)."
    )
    if saved:
        st.info("Using the mapping you saved the last time you imported this spreadsheet.")
    labels = {si.IGNORE: "not imported", **si.FIELDS}
    by_label = {v: k for k, v in labels.items()}
    table = [
        {
            "Column in your file": col,
            "First value": next(iter(sheet.values(col)), ""),
            "Diary field": labels[proposed.columns.get(col, si.IGNORE)],
        }
        for col in sheet.columns
    ]
    edited = st.data_editor(
        table,
        hide_index=True,
        width="stretch",
        disabled=["Column in your file", "First value"],
        column_config={
            "Diary field": st.column_config.SelectboxColumn(
                options=list(labels.values()), required=True
            )
        },
        key=f"map_{gen}_{si.signature(sheet)}",
    )
    mapping = si.ColumnMapping(
        columns={r["Column in your file"]: by_label[r["Diary field"]] for r in edited},
        pain_scale=proposed.pain_scale,
        duration_unit=proposed.duration_unit,
    )
    date_col = mapping.column_for("date")
    if date_col:
        values = sheet.values(date_col)[:500]
        orders = si.date_orders(values) or list(si.DATE_ORDERS)  # only the readings that fit
        guess = si.guess_date_order(values)
        current = proposed.date_order if saved else guess
        order_key = f"map_order_{gen}_{si.signature(sheet)}"
        if current is None and st.session_state.get(order_key) is None:
            st.warning(
                "The dates in this file can be read two ways (is 03/04/2025 the 3rd of April or "
                "March 4th?). Say how they are written; the preview follows."
            )
        mapping.date_order = st.radio(
            "How are the dates written?",
            orders,
            index=orders.index(current) if current in orders else None,
            format_func=si.DATE_ORDERS.get,
            horizontal=True,
            key=order_key,
        )
    if mapping.column_for("pain"):
        scales = list(si.PAIN_SCALES)
        mapping.pain_scale = st.radio(
            "Numbers in the pain column are on the scale",
            scales,
            index=scales.index(proposed.pain_scale),
            format_func=si.PAIN_SCALES.get,
            horizontal=True,
            key=f"map_scale_{gen}",
            help="Words are read too: none = 0, mild = 2, moderate = 5, severe = 8, extreme = 10 "
            "(the middle of 1-3, 4-6 and 7-10); the original word is kept in the notes.",
        )
    if mapping.column_for("duration"):
        units = ["hours", "minutes"]
        mapping.duration_unit = st.radio(
            "Plain numbers in the duration column are",
            units,
            index=units.index(proposed.duration_unit),
            horizontal=True,
            key=f"map_unit_{gen}",
        )
    unsettled = mapping.problems()
    if unsettled:  # nothing wrong with the file yet: the page waits for an answer
        st.info(
            "The preview follows once this is settled:\n" + "\n".join(f"- {p}" for p in unsettled)
        )
        return
    preview = si.preview(sheet, mapping, exchange.existing_entries(store, profile.id))
    if preview.file_errors:
        _problems("This file cannot be imported:", preview.file_errors)
        return
    kinds = [type(r.entry).KIND for r in preview.to_import]
    attacks, free = kinds.count("attack"), kinds.count("headache_checkin")
    st.markdown(
        f"**Preview**: the first {min(len(preview.rows), si.PREVIEW_ROWS)} of "
        f"{len(preview.rows)} rows as they will be saved ({attacks} attacks, {free} "
        "headache-free days; row numbers as in your spreadsheet)."
    )
    st.dataframe(si.preview_table(preview), hide_index=True, width="stretch")
    if not preview.ok:
        _problems("Nothing will be imported until these rows are fixed:", preview.error_lines())
        return
    n, dups = len(preview.to_import), len(preview.duplicates)
    if dups:
        st.info(f"{dups} duplicate rows will be skipped.")
    remember = st.checkbox(
        "Remember this mapping for the next import of this spreadsheet",
        value=True,
        key=f"map_remember_{gen}",
    )
    if st.button(f"Import {n} rows", type="primary", disabled=n == 0, key="import_map_go"):
        try:
            result = si.import_sheet(store, profile.id, sheet, mapping)
        except exchange.ExchangeError as exc:
            _problems("Nothing was imported:", exc.messages)
            return
        if remember:
            settings = si.settings_with_mapping(store.profile(profile.id).settings, sheet, mapping)
            store.update_profile(profile.id, settings=settings)
        st.session_state["import_gen"] = gen + 1
        ui.flash(
            f"Imported {result.imported} rows into {profile.name}'s diary"
            + (f"; skipped {result.duplicates} duplicates." if dups else ".")
        )
        st.rerun()


binned = ui.binned_entries(profile)  # read once per revision
tab_out, tab_import, tab_restore, tab_bin = st.tabs(
    ["Download", "Import a spreadsheet", "Restore a backup", f"Bin ({len(binned)})"]
)

# ---------------------------------------------------------------- download
with tab_out:
    rows = ui.all_entries(profile)
    files = exchange.csv_kinds(rows)
    if not files and not binned:
        st.info(
            "This diary is empty, so there is nothing to download yet. Log a few days, import "
            "a spreadsheet or restore a backup."
        )
    else:
        st.subheader("Spreadsheets (CSV)")
        st.caption(
            "One file per kind of entry, for Excel, Numbers or LibreOffice: dates as YYYY-MM-DD, "
            "yes/no answers, lists separated by ';', and when each entry was recorded."
        )
        # Files are written when a button is clicked, not on every visit to the page.
        for kind, label, count in files:
            st.download_button(
                f"{label} ({count} rows)",
                lambda kind=kind: exchange.csv_bytes(kind, rows),
                file_name=exchange.csv_filename(profile.name, kind),
                mime="text/csv",
                key=f"dl_{kind}",
                on_click="ignore",
                icon=":material/table:",
            )
        st.subheader("Complete backup (JSON)")
        st.caption(
            "Everything in this profile, including the bin and every earlier version of edited "
            "entries. Keep it somewhere safe; restore it below on this or another computer."
        )
        st.download_button(
            "Download backup",
            lambda: exchange.backup_bytes(store, profile.id),
            file_name=exchange.backup_filename(profile.name),
            mime="application/json",
            key="dl_backup",
            on_click="ignore",
            icon=":material/save:",
            type="primary",
        )
        _fhir_download(profile, rows)

# ---------------------------------------------------------------- import a spreadsheet
with tab_import:
    st.markdown(
        "Kept a headache diary in a spreadsheet of your own (Excel .xlsx or CSV)? Upload it: "
        "the page proposes which of its columns is the date, the time, the pain, the medicine "
        "and so on, and shows the rows as they will be saved. Or use the template of a diary "
        "kind and save it as **CSV UTF-8**. A file with a problem imports nothing; rows that "
        "are already in your diary (or in the bin) are skipped as duplicates."
    )
    with st.expander("Templates and what to write in each column"):
        for kind in exchange.TEMPLATE_KINDS:
            label = ENTRY_KINDS[kind].LABEL
            st.download_button(
                f"Template: {label}",
                exchange.template_csv(kind),
                file_name=f"coverage-diary_template_{kind}.csv",
                mime="text/csv",
                key=f"tpl_{kind}",
                on_click="ignore",
            )
            st.dataframe(exchange.column_guide(kind), hide_index=True, width="stretch")
    gen = st.session_state.get("import_gen", 0)
    upload = st.file_uploader(
        "Spreadsheet (.csv or .xlsx)", type=["csv", "txt", "xlsx"], key=f"import_file_{gen}"
    )
    if upload is not None and not _is_template(upload):
        _mapped_import(upload.name, upload.getvalue(), gen)
    elif upload is not None:
        data = upload.getvalue()
        preview = exchange.preview_csv(data, existing=exchange.existing_entries(store, profile.id))
        if preview.file_errors:
            _problems("This file cannot be imported:", preview.file_errors)
        else:
            label = ENTRY_KINDS[preview.kind].LABEL if preview.kind else "entries"
            st.markdown(f"**{label}**: {len(preview.rows)} rows read (the header is row 1).")
            st.dataframe(preview.table(), hide_index=True, width="stretch")
            if not preview.ok:
                _problems(
                    "Nothing will be imported until these rows are fixed:", preview.error_lines()
                )
            else:
                n, dups = len(preview.to_import), len(preview.duplicates)
                if dups:
                    st.info(f"{dups} duplicate rows will be skipped.")
                if st.button(f"Import {n} rows", type="primary", disabled=n == 0, key="import_go"):
                    try:
                        result = exchange.import_csv(store, profile.id, data)
                    except exchange.ExchangeError as exc:
                        _problems("Nothing was imported:", exc.messages)
                    else:
                        st.session_state["import_gen"] = gen + 1
                        ui.flash(
                            f"Imported {result.imported} rows into {md(profile.name)}'s diary"
                            + (f"; skipped {result.duplicates} duplicates." if dups else ".")
                        )
                        st.rerun()

# ---------------------------------------------------------------- restore a backup
with tab_restore:
    st.markdown(
        "Restore a backup file made with **Download backup**. It goes into a new profile (or "
        "into this one if it is completely empty), with every entry, its history and the bin."
    )
    rgen = st.session_state.get("restore_gen", 0)
    upload = st.file_uploader("Backup (.json)", type=["json"], key=f"restore_file_{rgen}")
    if upload is not None:
        data = upload.getvalue()
        try:
            doc = exchange.read_backup(data)
        except exchange.ExchangeError as exc:
            _problems("This backup cannot be restored:", exc.messages)
        else:
            in_bin = sum(e.deleted_at is not None for e in doc.entries)
            when = f", made {doc.exported_at:%d %b %Y %H:%M}" if doc.exported_at else ""
            st.success(
                f"Backup of '{md(doc.profile.name)}'{when}: {len(doc.entries)} entries "
                f"({in_bin} in the bin). Nothing is restored until you click the button."
            )
            default = doc.profile.name
            if store.profile_by_name(default) is not None:
                default = f"{default} (restored)"[:80]
            name = st.text_input("Name of the new profile", value=default, max_chars=80)
            target = None
            if not store.raw_rows(profile.id):
                if st.checkbox(f"Restore into this empty profile ({md(profile.name)}) instead"):
                    target = profile.id
            if st.button("Restore", type="primary", key="restore_go"):
                try:
                    restored = exchange.restore_backup(store, data, name=name, into=target)
                except exchange.ExchangeError as exc:
                    _problems("Nothing was restored:", exc.messages)
                else:
                    ui.set_profile(restored.id)
                    st.session_state["restore_gen"] = rgen + 1
                    ui.flash(f"Backup restored into the profile '{md(restored.name)}', now selected.")
                    st.rerun()

# ---------------------------------------------------------------- bin
with tab_bin:
    if not binned:
        st.info(
            "The bin is empty. Entries you delete wait here until you empty the bin, so you can "
            "restore them."
        )
    else:
        st.markdown(
            "Deleted entries wait here. **Restore** puts one back in the diary; **Empty the bin** "
            "deletes them for good."
        )
        newest_first = sorted(binned, key=lambda e: e.deleted_at or e.recorded_at, reverse=True)
        for e in newest_first[:200]:
            text, button = st.columns([5, 1])
            deleted = f"{e.deleted_at:%d %b %Y %H:%M}" if e.deleted_at else ""
            text.markdown(f"**{e.day:%d %b %Y}** · {md(e.entry.summary())}  \n*deleted {deleted}*")
            if button.button("Restore", key=f"bin_restore_{e.id}"):
                try:
                    store.restore(profile.id, e.id)
                except ValueError as exc:
                    ui.show_error(exc)
                else:
                    ui.flash(f"Restored: {md(e.entry.summary())} ({e.day:%d %b %Y}).")
                    st.rerun()
        if len(binned) > 200:
            st.caption(f"The 200 most recently deleted of {len(binned)} are shown.")
        if not st.session_state.get("confirm_empty_bin"):
            if st.button("Empty the bin…", key="bin_empty"):
                st.session_state["confirm_empty_bin"] = True
                st.rerun()
        else:
            st.warning(f"Delete {len(binned)} entries for good? This cannot be undone.")
            yes, no = st.columns(2)
            if yes.button("Yes, delete for good", type="primary", key="bin_empty_yes"):
                st.session_state.pop("confirm_empty_bin", None)
                removed = store.empty_bin(profile.id)
                ui.flash(f"The bin is empty: {removed} entries deleted for good.")
                st.rerun()
            if no.button("Cancel", key="bin_empty_no"):
                st.session_state.pop("confirm_empty_bin", None)
                st.rerun()
