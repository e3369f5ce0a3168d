"""Insurance guide: the steps to coverage, per condition, with codes, sources and links."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from utils import guide, ui

ROOT = Path(__file__).resolve().parent.parent
profile = ui.current_profile()

st.title("Insurance guide")
st.markdown(
    "How to get Botox covered, step by step, for each condition. "
    "Pick a part of the guide, then a topic; the buttons lead to the part of the app that does it."
)
st.warning(guide.NOT_ADVICE, icon=":material/gavel:")

all_pages = guide.pages()
sections = [s for s in guide.SECTIONS if any(p.section == s for p in all_pages)]
section = st.segmented_control(
    "Part of the guide", sections, default=sections[0], key="guide_section"
)
section = section or sections[0]
in_section = [p for p in all_pages if p.section == section]
titles = {p.slug: p.title for p in in_section}
slug = st.selectbox("Topic", list(titles), format_func=titles.get, key=f"guide_topic_{section}")
page = next(p for p in in_section if p.slug == slug)

st.header(page.title, divider="gray")
st.markdown(page.body)


def link(target: guide.Link) -> bool:
    """A link to an app page, skipped when the page is missing or not in this profile's menu."""
    if not (ROOT / target.page).exists():
        return False
    if target.condition and not (profile and profile.tracks(target.condition)):
        return False
    try:
        st.page_link(target.page, label=target.label, icon=target.icon)
    except StreamlitAPIException:
        return False
    return True


if page.links:
    with st.container(border=True):
        st.markdown("**Do it in the app**")
        shown = [link(t) for t in page.links]
        if not any(shown):
            st.caption("The pages for this step are not in your menu yet.")

if page.codes:
    st.subheader("Codes")
    st.caption(
        "Descriptions in our own words (official CPT wording is copyrighted). "
        "Your doctor's office chooses the codes; check they match the insurer's letter."
    )
    names = guide.code_conditions()
    wanted = [c for c in names if c != "any"] if page.codes == ("all",) else list(page.codes)
    for condition in wanted:
        if len(wanted) > 1:
            st.markdown(f"**{names.get(condition, condition)}**")
        st.table(pd.DataFrame(guide.codes_for(condition)).set_index("Code"))

st.caption(
    "**Sources**: " + "; ".join(f"{s.source} (last checked {s.last_checked})" for s in page.sources)
)
