"""utils.safe_text.md: user text shown through Markdown stays plain text."""

from __future__ import annotations

import re

from utils.safe_text import WORD_JOINER, md


def test_markdown_and_streamlit_syntax_is_escaped() -> None:
    text = "![x](http://h/p.png) [l](u) <b> :red[r] :material/home: **b** # h $x$ `c` | ~s~"
    out = md(text)
    # Every special character is preceded by a backslash; nothing else changes.
    assert re.search(r"(?<!\\)[!\[\]()<>:*#$`|~]", out) is None
    assert re.sub(r"\\(.)", r"\1", out).replace(WORD_JOINER, "") == text


def test_bare_addresses_do_not_become_links() -> None:
    for text in ("http://a.b", "HTTPS://a.b", "www.a.b", "me@a.b", "ftp://a.b", "mailto:x"):
        out = md(text)
        assert WORD_JOINER in out
        assert out.replace(WORD_JOINER, "").replace("\\", "") == text


def test_plain_words_and_line_breaks() -> None:
    assert md("Sam") == "Sam"
    assert md("which") == "which" and md("from") == "from"
    assert md("a\nb") == "a  \nb"
