"""Questionnaires: MIDAS (every item), HIT-6 total, HDSS assessments, each with its history."""

from __future__ import annotations

import streamlit as st

from utils import entry_forms as ef
from utils import ui
from utils.core.entries import now
from utils.core.questionnaires import HDSS_ATTRIBUTION, MIDAS_ITEMS, HdssAssessment, Hit6, Midas
from utils.core.scores import hit6_band, midas_grade
from utils.ui.entries import page_entries

store = ui.get_store()
profile = ui.require_profile()
ui.show_flash()
today = now().date()
entries = page_entries(profile, (Midas.KIND, Hit6.KIND, HdssAssessment.KIND))
rows = entries.rows

EDIT_KEY = "quest_edit_id"


def history(kind: str, key: str, prefix: str) -> None:
    table = entries.listing("questionnaire", kind, today=today)
    if not table.rows:
        st.caption("None recorded yet.")
        return
    st.dataframe(
        table.frame,
        hide_index=True,
        width="stretch",
        key=key,
        column_config={"Date": st.column_config.DateColumn(format="D MMM YYYY")},
    )
    ui.entries_with_buttons(
        profile, table.entry_ids, prefix.rstrip("_"), EDIT_KEY, prefix, rows=rows
    )


st.title("Questionnaires")
st.markdown(
    "Record the questionnaires insurers ask for: **MIDAS** and **HIT-6** for headache, **HDSS** "
    "for sweating. Fill one in before treatment and again every three months, so the change shows."
)

order = ["midas", "hit6", "hdss"]
if profile.tracks("sweating") and not profile.tracks("headache"):
    order = ["hdss", "midas", "hit6"]
titles = {"midas": "MIDAS", "hit6": "HIT-6 total", "hdss": "HDSS (sweating)"}
tabs = dict(zip(order, st.tabs([titles[k] for k in order]), strict=True))

# ---------------------------------------------------------------- MIDAS
with tabs["midas"]:
    st.caption(ef.MIDAS_ATTRIBUTION)
    edit_id, editing = ui.editing_entry(profile, EDIT_KEY, Midas.KIND)
    m = ef.midas_to_form(editing) if editing else {}
    latest = max((r for r in rows if r.kind == Midas.KIND), key=lambda r: r.day, default=None)
    if latest is not None:
        score = latest.entry.score()  # type: ignore[attr-defined]
        grade, meaning = midas_grade(score)
        c1, c2 = st.columns(2)
        c1.metric(f"Latest MIDAS score ({latest.day:%d %b %Y})", score)
        c2.metric("Grade", f"{grade}: {meaning}")
    first = not any(r.kind == Midas.KIND for r in rows)
    with st.expander(
        "Edit MIDAS" if editing else "Fill in a new MIDAS",
        expanded=editing is not None or first,
    ):
        with st.form("midas_form"):
            v: dict = {}
            v["date"] = st.date_input(
                "Filled in on", value=m.get("date", today), max_value=today, key="mqf_date"
            )
            st.markdown("**In the last 3 months, on how many days…**")
            for i, (key, label) in enumerate(
                zip(ef.MIDAS_FIELDS, MIDAS_ITEMS, strict=True), start=1
            ):
                v[key] = st.number_input(
                    f"{i}. {label}",
                    min_value=0,
                    value=m.get(key),
                    step=1,
                    placeholder="days",
                    key=f"mqf_{key}",
                )
            c1, c2 = st.columns(2)
            v["headache_days"] = c1.number_input(
                ef.MIDAS_EXTRAS["headache_days"],
                min_value=0,
                value=m.get("headache_days"),
                step=1,
                key="mqf_headache_days",
            )
            v["average_pain"] = c2.number_input(
                ef.MIDAS_EXTRAS["average_pain"],
                min_value=0,
                max_value=10,
                value=m.get("average_pain"),
                step=1,
                key="mqf_average_pain",
            )
            v["notes"] = st.text_area(
                "Notes", value=m.get("notes", ""), max_chars=2000, key="mqf_notes"
            )
            submitted = st.form_submit_button(
                "Save changes" if editing else "Save MIDAS", type="primary", key="mqf_save"
            )
        if submitted:
            ui.save_entry(
                profile,
                lambda: ef.midas_from_form(v),
                edit_id,
                edit_key=EDIT_KEY,
                form_prefix="mqf_",
                message=lambda e: (
                    f"MIDAS saved: score {e.score()}, grade {midas_grade(e.score())[0]} ({midas_grade(e.score())[1]})."
                ),
            )
        ui.cancel_edit_button(edit_id, EDIT_KEY, "mqf_", "mqf_cancel")
    st.markdown("**History**")
    history(Midas.KIND, "midas_table", "mqf_")
    st.caption(
        "Grades: I 0-5 little or no disability · II 6-10 mild · III 11-20 moderate · IV 21+ severe."
    )

