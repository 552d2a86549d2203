"""Confidence shown to the trainee comes from the recogniser's own word scores: garbled
speech is never shown as sure, unsure words are marked, facts from doubtful speech flagged."""

import pytest

from sim_core.speech.confidence import (
    LOW_CONFIDENCE,
    MAX_CONFIDENCE,
    calibrate,
    calibrated_confidence,
    flag_doubtful_entities,
    marked_text,
    raw_score,
)
from sim_core.speech.datatypes import Hypothesis

CLEAR = (("what", 0.99), ("is", 0.98), ("the", 0.99), ("address", 0.97))
GARBLED = (
    ("what", 0.6),
    ("is", 0.3),
    ("he", 0.2),
    ("address", 0.4),
    ("of", 0.5),
    ("you're", 0.2),
    ("martin", 0.1),
    ("see", 0.2),
)


def test_clear_speech_is_confident_but_never_certain():
    c = calibrated_confidence(CLEAR, no_speech_prob=0.01)
    assert 0.9 < c <= MAX_CONFIDENCE < 1.0
    assert calibrated_confidence((("yes", 1.0),), 0.0) == MAX_CONFIDENCE


def test_garbled_speech_is_shown_as_doubtful():
    c = calibrated_confidence(GARBLED, no_speech_prob=0.05)
    assert c < LOW_CONFIDENCE and c < 0.5
    assert Hypothesis("what is he address of you're martin see", c, True, GARBLED).low_confidence


def test_one_unsure_word_lowers_confidence_more_than_an_average_would():
    one_bad = CLEAR + (("emergency", 0.05),)
    assert raw_score(one_bad, 0.0) < sum(p for _, p in one_bad) / len(one_bad) - 0.1


def test_probably_no_speech_is_not_confident():
    assert calibrated_confidence(CLEAR, no_speech_prob=0.9) < 0.1


@pytest.mark.parametrize("lo,hi", [(0.0, 0.3), (0.3, 0.5), (0.5, 0.8), (0.8, 1.0)])
def test_calibration_is_monotone(lo, hi):
    assert calibrate(lo) <= calibrate(hi)


def test_unsure_words_are_marked():
    words = (("what", 0.99), ("is", 0.95), ("the", 0.9), ("adress", 0.3))
    assert marked_text("what is the adress", words) == "what is the [adress?]"
    h = Hypothesis("what is the adress", 0.7, True, words)
    assert h.uncertain == ("adress",) and h.marked() == "what is the [adress?]"
    assert Hypothesis("is he breathing", 0.9).marked() == "is he breathing"  # no word scores


def test_entities_from_doubtful_speech_are_flagged_not_facts():
    ents = [{"label": "ADDRESS", "text": "martin see"}, {"label": "AGE", "text": "64"}]
    flag_doubtful_entities(ents, confidence=0.95, unsure=("martin",))
    assert ents[0].get("heard_uncertain") is True and "heard_uncertain" not in ents[1]
    low = [{"label": "AGE", "text": "64"}]
    assert flag_doubtful_entities(low, confidence=0.3)[0]["heard_uncertain"] is True


def test_a_call_flags_facts_from_doubtful_speech_but_not_typed_or_clear_lines():
    from pathlib import Path

    from sim_core.scenario import load_scenario_file
    from sim_core.session import CallSession
    from sim_core.timeline import EventType

    scenario = load_scenario_file(Path(__file__).resolve().parents[2] / "scenarios" / "cardiac-arrest.yaml")
    call = CallSession.start(scenario, clock=lambda: 0.0)
    call.answer(at=1.0)
    call.trainee_says("Is that 1425 Oak Street?", at=5.0)  # typed
    call.trainee_says("Is that 1425 Oak Street?", at=9.0, confidence=0.95)  # heard clearly
    call.trainee_says("Is that 1425 Oak Street?", at=13.0, confidence=0.4)  # doubtful
    said = {e.data["line"]: e.data for e in call.timeline.of(EventType.TRAINEE_SAID)}
    flagged = {}
    for e in call.timeline.of(EventType.ENTITY_FOUND):
        if e.data.get("speaker") == "trainee":
            flagged.setdefault(e.data["line"], []).append(bool(e.data.get("heard_uncertain")))
    lines = sorted(said)
    assert len(lines) == 3 and all(flagged.get(line) for line in lines)  # the address was found each time
    assert not any(flagged[lines[0]]) and not any(flagged[lines[1]])
    assert all(flagged[lines[2]])
