"""Trends: the evidence as charts, each with the sentence that states its key number."""

from __future__ import annotations

import streamlit as st

from utils import cached, charts, ui

profile = ui.require_profile()
start, end = ui.period(profile)
evidence = cached.evidence_for(profile, start, end)
FULL_WIDTH = {"calendar", "monthly", "timeline", "response"}
SECTION_KEY = "trends_section"
sections = cached.chart_sections(profile, start, end)

st.title("Trends")
st.caption(
    f"{ui.period_label(start, end)}. Change the period in the sidebar. Each chart's key number "
    "is written under it; grey hatched days are days with nothing logged, never counted as good "
    "or bad days."
)
if evidence.period.note:
    st.caption(evidence.period.note)


def show(chart: charts.Chart) -> None:
    st.subheader(chart.title, anchor=f"trend-{chart.key}")
    if chart.figure is None:
        st.info(chart.summary, icon=":material/edit_note:")
        return
    st.plotly_chart(
        chart.figure,
        theme="streamlit",
        width="stretch",
        key=f"chart_{chart.key}",
        # No Plotly toolbar: on a phone it sat over the chart's top (legend, session labels).
        # Streamlit's own element toolbar still offers full screen.
        config={"displaylogo": False, "responsive": True, "displayModeBar": False},
        alt=chart.summary,
    )
    st.markdown(chart.summary)


if not sections:
    st.info("This profile tracks no condition yet. Choose one under Profiles & settings.")
    st.stop()
# One condition's charts at a time: only the section on screen is built (after a save, the
# other sections are drawn when picked), so the page stays quick on a long diary.
if st.session_state.get(SECTION_KEY) not in sections:
    st.session_state.pop(SECTION_KEY, None)  # another profile's section, or none yet
condition = sections[0]
if len(sections) > 1:
    condition = (
        st.segmented_control(
            "Charts of",
            sections,
            default=sections[0],
            required=True,
            format_func=ui.condition_label,
            key=SECTION_KEY,
        )
        or sections[0]
    )
items = cached.section_charts(profile, start, end, condition)
st.header(ui.condition_label(condition), divider="gray")
if all(c.empty for c in items):
    st.info(
        "Nothing logged for this in the period yet. Each chart below says what to log to see it."
    )
# Wide charts get the full width; the others sit in pairs (stacked on a phone).
rows: list[list[charts.Chart]] = []
for chart in items:
    if chart.key in FULL_WIDTH or not rows or len(rows[-1]) == 2 or rows[-1][0].key in FULL_WIDTH:
        rows.append([chart])
    else:
        rows[-1].append(chart)
for row in rows:
    for col, chart in zip(st.columns(len(row), gap="large"), row, strict=True):
        with col:
            show(chart)
