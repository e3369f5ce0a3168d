"""The Treatments & Botox page's forms (pages/treatments.py): a treatment tried, a Botox
session, a side effect. Each draws its form (filled from ``dflt`` when editing) and returns the
form values when saved, else None; the page converts them (``utils.entry_forms``) and saves.

The widget keys are the page's own (its AppTests and browser flows find the widgets by them).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from utils import entry_forms as ef
from utils import treatments_view as tv
from utils.core.entries import CONDITIONS
from utils.core.treatments import INJECTION_AREAS, SIDE_EFFECTS, SPECIALTIES, TOXIN_PRODUCTS


def treatment_form(
    condition: str,
    dflt: dict,
    editing: bool,
    options: list,
    classes: dict,
    class_ids: list,
    today: dt.date,
) -> dict | None:
    """A treatment tried for ``condition`` (``dflt``: the one edited); its form values when
    saved."""
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
        v["start"] = c1.date_input("Started on", value=dflt.get("start", today), key="trf_start")
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
        if st.form_submit_button(
            "Save changes" if editing else "Save treatment", type="primary", key="trf_save"
        ):
            return v
    return None


def session_form(
    dflt: dict, editing: bool, session_conditions: list, today: dt.date
) -> dict | None:
    """A Botox session (``dflt``: the one edited); its form values when saved."""
    products = list(TOXIN_PRODUCTS)
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
        if st.form_submit_button(
            "Save changes" if editing else "Save session", type="primary", key="bsf_save"
        ):
            return v
    return None


def side_effect_form(
    dflt: dict, editing: bool, session_labels: dict, session_ids: list, today: dt.date
) -> dict | None:
    """A side effect (``dflt``: the one edited); its form values when saved."""
    effects = [*SIDE_EFFECTS, ef.OWN_EFFECT]
    severities = tv.SEVERITIES
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
        if st.form_submit_button(
            "Save changes" if editing else "Save side effect", type="primary", key="sef_save"
        ):
            return v
    return None
