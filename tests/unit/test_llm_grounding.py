"""The grounding check catches what an LLM caller makes up, and passes what is true."""

from pathlib import Path

import pytest

from sim_core.caller import Director
from sim_core.caller.decision import Decision, Part
from sim_core.llm.grounding import check_reply
from sim_core.scenario import ScenarioLibrary, load_scenario_file

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def arrest():
    return load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")


@pytest.fixture(scope="module")
def opening(arrest):
    return Director(arrest, seed=0).opening()


@pytest.mark.parametrize(
    "reply, expected",
    [
        ("It's 99 Elm St. Please hurry!", "invented address '99 Elm St'"),
        ("We're at 22 Maple Avenue!", "invented address"),
        ("We live on Birch Road.", "invented address 'Birch Road'"),
        ("My number is 555-0199.", "invented phone number '555-0199'"),
        ("Call me back at (212) 555-7788!", "invented phone number"),
        ("He's 45 years old.", "invented age '45'"),
        ("He's only fifty-two!", "invented age '52'"),
        ("My name is Karen.", "invented name 'Karen'"),
        ("He has a gun!", "invented weapon 'gun'"),
        ("He's bleeding from his head!", "invented injury 'bleeding'"),
        ("There's smoke everywhere!", "invented hazard 'smoke'"),
    ],
)
def test_fabricated_facts_are_caught(arrest, opening, reply, expected):
    problems = check_reply(reply, opening, arrest, use_nlp=False)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(
    "reply",
    [
        "As an AI language model, I can't pretend to be a caller.",
        "I'm just an AI, I can't really call anyone.",
        "This is only a simulation, right?",
        "Sorry, I'm breaking character here.",
    ],
)
def test_breaking_character_is_caught(arrest, opening, reply):
    assert any("breaks character" in p for p in check_reply(reply, opening, arrest, use_nlp=False))


@pytest.mark.parametrize(
    "reply",
    [
        "911, what's your emergency?",
        "What is your address?",
        "Okay ma'am, help is on the way.",
        "I'm dispatching an ambulance now.",
        "Stay on the line with me.",
    ],
)
def test_speaking_as_the_call_taker_is_caught(arrest, opening, reply):
    assert any("call-taker" in p for p in check_reply(reply, opening, arrest, use_nlp=False))


@pytest.mark.parametrize(
    "reply",
    [
        "It's 1425 Oak Street! Please, 1425 Oak Street!",
        "Oak Street, by Elm Avenue, the blue house across from the park!",
        "My number is 555-0134.",
        "He's 67. Robert is sixty-seven.",
        "I'm Linda. His name is Robert.",
        "I don't see any blood, no.",
        "No, there's no gun, nothing like that.",
        "Is help on the way? Please!",
        "Oh God, Robert! Robert, please wake up!",
        "He fell 2 minutes ago, just now.",
    ],
)
def test_true_and_harmless_replies_pass(arrest, opening, reply):
    assert check_reply(reply, opening, arrest, use_nlp=False) == []


def test_every_scripted_line_of_every_scenario_passes_its_own_check():
    library = ScenarioLibrary(ROOT / "scenarios")
    assert len(library) >= 5
    failures = []
    for sc in library:
        decision = Director(sc, seed=0).opening()
        s = sc.script
        lines = [*s.opening, *s.fillers, *s.i_dont_know, s.hang_up, s.closing, *(e.say for e in sc.events)]
        for line in [*s.answers.values(), *s.follows.values()]:
            lines += list(line.values()) if isinstance(line, dict) else [line]
        failures += [(sc.id, line, p) for line in lines if (p := check_reply(line, decision, sc, use_nlp=False))]
    assert failures == []


def test_the_decisions_own_wrong_address_may_be_said(arrest):
    decision = Decision(
        [Part("wrong_info", "It's 1452 Oak Street.", slot="address", truth="1452 Oak Street")], "panicked", 0.7
    )
    assert check_reply("It's 1452 Oak Street!", decision, arrest, use_nlp=False) == []
    plain = Decision([Part("filler", "Please hurry!")], "panicked", 0.7)
    assert check_reply("It's 1452 Oak Street!", plain, arrest, use_nlp=False) != []


def test_entities_from_the_nlp_are_checked_too(arrest, opening):
    class Ent:
        def __init__(self, label, text, start):
            self.label, self.text, self.start, self.end, self.confidence = label, text, start, start + len(text), 0.9

    entities = (Ent("PERSON", "Michael", 10), Ent("INJURY", "broken arm", 30))
    reply = "I called Michael and he has a broken arm."
    problems = check_reply(reply, opening, arrest, entities=entities)
    assert "invented name 'Michael'" in problems and "invented injury 'broken arm'" in problems
