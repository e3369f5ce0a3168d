"""Neurogenic detrusor overactivity, renewal (issue 18): its own renewal rule set, chosen with
the neurogenic first authorization by the profile's ``bladder_type``; response judged by the
fall in all leaks per day (the label trials counted incontinence episodes, and neurogenic leaks
often come without urgency); the documents name the rule sets actually chosen.

By hand (leak response): baseline 4 leaks per day; after 2.04 / 2.0 / 1.96 per day is a fall of
49 / 50 / 51 % (threshold 50 %): not met / met / met. The baseline has no urge leak, so the
overactive-bladder check (urge leaks) cannot compute a fall.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from tests.clock import NOW
from tests.utils.conditions.bladder.test_boundaries import DAY, facts
from utils.conditions.bladder import criteria as bc
from utils.conditions.bladder.metrics import BladderBlock, bladder_summary
from utils.documents.letters import appeal_letter, clinician_checklist, necessity_letter
from utils.evidence import build_evidence
from utils.report import ReportOptions, build_report
from utils.rules.engine import evaluate
from utils.rules.thresholds import default_thresholds, rule_sets
from utils.sample import load_sample
from utils.store import Store

D = dt.date
DAYS = 240
NEUROGENIC = {"thresholds": {"bladder_type": "neurogenic"}}


def _ids(bladder_type: str) -> list[str]:
    th = {**default_thresholds(), "bladder_type": bladder_type}
    return [r.id for r in evaluate(facts(), ["bladder"], th)]


def test_each_bladder_type_gets_its_own_pair_of_rule_sets() -> None:
    assert _ids("overactive") == ["overactive_bladder_first", "overactive_bladder_renewal"]
    assert _ids("neurogenic") == ["neurogenic_bladder_first", "neurogenic_bladder_renewal"]


def test_the_neurogenic_renewal_set_is_sourced_and_honest() -> None:
    rs = rule_sets()["neurogenic_bladder_renewal"]
    assert rs["kind"] == "renewal" and rs["condition"] == "bladder"
    assert rs["only_when"] == {"bladder_type": "neurogenic"}
    assert [c["check"] for c in rs["criteria"]] == [
        "sessions_count",
        "session_spacing",
        "bladder_interval",
        "bladder_leak_response",
    ]
    for c in rs["criteria"]:
        assert c["source"] and c["sureness"] and c["last_checked"]
    th = default_thresholds()
    assert th["ndo_max_units"] == 200 and th["ndo_session_min_days"] == 84
    assert th["ndo_response_pct"] == 50


def _summary(after_leaks: float):
    base = BladderBlock(D(2026, 1, 1), D(2026, 1, 3), 6, 0, 4.0, 0.0, 1, 3)
    later = BladderBlock(D(2026, 5, 1), D(2026, 5, 3), 6, 0, after_leaks, 0.0, 1, 2)
    s = bladder_summary([], DAY, DAY)
    return replace(
        s,
        sessions=(D(2026, 2, 1),),
        baseline=base,
        after_treatment=later,
        urge_leak_change_pct=None,
    )


@pytest.mark.parametrize(
    ("after", "status", "pct"),
    [(2.04, "not_met", "49"), (2.0, "met", "50"), (1.96, "met", "51")],
)
def test_leak_fall_of_50_percent(after: float, status: str, pct: str) -> None:
    out = bc._leak_response(facts(_summary(after)), {"pct": 50}, {})
    assert out.status == status
    assert f"a fall of {pct}%" in out.evidence
    # the overactive-bladder check reads urge leaks: none at baseline, so no fall is computed
    assert bc._response(facts(_summary(after)), {"pct": 50}, {}).status == "missing_data"


def test_leak_response_without_a_session_or_blocks_is_missing_data() -> None:
    s = bladder_summary([], DAY, DAY)
    assert bc._leak_response(facts(s), {"pct": 50}, {}).status == "missing_data"
    no_after = replace(_summary(2.0), after_treatment=None)
    assert bc._leak_response(facts(no_after), {"pct": 50}, {}).status == "missing_data"


def _evidence(store: Store, settings: dict):
    p = load_sample(store, "bladder", days=DAYS)
    rows = store.entries(p.id)
    end = NOW.date()
    return build_evidence(rows, p.conditions, end - dt.timedelta(days=DAYS - 1), end, settings, NOW)


def test_documents_name_the_neurogenic_sets_when_chosen(store: Store) -> None:
    ev = _evidence(store, NEUROGENIC)
    rows = []
    assert [rs.id for rs in ev.checklists] == [
        "neurogenic_bladder_first",
        "neurogenic_bladder_renewal",
    ]
    letter = necessity_letter(ev, rows, "bladder")
    assert "neurogenic detrusor overactivity" in letter.splitlines()[0]
    assert "overactive bladder with urge urinary incontinence" not in letter
    assert "N31." in letter
    checklist = clinician_checklist(ev, rows, "bladder")
    assert "## Bladder (neurogenic detrusor overactivity): Botox renewal" in checklist
    assert "## Bladder (neurogenic detrusor overactivity): first Botox authorization" in checklist
    assert "overactive bladder with urge leaks" not in checklist
    appeal = appeal_letter(ev, rows, "bladder", None, None)
    assert "neurogenic detrusor overactivity" in appeal.splitlines()[0]
    pages = PdfReader(io.BytesIO(build_report(ev, rows, ReportOptions()))).pages
    first = " ".join(pages[0].extract_text().split()).lower()
    assert "neurogenic detrusor overactivity): botox renewal" in first
    assert "neurogenic detrusor overactivity): first botox authorization" in first
    assert "overactive bladder with urge leaks)" not in first
    # The diagnosis line the clinician confirms names the neurogenic codes, not N32.81 first.
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert "neurogenic detrusor overactivity: ICD-10-CM N31.0, N31.1, N31.8 or N31.9" in text
    assert "overactive bladder with urge incontinence: ICD-10-CM N32.81" not in text


def test_documents_keep_the_overactive_sets_by_default(store: Store) -> None:
    ev = _evidence(store, {})
    letter = necessity_letter(ev, [], "bladder")
    assert "overactive bladder with urge urinary incontinence" in letter.splitlines()[0]
    checklist = clinician_checklist(ev, [], "bladder")
    assert "## Bladder (overactive bladder with urge leaks): Botox renewal" in checklist
    assert "neurogenic detrusor overactivity):" not in checklist
    pages = PdfReader(io.BytesIO(build_report(ev, [], ReportOptions()))).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert "overactive bladder with urge incontinence: ICD-10-CM N32.81" in text
    assert "neurogenic detrusor overactivity: ICD-10-CM" not in text
