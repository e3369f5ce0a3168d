"""Chart builders: each trace carries exactly the evidence engine's numbers, and its summary says them."""

from __future__ import annotations

import datetime as dt
import statistics

import pytest

from utils import charts, metrics, sample
from utils.evidence import build_evidence
from utils.metrics import HEADACHE, NOT_LOGGED
from utils.models import Attack, BotoxSession, Hit6, Midas, SweatDay, Treatment

END = dt.date(2025, 5, 31)
AT = dt.datetime.combine(END, dt.time(21, 0))
DAYS = 182
START = END - dt.timedelta(days=DAYS - 1)
HINT_VERBS = {"Log", "Record", "Add", "Fill", "Count", "Give", "Tick"}


def evidence(which: str, conditions=None, settings=None, days: int = DAYS):
    rows = [e for e, _ in sample.generate(which, days=days, end=END)]
    conds = conditions or sample.SAMPLES[which].conditions
    return build_evidence(rows, conds, START, END, settings, AT), rows


@pytest.fixture(scope="module")
def migraine():
    return evidence("migraine")


@pytest.fixture(scope="module")
def sweating():
    return evidence("sweating")


@pytest.fixture(scope="module")
def jaw():
    return evidence("jaw")


def trace(chart: charts.Chart, name: str):
    found = [t for t in chart.figure.data if t.name == name]
    assert len(found) == 1, [t.name for t in chart.figure.data]
    return found[0]


def hlines(chart: charts.Chart) -> list[float]:
    """Horizontal reference lines (Botox sessions are vertical lines)."""
    shapes = chart.figure.layout.shapes
    return sorted(s.y0 for s in shapes if s.type == "line" and s.name != charts.SESSION_NAME)


def one_decimal(v: float) -> str:
    return f"{round(v, 1):g}"


# ---------------------------------------------------------------- headache


def expected_colour(d) -> int:
    """The calendar rule written out independently: function first, then pain 4 or more."""
    if d.status == NOT_LOGGED:
        return charts.CAL_NOT_LOGGED
    if d.status != HEADACHE:
        return charts.CAL_FREE
    if d.function_impaired:
        return charts.CAL_IMPAIRED
    return charts.CAL_PAIN if (d.max_pain or 0) >= 4 else charts.CAL_MILD


def test_calendar_colours_every_day_from_the_engine(migraine) -> None:
    ev, rows = migraine
    chart = charts.calendar_heatmap(ev)
    heat = chart.figure.data[0]
    months = list(heat.y)
    cells = {}
    for r, row in enumerate(heat.z):
        for c, value in enumerate(row):
            if value is not None:
                cells[(months[r], c + 1)] = value
    assert len(cells) == len(ev.days) == DAYS
    for d in ev.days:
        assert cells[(d.date.strftime("%b %Y"), d.date.day)] == expected_colour(d)
    # not-logged days carry a hatch mark, and are a category of their own (never "good")
    miss = [t for t in chart.figure.data if t.name == "Not logged" and not t.showlegend][0]
    assert len(miss.x) == sum(d.status == NOT_LOGGED for d in ev.days)
    sessions = trace(chart, charts.SESSION_NAME)
    # The session marks sit on the days of the headache sessions stored in the diary.
    stored = sorted(
        e.date
        for e in rows
        if isinstance(e, BotoxSession) and e.condition == "headache" and START <= e.date <= END
    )
    assert stored, "the sample has a Botox session in the period"
    assert list(sessions.x) == [d.day for d in stored]
    assert list(sessions.y) == [d.strftime("%b %Y") for d in stored]
    head = sum(d.status == HEADACHE for d in ev.days)
    assert chart.summary.startswith(f"{head} headache days")
    assert f"{sum(not d.logged for d in ev.days)} days not logged" in chart.summary


def test_calendar_category_uses_function_then_pain() -> None:
    from utils.metrics import HeadacheDay

    d = dt.date(2025, 1, 1)
    assert charts.day_category(HeadacheDay(d, "not_logged")) == charts.CAL_NOT_LOGGED
    assert charts.day_category(HeadacheDay(d, "headache_free")) == charts.CAL_FREE
    assert charts.day_category(HeadacheDay(d, HEADACHE, max_pain=2)) == charts.CAL_MILD
    assert charts.day_category(HeadacheDay(d, HEADACHE)) == charts.CAL_MILD
    assert charts.day_category(HeadacheDay(d, HEADACHE, max_pain=7)) == charts.CAL_PAIN
    impaired = HeadacheDay(d, HEADACHE, max_pain=2, function_impaired=True)
    assert charts.day_category(impaired) == charts.CAL_IMPAIRED


