"""utils.ledger: the treatment ledger and questionnaire histories the evidence carries (issue 16)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.diaries import stored
from utils import models
from utils.evidence import build_evidence
from utils.ledger import treatment_ledger
from utils.models import BotoxSession, Hit6, Midas, SweatDay, Treatment

AT = dt.datetime(2026, 6, 30, 12, 0)
D = dt.date


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: AT)


def trial(name, cls, start, stop=None, outcome="inadequate_response", condition="headache"):
    return Treatment(
        condition=condition,
        name=name,
        treatment_class=cls,
        start=start,
        stop=stop,
        outcome="ongoing" if stop is None else outcome,
    )


def session(d, condition="headache"):
    return BotoxSession(date=d, condition=condition, units=155)


def midas(d, q1):
    return Midas(date=d, q1=q1, q2=0, q3=0, q4=0, q5=0)


def entries():
    # Recorded in this order (stored() records each on the evening of its own day, so the
    # recording order is by day): a beta blocker from 1 Jan, topiramate from 1 Feb, an
    # aluminium chloride trial for sweating; Botox sessions, MIDAS and HIT-6.
    return stored(
        trial("propranolol", "beta_blocker", D(2026, 1, 1), D(2026, 3, 10)),
        trial("topiramate", "anticonvulsant", D(2026, 2, 1)),
        trial("Drysol", "aluminium_chloride", D(2026, 2, 15), condition="sweating"),
        session(D(2026, 3, 1)),
        session(D(2026, 5, 24)),
        session(D(2026, 4, 1), condition="sweating"),
        midas(D(2026, 2, 20), 30),
        midas(D(2026, 3, 1), 20),
        midas(D(2026, 6, 1), 10),
        Hit6(date=D(2026, 6, 2), total=60),
    )


def test_the_ledger_stops_at_the_last_counted_day():
    # End 20 May: the session of 24 May is left out; every treatment started by then is kept.
    ledger = treatment_ledger(entries(), D(2026, 5, 20))
    assert [t.name for t in ledger.treatments] == ["propranolol", "topiramate", "Drysol"]
    assert [s.date for s in ledger.sessions] == [D(2026, 3, 1), D(2026, 4, 1)]
    assert ledger.session_dates() == {"headache": [D(2026, 3, 1)], "sweating": [D(2026, 4, 1)]}
    # The store ids follow the sessions (stored() numbers entries from 1 in the order given).
    assert ledger.session_ids == (4, 6)
    assert ledger.treatment_ids == (1, 2, 3)


def test_the_ledger_by_condition_and_in_period():
    ledger = treatment_ledger(entries(), D(2026, 6, 30))
    assert [t.name for t in ledger.treatments_for("headache")] == ["propranolol", "topiramate"]
    assert [s.date for s in ledger.sessions_for("headache")] == [D(2026, 3, 1), D(2026, 5, 24)]
    # From 11 Mar: propranolol stopped on 10 Mar (out), the 1 Mar session is out.
    later = ledger.in_period(D(2026, 3, 11))
    assert [t.name for t in later.treatments] == ["topiramate", "Drysol"]
    assert [s.date for s in later.sessions] == [D(2026, 4, 1), D(2026, 5, 24)]
    # On 10 Mar itself propranolol was still taken.
    assert "propranolol" in [t.name for t in ledger.in_period(D(2026, 3, 10)).treatments]


def test_questionnaire_baselines():
    ev = build_evidence(entries(), ("headache", "sweating"), D(2026, 1, 1), D(2026, 6, 30), {}, AT)
    m = ev.questionnaires["midas"]
    assert [x.date for x in m.entries] == [D(2026, 2, 20), D(2026, 3, 1), D(2026, 6, 1)]
    assert m.first.q1 == 30
    # The baseline is the last MIDAS on or before the first session (1 Mar, the same day).
    assert m.baseline.date == D(2026, 3, 1)
    assert [x.date for x in m.after(D(2026, 3, 1))] == [D(2026, 6, 1)]
    assert m.latest.date == D(2026, 6, 1)
    assert m.ids == (7, 8, 9)
    # HIT-6 only after the first session: no baseline.
    assert ev.questionnaires["hit6"].baseline is None
    assert ev.questionnaires["hit6"].first.total == 60
    # HDSS: none recorded.
    assert ev.questionnaires["hdss"].entries == ()


def test_a_questionnaire_after_the_end_is_not_in_the_history():
    ev = build_evidence(entries(), ("headache",), D(2026, 1, 1), D(2026, 5, 31), {}, AT)
    assert [x.date for x in ev.questionnaires["midas"].entries] == [D(2026, 2, 20), D(2026, 3, 1)]
    assert "hdss" not in ev.questionnaires  # sweating is not tracked


def test_the_new_fields_are_not_in_the_summary_json():
    ev = build_evidence(entries(), ("headache",), D(2026, 1, 1), D(2026, 6, 30), {}, AT)
    assert ev.ledger is not None and ev.attack_durations is not None
    data = ev.to_dict()
    for name in ("ledger", "questionnaires", "attack_durations"):
        assert name not in data
    json.dumps(data)


def test_sweat_days_feed_the_sweating_checks_only_when_tracked():
    rows = stored(SweatDay(date=D(2026, 6, 1), hdss=4, sites=["palms"]))
    ev = build_evidence(rows, ("sweating",), D(2026, 6, 1), D(2026, 6, 30), {}, AT)
    assert ev.sweating is not None and ev.jaw is None and ev.days == ()
