"""Trends page: the charts of each tracked condition with their sentences, and the empty state."""

from __future__ import annotations

import pytest

from tests.pages.helpers import open_page
from utils import sample
from utils.store import Store

PAGE = "pages/trends.py"
HEADACHE_TITLES = [
    "Calendar",
    "Headache and migraine days per month",
    "Acute medicine days per month",
    "Pain and hours (30-day average)",
    "How long attacks lasted",
    "Treatments tried, over headache days",
    "Before and after each Botox session",
    "MIDAS (disability over 3 months)",
    "HIT-6 (headache impact)",
]
SWEATING_TITLES = [
    "Sweating severity (HDSS) over time",
    "Sweating episodes per week",
    "Where the sweating was",
    "HDSS before and after each Botox session",
]
JAW_TITLES = ["Jaw pain over time", "Jaw symptoms: on how many days"]


def six_months(at) -> None:
    # AppTest does not expose the navigation sidebar: choose the preset through its state.
    at.session_state["period_preset"] = "Last 6 months"
    at.session_state["sidebar_period"] = "Last 6 months"
    at.run()
    assert not at.exception, at.exception


def subheaders(at) -> list[str]:
    return [s.value for s in at.subheader]


def texts(at) -> str:
    return " ".join(m.value for m in at.markdown)


def section_picker(at):
    pickers = [c for c in at.segmented_control if c.key == "trends_section"]
    return pickers[0] if pickers else None


def show_section(at, condition: str) -> None:
    """Pick one section of the page (the page builds only the section on screen)."""
    section_picker(at).set_value(condition).run()
    assert not at.exception, at.exception


@pytest.mark.parametrize(
    ("which", "sections"),
    [
        ("migraine", [("headache", "Headache / migraine", HEADACHE_TITLES, 9)]),
        ("sweating", [("sweating", "Sweating (hyperhidrosis)", SWEATING_TITLES, 4)]),
        (
            "jaw",
            [
                ("headache", "Headache / migraine", HEADACHE_TITLES, 4),
                ("jaw", "Jaw (TMJ / bruxism)", JAW_TITLES, 2),
            ],
        ),
    ],
)
def test_charts_for_each_tracked_condition(
    store: Store, which: str, sections: list[tuple[str, str, list[str], int]]
) -> None:
    profile = sample.load_sample(store, which, days=182)
    at = open_page(PAGE, profile.id)
    six_months(at)
    assert at.title[0].value == "Trends"
    picker = section_picker(at)
    if len(sections) == 1:
        assert picker is None  # one condition: its charts, no picker
    else:
        # One section on screen, the first by default; every other one a tap away.
        assert list(picker.options) == [header for _, header, *_ in sections]
        assert picker.value == sections[0][0]
    for i, (key, header, titles, drawn) in enumerate(sections):
        if i:
            show_section(at, key)
        assert [h.value for h in at.header] == [header]
        assert subheaders(at) == titles
        assert len(at.get("plotly_chart")) == drawn
        # every drawn chart has its sentence; every missing one says what to log
        assert len(at.info) == len(titles) - drawn
        if key == "headache" and which == "migraine":
            assert "headache days in" in texts(at) and "migraine days" in texts(at)
            assert "Before Botox:" in texts(at)
        if key == "sweating":
            assert "Average HDSS" in texts(at) and "episodes a week" in texts(at)
            assert "Calendar" not in subheaders(at)
        if key == "jaw":
            assert "Jaw pain on" in texts(at)
        if which == "jaw" and key == "headache":
            assert any("preventive treatments" in i.value for i in at.info)


def test_the_section_picked_stays_on_the_next_run(store: Store) -> None:
    profile = sample.load_sample(store, "jaw", days=182)
    at = open_page(PAGE, profile.id)
    show_section(at, "jaw")
    at.run()
    assert [h.value for h in at.header] == ["Jaw (TMJ / bruxism)"]
    assert subheaders(at) == JAW_TITLES


def test_summaries_change_with_the_period(store: Store) -> None:
    profile = sample.load_sample(store, "migraine", days=182)
    at = open_page(PAGE, profile.id)
    three = texts(at)
    assert "(91 days)" in at.caption[0].value
    six_months(at)
    assert "(182 days)" in at.caption[0].value
    assert texts(at) != three


def test_empty_profile_explains_what_to_log(store: Store) -> None:
    profile = store.create_profile("Me", ["headache", "sweating"])
    at = open_page(PAGE, profile.id)
    assert at.title[0].value == "Trends"
    assert not at.get("plotly_chart")
    infos = [i.value for i in at.info]
    assert [h.value for h in at.header] == ["Headache / migraine"]
    assert sum("Nothing logged for this in the period yet" in i for i in infos) == 1
    assert any("Log headaches and headache-free days" in i for i in infos)
    show_section(at, "sweating")
    assert not at.get("plotly_chart")
    infos = [i.value for i in at.info]
    assert sum("Nothing logged for this in the period yet" in i for i in infos) == 1
    assert any("HDSS" in i for i in infos)


def test_new_entry_shows_on_the_next_run(store: Store) -> None:
    import datetime as dt

    from utils.models import Attack, now

    profile = store.create_profile("Me", ["headache"])
    at = open_page(PAGE, profile.id)
    assert not at.get("plotly_chart")
    day = now().date() - dt.timedelta(days=1)
    store.add(profile.id, Attack(start_date=day, duration_minutes=300, pain=7, function=2))
    at.run()
    assert len(at.get("plotly_chart")) >= 2  # calendar and monthly bars
    assert "1 headache days" in texts(at) or "1 headache day" in texts(at)


def test_no_plotly_toolbar_over_the_charts(store: Store) -> None:
    import json

    profile = sample.load_sample(store, "migraine", days=182)
    at = open_page(PAGE, profile.id)
    charts = at.get("plotly_chart")
    assert charts
    for chart in charts:
        assert json.loads(chart.proto.config)["displayModeBar"] is False


def test_the_drawn_figures_show_a_new_entry_on_the_next_run(store: Store) -> None:
    """The figures are built from plain dicts (utils.core.figures) and cached per revision: the
    figure sent to the browser carries an entry saved since the last run (calendar day, its
    hover text, and the pain trend's new point)."""
    import datetime as dt
    import json

    from utils.models import Attack, now

    def drawn_text(at) -> str:  # the figures sent to the browser, decoded ("/" is escaped)
        return " ".join(json.dumps(json.loads(c.proto.spec)) for c in at.get("plotly_chart"))

    profile = store.create_profile("Me", ["headache"])
    today = now().date()
    for back in (5, 4, 3):
        store.add(
            profile.id,
            Attack(start_date=today - dt.timedelta(days=back), duration_minutes=60, pain=3),
        )
    at = open_page(PAGE, profile.id)
    # Yesterday, or the day before when yesterday is a month's first day (the monthly charts
    # carry each month's first day whatever is logged).
    day = today - dt.timedelta(days=1 if (today - dt.timedelta(days=1)).day != 1 else 2)
    hover = f"{day:%a} {day.day} {day:%b %Y}: headache, 5 h, pain 7/10"
    drawn = drawn_text(at)
    assert hover not in drawn
    assert day.isoformat() not in drawn
    store.add(profile.id, Attack(start_date=day, duration_minutes=300, pain=7, function=2))
    at.run()
    assert not at.exception, at.exception
    drawn = drawn_text(at)
    assert hover in drawn  # the calendar's day
    assert day.isoformat() in drawn  # the pain trend's point on that day
