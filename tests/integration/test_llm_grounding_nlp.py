"""The grounding check with the real NLP pipeline: what the NLP finds is checked too,
scripted lines still pass, and the check stays within its 5 ms budget."""
from pathlib import Path

import pytest

from sim_core.caller import Director
from sim_core.llm.grounding import check_reply, default_analyzer
from sim_core.scenario import ScenarioLibrary, load_scenario_file

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def arrest():
    return load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")


def test_the_nlp_is_used(arrest):
    assert default_analyzer() is not None


@pytest.mark.parametrize("reply, expected", [
    ("Marcus did this to him!", "invented name 'Marcus'"),
    ("She took a bunch of fentanyl.", "invented drug"),
    ("He crashed his Honda Civic.", "invented vehicle"),
    ("It's on Maple Ave near the school.", "invented address"),
    ("He was stabbed with a kitchen knife.", "invented weapon"),
])
def test_nlp_entities_outside_the_truth_are_caught(arrest, reply, expected):
    decision = Director(arrest, seed=0).opening()
    problems = check_reply(reply, decision, arrest)
    assert any(expected in p for p in problems), problems


def test_every_scripted_line_passes_the_check():
    samples = []
    for sc in ScenarioLibrary(ROOT / "scenarios"):
        decision = Director(sc, seed=0).opening()
        s = sc.script
        lines = [*s.opening, *s.fillers, *(e.say for e in sc.events)]
        for line in s.answers.values():
            lines += list(line.values()) if isinstance(line, dict) else [line]
        samples += [(line, decision, sc) for line in lines]
    failures = [(sc.id, line, p) for line, decision, sc in samples
                if (p := check_reply(line, decision, sc))]
    assert failures == []
