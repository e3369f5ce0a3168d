"""Streamlit blocks for "When is my case ready?" (issue 19), shared by the home page and the
Coverage cases page. Layout only: every date and sentence comes from ``Evidence.readiness``.
Sentences may carry user text (a treatment's name), so they are escaped before Markdown."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from utils import casefile, readiness, ui
from utils.cached import evidence_for
from utils.deadlines import readiness_deadline
from utils.evidence import Evidence
from utils.safe_text import md as plain  # the one escaper for user text in Markdown
from utils.storage.rows import Profile

ICONS = {
    readiness.LINE_READY: ":material/check_circle:",
    readiness.LINE_DATE: ":material/event_upcoming:",
    readiness.LINE_TRIAL: ":material/medication:",
    readiness.LINE_CLINICIAN: ":material/stethoscope:",
    readiness.LINE_ACTION: ":material/edit_note:",
    readiness.LINE_BLOCKED: ":material/block:",
    readiness.LINE_NOT_YET: ":material/schedule:",
}


def case_evidence(profile: Profile, rows, today: dt.date) -> Evidence:
    """The evidence over the case window the home page uses (cached)."""
    start, end = casefile.case_window(today, casefile.first_diary_day(rows))
    return evidence_for(profile, start, end)


def show(evidence: Evidence, condition: str) -> None:
    """The readiness lines of one condition, the dates per criterion and the renewal dates."""
    r = evidence.readiness
    if r is None:
        return
    st.markdown("**When is the case ready?** (a projection)")
    if condition in r.no_rule_set:
        st.markdown(":material/info: " + plain(r.no_rule_set[condition]))
    for rs in r.rule_sets:
        if rs.condition != condition:
            continue
        st.markdown(f"{ICONS.get(rs.line_kind, '')} **{plain(rs.title)}**: {plain(rs.line)}")
        open_items = [c for c in rs.criteria if c.kind != readiness.READY]
        if open_items and rs.line_kind != readiness.LINE_NOT_YET:
            with st.expander("Date per criterion, and what would change it"):
                for c in open_items:
                    text = f"**{plain(readiness.label(c).capitalize())}**: {plain(c.text)}"
                    if c.stopper:
                        text += f"  \n:orange[What would change it:] {plain(c.stopper)}"
                    st.markdown(text)
    for s in r.renewal:
        if s.condition == condition:
            st.markdown(":material/autorenew: **Renewal**: " + plain(s.text))
    st.caption(plain(r.projection))


def nearest(evidence: Evidence, today: dt.date) -> None:
    """The nearest readiness date, next to the coverage deadlines."""
    d = readiness_deadline(evidence.readiness, today)
    if d is None:
        return
    with st.container(border=True):
        st.markdown(
            f":material/event_upcoming: **{plain(d.title)}** on {d.due:%A %d %B %Y}: "
            f"**{d.days_text()}** (projection)."
        )
        st.caption(plain(d.rule))


def calendar_items(profile: Profile, today: dt.date) -> list:
    """The nearest readiness date as a calendar item (empty when there is none)."""
    ev = case_evidence(profile, ui.all_entries(profile), today)
    d = readiness_deadline(ev.readiness, today)
    return [d] if d is not None else []
