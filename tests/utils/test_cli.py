"""``python -m utils.cli summary``: the evidence as JSON, read from the configured database."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from utils import models, sample
from utils.cli import build_parser, main

pytestmark = pytest.mark.both_databases

ROOT = Path(__file__).resolve().parents[2]
END = dt.date(2026, 11, 19)
AT = dt.datetime(2026, 11, 20, 9, 0)

TOP_LEVEL = {
    "profile",
    "schema_version",
    "generated_at",
    "conditions",
    "period",
    "migraine_day_rule",
    "days",
    "months",
    "rolling30",
    "chronic",
    "overuse",
    "responses",
    "sweating",
    "jaw",
    "completeness",
    "checklists",
    "thresholds",
    "definitions",
    "next_steps",
    "readiness",
}


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(models, "now", lambda: AT)


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_summary_prints_the_documented_fields(store, capsys):
    sample.load_sample(store, "migraine", end=END)
    code, out, err = run(
        capsys,
        "summary",
        "--profile",
        "Sample: migraine",
        "--start",
        "2026-05-01",
        "--end",
        "2026-11-19",
    )
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == TOP_LEVEL
    assert data["profile"]["name"] == "Sample: migraine"
    assert data["period"] == {
        "start": "2026-05-01",
        "end": "2026-11-19",
        "counted_end": "2026-11-19",
        "days": 203,
        "note": "",
    }
    assert len(data["days"]) == 203
    assert [m["month"] for m in data["months"]][0] == "2026-05"
    assert {c["id"] for c in data["checklists"]} == {
        "chronic_migraine_first",
        "chronic_migraine_renewal",
    }
    for rs in data["checklists"]:
        for c in rs["criteria"]:
            assert c["status"] in ("met", "not_met", "missing_data", "for_clinician")
            assert (
                c["status_label"]
                == {
                    "met": "met",
                    "not_met": "not met",
                    "missing_data": "missing data",
                    "for_clinician": "for the clinician",
                }[c["status"]]
            )
            assert c["evidence"] and c["source"] and c["last_checked"]
    stored_sessions = sorted(
        e.date.isoformat()
        for e, _ in sample.generate("migraine", end=END)
        if e.KIND == "botox_session"
    )
    assert len(stored_sessions) >= 2
    assert [s["date"] for s in data["responses"]["headache"]["sessions"]] == stored_sessions
    assert data["sweating"] is None and data["jaw"] is None
    # Every key named in docs/summary-json.md's top-level table exists, and the reverse.
    doc = (ROOT / "docs" / "summary-json.md").read_text(encoding="utf-8")
    for key in TOP_LEVEL:
        assert f"`{key}`" in doc, key


def test_summary_uses_the_profile_settings_and_no_days(store, capsys):
    profile = sample.load_sample(store, "sweating", end=END)
    store.update_profile(profile.id, settings={"thresholds": {"hdss_min": 4, "bogus": 1}})
    code, out, _ = run(capsys, "summary", "--profile", "Sample: sweating", "--no-days", "--compact")
    assert code == 0
    assert out.count("\n") == 1
    data = json.loads(out)
    assert "days" not in data
    rows = {r["name"]: r for r in data["thresholds"]["rows"]}
    assert rows["hdss_min"]["value"] == 4 and rows["hdss_min"]["from_settings"]
    assert data["thresholds"]["ignored"][0]["key"] == "bogus"
    # Default period: the 90 days up to today.
    assert data["period"]["start"] == "2026-08-23" and data["period"]["end"] == "2026-11-20"
    assert data["sweating"]["logged_days"] > 0


def test_summary_errors(store, capsys):
    code, _, err = run(capsys, "summary", "--profile", "nobody")
    assert code == 1 and "no profile named 'nobody'" in err
    store.create_profile("Ann")
    code, _, err = run(
        capsys, "summary", "--profile", "Ann", "--start", "2026-05-02", "--end", "2026-05-01"
    )
    assert code == 2 and "start date is after the end date" in err
    with pytest.raises(SystemExit):
        build_parser().parse_args(["summary", "--profile", "Ann", "--start", "May 1"])


def test_module_runs_as_a_script(db_url, store):
    store.create_profile("Bea", ("headache", "jaw"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "utils.cli",
            "summary",
            "--profile",
            "Bea",
            "--start",
            "2026-01-01",
            "--end",
            "2026-01-31",
            "--no-days",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["conditions"] == ["headache", "jaw"]
    assert data["jaw"]["logged_days"] == 0
    # Nothing logged for the jaw: the off-label note, then "log every day" and "add treatments".
    jaw_steps = data["next_steps"]["jaw"]
    assert jaw_steps[0].startswith("Botox for jaw pain (TMJ disorder, bruxism) is off-label")
    assert any(s.startswith("Log your jaw every day") for s in jaw_steps)
    assert any(s.startswith("Add the jaw treatments you have tried") for s in jaw_steps)
