"""The grounding check also catches how a weak model goes wrong: role and prompt leaks,
numbers made up in words, run-ons, contradictions and greeting as the call-taker."""

from pathlib import Path

import pytest

from sim_core.caller import Director
from sim_core.llm.grounding import check_reply
from sim_core.scenario import load_scenario_file

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def arrest():
    return load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")


@pytest.fixture(scope="module")
def opening(arrest):
    return Director(arrest, seed=0).opening()


def _problems(reply, opening, arrest, **kw):
    return check_reply(reply, opening, arrest, use_nlp=False, **kw)


@pytest.mark.parametrize(
    "reply, expected",
    [
        ("Assistant: My husband collapsed!", "role or prompt leak ('Assistant:')"),
        ("Caller: Please hurry!", "role or prompt leak ('Caller:')"),
        ("He collapsed (in the script: he fell in the kitchen).", "role or prompt leak ('in the script')"),
        ("The truth: he is not breathing.", "role or prompt leak"),
        ("<|im_start|>assistant Please!", "role or prompt leak"),
        ("It's fourteen twenty Oak Street!", "invented number in words 'fourteen twenty'"),
        ("Call me on five five five, oh one nine nine.", "invented number in words"),
        ("480, 911, 123456, 123456, 123456, 12", "repeats itself ('123456' over and over)"),
        ("I am here I am here I am here I am here", "repeats itself"),
        ("Hello, this is 911, what is your emergency?", "speaks as the call-taker"),
        ("Thank you for calling 911, how can I help you?", "speaks as the call-taker"),
        ("I'm sending the paramedics now.", "speaks as the call-taker"),
        ("He's breathing fine now, thank God.", "contradicts the facts"),
        ("DEMAR, 1-2-777, I need someone to help.", "invented number '777'"),
        ("The call-taker is looking at you with a serious expression.", "role or prompt leak"),
        (
            "I'm just going to talk to you, I'm just going to talk to you, I'm just going to talk to you.",
            "repeats itself",
        ),
    ],
)
def test_how_a_weak_model_goes_wrong_is_caught(arrest, opening, reply, expected):
    assert any(expected in p for p in _problems(reply, opening, arrest)), _problems(reply, opening, arrest)


@pytest.mark.parametrize(
    "reply",
    [
        "One, two, three, four, five... he's not moving!",
        "Fourteen twenty-five Oak Street!",
        "He's sixty-seven.",
        "There are two of us here.",
        "Please, please, please hurry!",
        "Oh my God, oh my God, oh my God!",
        "Linda. I'm Linda, his wife.",
    ],
)
def test_real_speech_is_not_mistaken_for_a_fault(arrest, opening, reply):
    assert _problems(reply, opening, arrest) == []


def test_contradiction_follows_the_patient_as_the_call_goes_on(arrest, opening):
    assert _problems("He's not breathing!", opening, arrest) == []
    revived = {"breathing": "normal", "conscious": True}
    assert any(
        "contradicts the facts: the patient is breathing" in p
        for p in _problems("He's not breathing!", opening, arrest, now=revived)
    )
    assert _problems("He's breathing now!", opening, arrest, now=revived) == []
