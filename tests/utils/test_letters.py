"""Letter drafts: filled from the evidence, blanks marked, DOCX and PDF never broken by text."""

from __future__ import annotations

import datetime as dt
import io
import re

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from tests import clock
from utils import letters
from utils.cases import CoverageCase
from utils.cli import main as cli_main
from utils.evidence import build_evidence
from utils.sample import load_sample
from utils.store import Store


def _evidence(store: Store, which: str, days: int = 200):
    p = load_sample(store, which, days=days)
    rows = store.entries(p.id)
    at = clock.NOW
    ev = build_evidence(rows, p.conditions, at.date() - dt.timedelta(days=179), at.date(), {}, at)
    return p, rows, ev


def _case(condition: str, **changes) -> CoverageCase:
    today = clock.NOW.date()
    data = dict(
        condition=condition,
        insurer="Acme Health",
        opened=today - dt.timedelta(days=60),
        stage="denied",
        pa_submitted_on=today - dt.timedelta(days=40),
        denied_on=today - dt.timedelta(days=20),
        reference_number="PA-123",
        member_id="M-77",
        denial_category="experimental",
        denial_reason="Not proven effective",
    )
    data.update(changes)
    return CoverageCase(**data)


def test_migraine_necessity_letter_quotes_the_engine(store: Store) -> None:
    _, rows, ev = _evidence(store, "migraine")
    text = letters.necessity_letter(ev, rows, "headache", letters.PatientInfo("Zoë"))
    for m in ev.months:
        c = m.counts
        assert f"- {m.label}: {c.headache} headache days, {c.migraine} migraine days" in text
    assert "topiramate" in text and "propranolol" in text and "amitriptyline" in text
    assert "MIDAS on" in text and "HIT-6 on" in text
    r = ev.responses["headache"]
    assert f"{r.baseline.per30['headache']:g} headache days" in text  # baseline vs now
    assert "Zoë" in text
    found = letters.blanks(text)
    assert any("ICD-10-CM" in b for b in found)  # diagnosis left to the doctor
    assert any(b.startswith("[DOCTOR TO STATE:") for b in found)


def test_sweating_and_jaw_letters(store: Store) -> None:
    _, rows, ev = _evidence(store, "sweating")
    text = letters.necessity_letter(ev, rows, "sweating")
    assert "aluminium chloride 20%" in text and "L74.510" in text
    assert f"Days with sweating: {ev.sweating.symptom_days}" in text
    assert "[PATIENT TO FILL: patient name]" in text  # no name unless given
    _, rows, ev = _evidence(store, "jaw")
    text = letters.necessity_letter(ev, rows, "jaw")
    assert "off-label" in text and f"Jaw pain on {ev.jaw.pain_days} days" in text


def test_appeal_answers_criteria_from_the_case(store: Store) -> None:
    _, rows, ev = _evidence(store, "migraine")
    case = _case("headache")
    text = letters.appeal_letter(ev, rows, "headache", case)
    assert "PA-123" in text and "Acme Health" in text and "M-77" in text
    assert case.denied_on.strftime("%d %b %Y") in text
    assert "Not proven effective" in text
    assert "not experimental" in text and "external review" in text
    rs = letters._chosen_rule_set(ev, "headache")
    for i, c in enumerate(rs.criteria, 1):
        assert f"{i}. {c.question}" in text
    bare = letters.appeal_letter(ev, rows, "headache", None)
    assert "[PATIENT TO FILL: date on the denial letter]" in bare


def test_docx_has_headings_and_highlighted_blanks(store: Store) -> None:
    _, rows, ev = _evidence(store, "migraine")
    text = letters.necessity_letter(ev, rows, "headache")
    d = docx.Document(io.BytesIO(letters.to_docx(text, "Letter")))
    headings = [p.text for p in d.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert "Headache diary" in headings and any("medical necessity" in h for h in headings)
    highlighted = [r.text for p in d.paragraphs for r in p.runs if r.font.highlight_color]
    assert len(highlighted) == len(letters.blanks(text))
    assert d.core_properties.title == "Letter"


def test_pdf_letter_text_and_edits(store: Store) -> None:
    _, rows, ev = _evidence(store, "migraine")
    text = letters.necessity_letter(ev, rows, "headache") + "\nEdited by hand: Ἀθῆναι 🤕\n"
    pdf = letters.to_pdf(text, "Letter", paper="Letter")
    r = PdfReader(io.BytesIO(pdf))
    flat = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in r.pages))
    assert "Edited by hand" in flat and "DOCTOR TO CONFIRM" in flat
    assert round(float(r.pages[0].mediabox.width)) == 612


def test_parse_convention() -> None:
    blocks = letters.parse("# T\n\n## H\n- a\n- b\n\nline 1\nline 2\n")
    assert [b.kind for b in blocks] == ["title", "heading", "bullet", "bullet", "para"]
    assert blocks[-1].text == "line 1\nline 2"


def test_cli_report(store: Store, db_url: str, tmp_path) -> None:
    load_sample(store, "migraine", days=120)
    out = tmp_path / "r.pdf"
    today = clock.NOW.date()
    args = ["--database", db_url, "report", "--profile", "Sample: migraine"]
    args += ["--start", (today - dt.timedelta(days=89)).isoformat(), "--end", today.isoformat()]
    assert cli_main([*args, "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert (
        cli_main(
            [
                "--database",
                db_url,
                "report",
                "--profile",
                "Nobody",
                "--start",
                "2026-01-01",
                "--end",
                "2026-02-01",
                "--out",
                str(out),
            ]
        )
        == 1
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=600), name=st.text(max_size=60))
def test_any_unicode_never_breaks_docx_or_pdf(text: str, name: str) -> None:
    body = f"# {name}\n\n## {name}\n- {text}\n\n{text} [DOCTOR TO CONFIRM: {name}]"
    d = letters.to_docx(body, name)
    assert d[:2] == b"PK"
    p = letters.to_pdf(body, name)
    assert p.startswith(b"%PDF")


def test_letters_say_for_the_clinician_and_leave_it_to_the_doctor() -> None:
    # An empty headache diary: the history criterion is the clinician's statement.
    today = clock.TODAY
    ev = build_evidence([], ("headache",), today - dt.timedelta(days=89), today, {}, clock.NOW)
    text = letters.necessity_letter(ev, [], "headache")
    line = next(x for x in text.split("\n") if "lasted more than 3 months" in x)
    assert "For the clinician: The diary covers" in line
    assert "Still open: the clinician states a history of more than 3 months" in line
