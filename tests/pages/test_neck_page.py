"""Neck diary page: empty state, two-tap day, normal day, refused input, scale totals, urgent."""

from __future__ import annotations

import datetime as dt

from tests import clock
from tests.pages.helpers import open_entry_buttons, open_page
from utils.store import Store

PAGE = "pages/neck.py"
TODAY = clock.TODAY


def test_empty_profile_explains_what_to_do(store: Store) -> None:
    p = store.create_profile("Me", ["neck"])
    at = open_page(PAGE, p.id)
    assert at.title[0].value == "Neck diary"
    assert any("Nothing logged in this period" in i.value for i in at.info)
    assert not at.error


def test_two_taps_save_a_day(store: Store) -> None:
    p = store.create_profile("Me", ["neck"])
    at = open_page(PAGE, p.id)
    day = TODAY - dt.timedelta(days=2)
    at.date_input(key="neck_pick_day").set_value(day).run()
    at.radio(key="nkf_pain").set_value(6)
    at.radio(key="nkf_pull").set_value("moderate")
    at.button(key="nkf_save").click()
    at.run()
    assert not at.exception and not at.error
    (row,) = store.entries(p.id, ["neck_day"])
    assert (row.day, row.entry.pain, row.entry.pull) == (day, 6, "moderate")


def test_details_persist(store: Store) -> None:
    p = store.create_profile("Me", ["neck"])
    at = open_page(PAGE, p.id)
    at.radio(key="nkf_pull").set_value("severe")
    at.multiselect(key="nkf_limits").set_value(["driving", "sleep"])
    at.multiselect(key="nkf_directions").set_value(["turns left", "shoulder raised"])
    at.selectbox(key="nkf_tremor").set_value("Yes")
    at.multiselect(key="nkf_helped").set_value(["sensory trick (touching chin or face)"])
    at.checkbox(key="nkf_wearing_off").check()
    at.button(key="nkf_save").click()
    at.run()
    assert not at.error
    (row,) = store.entries(p.id, ["neck_day"])
    e = row.entry
    assert e.pain is None and e.limits == ["driving", "sleep"] and e.tremor is True
    assert e.wearing_off and e.directions == ["turns left", "shoulder raised"]


def test_nothing_given_is_refused(store: Store) -> None:
    p = store.create_profile("Me", ["neck"])
    at = open_page(PAGE, p.id)
    at.multiselect(key="nkf_limits").set_value(["reading"])
    at.button(key="nkf_save").click()
    at.run()
    assert not at.exception
    assert any("Not saved" in e.value and "neck pain" in e.value for e in at.error)
    assert store.entries(p.id) == []


def test_normal_day_in_one_tap(store: Store) -> None:
    p = store.create_profile("Me", ["neck"])
    at = open_page(PAGE, p.id)
    at.button(key="neck_normal_today").click()
    at.run()
    (row,) = store.entries(p.id, ["neck_day"])
    assert row.day == TODAY and row.entry.normal_day


def test_scale_total_saved_and_bad_total_refused(store: Store) -> None:
    p = store.create_profile("Me", ["neck"])
    at = open_page(PAGE, p.id)
    at.selectbox(key="nks_scale").set_value("Tsui")
    at.number_input(key="nks_total").set_value(26)
    at.button(key="nks_save").click()
    at.run()
    assert any("Tsui total is 0 to 25" in e.value for e in at.error)
    assert store.entries(p.id) == []
    at.number_input(key="nks_total").set_value(25)
    at.button(key="nks_save").click()
    at.run()
    assert not at.error
    (row,) = store.entries(p.id, ["neck_scale"])
    assert (row.entry.scale, row.entry.total) == ("Tsui", 25)


def test_urgent_symptom_shows_seek_care_now(store: Store) -> None:
    p = store.create_profile("Me", ["neck"])
    at = open_page(PAGE, p.id)
    assert not at.error
    at.radio(key="nkf_pain").set_value(3)
    at.multiselect(key="nkf_after").set_value(["can't swallow saliva or liquids"])
    at.button(key="nkf_save").click()
    at.run()
    assert any("Get medical help now" in e.value for e in at.error)


def test_sample_on_the_neck_trends_reports_and_home_pages(store: Store) -> None:
    from utils import sample

    p = sample.load_sample(store, "neck")
    at = open_page(PAGE, p.id)
    assert not at.exception and not at.error
    assert any("Rating-scale totals" in m.value for m in at.markdown)
    for page, text in (
        ("pages/trends.py", "Neck pain and pull, by month"),
        ("pages/home.py", "Neck (cervical dystonia): first Botox authorization"),
        ("pages/reports.py", None),
        ("pages/cases.py", None),
        ("pages/treatments.py", None),
        ("pages/data.py", None),
    ):
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        if text:
            shown = [m.value for m in at.markdown] + [h.value for h in at.subheader]
            shown += [h.value for h in at.header]
            assert any(text in s for s in shown), page


def test_edit_a_scale_total_keeps_history(store: Store) -> None:
    from utils.conditions.neck.models import NeckScale

    p = store.create_profile("Me", ["neck"])
    entry_id = store.add(p.id, NeckScale(date=TODAY, scale="TWSTRS", total=40))
    at = open_entry_buttons(open_page(PAGE, p.id), "nks")
    at.button(key=f"nks_edit_{entry_id}").click()
    at.run()
    at.number_input(key="nks_total").set_value(38)
    at.button(key="nks_save").click()
    at.run()
    assert not at.error
    (row,) = store.entries(p.id, ["neck_scale"])
    assert row.entry.total == 38 and row.version == 2


def test_last_session_and_its_wearing_off_are_shown(store: Store) -> None:
    from utils.conditions.neck.models import NeckDay
    from utils.core.treatments import BotoxSession

    p = store.create_profile("Me", ["neck"])
    session = TODAY - dt.timedelta(days=70)
    store.add(p.id, BotoxSession(date=session, condition="neck", units=200))
    at = open_page(PAGE, p.id)
    assert any("10.0 weeks ago" in c.value and "Tick 'wearing off'" in c.value for c in at.caption)
    store.add(p.id, NeckDay(date=session + dt.timedelta(days=63), pain=5, wearing_off=True))
    at = open_page(PAGE, p.id)
    assert any("9 weeks after it" in c.value for c in at.caption)