def test_monthly_bars_are_the_engine_counts(migraine) -> None:
    ev, _ = migraine
    chart = charts.monthly_bars(ev)
    assert list(trace(chart, "Headache days").y) == [m.counts.headache for m in ev.months]
    assert list(trace(chart, "Migraine days").y) == [m.counts.migraine for m in ev.months]
    assert list(trace(chart, "Days logged").y) == [m.counts.logged for m in ev.months]
    assert hlines(chart) == [8, 15]
    last = ev.months[-1]
    assert chart.summary.startswith(
        f"{last.counts.headache} headache days in {last.label}, "
        f"{last.counts.migraine} of them migraine days "
        f"({last.counts.logged} of {last.counts.days} days logged)"
    )
    assert [m.partial_period for m in ev.months] == [False] * 6  # 1 Dec 2024 to 31 May 2025
    assert "; 4 of 6 whole months reached 15 headache days" in chart.summary
    assert len(ev.chronic.qualifying_months) == 4


def test_monthly_reference_lines_follow_the_thresholds_in_use() -> None:
    ev, _ = evidence(
        "migraine",
        settings={"thresholds": {"headache_days_per_month": 12, "migraine_days_per_month": 6}},
    )
    chart = charts.monthly_bars(ev)
    assert hlines(chart) == [6, 12]
    assert "12 headache days with 6 migraine days" in chart.summary


def test_overuse_bars_are_the_engine_days_by_class(migraine) -> None:
    ev, _ = migraine
    chart = charts.overuse_bars(ev)
    bars = [t for t in chart.figure.data if t.type == "bar"]
    assert bars
    classes = {c for m in ev.overuse.months for c in m.days_by_class}
    assert len(bars) == len(classes)
    labels = {v["label"]: k for k, v in charts.catalog.acute_classes().items()}
    for bar in bars:
        cls = labels[bar.name]
        assert list(bar.y) == [m.days_by_class.get(cls, 0) for m in ev.overuse.months]
    limits = metrics.overuse_limits()
    assert hlines(chart) == sorted({limits[c] for c in classes if c in limits})
    assert chart.summary.startswith(
        f"{len(ev.overuse.flagged_months)} of {len(ev.overuse.months)} months"
    )


def test_pain_trend_averages_the_engine_days(migraine) -> None:
    ev, _ = migraine
    chart = charts.pain_duration_trend(ev)
    pain = trace(chart, "Worst pain (0-10)")
    heads = [d for d in ev.days if d.status == HEADACHE and d.max_pain is not None]
    assert list(pain.x) == [d.date for d in heads]
    recent = [d.max_pain for d in heads if d.date > heads[-1].date - dt.timedelta(days=30)]
    assert pain.y[-1] == round(statistics.fmean(recent), 1)
    mean = statistics.fmean(d.max_pain for d in heads)
    assert f"average worst pain {mean:.1f}/10" in chart.summary


def test_duration_histogram_counts_every_timed_attack(migraine) -> None:
    ev, rows = migraine
    chart = charts.duration_histogram(ev, rows)
    attacks = [e for e in rows if isinstance(e, Attack) and START <= e.start_date <= END]
    timed = [a.duration(AT).total_seconds() / 3600 for a in attacks if a.duration(AT)]
    assert sum(chart.figure.data[0].y) == len(timed)
    assert f"of {len(timed)} attacks with a known length" in chart.summary
    long = sum(h >= 4 for h in timed)
    assert chart.summary.startswith(f"{long} of")


def test_timeline_shows_every_trial_and_session(migraine) -> None:
    ev, rows = migraine
    chart = charts.treatment_timeline(ev, rows)
    trials = [e for e in rows if isinstance(e, Treatment) and e.condition == "headache"]
    bars = [t for t in chart.figure.data if t.type == "bar"]
    assert sorted(b.y[0] for b in bars) == sorted(t.name for t in trials)
    series = trace(chart, "Headache days per month")
    assert list(series.y) == [m.counts.headache for m in ev.months if m.counts.logged]
    assert list(trace(chart, charts.SESSION_NAME).x) == charts.headache_sessions(ev)
    assert chart.summary.startswith(f"{len(trials)} preventive trials stopped")


