"""A name question gets the name of the person it asks about: "his name" in a call with a
suspect is the suspect's, "your name" is the caller's, never both run together."""

from pathlib import Path

from sim_core.scenario import load_scenario_file
from sim_core.session import CallSession
from sim_core.timeline import EventType

from .fake_nlp import tagged

ROOT = Path(__file__).resolve().parents[2]


def ask(scenario_id, question):
    call = CallSession.start(load_scenario_file(ROOT / "scenarios" / f"{scenario_id}.yaml"), analyzer=tagged)
    call.answer(at=1.0)
    call.trainee_says(question, at=8.0)
    return call.timeline.of(EventType.CALLER_SAID)[-1].data["text"]


def test_his_name_in_a_call_with_a_suspect_is_the_suspects_not_the_callers():
    said = ask("domestic-violence", "what's his name and what's he wearing [ask_name, ask_suspect]")
    assert "John" in said and "Sarah" not in said
    assert said.count("His name's John") == 1
    said = ask("domestic-violence", "what's his name? [ask_name]")
    assert "John" in said and "Sarah" not in said


def test_your_name_is_still_the_callers():
    said = ask("domestic-violence", "what's your name? [ask_name]")
    assert "Sarah" in said and "John" not in said


def test_without_a_suspect_his_name_is_the_patients_as_the_caller_tells_it():
    said = ask("cardiac-arrest", "what's his name? [ask_name]")
    assert "Robert" in said


def test_watching_for_a_change_in_a_call_without_a_patient_names_no_patient():
    said = ask("burglary", "if they start coming up the stairs you tell me right away [instruct_report_changes]")
    assert not any(w in said.lower().split() for w in ("her", "him", "them")), said
