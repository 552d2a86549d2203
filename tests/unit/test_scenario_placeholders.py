"""Truth in one place: the address, callback, names and ages are written once; script
lines and the CAD truth refer to them, so an edit or a practice variant changes what
the caller says and what the CAD entry is checked against, together."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sim_core.scenario import ScenarioError, parse_scenario, parse_scenario_yaml
from sim_core.scenario.placeholders import resolve
from sim_core.scenario.readiness import publish_problems
from sim_core.scenario.variants import make_variant
from sim_core.session import CallSession

ROOT = Path(__file__).resolve().parents[2]
ARREST = (ROOT / "scenarios" / "cardiac-arrest.yaml").read_text()


def _with_placeholders() -> dict:
    """The arrest scenario written once: every line names the facts by placeholder."""
    text = (
        ARREST.replace('"1425 Oak Street. It\'s 1425 Oak Street!"', '"{address}. It\'s {address}!"')
        .replace("Oak Street! 1425 Oak Street, please hurry!", "{street}! {address}, please hurry!")
        .replace("Yes, yes, 1425 Oak Street, that's right.", "Yes, yes, {address}, that's right.")
        .replace("It's 555-0134.", "It's {callback}.")
        .replace("Yes, 555-0134.", "Yes, {callback}.")
        .replace("He's 67. Robert is 67.", "He's {patient.age}. {patient.name} is {patient.age}.")
        .replace("I'm Linda. His name is Robert.", "I'm {caller.name}. His name is {patient.name}.")
    )
    doc = yaml.safe_load(text)
    doc["cad"].pop("address")  # the CAD truth is the location
    return doc


def _caller_says(scenario, question: str) -> str:
    call = CallSession.start(scenario, clock=lambda: 0.0)
    return call.trainee_says(question, at=5.0).caller_text


def _cad_address_fault(scenario, typed: str) -> bool:
    call = CallSession.start(scenario, clock=lambda: 0.0)
    call.trainee_says("911, what is the address of your emergency?", at=3.0)
    call.cad_update({"address": typed, "priority": 1, "incident_type": "cardiac arrest"}, at=8.0)
    result = call.end(at=30.0)
    return any(getattr(f, "rule", "") == "cad_address" for f in result.findings)


def test_placeholders_are_said_as_the_fields_say():
    sc = parse_scenario(_with_placeholders())
    assert "1425 Oak Street" in _caller_says(sc, "What is the address of your emergency?")
    assert "555-0134" in _caller_says(sc, "What is the number you are calling from?")
    assert resolve(sc).cad.address == "1425 Oak Street"
    assert "{" in sc.script.answers["callback"]  # the stored scenario keeps them


def test_editing_the_address_once_changes_the_caller_and_the_cad_truth():
    doc = _with_placeholders()
    doc["location"]["address"] = "88 Birch Road"
    sc = parse_scenario(doc)
    said = _caller_says(sc, "What is the address of your emergency?")
    assert "88 Birch Road" in said and "Oak" not in said
    assert not _cad_address_fault(sc, "88 Birch Road")
    assert _cad_address_fault(sc, "1425 Oak Street")


@pytest.mark.parametrize(
    "make_doc", [lambda: yaml.safe_load(ARREST), _with_placeholders], ids=["written-out", "placeholders"]
)
def test_a_variants_new_address_is_what_the_caller_says_and_the_cad_checks(make_doc):
    doc = make_doc()
    var = parse_scenario(make_variant(doc, 11))
    new = var.location.address
    assert new != doc["location"]["address"]
    said = _caller_says(var, "What is the address of your emergency?")
    assert new.split()[0] in said and "1425" not in said
    cb = _caller_says(var, "What is the number you are calling from?")
    assert var.callback in cb and "555-0134" not in cb
    assert not _cad_address_fault(var, new)
    assert _cad_address_fault(var, "1425 Oak Street")
    assert not publish_problems(make_variant(doc, 11))


def test_an_unknown_or_empty_placeholder_is_refused_where_it_is():
    doc = _with_placeholders()
    doc["script"]["answers"]["timing"] = "Since {adress}."
    with pytest.raises(ScenarioError) as exc:
        parse_scenario(doc)
    assert "script.answers.timing: unknown placeholder {adress}" in str(exc.value)
    doc = _with_placeholders()
    doc["location"]["unit"] = ""
    doc["script"]["answers"]["timing"] = "In {unit}."
    with pytest.raises(ScenarioError, match=r"\{unit\} has no value"):
        parse_scenario(doc)


def test_an_imported_file_with_a_new_callback_has_the_caller_say_it():
    text = yaml.safe_dump(_with_placeholders()).replace("555-0134", "555-0177")
    sc = parse_scenario_yaml(text)
    assert "555-0177" in _caller_says(sc, "What is the number you are calling from?")
