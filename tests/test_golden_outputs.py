"""Speed-ups keep the numbers identical: the samples' summary JSON and PDF text equal the golden
files written by the code before the performance work (tests/golden.py)."""

from __future__ import annotations

import pytest

from tests import golden


@pytest.mark.parametrize("which", golden.SAMPLES)
def test_summary_json_and_pdf_text_are_unchanged(tmp_path, which: str) -> None:
    produced = golden.outputs(which, f"sqlite:///{tmp_path / 'golden.db'}")
    assert len(produced) == 6
    for name, text in produced.items():
        expected = (golden.FOLDER / name).read_text()
        assert text == expected, name
