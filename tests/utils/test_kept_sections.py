"""Condition sections kept between evidence builds (issue 21): a part that declares ``READS`` is
reused while those entries (and the ledger's) are the same objects. Nothing read may be left out
of ``READS``, and a change to any entry must give the evidence of building afresh."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from utils import criteria, evidence, sample
from utils.conditions.headache import kept_months
from utils.core.diary import Recorded
from utils.ledger import treatment_ledger
from utils.store import StoredEntry

END = dt.date(2026, 11, 19)
AT = dt.datetime(2026, 11, 19, 21, 0)
CONDITIONS = ("headache", "sweating", "jaw", "bladder", "neck", "spasticity")


@pytest.fixture(scope="module")
def diary() -> list[StoredEntry]:
    """Every condition's sample over 200 days: every entry class with something to count."""
    items = []
    for which in ("migraine", "sweating", "jaw", "bladder", "neck", "spasticity"):
        items += sample.generate(which, days=200, end=END)
    return [
        StoredEntry(i + 1, 1, e.KIND, e.day(), rec, rec, 1, e) for i, (e, rec) in enumerate(items)
    ]


def _afresh(rows, start, end=END):
    evidence.forget_kept()
    assert not evidence._SECTIONS and not kept_months._MONTHS
    return evidence.build_evidence(Recorded(rows), CONDITIONS, start, end, {}, AT).to_dict()


def _inp(rows, start):
    rec = Recorded(rows)
    th = criteria.resolve_thresholds({}).values
    return evidence.SectionInput(
        rec, start, END, (END - start).days + 1, AT, th, treatment_ledger(rec, END)
    )


def _parts_with_reads():
    return [(k, m) for k, m in evidence._parts() if getattr(m, "READS", None) is not None]


def test_the_three_first_conditions_declare_what_they_read():
    assert [k for k, _ in _parts_with_reads()] == ["headache", "sweating", "jaw"]


@pytest.mark.parametrize("start", [dt.date(2026, 8, 22), dt.date(2026, 5, 3)])
def test_a_section_reads_nothing_beyond_its_reads(diary, start):
    """Only the declared entries (and the ledger's) left in the diary: the same section."""
    for key, module in _parts_with_reads():
        wanted = (*module.READS, *evidence._LEDGER_READS)
        only = [r for r in diary if isinstance(r.entry, wanted)]
        assert len(only) < len(diary)
        assert module.section(_inp(only, start)) == module.section(_inp(diary, start)), key


def test_a_section_is_kept_while_its_entries_are_the_same_objects(diary):
    start = dt.date(2026, 8, 22)
    evidence._SECTIONS.clear()
    first = evidence.build_evidence(Recorded(diary), CONDITIONS, start, END, {}, AT)
    again = evidence.build_evidence(Recorded(list(diary)), CONDITIONS, start, END, {}, AT)
    assert again.sweating is first.sweating and again.jaw is first.jaw
    assert again.months is first.months
    # another period, another reference time or other settings: built again
    other = evidence.build_evidence(
        Recorded(diary), CONDITIONS, start, END, {}, AT.replace(hour=22)
    )
    assert other.sweating is not first.sweating
    th = evidence.build_evidence(
        Recorded(diary), CONDITIONS, start, END, {"thresholds": {"sweat_min_months": 7}}, AT
    )
    assert th.sweating is not first.sweating


def _edits(diary):
    """Per entry class, the diary with its latest entry of that class edited (a new object
    with one value changed where one can be) or removed."""
    first: dict[type, int] = {}
    latest: dict[type, int] = {}
    for i, r in enumerate(diary):
        first.setdefault(type(r.entry), i)
        latest[type(r.entry)] = i
    for cls, i in sorted(latest.items(), key=lambda x: x[0].__name__):
        row = diary[i]
        j = first[cls]
        yield f"first {cls.__name__} removed", diary[:j] + diary[j + 1 :]
        yield f"{cls.__name__} removed", diary[:i] + diary[i + 1 :]
        copy = dataclasses.replace(row, entry=row.entry.model_copy(), version=row.version + 1)
        yield f"{cls.__name__} saved again", [*diary[:i], copy, *diary[i + 1 :]]


def test_after_any_change_the_evidence_is_that_of_building_afresh(diary):
    start = dt.date(2026, 6, 1)
    evidence.build_evidence(Recorded(diary), CONDITIONS, start, END, {}, AT)  # kept
    checked = 0
    for what, rows in _edits(diary):
        warm = evidence.build_evidence(Recorded(rows), CONDITIONS, start, END, {}, AT).to_dict()
        assert warm == _afresh(rows, start), what
        evidence.build_evidence(Recorded(diary), CONDITIONS, start, END, {}, AT)  # kept again
        checked += 1
    assert checked >= 50


def test_an_edited_sweating_day_changes_the_kept_evidence(diary):
    start = dt.date(2026, 8, 22)
    before = evidence.build_evidence(Recorded(diary), CONDITIONS, start, END, {}, AT)
    i = max(i for i, r in enumerate(diary) if r.kind == "sweat_day")
    day = diary[i].entry
    worse = day.model_copy(update={"normal_day": False, "hdss": 4, "episodes": 9})
    assert worse != day
    rows = [*diary[:i], dataclasses.replace(diary[i], entry=worse, version=2), *diary[i + 1 :]]
    after = evidence.build_evidence(Recorded(rows), CONDITIONS, start, END, {}, AT)
    assert after.sweating != before.sweating
    assert after.daily["sweating"][-1].hdss == 4
    assert after.to_dict() == _afresh(rows, start)
