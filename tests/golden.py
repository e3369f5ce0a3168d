"""Golden outputs: the three samples' summary JSON and doctor-summary PDF text at a fixed time.

``python -m tests.golden`` rewrites tests/data/golden/ from the current code (run it only when a
change is meant to alter the numbers or the wording); tests/test_golden_outputs.py compares the
current code with those files, so a speed-up that changes any figure or sentence fails.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
import tempfile
from pathlib import Path

from pypdf import PdfReader

FOLDER = Path(__file__).resolve().parent / "data" / "golden"
NOW = dt.datetime(2026, 3, 16, 10, 0)
SAMPLES = ("migraine", "sweating", "jaw")
DAYS = 400  # more than a year: partial first month, a full year window, Botox cycles


def outputs(which: str, url: str) -> dict[str, str]:
    """{file name: text} for one sample, computed with ``utils.models.now`` pinned to NOW."""
    from utils import models, report
    from utils.evidence import build_evidence
    from utils.sample import load_sample
    from utils.store import Store

    models_now = models.now
    models.now = lambda: NOW
    try:
        store = Store(url)
        p = load_sample(store, which, days=DAYS, end=NOW.date())
        rows = store.entries(p.id)
        out: dict[str, str] = {}
        end = NOW.date()
        for label, start in (
            ("90d", end - dt.timedelta(days=89)),
            ("1y", end - dt.timedelta(days=364)),
        ):
            ev = build_evidence(rows, p.conditions, start, end, p.settings, NOW)
            data = ev.to_dict()
            data.pop("generated_at", None)
            out[f"{which}-{label}.json"] = json.dumps(data, indent=1, sort_keys=True, default=str)
            for appendix in (False, True):
                pdf = report.build_report(ev, rows, report.ReportOptions(appendix=appendix))
                pages = PdfReader(io.BytesIO(pdf)).pages
                text = "\n\f\n".join(pg.extract_text() for pg in pages)
                name = f"{which}-{label}{'-appendix' if appendix else ''}.pdf.txt"
                out[name] = text + "\n"
        return out
    finally:
        models.now = models_now


def main() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for which in SAMPLES:
            for name, text in outputs(which, f"sqlite:///{Path(tmp) / (which + '.db')}").items():
                (FOLDER / name).write_text(text)
                print("wrote", FOLDER / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
