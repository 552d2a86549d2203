"""A stored call's transcript (the review page) keeps the recogniser's doubt: the line's
confidence and its unsure words are marked, an address heard with doubt is drawn as
unconfirmed; typed lines carry no such marks."""

from __future__ import annotations

from sim_core.call_view import stored_transcript_rows
from ui.widgets import transcript_html, unsure_spans

EVENTS = [
    {"type": "call_answered", "t": 2.0, "data": {}},
    {
        "type": "trainee_said",
        "t": 5.0,
        "data": {"text": "Is it 1245 Elm Street?", "line": 0, "confidence": 0.55, "unsure_words": ["Elm"]},
    },
    {
        "type": "entity_found",
        "t": 5.0,
        "data": {
            "speaker": "trainee",
            "line": 0,
            "label": "ADDRESS",
            "text": "1245 Elm Street",
            "start": 6,
            "end": 21,
            "confidence": 0.95,
            "heard_uncertain": True,
        },
    },
    {"type": "trainee_said", "t": 9.0, "data": {"text": "Is he breathing?", "line": 1}},
]


def test_a_reviewed_spoken_line_shows_its_doubt_and_a_typed_one_none():
    rows = stored_transcript_rows(EVENTS)
    assert rows[0]["confidence"] == 0.55 and rows[0]["unsure_words"] == ["Elm"]
    assert "confidence" not in rows[1] and "unsure_words" not in rows[1]
    html = transcript_html(rows)
    assert html.count('title="heard, not sure"') == 1 and "heard 55% — check it" in html
    assert "ADDRESS 95% unconfirmed" in html and "2px dashed" in html


def test_unsure_words_are_found_in_order_and_a_missing_one_is_skipped():
    text = "the the address, the end"
    assert unsure_spans(text, ["the", "address", "nowhere", "the"]) == [(0, 3), (8, 16), (17, 20)]
