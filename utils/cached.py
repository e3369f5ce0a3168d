"""The evidence of a profile and period, computed once and shared by every page that shows it.

``evidence_for(profile, start, end)`` is the one way a page asks for ``Evidence``: the trends
page, the home page and the reports page all call it, so a rerun that changes nothing (a widget
click elsewhere, switching pages and back) reuses the same object instead of reclassifying the
whole diary.

The cache key is everything the result depends on, passed as arguments (never read from session
state inside the cached function):

- the database URL, the owner and the profile id (whose diary); the key is made only after the
  store has checked that the session's owner owns the profile (``store.revision``);
- the profile's revision, which the store bumps on every write (new, edited, deleted entries and
  profile changes), so a saved entry is visible on the next run;
- the period (first and last day);
- a frozen repr of the profile's settings (thresholds, migraine-day rule) and its conditions;
- the reference time ``at``, truncated to the hour: ongoing attacks and "days after today" depend
  on it, and an hour is fine-grained enough for a diary while letting reruns share the result.

The returned ``Evidence`` is frozen and shared between sessions: never modify it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import streamlit as st

from utils import models, ui
from utils.evidence import Evidence, build_evidence
from utils.storage.checks import LOCAL_OWNER
from utils.storage.rows import Profile


def settings_key(settings: dict[str, Any] | None) -> str:
    """A stable text for a settings dict (the same settings always give the same key)."""
    return json.dumps(settings or {}, sort_keys=True, default=str)


def reference_hour(at: dt.datetime | None = None) -> dt.datetime:
    """The 'at' the evidence is computed for: now (or ``at``), truncated to the hour."""
    return (at or models.now()).replace(minute=0, second=0, microsecond=0)


@st.cache_resource(show_spinner=False, max_entries=32)
def _evidence(
    url: str,
    profile_id: int,
    revision: int,
    start: dt.date,
    end: dt.date,
    settings: str,
    conditions: tuple[str, ...],
    at: dt.datetime,
    _profile: Profile,
    owner: str = LOCAL_OWNER,
) -> Evidence:
    rows = ui._entries_for(url, profile_id, revision, owner)  # a shared ``Recorded``
    return build_evidence(rows, conditions, start, end, json.loads(settings), at)


def _key(profile: Profile, start: dt.date, end: dt.date) -> tuple[Any, ...]:
    store = ui.get_store()
    return (
        store.url,
        profile.id,
        store.revision(profile.id),  # checks the ownership first
        start,
        end,
        settings_key(profile.settings),
        tuple(profile.conditions),
        reference_hour(),
        profile,
        store.owner,
    )


def evidence_for(profile: Profile, start: dt.date, end: dt.date) -> Evidence:
    """The profile's ``Evidence`` for ``start``..``end`` (inclusive), cached (see module doc)."""
    return _evidence(*_key(profile, start, end))


@st.cache_resource(show_spinner=False, max_entries=32)
def _charts(
    url: str,
    profile_id: int,
    revision: int,
    start: dt.date,
    end: dt.date,
    settings: str,
    conditions: tuple[str, ...],
    at: dt.datetime,
    _profile: Profile,
    owner: str = LOCAL_OWNER,
    section: str = "",
) -> tuple[Any, ...]:
    from utils import charts  # plotly is imported only by the pages that draw

    evidence = _evidence(
        url, profile_id, revision, start, end, settings, conditions, at, _profile, owner
    )
    rows = list(ui._entries_for(url, profile_id, revision, owner))
    return tuple(charts.section_charts(evidence, rows, section))  # shared: frozen at the top


def chart_sections(profile: Profile, start: dt.date, end: dt.date) -> list[str]:
    """The trends page's sections (conditions with charts), in page order."""
    from utils import charts

    return charts.sections(evidence_for(profile, start, end))


def section_charts(
    profile: Profile, start: dt.date, end: dt.date, condition: str
) -> tuple[Any, ...]:
    """One section of the trends page (``utils.charts.Chart`` of one condition), cached like the
    evidence and per section: after a diary change only the section on screen is drawn again.

    The figures are shared between reruns and sessions: draw them, never modify them.
    """
    return _charts(*_key(profile, start, end), condition)


def charts_for(profile: Profile, start: dt.date, end: dt.date) -> dict[str, tuple[Any, ...]]:
    """Every section's charts, by condition (each section cached as in ``section_charts``)."""
    return {
        key: section_charts(profile, start, end, key) for key in chart_sections(profile, start, end)
    }


@st.cache_resource(show_spinner=False, max_entries=32)
def _letter_texts(
    url: str,
    profile_id: int,
    revision: int,
    start: dt.date,
    end: dt.date,
    settings: str,
    conditions: tuple[str, ...],
    at: dt.datetime,
    _profile: Profile,
    owner: str,
    kind: str,
    condition: str,
    case_id: int | None,
    info: Any,
) -> tuple[str, str]:
    from utils import letters  # the letter modules are imported only by the page that drafts

    evidence = _evidence(
        url, profile_id, revision, start, end, settings, conditions, at, _profile, owner
    )
    rows = ui._entries_for(url, profile_id, revision, owner)
    item = rows.by_id().get(case_id) if case_id is not None else None
    case = item.entry if item is not None and item.kind == "coverage_case" else None
    draft = letters.draft(kind, evidence, rows, condition, case=case, info=info)
    return draft, letters.clinician_checklist(evidence, rows, condition)


def letter_texts(
    profile: Profile,
    start: dt.date,
    end: dt.date,
    kind: str,
    condition: str,
    case_id: int | None,
    info: Any,
) -> tuple[str, str]:
    """The letter draft of ``kind`` for ``condition`` (an appeal about the coverage case
    ``case_id``, with the patient's printed ``info``) and its checklist for the clinician, from
    the cached evidence, cached like it: a rerun that changes nothing drafts nothing again."""
    return _letter_texts(*_key(profile, start, end), kind, condition, case_id, info)
