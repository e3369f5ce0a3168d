"""The Treatments & Botox page's logic, without Streamlit."""

from __future__ import annotations

import datetime as dt

from utils import entry_forms as ef
from utils import treatments_view as tv
from utils.models import BotoxSession, SideEffect
from utils.store import Store

TODAY = dt.date(2026, 11, 20)


def test_the_page_offers_the_profile_conditions_or_every_one() -> None:
    assert tv.page_conditions(["jaw"]) == ["jaw"]
    assert tv.page_conditions([]) == [
        "headache",
        "sweating",
        "jaw",
        "bladder",
        "neck",
        "spasticity",
    ]


def test_treatment_options_end_with_another_treatment() -> None:
    options, classes, class_ids = tv.treatment_options("headache")
    assert options[-1] == ef.OWN_TREATMENT and len(options) > 1
    assert class_ids == list(classes)


def test_index_or_first() -> None:
    assert tv.index_or_first(["a", "b"], "b") == 1
    assert tv.index_or_first(["a", "b"], "z") == 0
    assert tv.index_or_first(["a", "b"], None) == 0


def test_trials_note_warns_only_when_a_trial_was_short() -> None:
    ok = [{"Treatment": "X", "Days": 90, "short": False}]
    short = [{"Treatment": "Y", "Days": 10, "short": True}]
    assert tv.trials_note(ok, "headache")[0] is False
    warn, sentence = tv.trials_note(ok + short, "headache")
    assert warn and "Y (10 days)" in sentence


def test_listing_rows_hide_the_button_and_warning_columns() -> None:
    rows = tv.listing_rows([{"entry_id": 3, "short": True, "Treatment": "X"}])
    assert rows == [{"Treatment": "X"}]


def test_next_session_lines_one_day_before_on_and_after_the_due_date(store: Store) -> None:
    p = store.create_profile("Me", ["headache"])
    last = TODAY - dt.timedelta(weeks=12)  # due 12 weeks later: today
    store.add(p.id, BotoxSession(date=last, condition="headache", units=155))
    rows = store.entries(p.id)
    due = BotoxSession(date=last, condition="headache", units=155).next_session()
    before = tv.next_session_lines(rows, due - dt.timedelta(days=1))
    assert before == [
        f"Next headache / migraine session due **{due:%A %d %B %Y}** (in 1 days); "
        f"last one on {last:%d %b %Y}."
    ]
    assert "(in 0 days)" in tv.next_session_lines(rows, due)[0]
    after = tv.next_session_lines(rows, due + dt.timedelta(days=1))
    assert after[0].startswith(f"Next headache / migraine session overdue since {due:%d %b %Y}")


def test_session_choices_newest_first_then_not_linked(store: Store) -> None:
    p = store.create_profile("Me", ["headache"])
    a = store.add(
        p.id, BotoxSession(date=TODAY - dt.timedelta(days=100), condition="headache", units=155)
    )
    b = store.add(
        p.id, BotoxSession(date=TODAY - dt.timedelta(days=10), condition="headache", units=155)
    )
    labels, ids = tv.session_choices(store.entries(p.id))
    assert ids == [b, a, None] and set(labels) == {a, b}
    assert tv.session_index(ids, {"session_id": a}) == 1
    assert tv.session_index(ids, {"session_id": 999}) == 0
    assert tv.session_index(ids, {}) == 0


def test_session_conditions_keep_the_edited_session_own_condition() -> None:
    editing = BotoxSession(date=TODAY, condition="jaw", units=50)
    assert tv.session_conditions(["headache"], editing) == ["headache", "jaw"]
    assert tv.session_conditions(["headache", "jaw"], editing) == ["headache", "jaw"]
    assert tv.session_conditions(["headache"], None) == ["headache"]


def test_urgent_text_escapes_the_effect_name(store: Store) -> None:
    p = store.create_profile("Me", ["headache"])
    store.add(
        p.id,
        SideEffect(effect="*trouble* swallowing", start=TODAY, severity="severe"),
    )
    text = tv.urgent_text(store.entries(p.id))
    assert text.startswith(ef.URGENT_MESSAGE)
    assert "*trouble*" not in text and "trouble" in text
    assert tv.urgent_text([]) == ef.URGENT_MESSAGE