def test_response_bars_are_the_engine_rates(migraine) -> None:
    ev, _ = migraine
    resp = ev.responses["headache"]
    chart = charts.botox_response(ev)
    head = trace(chart, "Headache days per 30 logged days")
    mig = trace(chart, "Migraine days per 30 logged days")
    assert list(head.y) == [resp.baseline.per30["headache"]] + [
        s.window.per30["headache"] for s in resp.sessions
    ]
    assert list(mig.y) == [resp.baseline.per30["migraine"]] + [
        s.window.per30["migraine"] for s in resp.sessions
    ]
    last = resp.sessions[-1]
    base = one_decimal(resp.baseline.per30["headache"])
    assert f"Before Botox: {base} headache days" in chart.summary
    assert f"after session {last.number}: {one_decimal(last.window.per30['headache'])}" in (
        chart.summary
    )
    assert "((" not in chart.summary and "))" not in chart.summary


def test_questionnaire_history_with_bands(migraine) -> None:
    ev, rows = migraine
    midas = charts.midas_history(ev, rows)
    scores = sorted((e.date, e.score()) for e in rows if isinstance(e, Midas) and e.date >= START)
    line = trace(midas, "MIDAS")
    assert list(line.y) == [v for _, v in scores]
    assert len([s for s in midas.figure.layout.shapes if s.type == "rect"]) == 4
    assert f"Latest MIDAS {scores[-1][1]}" in midas.summary
    hit6 = charts.hit6_history(ev, rows)
    totals = sorted((e.date, e.total) for e in rows if isinstance(e, Hit6) and e.date >= START)
    assert list(trace(hit6, "HIT-6").y) == [v for _, v in totals]
    assert len([s for s in hit6.figure.layout.shapes if s.type == "rect"]) == 4


# ---------------------------------------------------------------- sweating and jaw


def test_sweating_charts_carry_the_engine_numbers(sweating) -> None:
    ev, rows = sweating
    sw = ev.sweating
    change = charts.sweat_hdss_change(ev)
    used = [c for c in sw.hdss_changes if c.source != "none"]
    assert list(trace(change, "Before").y) == [c.before for c in used]
    assert list(trace(change, "After").y) == [c.after for c in used]
    assert f"HDSS {used[-1].before:g} before, {used[-1].after:g} after" in change.summary

    episodes = charts.sweat_episodes(ev, rows)
    assert hlines(episodes) == [sw.episodes_per_week]
    assert episodes.summary.startswith(
        f"{one_decimal(sw.episodes_per_week)} sweating episodes a week"
    )

    trend = charts.sweat_hdss_trend(ev, rows)
    assert f"Average HDSS {one_decimal(sw.hdss_mean)} on {sw.symptom_days} days" in trend.summary
    assert list(trace(trend, charts.SESSION_NAME).x) == [s for s in sw.sessions if s >= START]

    sites = charts.sweat_sites(ev, rows)
    days = [e for e in rows if isinstance(e, SweatDay) and START <= e.date <= END]
    under = sum("underarms" in d.sites for d in days)
    bar = sites.figure.data[0]
    assert dict(zip(bar.y, bar.x, strict=True))["underarms"] == under
    assert sites.summary.startswith(f"Underarms on {under} of {sw.symptom_days} days")


def test_jaw_charts_carry_the_engine_numbers(jaw) -> None:
    ev, rows = jaw
    j = ev.jaw
    symptoms = charts.jaw_symptoms(ev)
    bar = symptoms.figure.data[0]
    shown = dict(zip(bar.y, bar.x, strict=True))
    for name, n in j.symptom_days.items():
        assert shown[name] == n
    for name, n in j.clenching_days.items():
        assert shown[f"clenching: {name}"] == n
    trend = charts.jaw_pain_trend(ev, rows)
    assert trend.summary.startswith(f"Jaw pain on {j.pain_days} of {j.logged_days} logged days")


# ---------------------------------------------------------------- states and grouping


def test_empty_diary_explains_what_to_log() -> None:
    ev = build_evidence([], ("headache", "sweating", "jaw"), START, END, None, AT)
    groups = charts.charts_for(ev, [])
    assert list(groups) == ["headache", "sweating", "jaw"]
    for chart in (c for cs in groups.values() for c in cs):
        assert chart.empty, chart.key
        assert chart.summary.endswith(".")
        assert chart.summary.split(" ")[0] in HINT_VERBS, chart.summary


