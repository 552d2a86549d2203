"""Seed scenarios load and say what the external tests rely on; bad files are
reported with the file, the field path and the problem."""

from pathlib import Path

import pytest

from sim_core.scenario import ScenarioError, ScenarioLibrary, load_scenario_file, parse_scenario_yaml

ROOT = Path(__file__).resolve().parents[2]
FIXED = ["domestic-violence", "heart-attack", "car-accident", "active-shooter", "burglary", "cardiac-arrest"]


@pytest.fixture(scope="module")
def library():
    return ScenarioLibrary(ROOT / "scenarios")


def test_every_seed_scenario_is_valid(library):
    assert library.errors == []
    assert len(library) >= 14


@pytest.mark.parametrize("sid", FIXED)
def test_fixed_scenarios_exist(library, sid):
    assert library.get(sid).id == sid


def test_fixed_truths(library):
    dv = library.get("domestic-violence")
    assert dv.location.address == "123 Oak Street" and "4B" in dv.location.unit
    assert "baseball bat" in dv.facts.weapons and dv.has("whisper")
    assert any(s.name == "John" for s in dv.facts.suspects)
    ha = library.get("heart-attack")
    assert ha.location.address == "456 Maple Drive" and ha.facts.patients[0].age == 67
    ca = library.get("car-accident")
    assert "Main Street" in ca.location.address and "5th Avenue" in ca.location.address
    assert {"red sedan", "blue pickup truck"} <= set(ca.facts.vehicles)
    ashoot = library.get("active-shooter")
    assert "Roosevelt High School" in ashoot.location.full and "204" in ashoot.location.full
    bg = library.get("burglary")
    assert bg.location.address == "789 Pine Street"
    arrest = library.get("cardiac-arrest")
    assert arrest.callback == "555-0134" and arrest.location.address == "1425 Oak Street"
    assert arrest.facts.patients[0].name == "Robert" and arrest.facts.patients[0].age == 67
    assert arrest.facts.patients[0].breathing == "agonal" and arrest.protocol.cardiac_arrest


def test_malformed_yaml_names_file_and_line():
    with pytest.raises(ScenarioError) as err:
        parse_scenario_yaml("id: x\ntitle: [unclosed\n", "bad.yaml")
    assert "bad.yaml" in str(err.value) and "line" in str(err.value)


def test_invalid_field_names_its_path(tmp_path):
    src = (ROOT / "scenarios" / "cardiac-arrest.yaml").read_text()
    path = tmp_path / "cardiac-arrest.yaml"
    path.write_text(src.replace("priority: 1", "priority: 9").replace("age: 67", "age: -4"))
    with pytest.raises(ScenarioError) as err:
        load_scenario_file(path)
    text = str(err.value)
    assert str(path) in text and "cad.priority" in text and "facts.patients[0].age" in text


def test_file_name_must_match_id(tmp_path):
    src = (ROOT / "scenarios" / "cardiac-arrest.yaml").read_text()
    path = tmp_path / "other.yaml"
    path.write_text(src)
    with pytest.raises(ScenarioError, match="must match the file name"):
        load_scenario_file(path)
