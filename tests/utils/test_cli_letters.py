"""``python -m utils.cli letter`` and ``sample``: the drafts and the samples without a browser."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import clock
from utils.cli import main as cli_main
from utils.store import Store


def test_sample_load_and_remove(store: Store, db_url: str, capsys) -> None:
    assert cli_main(["--database", db_url, "sample", "load", "sweating"]) == 0
    p = store.profile_by_name("Sample: sweating")
    assert p is not None and p.is_sample and store.entries(p.id)
    assert "Loaded the profile 'Sample: sweating'" in capsys.readouterr().out
    assert cli_main(["--database", db_url, "sample", "remove", "sweating"]) == 0
    assert store.profile_by_name("Sample: sweating") is None
    assert cli_main(["--database", db_url, "sample", "remove", "sweating"]) == 0
    assert "no profile" in capsys.readouterr().out


@pytest.mark.parametrize("kind", ["necessity", "appeal"])
def test_letter_writes_docx_and_pdf_with_the_checklist(
    store: Store, db_url: str, tmp_path, kind: str
) -> None:
    import io

    import docx
    from pypdf import PdfReader

    from utils.letters import DRAFT_MARK

    assert cli_main(["--database", db_url, "sample", "load", "migraine"]) == 0
    today = clock.NOW.date()
    base = ["--database", db_url, "letter", "--kind", kind, "--profile", "Sample: migraine"]
    base += ["--condition", "headache", "--start", (today - dt.timedelta(days=239)).isoformat()]
    base += ["--end", today.isoformat()]
    out = tmp_path / "l.docx"
    assert cli_main([*base, "--out", str(out)]) == 0
    d = docx.Document(io.BytesIO(out.read_bytes()))
    body = "\n".join(p.text for p in d.paragraphs)
    assert "CPT 64615" in body and d.sections[0].header.paragraphs[0].text == DRAFT_MARK
    side = tmp_path / "l-clinician-checklist.docx"
    assert "Not part of the letter" in "\n".join(
        p.text for p in docx.Document(io.BytesIO(side.read_bytes())).paragraphs
    )
    out = tmp_path / "l.pdf"
    assert cli_main([*base, "--out", str(out)]) == 0
    r = PdfReader(io.BytesIO(out.read_bytes()))
    assert round(float(r.pages[0].mediabox.width)) == 612
    assert "J0585" in " ".join(p.extract_text() for p in r.pages)
    assert (tmp_path / "l-clinician-checklist.pdf").read_bytes().startswith(b"%PDF")
    assert cli_main([*base, "--out", str(tmp_path / "l.txt")]) == 2
    bad = ["--database", db_url, "letter", "--profile", "Nobody", "--start", "2026-01-01"]
    assert cli_main([*bad, "--end", "2026-02-01", "--out", str(out)]) == 1
