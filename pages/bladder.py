"""Bladder diary: one tap per void, leak or drink; details optional; the 'complete 24 h' check-in
with bedtime, waking time and pads; the diary day by day below."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from utils import entry_forms as ef
from utils import treatments_view as tv
from utils import ui
from utils.conditions.bladder import forms
from utils.conditions.bladder.metrics import COUNT_LABELS, URGENCY_LEVEL, bladder_summary
from utils.conditions.bladder.models import (
    DRINK_KINDS,
    EVENTS,
    INFECTION_SIGNS,
    LEAK_AMOUNTS,
    URGENCY_WORDS,
    BladderDay,
    BladderEvent,
)
from utils.core.treatments import SideEffect
from utils.models import now
from utils.rules.thresholds import effective_thresholds

store = ui.get_store()
profile = ui.require_profile()
today = now().date()
rows = ui.all_entries(profile)

EDIT_KEY = "bladder_edit_id"
PICK_KEY = "bladder_pick_day"
EVENT_PREFIX = "bl_ev_"
DAY_PREFIX = "bl_day_"

st.title("Bladder diary")
urgent = ef.urgent_ongoing(rows.of_kinds([SideEffect.KIND]), today)  # reads only those
if urgent:
    st.error(tv.urgent_text(urgent), icon=":material/emergency:")
# Only the check-ins of the last days can raise the alert (forms.URGENT_DAYS).
infection = forms.infection_alert(
    rows.between(today - dt.timedelta(days=forms.URGENT_DAYS), today), today
)
if infection:
    st.error(infection, icon=":material/emergency:")
ui.show_flash()
st.markdown(
    "Tap **Void now** each time you pass urine and **Leak now** each time you leak"
    + (
        ", **Catheterized now** each time you drain the bladder with a catheter"
        if forms.neurogenic(profile.settings)
        else ""
    )
    + "; add details later if you like. At the end of the day, mark it **complete**: insurers "
    "and clinicians read 3 complete days in a row."
)


def _tap(event: str) -> None:
    try:
        entry = forms.event_now(event)
        store.add(profile.id, entry)
    except ValueError as exc:
        ui.show_error(exc)
        return
    ui.flash(
        f"{'Catheterization' if event == 'catheter' else event.capitalize()} logged at "
        f"{entry.at:%H:%M}. "
        "Add details (volume, urgency, leak size) with its Complete button in the diary below."
    )
    st.rerun()


catheterizing = forms.neurogenic(profile.settings)  # neurogenic: "Catheterized now" too
cols = st.columns(4 if catheterizing else 3)
if cols[0].button(
    "Void now", type="primary", icon=":material/wc:", key="bl_void_now", width="stretch"
):
    _tap("void")
if cols[1].button(
    "Leak now", type="primary", icon=":material/water_drop:", key="bl_leak_now", width="stretch"
):
    _tap("leak")
if catheterizing and cols[2].button(
    forms.CATHETER_BUTTON["label"],
    type="primary",
    icon=forms.CATHETER_BUTTON["icon"],
    key="bl_catheter_now",
    width="stretch",
):
    _tap("catheter")
if cols[-1].button("Drink now", icon=":material/local_cafe:", key="bl_drink_now", width="stretch"):
    _tap("drink")

todays = [r.entry for r in rows.on(today) if r.kind == BladderEvent.KIND]
n = {e: sum(1 for x in todays if x.event == e) for e in EVENTS}
checked = next((r.entry for r in rows.on(today) if r.kind == BladderDay.KIND), None)
st.caption(
    f"Today so far: {n['void']} void{'s' if n['void'] != 1 else ''}, "
    f"{n['leak']} leak{'s' if n['leak'] != 1 else ''}, {n['drink']} drink"
    f"{'s' if n['drink'] != 1 else ''}"
    + (
        f", {n['catheter']} catheterization{'s' if n['catheter'] != 1 else ''}. "
        if catheterizing or n["catheter"]
        else ". "
    )
    + (
        "Marked complete."
        if checked is not None and checked.complete
        else "Not marked complete yet."
    )
)
st.caption(
    "Cannot pass urine at all, a painful swollen lower belly, or fever, chills or pain in your "
    "side (especially in the weeks after a bladder injection)? **Seek care now**: urgent care or "
    "an emergency department."
)

editing_id, editing = ui.editing_entry(profile, EDIT_KEY, BladderEvent.KIND)
with st.expander(
    "Change an event" if editing else "Log an event with details (earlier time, volume, urgency)",
    expanded=editing is not None,
    icon=":material/edit_note:",
):
    d = forms.event_to_form(editing) if editing is not None else {}
    moment = now().replace(second=0, microsecond=0)
    with st.form("bl_event_form"):
        v: dict = {}
        v["event"] = st.radio(
            "What happened",
            EVENTS,
            index=EVENTS.index(d.get("event", "void")),
            horizontal=True,
            key=f"{EVENT_PREFIX}event",
        )
        a, b = st.columns(2)
        v["date"] = a.date_input(
            "Day", value=d.get("date", today), max_value=today, key=f"{EVENT_PREFIX}date"
        )
        v["time"] = b.time_input(
            "Time", value=d.get("time", moment.time()), step=300, key=f"{EVENT_PREFIX}time"
        )
        v["volume_ml"] = st.number_input(
            "Volume in mL (a void measured with a collection hat, a catheterization, or a "
            "drink); 0 = not measured",
            min_value=0,
            max_value=3000,
            step=50,
            value=d.get("volume_ml", 0),
            key=f"{EVENT_PREFIX}volume",
        )
        v["urgency"] = st.radio(
            "Void: how strong was the urge?",
            list(URGENCY_WORDS),
            format_func=URGENCY_WORDS.get,
            index=d.get("urgency"),
            key=f"{EVENT_PREFIX}urgency",
        )
        a, b = st.columns(2)
        amounts = [forms.NOT_GIVEN, *LEAK_AMOUNTS]
        v["leak_amount"] = a.selectbox(
            "Leak: how much",
            amounts,
            index=amounts.index(d.get("leak_amount", forms.NOT_GIVEN)),
            key=f"{EVENT_PREFIX}amount",
        )
        yn = list(ef.YES_NO)
        v["urge_first"] = b.selectbox(
            "Leak: did a sudden urge come first?",
            yn,
            index=yn.index(d.get("urge_first", "Not recorded")),
            key=f"{EVENT_PREFIX}urge_first",
        )
        kinds = [forms.NOT_GIVEN, *DRINK_KINDS]
        v["drink_kind"] = st.selectbox(
            "Drink: what kind",
            kinds,
            index=kinds.index(d.get("drink_kind", forms.NOT_GIVEN)),
            key=f"{EVENT_PREFIX}drink",
        )
        v["notes"] = st.text_input(
            "Note", value=d.get("notes", ""), max_chars=120, key=f"{EVENT_PREFIX}notes"
        )
        st.caption("Only the details of the kind you picked are saved; the others are ignored.")
        saved = st.form_submit_button(
            "Save changes" if editing else "Save event", type="primary", key=f"{EVENT_PREFIX}save"
        )
    if saved:
        ui.save_entry(
            profile,
            lambda: forms.event_from_form(v),
            editing_id,
            edit_key=EDIT_KEY,
            form_prefix=EVENT_PREFIX,
            message=lambda e: f"{e.event.capitalize()} at {e.at:%d %b %H:%M} saved.",
        )
    ui.cancel_edit_button(editing_id, EDIT_KEY, EVENT_PREFIX, key="bl_cancel_event")

with st.expander(
    "Day check-in: bedtime, waking time, pads, complete 24 h",
    expanded=checked is None,
    icon=":material/task_alt:",
):
    day, day_id, day_entry, dd = ui.day_form(
        profile, rows, BladderDay.KIND, EDIT_KEY, PICK_KEY, DAY_PREFIX, forms.day_to_form
    )
    with st.form("bl_day_form"):
        w: dict = {"date": day}
        a, b = st.columns(2)
        w["bedtime"] = a.time_input(
            "Went to sleep the night before",
            value=dd("bedtime", dt.time(23, 0)),
            step=900,
            key=f"{DAY_PREFIX}bed",
        )
        w["wake_time"] = b.time_input(
            "Got up for the day",
            value=dd("wake_time", dt.time(7, 0)),
            step=900,
            key=f"{DAY_PREFIX}wake",
        )
        w["pads"] = st.number_input(
            "Pads or protection changed this day (leave empty if you use none)",
            min_value=0,
            max_value=30,
            value=dd("pads", None),
            key=f"{DAY_PREFIX}pads",
        )
        w["infection_signs"] = st.multiselect(
            "Signs of an infection today (optional)",
            list(INFECTION_SIGNS),
            default=dd("infection_signs", []),
            format_func=INFECTION_SIGNS.get,
            key=f"{DAY_PREFIX}infection",
        )
        w["complete"] = st.checkbox(
            "This day is complete: every void and leak from midnight to midnight is logged",
            value=dd("complete", False),
            key=f"{DAY_PREFIX}complete",
        )
        w["notes"] = st.text_input(
            "Note", value=dd("notes", ""), max_chars=120, key=f"{DAY_PREFIX}notes"
        )
        saved_day = st.form_submit_button(
            "Save changes" if day_entry else "Save check-in",
            type="primary",
            key=f"{DAY_PREFIX}save",
        )
    if saved_day:
        ui.save_day(
            profile,
            forms.day_from_form,
            w,
            day_id,
            edit_key=EDIT_KEY,
            form_prefix=DAY_PREFIX,
            rows=rows,
        )

start, end = ui.period(profile)
level = effective_thresholds(profile.settings).get("bladder_urgency_level", URGENCY_LEVEL)
summary = rows.memo(  # once per revision, period and level (shared: read only)
    ("bladder_summary", start, min(end, today), int(level)),
    lambda: bladder_summary(rows, start, min(end, today), int(level)),
)
st.subheader("Per 24 hours, complete days only")
if summary.complete_days == 0:
    st.info(
        "No complete day in this period yet. Log every void and leak of a day, then tick "
        "'This day is complete' in the day check-in."
    )
else:
    st.markdown(
        f"**{summary.complete_days}** complete of {summary.logged_days} logged days in "
        f"{ui.period_label(start, end)}."
    )
    st.dataframe(
        [
            {"Count": COUNT_LABELS[k], "Mean per 24 h": v if v is not None else "not recorded"}
            for k, v in summary.per_day.items()
        ],
        hide_index=True,
        width="stretch",
    )
with st.expander("How each number is counted"):
    st.markdown("\n".join(f"- {t}" for t in summary.definitions))

ui.diary_by_day(
    profile,
    rows,
    (BladderEvent.KIND, BladderDay.KIND),
    "bladder",
    EDIT_KEY,
    empty_hint="Tap **Void now** or **Leak now** above; add details later.",
    form_prefix="bl_",
)
