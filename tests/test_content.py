"""Guide content: every page parses, has sources and dates, links only to app pages, and every
code in the tables is one the domain facts list."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import clock
from utils import guide

ROOT = Path(__file__).resolve().parent.parent
# The team's domain notes live beside the checkout (../shared), in CI as on a developer's machine.
FACTS = Path(
    os.environ.get(
        "COVERAGE_DIARY_FACTS",
        Path(__file__).resolve().parents[2] / "shared" / "domain" / "facts.md",
    )
)
KNOWN_PAGES = {
    "pages/home.py",
    "pages/headache.py",
    "pages/sweating.py",
    "pages/jaw.py",
    "pages/bladder.py",
    "pages/spasticity.py",
    "pages/treatments.py",
    "pages/questionnaires.py",
    "pages/reports.py",
    "pages/cases.py",
    "pages/data.py",
    "pages/guide.py",
}
CONDITION_PAGES = {
    "pages/headache.py": "headache",
    "pages/sweating.py": "sweating",
    "pages/jaw.py": "jaw",
    "pages/bladder.py": "bladder",
    "pages/spasticity.py": "spasticity",
}
TOPICS_REQUIRED = [
    "chronic migraine",
    "underarms",
    "palms, soles and face",
    "jaw",
    "neck dystonia",
    "bladder",
    "cosmetic",
    "step 1",
    "step 2",
    "step 3",
    "step 4",
    "step 5",
    "step 6",
    "step 7",
    "step 8",
    "side effects",
    "questions",
]


def test_every_page_parses_with_sources_and_dates() -> None:
    pages = guide.pages()
    assert len(pages) >= len(TOPICS_REQUIRED)
    assert len({p.slug for p in pages}) == len(pages)
    for page in pages:
        assert page.body, page.slug
        assert page.sources, page.slug
        for s in page.sources:
            assert s.source.strip()
            assert dt.date.fromisoformat(s.last_checked) <= clock.TODAY
        for link in page.links:
            assert link.page in KNOWN_PAGES, (page.slug, link.page)
            # Diary pages are only in the menu of profiles tracking the condition.
            expected = CONDITION_PAGES.get(link.page)
            assert link.condition == expected, (page.slug, link.page)
        for condition in page.codes:
            assert condition == "all" or condition in guide.code_conditions(), page.slug


def test_every_required_topic_has_a_page() -> None:
    titles = " | ".join(p.title.lower() for p in guide.pages())
    for topic in TOPICS_REQUIRED:
        assert topic in titles, topic


def test_parse_page_rejects_missing_sources() -> None:
    with pytest.raises(guide.GuideError, match="sources"):
        guide.parse_page("x", "---\ntitle: X\nsection: Steps\norder: 1\n---\nBody")
    with pytest.raises(guide.GuideError, match="front matter"):
        guide.parse_page("x", "No front matter")


def test_code_rows_are_complete() -> None:
    table = guide.code_table()
    conditions = table["conditions"]
    patterns = {
        "CPT": r"^\d{5}(-\d{5})?$",
        "HCPCS": r"^[A-Z]\d{4}$",
        "ICD-10-CM": r"^[A-Z]\d{2}(\.[0-9A-Z]{1,4}x?)?(-[A-Z]\d{2}\.\d{2})?$",
    }
    for row in table["codes"]:
        assert row["condition"] in conditions, row
        assert re.match(patterns[row["system"]], row["code"]), row
        assert row["description"].strip() and row["source"].strip(), row
        assert isinstance(row["last_checked"], dt.date), row
        assert row["sureness"] in ("P", "S", "W"), row


def facts_codes(text: str) -> set[str]:
    """Codes written in facts.md, with shorthand like G43.701/.709 expanded."""
    found = set()
    for base, first, rest in re.findall(r"([A-Z]\d{2})\.(\w+)((?:/\.\w+)+)", text):
        found.add(f"{base}.{first}")
        found.update(f"{base}.{suffix}" for suffix in re.findall(r"/\.(\w+)", rest))
    return found


@pytest.mark.skipif(not FACTS.exists(), reason="domain facts file not available")
def test_every_code_appears_in_the_facts() -> None:
    text = FACTS.read_text(encoding="utf-8")
    more = FACTS.parent / "facts-more-conditions.md"  # the later conditions' facts (issue 18)
    if more.exists():
        text += more.read_text(encoding="utf-8")
    expanded = facts_codes(text)
    assert {"G43.709", "G43.E19", "L74.513"} <= expanded
    for row in guide.code_table()["codes"]:
        code = row["code"]
        assert code in expanded or code in text, code


def test_no_cpt_descriptor_is_copied() -> None:
    # Our wording is short and plain; AMA descriptors start like this.
    for row in guide.code_table()["codes"]:
        assert not row["description"].lower().startswith("chemodenervation of"), row["code"]


def test_every_guide_page_renders(store) -> None:
    profile = store.create_profile("Guide reader", ["headache", "sweating", "jaw"])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.session_state["profile_id"] = profile.id
    at.run()
    at.switch_page("pages/guide.py")
    at.run()
    assert not at.exception
    seen = 0
    for section in guide.SECTIONS:
        at.segmented_control(key="guide_section").set_value(section).run()
        assert not at.exception, section
        topic = at.selectbox(key=f"guide_topic_{section}")
        for slug in topic.options and [p.slug for p in guide.pages() if p.section == section]:
            at.selectbox(key=f"guide_topic_{section}").set_value(slug).run()
            assert not at.exception, slug
            page = next(p for p in guide.pages() if p.slug == slug)
            assert at.header[0].value == page.title
            captions = " ".join(c.value for c in at.caption)
            assert "last checked" in captions, slug
            if page.codes:
                assert len(at.table) >= 1, slug
            seen += 1
    assert seen == len(guide.pages())


def test_safety_and_coverage_corrections_are_in_the_guide() -> None:
    def page(name: str) -> str:
        return (ROOT / "content" / "guide" / name).read_text(encoding="utf-8").lower()

    effects = page("30-side-effects.md")
    for words in (
        "speaking",
        "changed voice",
        "double or blurred vision",
        "drooping eyelids",
        "weakness of the muscles in general",
        "loss of bladder control",
        "hours to weeks",
        "neck pain",
        "compensatory",
    ):
        assert words in effects, words
    assert "mostly limited to cancer drugs" in page("27-step-state-rules.md")
    savings = page("26-step-savings.md")
    assert "$" not in savings and "%" not in savings  # no figures that go stale
    palms = page("12-sweating-palms-soles-face.md")
    for words in ("64999", "r61", "l74.52", "j0586", "j0587", "j0588"):
        assert words in palms, words
    codes = {row["code"] for row in guide.code_table()["codes"]}
    assert {"J0586", "J0587", "J0588", "R61", "64999"} <= codes
