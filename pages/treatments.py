"""Treatments & Botox: the ledger of treatments tried, Botox sessions and side effects."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from utils import entry_forms as ef
from utils import treatments_view as tv
from utils import ui
from utils.core.entries import CONDITIONS, now
from utils.core.treatments import (
    INJECTION_AREAS,
    SIDE_EFFECTS,
    SPECIALTIES,
    TOXIN_PRODUCTS,
    BotoxSession,
    SideEffect,
    Treatment,
)
from utils.safe_text import md

store = ui.get_store()
profile = ui.require_profile()
today = now().date()
rows = ui.all_entries(profile)

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


def listing(table: list[dict], key: str, prefix: str, columns: dict | None = None) -> None:
    """A table of entries, then each entry with its own Edit, Delete and History buttons."""
    frame = pd.DataFrame(tv.listing_rows(table))
    st.dataframe(frame, hide_index=True, width="stretch", key=key, column_config=columns)
    ui.entries_with_buttons(
        profile, [r["entry_id"] for r in table], prefix.rstrip("_"), EDIT_KEY, prefix
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
        with st.form("treatment_form"):
            v: dict = {"condition": condition}
            c1, c2 = st.columns(2)
            v["medicine"] = c1.selectbox(
                "Medicine or treatment",
                options,
                index=options.index(dflt.get("medicine", options[0])),
                key=f"trf_medicine_{condition}",
            )
            v["own_name"] = c2.text_input(
                "…or its name, if not in the list",
                value=dflt.get("own_name", ""),
                max_chars=120,
                key="trf_own_name",
                help=f"Choose '{ef.OWN_TREATMENT}' in the list, then type the name here.",
            )
            v["own_class"] = c2.selectbox(
                "Its kind",
                class_ids,
                index=tv.index_or_first(class_ids, dflt.get("own_class")),
                format_func=classes.get,
                key=f"trf_own_class_{condition}",
            )
            c1, c2 = st.columns(2)
            v["dose"] = c1.text_input(
                "Dose (e.g. 50 mg twice daily)",
                value=dflt.get("dose", ""),
                max_chars=120,
                key="trf_dose",
            )
            v["strength"] = c2.text_input(
                "Strength, for creams and lotions (e.g. 20%)",
                value=dflt.get("strength", ""),
                max_chars=120,
                key="trf_strength",
            )
            c1, c2, c3 = st.columns(3)
            v["start"] = c1.date_input(
                "Started on", value=dflt.get("start", today), key="trf_start"
            )
            v["stop"] = c2.date_input("Stopped on", value=dflt.get("stop") or today, key="trf_stop")
            v["still_taking"] = c3.checkbox(
                "Still taking", value=dflt.get("still_taking", False), key="trf_still"
            )
            outcome_ids = list(ef.STOPPED_OUTCOMES)
            v["outcome"] = st.radio(
                "Why did you stop?",
                outcome_ids,
                index=outcome_ids.index(dflt.get("outcome", "inadequate_response")),
                format_func=ef.STOPPED_OUTCOMES.get,
                horizontal=True,
                key="trf_outcome",
            )
            c1, c2 = st.columns(2)
            v["side_effects"] = c1.text_input(
                "Side effects", value=dflt.get("side_effects", ""), max_chars=120, key="trf_side"
            )
            v["prescriber"] = c2.text_input(
                "Prescribed by",
                value=dflt.get("prescriber", ""),
                max_chars=120,
                key="trf_prescriber",
            )
            v["specialty"] = c2.selectbox(
                "Prescriber's specialty",
                list(SPECIALTIES),
                index=list(SPECIALTIES).index(dflt.get("specialty", "dont_know")),
                format_func=SPECIALTIES.get,
                key="trf_specialty",
            )
            v["notes"] = st.text_area(
                "Notes", value=dflt.get("notes", ""), max_chars=2000, key="trf_notes"
            )
            submitted = st.form_submit_button(
                "Save changes" if editing else "Save treatment", type="primary", key="trf_save"
            )
        if submitted:
            try:
                entry = ef.treatment_from_form(v)
            except ValueError as exc:
                ui.show_error(exc)
            else:
                save(entry, edit_id, "trf_", f"{md(entry.name)} saved.")
        ui.cancel_edit_button(edit_id, EDIT_KEY, "trf_", "trf_cancel")

    for cond in conditions:
        table = ef.trial_table(rows, cond, today)
        st.markdown(f"#### {CONDITIONS[cond]}")
        warn, sentence = tv.trials_note(table, cond)
        if warn:
            st.warning(sentence)
        else:
            st.caption(sentence)
        if table:
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
    products = list(TOXIN_PRODUCTS)
    with st.expander(
        "Edit session" if editing else "Add a Botox session", expanded=editing is not None
    ):
        with st.form("session_form"):
            v = {}
            c1, c2, c3 = st.columns(3)
            v["date"] = c1.date_input("Date", value=dflt.get("date", today), key="bsf_date")
            v["condition"] = c2.selectbox(
                "For",
                session_conditions,
                index=session_conditions.index(dflt.get("condition", session_conditions[0])),
                format_func=CONDITIONS.get,
                key="bsf_condition",
            )
            v["product"] = c3.selectbox(
                "Product",
                products,
                index=products.index(dflt.get("product", "botox")),
                format_func=TOXIN_PRODUCTS.get,
                key="bsf_product",
            )
            c1, c2, c3 = st.columns(3)
            v["units"] = c1.number_input(
                "Units injected",
                min_value=0.0,
                value=dflt.get("units"),
                step=5.0,
                placeholder="e.g. 155 for migraine",
                key="bsf_units",
            )
            v["cost"] = c2.number_input(
                "Your out-of-pocket cost",
                min_value=0.0,
                value=dflt.get("cost"),
                step=10.0,
                placeholder="not recorded",
                key="bsf_cost",
            )
            v["injector"] = c3.text_input(
                "Injected by", value=dflt.get("injector", ""), max_chars=120, key="bsf_injector"
            )
            v["specialty"] = c3.selectbox(
                "Prescriber's specialty",
                list(SPECIALTIES),
                index=list(SPECIALTIES).index(dflt.get("specialty", "dont_know")),
                format_func=SPECIALTIES.get,
                key="bsf_specialty",
            )
            v["protocol"] = st.checkbox(
                "Migraine protocol: all 7 head and neck areas",
                value=dflt.get("protocol", False),
                key="bsf_protocol",
            )
            v["areas"] = st.multiselect(
                "Areas (each underarm, palms, other…)",
                INJECTION_AREAS,
                default=dflt.get("areas", []),
                key="bsf_areas",
            )
            c1, c2 = st.columns(2)
            v["custom_next"] = c1.checkbox(
                "Next session on another date than 12 weeks later",
                value=dflt.get("custom_next", False),
                key="bsf_custom_next",
            )
            v["next_date"] = c2.date_input(
                "Next session", value=dflt.get("next_date", today), key="bsf_next"
            )
            v["notes"] = st.text_area(
                "Notes", value=dflt.get("notes", ""), max_chars=2000, key="bsf_notes"
            )
            submitted = st.form_submit_button(
                "Save changes" if editing else "Save session", type="primary", key="bsf_save"
            )
        if submitted:
            try:
                entry = ef.session_from_form(v)
            except ValueError as exc:
                ui.show_error(exc)
            else:
                save(entry, edit_id, "bsf_", tv.session_saved_text(entry))
        ui.cancel_edit_button(edit_id, EDIT_KEY, "bsf_", "bsf_cancel")
    sessions = ef.session_rows(rows)
    if sessions:
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
    effects = [*SIDE_EFFECTS, ef.OWN_EFFECT]
    severities = tv.SEVERITIES
    with st.expander(
        "Edit side effect" if editing else "Add a side effect", expanded=editing is not None
    ):
        with st.form("side_effect_form"):
            v = {}
            v["session_id"] = st.selectbox(
                "After which session?",
                session_ids,
                index=tv.session_index(session_ids, dflt),
                format_func=lambda i: session_labels.get(i, "Not linked to a session"),
                key="sef_session",
            )
            c1, c2 = st.columns(2)
            v["effect"] = c1.selectbox(
                "Side effect",
                effects,
                index=effects.index(dflt.get("effect", effects[0])),
                key="sef_effect",
            )
            v["own_effect"] = c2.text_input(
                "…or describe it", value=dflt.get("own_effect", ""), max_chars=120, key="sef_own"
            )
            c1, c2, c3 = st.columns(3)
            v["start"] = c1.date_input(
                "Started on", value=dflt.get("start", today), max_value=today, key="sef_start"
            )
            v["end"] = c2.date_input("Ended on", value=dflt.get("end", today), key="sef_end")
            v["ongoing"] = c3.checkbox(
                "Still going", value=dflt.get("ongoing", True), key="sef_ongoing"
            )
            v["severity"] = st.radio(
                "How bad?",
                severities,
                index=severities.index(dflt.get("severity", "mild")),
                horizontal=True,
                key="sef_severity",
            )
            v["notes"] = st.text_area(
                "Notes", value=dflt.get("notes", ""), max_chars=2000, key="sef_notes"
            )
            submitted = st.form_submit_button(
                "Save changes" if editing else "Save side effect", type="primary", key="sef_save"
            )
        if submitted:
            try:
                entry = ef.side_effect_from_form(v)
            except ValueError as exc:
                ui.show_error(exc)
            else:
                save(entry, edit_id, "sef_", "Side effect saved.")
        ui.cancel_edit_button(edit_id, EDIT_KEY, "sef_", "sef_cancel")
    effect_rows = ef.side_effect_rows(rows, today)
    if effect_rows:
        listing(
            effect_rows,
            "se_table",
            "sef_",
            {"From": st.column_config.DateColumn(format="D MMM YYYY")},
        )
    else:
        st.caption("No side effects recorded.")