def test_sparse_diary_still_draws_what_it_can() -> None:
    one = Attack(start_date=END, start_time=dt.time(9), duration_minutes=120, pain=5)
    ev = build_evidence([one], ("headache",), START, END, None, AT)
    assert not charts.monthly_bars(ev).empty
    assert charts.pain_duration_trend(ev).empty  # one day is not a trend
    assert charts.duration_histogram(ev, [one]).summary.startswith("0 of 1 attack with")
    assert charts.calendar_heatmap(ev).summary.startswith("1 headache day, ")
    assert charts.monthly_bars(ev).summary.startswith("1 headache day in ")


def test_charts_only_for_tracked_conditions(sweating) -> None:
    ev, rows = sweating
    assert list(charts.charts_for(ev, rows)) == ["sweating"]
    figs = [c.figure for c in charts.charts_for(ev, rows)["sweating"]]
    assert all(f is not None for f in figs)


def test_figures_are_theme_friendly(migraine) -> None:
    ev, rows = migraine
    for chart in charts.charts_for(ev, rows)["headache"]:
        layout = chart.figure.layout
        assert layout.paper_bgcolor == "rgba(0,0,0,0)" and layout.plot_bgcolor == "rgba(0,0,0,0)"
        assert layout.legend.orientation == "h" and layout.legend.y < 0
        assert layout.font.family is None  # Streamlit's theme sets the fonts


def test_monthly_counts_name_the_partial_months() -> None:
    import datetime as dt

    from utils import report_charts
    from utils.evidence import build_evidence

    start, end = dt.date(2026, 3, 15), dt.date(2026, 5, 31)
    ev = build_evidence([], ("sweating",), start, end, {}, dt.datetime(2026, 6, 2, 9))
    chart = report_charts.monthly_counts("k", "t", {"2026-04": 3}, "days", ev)
    assert chart.caption.endswith(": Mar 2026.")  # May ends with the period: complete
    ev = build_evidence([], ("sweating",), dt.date(2026, 4, 1), end, {}, dt.datetime(2026, 6, 2))
    assert report_charts.monthly_counts("k", "t", {"2026-04": 3}, "days", ev).caption == ""


# ---------------------------------------------------------------- issue 14 corrections


def test_days_logged_line_leaves_partial_months_out_and_marks_them(migraine) -> None:
    _, rows = migraine
    start, end = START + dt.timedelta(days=10), END - dt.timedelta(days=5)
    ev = build_evidence(rows, ("headache",), start, end, None, AT)
    chart = charts.monthly_bars(ev)
    whole = [m for m in ev.months if not m.partial_period]
    part = [m for m in ev.months if m.partial_period]
    assert [m.month for m in part] == ["2024-12", "2025-05"]
    line = trace(chart, "Days logged")
    assert list(line.y) == [m.counts.logged for m in whole]
    marks = trace(chart, "Days logged, part of a month")
    assert list(marks.y) == [m.counts.logged for m in part]
    assert marks.mode == "markers"  # not joined to the line: no dive to a partial month


def test_botox_sessions_are_vertical_lines_never_data_points(migraine, sweating, jaw) -> None:
    ev, rows = migraine
    built = [
        charts.pain_duration_trend(ev),
        charts.treatment_timeline(ev, rows),
        charts.midas_history(ev, rows),
        charts.hit6_history(ev, rows),
    ]
    sev, srows = sweating
    built += [charts.sweat_hdss_trend(sev, srows), charts.sweat_episodes(sev, srows)]
    jev, jrows = jaw
    built.append(charts.jaw_pain_trend(jev, jrows))
    with_sessions = 0
    for chart in built:
        found = [t for t in chart.figure.data if t.name == charts.SESSION_NAME]
        if not found:
            continue
        with_sessions += 1
        (legend,) = found
        assert all(y is None for y in legend.y), chart.key  # no point on a value axis
        lines = [s for s in chart.figure.layout.shapes if s.name == charts.SESSION_NAME]
        assert {s.x0 for s in lines} == set(legend.x), chart.key
        assert all(s.x0 == s.x1 and (s.y0, s.y1) == (0, 1) for s in lines), chart.key
        assert all(str(s.yref).endswith("domain") for s in lines), chart.key
    assert with_sessions >= 5