# ---------------------------------------------------------------- HIT-6
with tabs["hit6"]:
    st.caption(ef.HIT6_NOTE)
    edit_id, editing = ui.editing_entry(profile, EDIT_KEY, Hit6.KIND)
    h = ef.hit6_to_form(editing) if editing else {}
    first = not any(r.kind == Hit6.KIND for r in rows)
    with st.expander(
        "Edit HIT-6 total" if editing else "Fill in a new HIT-6 total",
        expanded=editing is not None or first,
    ):
        with st.form("hit6_form"):
            v = {}
            c1, c2 = st.columns(2)
            v["date"] = c1.date_input(
                "Filled in on", value=h.get("date", today), max_value=today, key="hqf_date"
            )
            v["total"] = c2.number_input(
                "HIT-6 total score (36-78)",
                value=h.get("total"),
                step=1,
                placeholder="36-78",
                key="hqf_total",
            )
            v["notes"] = st.text_area(
                "Notes", value=h.get("notes", ""), max_chars=2000, key="hqf_notes"
            )
            submitted = st.form_submit_button(
                "Save changes" if editing else "Save HIT-6", type="primary", key="hqf_save"
            )
        if submitted:
            ui.save_entry(
                profile,
                lambda: ef.hit6_from_form(v),
                edit_id,
                edit_key=EDIT_KEY,
                form_prefix="hqf_",
                message=lambda e: f"HIT-6 saved: {e.total}, {hit6_band(e.total)}.",
            )
        ui.cancel_edit_button(edit_id, EDIT_KEY, "hqf_", "hqf_cancel")
    st.markdown("**History**")
    history(Hit6.KIND, "hit6_table", "hqf_")
    st.caption("Impact: 36-49 little or none · 50-55 some · 56-59 substantial · 60-78 severe.")

# ---------------------------------------------------------------- HDSS
with tabs["hdss"]:
    st.caption(
        f"{HDSS_ATTRIBUTION} 3 or 4 counts as severe; a fall of 2 grades counts as a response."
    )
    edit_id, editing = ui.editing_entry(profile, EDIT_KEY, HdssAssessment.KIND)
    a = ef.hdss_to_form(editing) if editing else {}
    first = not any(r.kind == HdssAssessment.KIND for r in rows)
    with st.expander(
        "Edit HDSS" if editing else "Fill in a new HDSS",
        expanded=editing is not None or first,
    ):
        with st.form("hdss_form"):
            v = {}
            c1, c2 = st.columns(2)
            v["date"] = c1.date_input(
                "Answered on", value=a.get("date", today), max_value=today, key="dqf_date"
            )
            timings = list(ef.HDSS_TIMINGS)
            v["timing"] = c2.selectbox(
                "When",
                timings,
                index=timings.index(a.get("timing", "routine")),
                key="dqf_timing",
            )
            v["score"] = st.radio(
                "How would you rate the severity of your sweating?",
                [1, 2, 3, 4],
                index=None if a.get("score") is None else a["score"] - 1,
                format_func=ef.hdss_label,
                key="dqf_score",
            )
            v["notes"] = st.text_area(
                "Notes", value=a.get("notes", ""), max_chars=2000, key="dqf_notes"
            )
            submitted = st.form_submit_button(
                "Save changes" if editing else "Save HDSS", type="primary", key="dqf_save"
            )
        if submitted:
            ui.save_entry(
                profile,
                lambda: ef.hdss_from_form(v),
                edit_id,
                edit_key=EDIT_KEY,
                form_prefix="dqf_",
                message=lambda e: f"HDSS {e.score} saved ({e.timing}).",
            )
        ui.cancel_edit_button(edit_id, EDIT_KEY, "dqf_", "dqf_cancel")
    st.markdown("**History**")
    history(HdssAssessment.KIND, "hdss_table", "dqf_")
