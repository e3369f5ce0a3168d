"""The doctor-visit PDF: its numbers are the engine's, it renders, and no text can break it."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from tests.clock import NOW
from utils import metrics, report
from utils.evidence import build_evidence
from utils.models import Attack, BotoxSession, HeadacheCheckin, Midas, SideEffect, Treatment
from utils.report import ReportOptions, build_report, clean
from utils.sample import load_sample
from utils.store import Store


def _build(store: Store, which: str, days: int = 240, **opts):
    p = load_sample(store, which, days=days)
    rows = store.entries(p.id)
    at = NOW
    end = at.date()
    ev = build_evidence(rows, p.conditions, end - dt.timedelta(days=days - 1), end, {}, at)
    pdf = build_report(ev, rows, ReportOptions(**opts))
    return ev, rows, pdf


def _text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def test_page_one_numbers_are_the_engines(store: Store) -> None:
    ev, _, pdf = _build(store, "migraine")
    pages = _text(pdf)
    page1 = pages[0]
    first_two = pages[0] + "\n" + pages[1]
    assert "Self-reported by the patient, generated on" in page1
    c = ev.completeness
    assert f"{c.logged_days['headache']} of {c.days_in_period} days logged" in page1
    for m in ev.months[-report.SUMMARY_MONTHS :]:
        k = m.counts
        row = (
            f"{m.label}{'*' if m.partial_period else ''} {k.logged}/{m.days_in_period} "
            f"{k.headache} {k.migraine} {k.long} {k.acute_any} "
        )
        line = next(x for x in first_two.splitlines() if x.startswith(row))
        assert line.endswith(f" {k.function_impaired}"), line
        om = next(o for o in ev.overuse.months if o.month == m.month)
        if om.days_by_class.get("triptan"):
            assert f"Tr {om.days_by_class['triptan']}" in line
    flat = _squash(page1)
    for rs in ev.checklists:
        assert rs.title in flat
        for crit in rs.criteria:
            assert _squash(crit.evidence)[:60] in flat
    assert "Diagnosis, for the clinician to confirm: chronic migraine: ICD-10-CM G43.709" in flat
    assert "Headache days per month against the thresholds" in page1
    flat2 = _squash(first_two)
    assert (
        "Clinician attestation" in flat2 and "I have reviewed this diary with the patient" in flat2
    )
    assert "Clinician's notes:" in flat2
    everything = _squash(" ".join(pages))
    assert "Definitions and thresholds in plain words" in everything
    for setting_id in ("ichd3_or_trial", "headache_days", "migraine_days_per_month"):
        assert setting_id not in everything


def test_page_one_leads_with_the_stage(store: Store) -> None:
    ev, rows, pdf = _build(store, "migraine")
    flat = _squash(_text(pdf)[0])
    renewal = ev.checklist("chronic_migraine_renewal")
    first = ev.checklist("chronic_migraine_first")
    assert renewal.applies
    assert flat.index(renewal.title) < flat.index(first.title)
    assert f"History: {first.title}" in flat
    # A first-time patient (no Botox session): the first authorization leads.
    rows = [r for r in rows if r.kind not in ("botox_session", "side_effect")]
    at = NOW
    ev2 = build_evidence(rows, ("headache",), ev.period.start, ev.period.end, {}, at)
    flat2 = _squash(_text(build_report(ev2, rows, ReportOptions()))[0])
    assert flat2.index(first.title) < flat2.index(renewal.title)
    assert "History:" not in flat2
    # A first-time patient signs page 1 too: when the 11-row first-authorization checklist leaves
    # no room below the chart and scores, the attestation comes right after the checklist.
    assert "Clinician attestation" in flat2


def test_baseline_and_latest_scores_side_by_side(store: Store) -> None:
    _, rows, pdf = _build(store, "migraine")
    midas = sorted((x.entry for x in rows if isinstance(x.entry, Midas)), key=lambda m: m.date)
    flat = _squash(" ".join(_text(pdf)[:2]))
    base, last = midas[0], midas[-1]
    expected = (
        f"MIDAS {base.score()} grade {'IV' if base.score() >= 21 else 'III'} "
        f"({base.date:%d %b %Y}) {last.score()}"
    )
    assert expected in flat


def test_identifiers_on_every_page_header(store: Store) -> None:
    _, _, pdf = _build(
        store,
        "migraine",
        include_patient=True,
        patient_name="Ana Example",
        date_of_birth=dt.date(1980, 5, 4),
        member_id="W-77",
        clinician_name="Dr Lee",
        clinician_specialty="neurology",
        clinician_npi="1234567893",
    )
    pages = _text(pdf)
    for page in pages:
        assert page.startswith("Patient: Ana Example, born 04 May 1980, member ID W-77"), page[:80]
    assert "Dr Lee, neurology, NPI 1234567893" in pages[0]
    _, _, bare = _build(store, "migraine", patient_name="Ana Example", member_id="W-77")
    assert "W-77" not in " ".join(_text(bare))


def test_unknown_and_new_statuses_print_as_words() -> None:
    assert report.status_text("for_clinician") == "\u2192 for the clinician"
    assert report.status_text("met") == "\u2713 met"
    assert "brand new" in report.status_text("brand_new")


def test_later_sections_carry_the_engines_numbers(store: Store) -> None:
    ev, rows, pdf = _build(store, "migraine")
    flat = _squash(" ".join(_text(pdf)))
    r = ev.responses["headache"]
    assert f"{r.baseline.per30['headache']:g}" in flat
    for s in r.sessions:
        assert s.label in flat
    midas = [x.entry for x in rows if isinstance(x.entry, Midas)]
    m = midas[0]
    assert f"{m.q1} {m.q2} {m.q3} {m.q4} {m.q5} {m.score()}" in flat  # every MIDAS item
    assert "topiramate" in flat and "neck pain" in flat  # ledger and side effects
    assert "Charts" in flat and "Treatment ledger" in flat


def test_sweating_and_jaw_sections(store: Store) -> None:
    ev, _, pdf = _build(store, "sweating")
    flat = _squash(" ".join(_text(pdf)))
    s = ev.sweating
    assert f"{s.logged_days} of {ev.completeness.days_in_period} days logged" in flat
    assert f"{s.symptom_days} days with sweating" in flat
    for c in s.hdss_changes:
        assert c.note in flat
    ev, _, pdf = _build(store, "jaw")
    flat = _squash(" ".join(_text(pdf)))
    j = ev.jaw
    assert f"jaw pain on {j.pain_days} days" in flat
    # The months add up to the pain days, and each month's count is a count of its own days.
    assert sum(j.pain_days_by_month.values()) == j.pain_days
    for k, v in j.pain_days_by_month.items():
        assert 0 < v <= metrics.month_bounds(k)[1].day
    assert "Night guard" in flat


def test_sections_switch_off_and_paper_size(store: Store) -> None:
    _, _, full = _build(store, "migraine", appendix=True)
    _, _, slim = _build(
        store,
        "migraine",
        paper="Letter",
        charts=False,
        treatments=False,
        sessions=False,
        questionnaires=False,
        overuse=False,
    )
    full_r, slim_r = PdfReader(io.BytesIO(full)), PdfReader(io.BytesIO(slim))
    assert len(slim_r.pages) < len(full_r.pages)
    flat = _squash(" ".join(_text(slim)))
    assert "Treatment ledger" not in flat and "Appendix" not in flat
    assert "Appendix: day by day" in _squash(" ".join(_text(full)))
    assert round(float(slim_r.pages[0].mediabox.width)) == 612  # US Letter
    assert round(float(full_r.pages[0].mediabox.width)) == 612  # US Letter by default
    _, _, a4 = _build(store, "migraine", paper="A4", charts=False)
    assert round(float(PdfReader(io.BytesIO(a4)).pages[0].mediabox.width)) == 595
    assert full_r.metadata.title.startswith("Diary summary")
    assert full_r.trailer["/Root"]["/Lang"] == "en"
    assert b"/Alt" in full  # charts carry alternative text
    assert "Page 1 of" in _text(full)[0]


def test_name_left_out_unless_chosen(store: Store) -> None:
    _, _, pdf = _build(store, "migraine", patient_name="Zoë Ångström")
    assert "Zoë" not in _text(pdf)[0]
    _, _, pdf = _build(
        store,
        "migraine",
        include_patient=True,
        patient_name="Zoë Ångström",
        date_of_birth=dt.date(1980, 5, 4),
    )
    assert "Zoë Ångström, born 04 May 1980" in _text(pdf)[0]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm not installed")
@pytest.mark.parametrize("which", ["migraine", "sweating", "jaw"])
def test_pages_render_to_png_at_letter_size(store: Store, tmp_path, which: str) -> None:
    _, _, pdf = _build(store, which)
    src = tmp_path / "report.pdf"
    src.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(src), str(tmp_path / "p")], check=True)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == len(PdfReader(io.BytesIO(pdf)).pages)
    assert all(p.stat().st_size > 2000 for p in pngs)
    from PIL import Image

    with Image.open(pngs[0]) as im:  # 8.5 x 11 inches at 60 dpi
        assert im.size == (510, 660)


def test_clean_keeps_text_and_replaces_what_cannot_be_drawn() -> None:
    assert clean("Café Ζωή Привет") == "Café Ζωή Привет"
    assert clean("pain 🤕 日 ok") == f"pain {report.PLACEHOLDER} {report.PLACEHOLDER} ok"
    assert clean("a\x00b\x1bc") == "abc"
    assert clean(None) == ""


# ---------------------------------------------------------------- arbitrary text

TEXT = st.text(max_size=300)
NAME = st.text(min_size=1, max_size=120).filter(lambda s: s.strip())


def _diary(note: str, name: str, other: str) -> list:
    today = NOW.date()
    d0 = today - dt.timedelta(days=40)
    out: list = []
    for i in range(35):
        day = d0 + dt.timedelta(days=i)
        if i % 3:
            out.append(
                Attack(
                    start_date=day,
                    start_time=dt.time(8),
                    duration_minutes=300,
                    pain=6,
                    side="left",
                    pulsating=True,
                    nausea_vomiting=True,
                    notes=note,
                    triggers=[other[:120]] if other.strip() else [],
                )
            )
        else:
            out.append(HeadacheCheckin(date=day, notes=note))
    out.append(
        Treatment(
            condition="headache",
            name=name,
            treatment_class="beta_blocker",
            dose=other[:120],
            start=d0 - dt.timedelta(days=100),
            stop=d0,
            outcome="inadequate_response",
            prescriber=other[:120],
            notes=note,
        )
    )
    out.append(
        BotoxSession(
            date=d0 + dt.timedelta(days=20),
            condition="headache",
            units=155,
            injector=other[:120],
            notes=note,
        )
    )
    out.append(
        SideEffect(effect=name, start=d0 + dt.timedelta(days=21), severity="mild", notes=note)
    )
    out.append(Midas(date=today, q1=1, q2=2, q3=3, q4=4, q5=5, notes=note))
    return out


@pytest.mark.slow  # ~45 s alone, minutes on a busy machine: CI and --run-slow run it
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note=TEXT, name=NAME, other=TEXT)
def test_any_unicode_never_breaks_the_pdf(note: str, name: str, other: str) -> None:
    try:
        entries = _diary(note, name, other)
    except ValueError:  # the models refuse it (e.g. whitespace-only after stripping)
        reject()
    at = NOW
    ev = build_evidence(
        entries, ("headache",), at.date() - dt.timedelta(days=45), at.date(), {}, at
    )
    opts = ReportOptions(
        include_patient=True, patient_name=name, patient_details=other, appendix=True, charts=False
    )
    pdf = build_report(ev, entries, opts)
    assert pdf.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 2


@pytest.mark.parametrize(
    ("length", "word"), [(1800, "Word "), (2000, "w\n"), (2000, "Überlänge-ohne-Leerzeichen")]
)
def test_a_long_note_or_name_splits_across_pages(length: int, word: str) -> None:
    note = (word * 1000)[:length]
    long_name = "Extraordinarily-long-treatment-name-" * 3
    entries = _diary(note, long_name[:120], "x" * 120)
    at = NOW
    ev = build_evidence(
        entries, ("headache",), at.date() - dt.timedelta(days=45), at.date(), {}, at
    )
    pdf = build_report(ev, entries, ReportOptions(appendix=True, charts=False))
    assert pdf.startswith(b"%PDF")
    if word == "Word ":
        assert _squash(note.strip())[:200] in _squash(" ".join(_text(pdf)))


def test_diagnosis_line_fits_the_diary(store: Store) -> None:
    _, _, pdf = _build(store, "jaw", charts=False)
    flat = _squash(_text(pdf)[0])
    assert "Diagnosis, for the clinician to confirm: temporomandibular disorder" in flat
    assert "G43.709" not in flat  # tension-type headaches: no chronic migraine codes offered
    assert "Diagnosis, for the clinician to state: headache" in flat
    _, _, pdf = _build(store, "sweating", charts=False)
    assert "L74.510 underarms" in _squash(_text(pdf)[0])


def test_partial_months_are_marked_for_every_diary(store: Store) -> None:
    days = 100 if (NOW.date() - dt.timedelta(days=99)).day != 1 else 101
    ev, _, pdf = _build(store, "sweating", days=days, charts=False)
    flat = _squash(" ".join(_text(pdf)[:2]))
    first = ev.period.start
    assert first.day != 1  # the sample's first month starts mid-month
    assert f"{first:%b %Y}* " in flat and "* partial month" in flat


def test_a_sweating_or_jaw_month_with_nothing_logged_is_not_a_month_of_zeros() -> None:
    # Sweating logged on 10 and 12 Mar (one normal day) and nothing in April; jaw logged in
    # April only. The monthly table says "not logged" for the empty months, never 0 days.
    from tests.diaries import stored
    from utils.models import JawDay, SweatDay

    rows = stored(
        SweatDay(date=dt.date(2026, 3, 10), hdss=3, sites=["underarms"]),
        SweatDay(date=dt.date(2026, 3, 12), normal_day=True),
        JawDay(date=dt.date(2026, 4, 2), pain=5),
    )
    at = dt.datetime(2026, 5, 2, 9)
    ev = build_evidence(
        rows, ("sweating", "jaw"), dt.date(2026, 3, 1), dt.date(2026, 4, 30), {}, at
    )
    assert ev.sweating.logged_days_by_month == {"2026-03": 2}
    assert ev.jaw.logged_days_by_month == {"2026-04": 1}
    head, table, _ = report._monthly_rows(ev, ["2026-03", "2026-04"])
    assert head == ["Month", "Sweating days", "Jaw pain days"]
    assert table == [["Mar 2026", 1, "not logged"], ["Apr 2026", "not logged", 1]]
