"""Home page: quick log resets after a save, open attacks are offered an end (issue 14)."""

from __future__ import annotations

import datetime as dt

from tests import clock
from tests.pages.helpers import by_key, open_page
from utils import forms
from utils.store import Store


def test_quick_log_resets_after_saving(store: Store) -> None:
    p = store.create_profile("Me")
    store.add(p.id, forms.checkin(clock.TODAY - dt.timedelta(days=1)))
    at = open_page(profile_id=p.id)
    by_key(at.segmented_control, "quick_severity").set_value("Severe").run()
    by_key(at.button, "quick_save").click().run()
    assert not at.exception
    assert sorted(r.kind for r in store.entries(p.id)) == ["attack", "headache_checkin"]
    # Nothing stays chosen: a second tap cannot save a second attack.
    assert all(c.value is None for c in at.segmented_control if c.key.startswith("quick_sev"))
    assert all(b.disabled for b in at.button if b.key and b.key.startswith("quick_save"))


def test_open_attack_banner_ends_it_now(store: Store) -> None:
    p = store.create_profile("Me")
    start = clock.NOW - dt.timedelta(hours=3)
    eid = store.add(p.id, forms.quick_attack("Moderate", at=start))
    at = open_page(profile_id=p.id)
    text = "\n".join(m.value for m in at.markdown)
    assert f"still going since {start:%a %H:%M}" in text
    at.button(key=f"open_end_now_{eid}").click().run()
    assert not at.exception
    a = store.get(p.id, eid).entry
    assert not a.ongoing and a.end == clock.NOW
    assert "still going since" not in "\n".join(m.value for m in at.markdown)


def test_open_attack_banner_ends_it_at_a_chosen_time(store: Store) -> None:
    p = store.create_profile("Me")
    start = clock.NOW - dt.timedelta(hours=30)
    eid = store.add(p.id, forms.quick_attack("Severe", at=start))
    at = open_page(profile_id=p.id)
    end = start + dt.timedelta(hours=5)
    at.date_input(key=f"open_end_day_{eid}").set_value(end.date())
    at.time_input(key=f"open_end_time_{eid}").set_value(end.time())
    at.button(key=f"open_end_at_{eid}").click().run()
    assert not at.exception
    a = store.get(p.id, eid).entry
    assert not a.ongoing and a.end == end and a.pain == 8
    assert store.get(p.id, eid).version == 2


def test_open_attack_add_details_opens_the_form_on_it(store: Store) -> None:
    p = store.create_profile("Me")
    eid = store.add(p.id, forms.quick_attack("Mild", at=clock.NOW - dt.timedelta(hours=1)))
    at = open_page(profile_id=p.id)
    at.button(key=f"open_details_{eid}").click().run()
    assert not at.exception
    assert at.session_state["headache_edit_id"] == eid
    assert at.title[0].value == "Headache diary"


def test_quick_log_offers_to_end_the_open_attack_instead(store: Store) -> None:
    p = store.create_profile("Me")
    eid = store.add(p.id, forms.quick_attack("Mild", at=clock.NOW - dt.timedelta(hours=1)))
    at = open_page(profile_id=p.id)
    assert not [c for c in at.segmented_control if c.key.startswith("quick_sev")]
    at.button(key="quick_end_open").click().run()
    assert not store.get(p.id, eid).entry.ongoing
    # With nothing open, the quick log is back.
    assert [c for c in at.segmented_control if c.key.startswith("quick_sev")]


def test_home_has_the_quick_actions_of_each_tracked_condition(store: Store) -> None:
    p = store.create_profile("Me", ["sweating", "jaw"])
    at = open_page(profile_id=p.id)
    assert {"Sweating today", "Jaw today"} <= {h.value for h in at.subheader}
    assert "Headache today" not in {h.value for h in at.subheader}
    at.button(key="home_jaw_normal_today").click().run()
    assert not at.exception
    (row,) = store.entries(p.id)
    assert row.kind == "jaw_day" and row.entry.normal_day and row.day == clock.TODAY
    at.button(key="home_sweating_normal_today").click().run()
    assert sorted(r.kind for r in store.entries(p.id)) == ["jaw_day", "sweat_day"]