def test_chart_sentences_show_at_most_one_decimal(migraine, sweating, jaw) -> None:
    import re

    for ev, rows in (migraine, sweating, jaw):
        for chart in (c for cs in charts.charts_for(ev, rows).values() for c in cs):
            assert not re.search(r"\d\.\d\d", chart.summary), chart.summary
            assert "((" not in chart.summary and "))" not in chart.summary, chart.summary
            assert not re.search(r"(?<![\d.])1 (headache |migraine |logged )?days\b", chart.summary)


def _luminance(colour: str, over: tuple[float, float, float] | None = None) -> float:
    """WCAG relative luminance of '#rrggbb' or 'rgba(r,g,b,a)' (composited over ``over``)."""
    if colour.startswith("#"):
        rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        alpha = 1.0
    else:
        *rgb, alpha = [float(x) for x in colour[colour.index("(") + 1 : -1].split(",")]
    if over is not None:
        rgb = [alpha * c + (1 - alpha) * o for c, o in zip(rgb, over, strict=True)]

    def lin(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: float, b: float) -> float:
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


LIGHT_BG, DARK_BG = (255, 255, 255), (14, 17, 23)  # Streamlit's light and dark backgrounds


def test_questionnaire_points_reach_3_to_1_against_every_band_in_both_themes(migraine) -> None:
    ev, rows = migraine
    for chart in (charts.midas_history(ev, rows), charts.hit6_history(ev, rows)):
        points = chart.figure.data[0]
        bands = [s.fillcolor for s in chart.figure.layout.shapes if s.type == "rect"]
        assert len(bands) == 4
        point = _luminance(points.marker.color)
        for band in bands:
            for bg in (LIGHT_BG, DARK_BG):
                assert _contrast(point, _luminance(band, over=bg)) >= 3, (band, bg)


def test_calendar_mild_days_carry_a_dot_pattern(migraine) -> None:
    ev, _ = migraine
    chart = charts.calendar_heatmap(ev)
    mild = [d for d in ev.days if charts.day_category(d) == charts.CAL_MILD]
    assert mild, "the sample has mild days"
    dots = trace(chart, "Mild days")
    assert list(dots.x) == [d.date.day for d in mild]
    # The dot differs from the mild cell in lightness, in both themes' terms.
    assert _contrast(_luminance(charts.MILD_DOT), _luminance(charts.YELLOW)) >= 3


def test_monthly_sentence_counts_whole_months_only() -> None:
    # 31 Jan to 30 Apr: January is one day of the period, so it is no month that "did not
    # reach" the threshold; Feb, Mar and Apr are whole. Feb and Mar reach 15 headache days with
    # 8 migraine days (every day a long migraine attack), April has none logged.
    from tests.diaries import stored
    from utils.models import Attack

    start, end = dt.date(2025, 1, 31), dt.date(2025, 4, 30)
    migraine = dict(
        side="left",
        pulsating=True,
        pain=7,
        worse_with_activity=True,
        nausea_vomiting=True,
        light_sensitivity=True,
        sound_sensitivity=True,
        aura=False,
    )
    attacks = [
        Attack(
            start_date=start + dt.timedelta(days=i),
            start_time=dt.time(8),
            duration_minutes=360,
            **migraine,
        )
        for i in range(0, 59)  # 31 Jan to 30 Mar
    ]
    ev = build_evidence(
        stored(*attacks), ("headache",), start, end, None, dt.datetime(2025, 5, 2, 9)
    )
    summary = charts.monthly_bars(ev).summary
    assert "; 2 of 3 whole months reached 15 headache days with 8 migraine days" in summary


def _json(fig_dict: dict) -> str:
    import json

    from plotly.utils import PlotlyJSONEncoder

    return json.dumps(fig_dict, sort_keys=True, cls=PlotlyJSONEncoder)


@pytest.mark.parametrize("which", ["migraine", "sweating", "jaw", "bladder", "neck", "spasticity"])
def test_figures_are_what_plotly_validation_keeps(which) -> None:
    """The figures are built from plain dicts, without plotly's validation on every call: each
    must be a valid figure that validation leaves as it is (an unknown property, or a value
    plotly would store otherwise, such as a number given as text, fails here)."""
    import plotly.graph_objects as go

    ev, rows = evidence(which)
    figures = [c.figure for cs in charts.charts_for(ev, rows).values() for c in cs if c.figure]
    assert figures
    for fig in figures:
        raw = fig.to_dict()
        assert _json(go.Figure(raw).to_dict()) == _json(raw)
