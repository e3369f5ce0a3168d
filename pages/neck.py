"""Neck diary (cervical dystonia): neck pain, how far the head pulls, what it stopped you
doing, 'Normal day' in one tap, the clinician's rating-scale totals, the diary by day."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from utils import entry_forms as ef
from utils import ui
from utils.conditions.neck import forms
from utils.conditions.neck.letters import wearing_off_pattern
from utils.conditions.neck.metrics import neck_summary
from utils.conditions.neck.models import (
    AFTER_INJECTION,
    DIRECTIONS,
    HELPED,
    LIMITS,
    PULL_LEVELS,
    SCALE_TIMINGS,
    SCALES,
    NeckDay,
    NeckScale,
)
from utils.models import now

store = ui.get_store()
profile = ui.require_profile()
ui.show_flash()
today = now().date()
rows = ui.all_entries(profile)

EDIT_KEY = "neck_edit_id"
SCALE_EDIT_KEY = "neck_scale_edit_id"

st.title("Neck diary")
st.markdown(
    "Record neck pain, how far your head pulls and what it stopped you doing; tap **Normal "
    "day** on good days. Before each Botox session, the diary shows when the last one wore off."
)

recent_urgent = [
    r
    for r in rows.between(today - dt.timedelta(days=14), dt.date.max)  # the last 14 days only
    if r.kind == NeckDay.KIND and (today - r.day).days <= 14 and r.entry.urgent  # type: ignore[attr-defined]
]
if recent_urgent:
    st.error(ef.URGENT_MESSAGE, icon=":material/emergency:")

ui.normal_day_today(
    profile,
    rows,
    NeckDay.KIND,
    forms.normal_neck_day,
    "neck",
    "One tap when your neck did not bother you today.",
)

# The last 12 months (the case window), so the weeks around each session are counted.
summary = rows.memo(  # once per revision and day (shared: read only)
    ("neck_summary", today),
    lambda: neck_summary(rows, today - dt.timedelta(days=364), today),
)
sessions = summary.cycles
if sessions:
    last = sessions[-1]
    weeks = (today - last.session).days / 7
    text = f"Last Botox session for the neck: {last.session:%d %b %Y} ({weeks:.1f} weeks ago). "
    if last.wearing_off is not None:
        text += (
            f"You marked it wearing off on {last.wearing_off:%d %b %Y}, "
            f"{last.weeks_to_wearing_off:g} weeks after it."
        )
    else:
        text += "Tick 'wearing off' below on the first day your symptoms come back."
    st.caption(text)
    pattern = wearing_off_pattern(summary)
    if pattern:
        with st.expander(
            "Wearing-off pattern (what payers read for the interval)", icon=":material/timelapse:"
        ):
            st.markdown(
                "**Wearing-off pattern**: the weeks of full effect after each session against "
                "the 4 weeks before the next one (definitions on the Trends page).\n\n"
                + "\n".join(f"- {line}" for line in pattern)
            )

yn = list(ef.YES_NO)
pain_scale = list(range(11))
with st.expander("Log or change a neck day", expanded=True, icon=":material/edit_calendar:"):
    day, editing_id, editing, d = ui.day_form(
        profile, rows, NeckDay.KIND, EDIT_KEY, "neck_pick_day", "nkf_", forms.neck_day_to_form
    )
    with st.form("neck_form"):
        v: dict = {"date": day}
        v["pain"] = st.radio(
            "Worst neck pain (0 none – 10 worst imaginable)",
            pain_scale,
            index=None if d("pain", None) is None else d("pain", 0),
            horizontal=True,
            key="nkf_pain",
        )
        pull = d("pull", None)
        v["pull"] = st.radio(
            "How far did your head pull today?",
            PULL_LEVELS,
            index=None if pull is None else PULL_LEVELS.index(pull),
            horizontal=True,
            key="nkf_pull",
        )
        st.caption("Give the pain or the pull (or both); everything below is optional.")
        v["limits"] = st.multiselect(
            "What did it stop you doing today?",
            LIMITS,
            default=d("limits", []),
            key="nkf_limits",
            select_all=False,
        )
        v["directions"] = st.multiselect(
            "Which way does it pull?",
            DIRECTIONS,
            default=d("directions", []),
            key="nkf_directions",
            select_all=False,
        )
        c1, c2 = st.columns(2)
        v["tremor"] = c1.selectbox(
            "Jerks or tremor of the head?",
            yn,
            index=yn.index(d("tremor", "Not recorded")),
            key="nkf_tremor",
        )
        v["spasms"] = c2.selectbox(
            "Painful spasms?", yn, index=yn.index(d("spasms", "Not recorded")), key="nkf_spasms"
        )
        v["helped"] = st.multiselect(
            "What helped?",
            HELPED,
            default=d("helped", []),
            key="nkf_helped",
            select_all=False,
        )
        v["helped_other"] = st.text_input(
            "Something else that helped",
            value=d("helped_other", ""),
            max_chars=120,
            key="nkf_helped_other",
        )
        v["wearing_off"] = st.checkbox(
            "The last injection is wearing off: symptoms are coming back",
            value=bool(d("wearing_off", False)),
            key="nkf_wearing_off",
            help="Tick it on the first day you notice it: payers read when the effect wears off "
            "to judge the time between sessions.",
        )
        v["after_injection"] = st.multiselect(
            "Since an injection: swallowing, breathing, voice or weakness",
            AFTER_INJECTION,
            default=d("after_injection", []),
            key="nkf_after",
            select_all=False,
            help="The first five need medical help now.",
        )
        v["notes"] = st.text_area("Notes", value=d("notes", ""), max_chars=2000, key="nkf_notes")
        saved = st.form_submit_button(
            "Save changes" if editing else "Save day", type="primary", key="nkf_save"
        )
    if saved:
        ui.save_day(
            profile,
            forms.neck_day_from_form,
            v,
            editing_id,
            edit_key=EDIT_KEY,
            form_prefix="nkf_",
            rows=rows,
        )

ui.normal_day_other_date(profile, rows, NeckDay.KIND, forms.normal_neck_day, "neck")

# ---------------------------------------------------------------- the clinician's scale totals
scales = sorted(rows.of_kinds([NeckScale.KIND]), key=lambda r: r.day, reverse=True)
scale_id, scale_entry = ui.editing_entry(profile, SCALE_EDIT_KEY, NeckScale.KIND)
with st.expander(
    "Change a rating-scale total"
    if scale_entry
    else "Add a rating-scale total from your clinician",
    expanded=scale_entry is not None,
    icon=":material/assignment:",
):
    st.caption(
        "TWSTRS (0-85) or Tsui (0-25) are scored by your clinician: copy the total (and the "
        "TWSTRS subscale totals, if given) from their form. The first one before treatment is "
        "kept as your baseline."
    )
    s = forms.neck_scale_to_form(scale_entry) if scale_entry else {}
    scale_names = list(SCALES)
    with st.form("neck_scale_form"):
        sv: dict = {}
        c1, c2 = st.columns(2)
        sv["date"] = c1.date_input(
            "Rated on", value=s.get("date", today), max_value=today, key="nks_date"
        )
        sv["scale"] = c2.selectbox(
            "Scale",
            scale_names,
            index=scale_names.index(s.get("scale", "TWSTRS")),
            key="nks_scale",
        )
        sv["total"] = st.number_input(
            "Total", value=s.get("total"), min_value=0.0, step=1.0, key="nks_total"
        )
        c1, c2, c3 = st.columns(3)
        sv["severity"] = c1.number_input(
            "TWSTRS severity (0-35)", value=s.get("severity"), step=1.0, key="nks_sev"
        )
        sv["disability"] = c2.number_input(
            "TWSTRS disability (0-30)", value=s.get("disability"), step=1.0, key="nks_dis"
        )
        sv["pain"] = c3.number_input(
            "TWSTRS pain (0-20)", value=s.get("pain"), step=1.0, key="nks_pain"
        )
        timings = list(SCALE_TIMINGS)
        sv["timing"] = st.radio(
            "When",
            timings,
            index=timings.index(s.get("timing", "before treatment")),
            horizontal=True,
            key="nks_timing",
        )
        sv["rater"] = st.text_input(
            "Rated by", value=s.get("rater", ""), max_chars=120, key="nks_rater"
        )
        sv["notes"] = st.text_area(
            "Notes", value=s.get("notes", ""), max_chars=2000, key="nks_notes"
        )
        scale_saved = st.form_submit_button(
            "Save changes" if scale_entry else "Save total", type="primary", key="nks_save"
        )
    if scale_saved:
        ui.save_entry(
            profile,
            lambda: forms.neck_scale_from_form(sv),
            scale_id,
            edit_key=SCALE_EDIT_KEY,
            form_prefix="nks_",
            message=lambda e: f"{e.summary()} saved.",
        )
    ui.cancel_edit_button(scale_id, SCALE_EDIT_KEY, "nks_", "nks_cancel")
if scales:
    st.markdown("**Rating-scale totals**")
    for r in scales:
        st.markdown(f"- {r.day:%d %b %Y}: {ui.md_escape(r.entry.summary())}")
    ui.entries_with_buttons(
        profile, [r.id for r in scales], "nks", SCALE_EDIT_KEY, "nks_", rows=scales
    )


ui.day_diary_below(profile, rows, "neck", NeckDay.KIND, "neck", EDIT_KEY, "neck_pick_day", "nkf_")
