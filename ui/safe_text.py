"""User text made inert before it reaches st.markdown (or any element that renders
Markdown: titles, captions, alerts, radio options) or an HTML block.

Trainee-typed lines and CAD fields, instructor-written scenario text and comments, and
anything quoted from them into findings are shown as the characters typed: no link,
image (a remote fetch from the viewer's browser), heading, colour directive, icon
shortcode, LaTeX or HTML ever comes out of them.
"""

from __future__ import annotations

import re

from sim_core.printable import printable

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of
# them also disarms Streamlit's own syntax (":red[...]", ":material/x:", "$...$").
_MD_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
# In an HTML block, HTML's own specials and Markdown syntax both become numeric character
# references, which the browser shows as the character and no parser reads as syntax.
_AS_REFERENCE = frozenset("&<>\"'!#$()*+-.:=[\\]^_`{|}~")


def md(text: object) -> str:
    """text for a Markdown-rendering element, shown exactly as typed."""
    escaped = _MD_PUNCT.sub(r"\\\1", printable(text))
    # a line break inside a paragraph (two trailing spaces), never a new block
    return escaped.replace("\r", "").replace("\n", "  \n")


def html_text(text: object) -> str:
    """text for inside an HTML block rendered with unsafe_allow_html: escaped as HTML, its
    Markdown punctuation as character references, line breaks as <br>."""
    out = []
    for ch in printable(text).replace("\r", ""):
        out.append(f"&#{ord(ch)};" if ch in _AS_REFERENCE else "<br>" if ch == "\n" else ch)
    return "".join(out)


__all__ = ["html_text", "md", "printable"]
