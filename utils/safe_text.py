"""User text shown through Streamlit's Markdown (st.markdown, st.caption, st.write, widget
labels and help, messages): escaped so it shows exactly as typed and never becomes a link, an
image, HTML, a colour, an icon, a heading or a formula.

    st.caption(f"Profile: {md(profile.name)}")

Only text the person typed (or imported) needs it; the app's own wording is left as Markdown.
"""

from __future__ import annotations

import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the ones
# Markdown, GitHub's extensions (autolinks, tables, strikethrough), KaTeX ($) and Streamlit's
# directives (:red[...], :material/icon:, emoji shortcodes) give a meaning to.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&=\"'^%@/])")


# Bare web and mail addresses are turned into links even when escaped: an invisible word
# joiner inside "http", "www" and after "@" keeps them plain text (they still read the same).
_AUTOLINK = re.compile(r"(?i)(?<=[hfwm])(?=ttps?:|tp:|ww\.|ailto:)|(?<=@)")
WORD_JOINER = "\u2060"


def md(text: object) -> str:
    """``text`` escaped for Markdown; line breaks kept as breaks."""
    plain = _AUTOLINK.sub(WORD_JOINER, str(text))
    escaped = _SPECIAL.sub(r"\\\1", plain)
    return escaped.replace("\r\n", "\n").replace("\n", "  \n")
