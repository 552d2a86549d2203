"""User text is shown as typed: no image, link, heading, HTML or Streamlit directive can
come out of it, and no character of it is lost."""

import pytest
from markdown_it import MarkdownIt

from ui.safe_text import html_text, md, printable

RENDER = MarkdownIt("commonmark", {"html": True})
HOSTILE = [
    "![pixel](http://evil.example/p.png)",
    "line one\n\n![pixel](http://evil.example/p.png)",
    "<img src=http://evil.example/p.png onerror=alert(1)>",
    "[press here](javascript:alert(1))",
    "# You failed",
    ":red[shouting] :material/warning: $x^2$",
    "<script>alert(1)</script>",
    "[ref]: http://evil.example/p.png\n![pixel][ref]",
    "&lt;img src=x&gt;",
    'I\'m "here" & #1 <b>now</b>, stay on the line.',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_from_a_user_renders_as_plain_text(text):
    out = RENDER.render(md(text))
    for tag in ("<img", "<a ", "<h1", "<script", "<code"):
        assert tag not in out
    # every visible character survives (Markdown only adds escapes and line breaks)
    visible = out.replace("<p>", "").replace("</p>", "").replace("<br />", "").replace("\n", "")
    import html

    assert html.unescape(visible).replace(" ", "") == printable(text).replace("\n", "").replace(" ", "")


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_inside_an_html_block_stays_text(text):
    out = RENDER.render(f"<div>{html_text(text)}</div>")
    for tag in ("<img", "<a ", "<h1", "<script"):
        assert tag not in out
    import html

    shown = html.unescape(out.replace("<br>", "\n"))
    assert printable(text) in shown


@pytest.mark.parametrize("text", HOSTILE)
def test_html_text_gives_back_exactly_the_characters_typed(text):
    import html

    assert html.unescape(html_text(text).replace("<br>", "\n")) == printable(text)


def test_control_characters_become_spaces_not_gaps():
    assert printable("help\x00me\x1b[31m now\u202e") == "help me [31m now "
    assert printable("tab\tand\nline") == "tab\tand\nline"
