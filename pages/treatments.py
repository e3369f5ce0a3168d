"""Treatments & Botox: the ledger of treatments tried, Botox sessions and side effects."""

from __future__ import annotations

import streamlit as st

from utils import entry_forms as ef
from utils import treatments_view as tv
from utils import ui
from utils.core.entries import CONDITIONS, now
from utils.core.treatments import BotoxSession, SideEffect, Treatment
from utils.safe_text import md
from utils.ui import treatment_forms
from utils.ui.entries import Listing, page_entries

store = ui.get_store()
profile = ui.require_profile()
today = now().date()
entries = page_entries(profile, (Treatment.KIND, BotoxSession.KIND, SideEffect.KIND))
rows = entries.rows

EDIT_KEY = "treat_edit_id"
URGENT_FLAG = "treat_urgent_saved"


def _flag_urgent(entry) -> None:
    if isinstance(entry, SideEffect) and entry.is_urgent():
        st.session_state[URGENT_FLAG] = True


def save(entry, entry_id: int | None, prefix: str, message: str) -> None:
    ui.save_entry(
        profile,
        entry,
        entry_id,
        edit_key=EDIT_KEY,
        form_prefix=prefix,
        message=message,
        on_saved=_flag_urgent,
    )


def listing(table: Listing, key: str, prefix: str, columns: dict | None = None) -> None:
    """A table of entries, then each entry with its own Edit, Delete and History buttons."""
    st.dataframe(table.frame, hide_index=True, width="stretch", key=key, column_config=columns)
    ui.entries_with_buttons(
        profile,
        table.entry_ids,
        prefix.rstrip("_"),
        EDIT_KEY,
        prefix,
        rows=rows,
        table_key=key,
    )


st.title("Treatments & Botox")
st.markdown(
    "List every treatment you tried, with dates and how it ended, then each Botox session and any "
    "side effects. Insurers want to see which treatments failed, for how long they were tried, "
    "and why they were stopped."
)

urgent = ef.urgent_ongoing(rows, today)
if urgent or st.session_state.pop(URGENT_FLAG, False):
    st.error(tv.urgent_text(urgent), icon=":material/emergency:")
ui.show_flash()

conditions = tv.page_conditions(profile.conditions)
tab_trials, tab_sessions, tab_effects = st.tabs(
    ["Treatments tried", "Botox sessions", "Side effects"]
)

# ---------------------------------------------------------------- treatments tried
with tab_trials:
    edit_id, editing = ui.editing_entry(profile, EDIT_KEY, Treatment.KIND)
    dflt = ef.treatment_to_form(editing) if editing else {}
    if editing is not None:
        condition = editing.condition
        st.markdown(tv.editing_heading(condition))
    elif len(conditions) == 1:
        condition = conditions[0]
    else:
        condition = st.radio(
            "Treatment for",
            conditions,
            format_func=CONDITIONS.get,
            horizontal=True,
            key="tr_condition",
        )
    options, classes, class_ids = tv.treatment_options(condition)
    with st.expander(
        "Edit treatment" if editing else "Add a treatment you tried",
        expanded=editing is not None or not any(r.kind == Treatment.KIND for r in rows),
    ):
        v = treatment_forms.treatment_form(
            condition, dflt, editing is not None, options, classes, class_ids, today
        )
        if v is not None:
            try:
                entry = ef.treatment_from_form(v)
            except ValueError as exc:
                ui.show_error(exc)
            else:
                save(entry, edit_id, "trf_", f"{md(entry.name)} saved.")
        ui.cancel_edit_button(edit_id, EDIT_KEY, "trf_", "trf_cancel")

    for cond in conditions:
        table = entries.listing("trials", cond, today=today)
        st.markdown(f"#### {CONDITIONS[cond]}")
        warn, sentence = tv.trials_note(table.rows, cond)
        if warn:
            st.warning(sentence)
        else:
            st.caption(sentence)
        if table.rows:
            listing(
                table,
                f"tr_table_{cond}",
                "trf_",
                {
                    "Start": st.column_config.DateColumn(format="D MMM YYYY"),
                    "Trial length": st.column_config.TextColumn(width="large"),
                },
            )
    st.caption(tv.trial_rules_caption())

# ---------------------------------------------------------------- Botox sessions
with tab_sessions:
    for line in tv.next_session_lines(rows, today):
        st.info(line)
    edit_id, editing = ui.editing_entry(profile, EDIT_KEY, BotoxSession.KIND)
    dflt = ef.session_to_form(editing) if editing else {}
    session_conditions = tv.session_conditions(conditions, editing)
    with st.expander(
        "Edit session" if editing else "Add a Botox session", expanded=editing is not None
    ):
        v = treatment_forms.session_form(dflt, editing is not None, session_conditions, today)
        if v is not None:
            try:
                entry = ef.session_from_form(v)
            except ValueError as exc:
                ui.show_error(exc)
            else:
                save(entry, edit_id, "bsf_", tv.session_saved_text(entry))
        ui.cancel_edit_button(edit_id, EDIT_KEY, "bsf_", "bsf_cancel")
    sessions = entries.listing("sessions", today=today)
    if sessions.rows:
        listing(
            sessions,
            "bs_table",
            "bsf_",
            {
                "Date": st.column_config.DateColumn(format="D MMM YYYY"),
                "Next session": st.column_config.DateColumn(format="D MMM YYYY"),
                "Cost": st.column_config.NumberColumn(format="%.2f"),
            },
        )
    else:
        st.caption("No sessions recorded yet.")

# ---------------------------------------------------------------- side effects
with tab_effects:
    st.caption(
        "Trouble breathing, swallowing or speaking, a changed voice, double or blurred vision, "
        "drooping eyelids, generalized muscle weakness or loss of bladder control, hours to weeks "
        "after an injection, is an emergency: get medical help at once, then record it here."
    )
    edit_id, editing = ui.editing_entry(profile, EDIT_KEY, SideEffect.KIND)
    dflt = ef.side_effect_to_form(editing) if editing else {}
    session_labels, session_ids = tv.session_choices(rows)
    with st.expander(
        "Edit side effect" if editing else "Add a side effect", expanded=editing is not None
    ):
        v = treatment_forms.side_effect_form(
            dflt, editing is not None, session_labels, session_ids, today
        )
        if v is not None:
            try:
                entry = ef.side_effect_from_form(v)
            except ValueError as exc:
                ui.show_error(exc)
            else:
                save(entry, edit_id, "sef_", "Side effect saved.")
        ui.cancel_edit_button(edit_id, EDIT_KEY, "sef_", "sef_cancel")
    effect_rows = entries.listing("side_effects", today=today)
    if effect_rows.rows:
        listing(
            effect_rows,
            "se_table",
            "sef_",
            {"From": st.column_config.DateColumn(format="D MMM YYYY")},
        )
    else:
        st.caption("No side effects recorded.")
