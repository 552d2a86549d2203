"""Markdown, HTML and remote images typed by one user never render for another: a
trainee's CAD fields and lines, quoted into findings, reach the instructor's review page
as plain text."""

from __future__ import annotations

import time

from markdown_it import MarkdownIt

from tests.app.app_helpers import app_as, texts

RENDER = MarkdownIt("commonmark", {"html": True})
PIXEL = "![seen](http://evil.example/pixel.png)"
LINK = "[press here](http://evil.example/login)"


def _hostile_call(trainee: dict) -> str:
    from db.recorder import build_recorder
    from sim_core.scenario import ScenarioLibrary
    from sim_core.session import CallSession
    from sim_core.settings import get_settings

    settings = get_settings()
    rec = build_recorder(settings)
    now = time.time()
    call = CallSession.start(
        ScenarioLibrary(settings.scenarios_dir).get("cardiac-arrest"),
        trainee_id=trainee["id"],
        recorder=rec,
        clock=lambda: now,
    )
    call.trainee_says(f"911 what is the address {PIXEL}", at=3.0)
    call.cad_update({"address": f"{PIXEL} {LINK}", "incident_type": f"# {PIXEL}", "priority": 2}, at=8.0)
    call.trainee_says(f"shut up and listen {LINK} :red[now]", at=12.0)
    call.end(at=30.0)
    if hasattr(rec, "flush"):
        rec.flush()
    return call.call_id


def _rendered(at) -> str:
    """Every Markdown-rendering element of the page, rendered as the browser would."""
    out = []
    for kind in ("markdown", "caption", "title", "subheader", "error", "info", "success", "warning"):
        for source in texts(at, kind, raw=True):
            out.append(RENDER.render(str(source)))
    return "\n".join(out)


def test_the_instructor_sees_a_trainees_markdown_as_typed(accounts):
    call_id = _hostile_call(accounts["tom"])
    at = app_as(accounts["ivan"], "pages/review.py", call=call_id)
    assert not at.exception
    html = _rendered(at)
    assert "<img" not in html and "<a " not in html and "<h1" not in html
    shown = " ".join(texts(at))
    assert PIXEL in shown  # the line is there, character for character
    assert "CAD address" in shown and "evil.example/login" in shown


def test_a_crafted_link_to_the_editor_cannot_put_an_image_on_the_page(accounts):
    at = app_as(accounts["ivan"], "pages/editor.py", scenario=PIXEL)
    assert not at.exception
    assert "<img" not in _rendered(at)
    assert any(PIXEL in e for e in texts(at, "error"))  # named, as typed
