"""Spasticity data out and back in: CSV templates and export of the day, the clinician's
grades and goal scores; the backup; the FHIR bundle carries the stiffness of the days."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from utils import conditions, models, sample
from utils import exchange as ex
from utils.evidence import build_evidence
from utils.store import Store

AT = dt.datetime(2026, 11, 1, 20, 0)


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: AT)


def test_csv_headers_exist_for_the_three_kinds() -> None:
    assert "spasticity_day" in conditions.part("spasticity", "exchange").TEMPLATE_KINDS
    for kind in ("spasticity_day", "ashworth_grade", "goal_score"):
        header = ex.template_csv(kind).decode().splitlines()[0]
        assert "date" in header, kind
    assert "grade" in ex.template_csv("ashworth_grade").decode()


def test_csv_export_then_import_into_a_new_profile_gives_the_same_entries(tmp_path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'x.db'}")
    p = sample.load_sample(store, "spasticity", days=60, end=AT.date())
    copy = store.create_profile("Copy", ["spasticity"])
    for kind in ("spasticity_day", "ashworth_grade", "goal_score"):
        rows = store.entries(p.id, [kind])
        assert rows, kind
        data = ex.csv_bytes(kind, rows)
        ex.import_csv(store, copy.id, data, kind=kind)
        got = [r.entry for r in store.entries(copy.id, [kind])]
        assert sorted(got, key=repr) == sorted((r.entry for r in rows), key=repr), kind


def test_bad_grade_in_a_csv_is_refused_and_saves_nothing(tmp_path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'x.db'}")
    p = store.create_profile("Me", ["spasticity"])
    header = ex.template_csv("ashworth_grade").decode().splitlines()[0]
    cols = header.split(",")
    values = {"date": "2026-10-01", "muscle_group": "elbow flexors", "side": "left", "grade": "5"}
    line = ",".join(values.get(c, "") for c in cols)
    with pytest.raises(ValueError):
        ex.import_csv(store, p.id, f"{header}\n{line}\n".encode(), kind="ashworth_grade")
    assert store.entries(p.id) == []


def test_fhir_bundle_has_the_days_stiffness(tmp_path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'x.db'}")
    p = sample.load_sample(store, "spasticity", days=30, end=AT.date())
    rows = store.entries(p.id)
    start = AT.date() - dt.timedelta(days=29)
    ev = build_evidence(rows, p.conditions, start, AT.date(), {}, AT)
    from utils.exchange.fhir import bundle_bytes

    bundle = json.loads(bundle_bytes(ev, rows))
    texts = json.dumps(bundle)
    assert "Stiffness of the day (0-10)" in texts
    assert "Spasticity of the arm or leg" in texts


# ---------------------------------------------------------------- the clinician's templates (issue 18)


def _filled(kind: str, *rows: dict) -> bytes:
    """The template of ``kind`` with rows typed in by hand (only the given columns filled)."""
    header = ex.template_csv(kind).decode("utf-8-sig").splitlines()[0]
    cols = header.split(",")
    lines = [",".join(str(r.get(c, "")) for c in cols) for r in rows]
    return ("\n".join([header, *lines]) + "\n").encode("utf-8")


def test_the_clinicians_templates_are_offered() -> None:
    kinds = conditions.part("spasticity", "exchange").TEMPLATE_KINDS
    assert kinds == ("spasticity_day", "ashworth_grade", "goal_score")
    assert {"ashworth_grade", "goal_score"} <= set(ex.template_kinds())


def test_filled_grade_and_goal_templates_import_by_themselves(tmp_path) -> None:
    from utils.conditions.spasticity.models import AshworthGrade, GoalScore

    store = Store(f"sqlite:///{tmp_path / 'x.db'}")
    p = store.create_profile("Me", ["spasticity"])
    grades = _filled(
        "ashworth_grade",
        {
            "date": "2026-09-25",
            "muscle_group": "elbow flexors",
            "side": "left",
            "grade": "1+",
            "target": "yes",
            "clinician": "Dr Ode",
        },
        {"date": "2026-09-25", "muscle_group": "wrist flexors", "side": "left", "grade": "2"},
    )
    goals = _filled(
        "goal_score",
        {"date": "2026-09-25", "goal": "put on a shirt", "score": -1},
        {"date": "2026-10-29", "goal": "put on a shirt", "score": 0, "notes": "with one hand"},
    )
    assert ex.preview_csv(grades).kind == "ashworth_grade"
    assert ex.preview_csv(goals).kind == "goal_score"
    assert ex.import_csv(store, p.id, grades).imported == 2
    assert ex.import_csv(store, p.id, goals).imported == 2
    got = sorted((r.entry for r in store.entries(p.id)), key=repr)
    expected = [
        AshworthGrade(
            date=dt.date(2026, 9, 25),
            muscle_group="elbow flexors",
            side="left",
            grade="1+",
            target=True,
            clinician="Dr Ode",
        ),
        AshworthGrade(
            date=dt.date(2026, 9, 25), muscle_group="wrist flexors", side="left", grade="2"
        ),
        GoalScore(date=dt.date(2026, 9, 25), goal="put on a shirt", score=-1),
        GoalScore(
            date=dt.date(2026, 10, 29), goal="put on a shirt", score=0, notes="with one hand"
        ),
    ]
    assert got == sorted(expected, key=repr)


@pytest.mark.parametrize(("score", "ok"), [(-3, False), (-2, True), (2, True), (3, False)])
def test_a_goal_score_outside_minus_2_to_2_is_refused(tmp_path, score: int, ok: bool) -> None:
    store = Store(f"sqlite:///{tmp_path / 'x.db'}")
    p = store.create_profile("Me", ["spasticity"])
    data = _filled("goal_score", {"date": "2026-09-25", "goal": "walk", "score": score})
    assert ex.preview_csv(data).ok is ok
    if ok:
        assert ex.import_csv(store, p.id, data).imported == 1
    else:
        with pytest.raises(ValueError):
            ex.import_csv(store, p.id, data)
        assert store.entries(p.id) == []
