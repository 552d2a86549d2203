"""A trainee question the NLP could not place is flagged, and the caller asks what they mean."""

from pathlib import Path

import pytest

from sim_core.nlp import analyze, understood
from sim_core.scenario import load_scenario_file
from sim_core.session import CallSession
from sim_core.timeline import EventType

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "line",
    [
        "do you know if the neighbour has a spare key?",
        "can you see his hands from where you are?",
        "Okay, what about the back gate, is it open?",
    ],
)
def test_a_question_with_no_act_is_not_understood(line):
    a = analyze(line)
    assert a.acts == ("other",)
    assert a.understood is False


@pytest.mark.parametrize(
    "line",
    [
        "okay, okay, hold on",
        "mm-hm, got it",
        "sorry, say that again?",
        "what?",
        "one second, I'm typing",
        "are you still there?",
        "can you hear me okay?",
    ],
)
def test_filler_is_not_a_misunderstanding(line):
    a = analyze(line)
    assert a.acts == ("other",)
    assert a.understood is True


def test_a_question_that_found_its_act_is_understood():
    a = analyze("is he breathing?")
    assert "ask_breathing" in a.acts and a.understood is True
    assert understood("is he breathing?", ("other",)) is False


def test_the_caller_asks_what_the_trainee_means():
    arrest = load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")
    call = CallSession.start(arrest, analyzer=analyze, clock=lambda: 0.0)
    call.trainee_says("911, what's the address of your emergency?", at=3.0)
    call.trainee_says("do you know if the neighbour has a spare key?", at=8.0)
    call.trainee_says("okay, okay, hold on", at=12.0)
    kinds = [e.data["kinds"] for e in call.timeline.of(EventType.CALLER_SAID)]
    assert "clarify" in kinds[-2]  # the question nobody could place
    assert "clarify" not in kinds[-1]  # filler is not a question
