"""Neck entries through the CSV template, export and import, and the FHIR export."""

from __future__ import annotations

import datetime as dt

import pytest

from utils.conditions.neck.models import NeckDay, NeckScale
from utils.exchange import columns, csv_export, csv_import
from utils.store import Store

D = dt.date(2026, 3, 2)


def test_template_kinds_have_columns() -> None:
    assert "neck_day" in columns.template_kinds()
    head = csv_export.template_csv("neck_day").decode("utf-8-sig").splitlines()[0]
    assert "pain" in head and "pull" in head and "limits" in head and "wearing_off" in head
    head = csv_export.template_csv("neck_scale").decode("utf-8-sig").splitlines()[0]
    assert "scale" in head and "total" in head


def test_export_then_import_into_another_profile(store: Store) -> None:
    a = store.create_profile("A", ["neck"])
    store.add(a.id, NeckDay(date=D, pain=4, pull="severe", limits=["driving", "sleep"]))
    store.add(a.id, NeckScale(date=D, scale="Tsui", total=12))
    day_csv = csv_export.csv_bytes("neck_day", store.entries(a.id, ["neck_day"]))
    scale_csv = csv_export.csv_bytes("neck_scale", store.entries(a.id, ["neck_scale"]))
    b = store.create_profile("B", ["neck"])
    assert csv_import.import_csv(store, b.id, day_csv).imported == 1
    assert csv_import.import_csv(store, b.id, scale_csv).imported == 1
    (day,) = store.entries(b.id, ["neck_day"])
    assert (day.entry.pain, day.entry.pull, day.entry.limits) == (4, "severe", ["driving", "sleep"])
    (scale,) = store.entries(b.id, ["neck_scale"])
    assert (scale.entry.scale, scale.entry.total) == ("Tsui", 12)


def test_fhir_bundle_has_the_neck_days(store: Store) -> None:
    from utils.evidence import build_evidence
    from utils.exchange import fhir

    p = store.create_profile("A", ["neck"])
    store.add(p.id, NeckDay(date=D, pain=4, pull="severe"))
    store.add(p.id, NeckDay(date=D + dt.timedelta(days=1), normal_day=True))
    rows = store.entries(p.id)
    at = dt.datetime.combine(D + dt.timedelta(days=5), dt.time(9))
    ev = build_evidence(rows, p.conditions, D, D + dt.timedelta(days=5), None, at)
    data = fhir.build_bundle(ev, rows).model_dump(mode="json")
    texts = [
        (r["resource"].get("code") or {}).get("text") for r in data["entry"] if "resource" in r
    ]
    assert texts.count("Neck pain (0-10)") == 1
    assert "Cervical dystonia (as reported by the patient)" in str(data)
    assert "How far the head pulled that day (patient-rated)" in texts


# ---------------------------------------------------------------- the clinician's template (issue 18)


def _filled(kind: str, *rows: dict) -> bytes:
    """The template of ``kind`` with rows typed in by hand (only the given columns filled)."""
    header = csv_export.template_csv(kind).decode("utf-8-sig").splitlines()[0]
    cols = header.split(",")
    lines = [",".join(str(r.get(c, "")) for c in cols) for r in rows]
    return ("\n".join([header, *lines]) + "\n").encode("utf-8")


def test_the_scale_template_is_offered_and_a_filled_one_imports_by_itself(store: Store) -> None:
    assert "neck_scale" in columns.template_kinds()
    data = _filled(
        "neck_scale",
        {
            "date": "2026-03-02",
            "scale": "TWSTRS",
            "total": 40,
            "severity": 20,
            "disability": 12,
            "pain": 8,
            "timing": "before treatment",
            "rater": "Dr Lee",
        },
        {"date": "2026-05-04", "scale": "Tsui", "total": 9, "timing": "after treatment"},
    )
    assert csv_import.preview_csv(data).kind == "neck_scale"  # detected from the header
    p = store.create_profile("A", ["neck"])
    assert csv_import.import_csv(store, p.id, data).imported == 2
    got = sorted((r.entry for r in store.entries(p.id, ["neck_scale"])), key=lambda e: e.date)
    assert got == [
        NeckScale(
            date=D, scale="TWSTRS", total=40, severity=20, disability=12, pain=8, rater="Dr Lee"
        ),
        NeckScale(date=dt.date(2026, 5, 4), scale="Tsui", total=9, timing="after treatment"),
    ]
    # and back out: the export of what was imported imports again to the same entries
    again = csv_export.csv_bytes("neck_scale", store.entries(p.id, ["neck_scale"]))
    q = store.create_profile("B", ["neck"])
    assert csv_import.import_csv(store, q.id, again).imported == 2
    assert sorted((r.entry for r in store.entries(q.id)), key=lambda e: e.date) == got


def test_a_scale_total_above_its_range_is_refused_and_nothing_saved(store: Store) -> None:
    data = _filled(
        "neck_scale",
        {"date": "2026-03-02", "scale": "Tsui", "total": 12},
        {"date": "2026-03-03", "scale": "Tsui", "total": 26},  # Tsui is 0-25
    )
    preview = csv_import.preview_csv(data)
    assert not preview.ok and "25" in " ".join(preview.error_lines())
    p = store.create_profile("A", ["neck"])
    with pytest.raises(ValueError):
        csv_import.import_csv(store, p.id, data)
    assert store.entries(p.id) == []
