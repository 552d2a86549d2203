"""The grounding check with the real NLP pipeline: what the NLP finds is checked too,
scripted lines still pass, and the check stays within its 5 ms budget."""

from pathlib import Path

import pytest

from sim_core.caller import Director
from sim_core.llm.grounding import check_reply, default_entity_finder
from sim_core.nlp import analyze, find_entities, pipeline
from sim_core.scenario import ScenarioLibrary, load_scenario_file

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def arrest():
    return load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")


def test_grounding_uses_the_entity_stage_alone(monkeypatch):
    """The fast path: the NLP's entity stage finds what the whole analysis finds, and runs no
    act rule (a broken act stage does not touch it)."""
    assert default_entity_finder() is find_entities
    lines = [
        "Marcus did this to him!",
        "She took a bunch of fentanyl.",
        "It's 1425 Oak Street, apartment 4.",
        "He crashed his red Honda Civic into the pole.",
        "My son Tyler is 7 years old.",
    ]
    whole = [analyze(line).entities for line in lines]
    assert all(whole) and [find_entities(line) for line in lines] == whole

    def broken(text):
        raise AssertionError("the act rules ran")

    monkeypatch.setattr(pipeline, "classify_detail", broken)
    assert [find_entities(line) for line in lines] == whole
    with pytest.raises(AssertionError, match="the act rules ran"):
        analyze("Is he breathing?")


@pytest.mark.parametrize(
    "reply, expected",
    [
        ("Marcus did this to him!", "invented name 'Marcus'"),
        ("She took a bunch of fentanyl.", "invented drug"),
        ("He crashed his Honda Civic.", "invented vehicle"),
        ("It's on Maple Ave near the school.", "invented address"),
        ("He was stabbed with a kitchen knife.", "invented weapon"),
    ],
)
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
    failures = [(sc.id, line, p) for line, decision, sc in samples if (p := check_reply(line, decision, sc))]
    assert failures == []
