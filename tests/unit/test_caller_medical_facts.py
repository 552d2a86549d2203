"""Allergies, medicines and medical history are three facts: in every scenario of the
library, each question gets its own fact (or an honest "I don't know"), never another's."""

from pathlib import Path

import pytest

from sim_core.caller.sentences import sentence_keys
from sim_core.scenario import load_scenario_file, parse_scenario
from sim_core.session import CallSession
from sim_core.timeline import EventType

from .fake_nlp import tagged

ROOT = Path(__file__).resolve().parents[2]
MEDICAL = [
    s
    for s in (load_scenario_file(p) for p in sorted((ROOT / "scenarios").glob("*.yaml")))
    if s.facts.patients and not s.has("go_silent")
]
MEDICAL_SLOTS = ("allergies", "medications", "medical_history")
# Each question as the NLP reads it (acts in brackets), worded the way call-takers ask.
QUESTIONS = {
    "allergies": (
        "Any allergies to medicine? [ask_allergies]",
        "Is the patient allergic to any medications? [ask_allergies]",
        "Do they have any drug allergies? [ask_allergies, ask_drugs]",
    ),
    "medications": ("What medications do they take? [ask_medications]", "Are they on any medicine? [ask_medications]"),
    "medical_history": (
        "Any medical problems? [ask_medical_history]",
        "Do they have any medical history? [ask_medical_history]",
    ),
}


def ask(scenario, question):
    call = CallSession.start(scenario, analyzer=tagged, clock=lambda: 0.0)
    call.answer(at=1.0)
    call.trainee_says(question, at=8.0)
    return call.timeline.of(EventType.CALLER_SAID)[-1].data


def variant(scenario, *, drop_answers=(), **caller):
    data = scenario.model_dump(mode="json")
    data["script"]["answers"] = {k: v for k, v in data["script"]["answers"].items() if k not in drop_answers}
    data["caller"].update(caller)
    return parse_scenario(data)


@pytest.mark.parametrize("scenario", MEDICAL, ids=lambda s: s.id)
@pytest.mark.parametrize("slot", MEDICAL_SLOTS)
def test_each_medical_question_gets_its_own_fact(scenario, slot):
    for question in QUESTIONS[slot]:
        said = ask(scenario, question)
        told = set(said["answered"]) | set(said["dont_know"])
        assert not told & (set(MEDICAL_SLOTS) - {slot}), (question, said["text"])
        assert slot in told or "withhold" in said["kinds"], (question, said["text"])
        scripted = scenario.script.answers.get(slot)
        if slot in said["answered"] and isinstance(scripted, str):
            assert set(sentence_keys(scripted)) & set(sentence_keys(said["text"])), (question, said["text"])


def test_the_stroke_wife_names_the_penicillin_allergy_not_the_pills():
    said = ask(load_scenario_file(ROOT / "scenarios" / "stroke.yaml"), "any allergies to medicine? [ask_allergies]")
    assert "penicillin" in said["text"].lower() and "blood pressure" not in said["text"].lower()


def test_a_caller_close_to_the_patient_knows_of_no_allergy_when_there_is_none():
    wife = variant(load_scenario_file(ROOT / "scenarios" / "stroke.yaml"), drop_answers=("allergies",))
    said = ask(wife, "Is he allergic to anything? [ask_allergies]")
    assert said["answered"] == ["allergies"] and "none that i know of" in said["text"].lower()
    patient = variant(wife, party="first", relation="self")
    said = ask(patient, "Are you allergic to anything? [ask_allergies]")
    assert "i'm not allergic to anything" in said["text"].lower()


@pytest.mark.parametrize("who", [{"party": "third", "relation": "neighbour"}, {"age": 8, "relation": "granddaughter"}])
def test_a_bystander_or_a_child_does_not_know_the_allergies(who):
    caller = variant(load_scenario_file(ROOT / "scenarios" / "stroke.yaml"), drop_answers=("allergies",), **who)
    said = ask(caller, "Is he allergic to anything? [ask_allergies]")
    assert said["dont_know"] == ["allergies"] and said["answered"] == []


def test_a_wife_without_the_medicine_names_would_have_to_look():
    wife = variant(load_scenario_file(ROOT / "scenarios" / "stroke.yaml"), drop_answers=("medications",))
    said = ask(wife, "What medications is he on? [ask_medications]")
    assert said["dont_know"] == ["medications"] and "have to look" in said["text"].lower()
