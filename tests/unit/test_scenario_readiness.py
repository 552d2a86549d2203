"""Publishing rules and what the trainee sees before a call (brief, ANI/ALI)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sim_core.scenario import parse_scenario
from sim_core.scenario.console import console_view, trainee_brief
from sim_core.scenario.readiness import publish_problems

SCENARIOS = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))


def _doc(name: str = "stroke") -> dict:
    return yaml.safe_load((SCENARIOS[0].parent / f"{name}.yaml").read_text())


def _fields(problems: list[str]) -> set[str]:
    return {p.split(":", 1)[0] for p in problems}


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_seed_scenario_is_publishable(path):
    assert publish_problems(yaml.safe_load(path.read_text())) == []


def test_blank_fields_and_a_bad_callback_are_named():
    doc = _doc()
    doc["title"], doc["callback"] = "  ", "call me maybe"
    doc["location"]["address"] = "TBD"
    assert {"title", "callback", "location.address"} <= _fields(publish_problems(doc))


@pytest.mark.parametrize(
    "number,ok",
    [
        ("555-0147", True),
        ("(206) 555-0147", True),
        ("+44 20 7946 0958", True),
        ("555", False),
        ("call me maybe", False),
        ("555-0147 ext. 2", False),
    ],
)
def test_callback_format(number, ok):
    doc = _doc()
    doc["callback"] = number
    assert ("callback" not in _fields(publish_problems(doc))) is ok


def test_a_word_where_a_number_belongs_is_an_error_not_zero():
    doc = _doc("cardiac-arrest")
    doc["events"][0]["trigger"]["at_s"] = "soon"
    problems = publish_problems(doc)
    assert "events[0].trigger.at_s: must be a number, not 'soon'" in problems


def test_an_event_without_a_caller_line_cannot_be_published():
    doc = _doc("cardiac-arrest")
    doc["events"][0]["say"] = ""
    assert "events[0].say" in _fields(publish_problems(doc))


def test_cad_truth_must_name_the_scenarios_address():
    doc = _doc()
    doc["location"]["address"] = "3055 Pine Street"
    assert "cad.address" in _fields(publish_problems(doc))


def test_console_shows_what_the_carrier_delivers():
    doc = _doc("cardiac-arrest")
    doc["location"]["city"] = "Springfield"
    land = console_view(parse_scenario(dict(doc, phone={"service": "landline"})))
    assert land.location.startswith(doc["location"]["address"]) and land.uncertainty_m is None
    cell = console_view(parse_scenario(dict(doc, phone={"service": "wireless", "uncertainty_m": 300})))
    assert doc["location"]["address"] not in cell.location and cell.location.endswith("block, Springfield")
    assert cell.uncertainty_m == 300 and cell.number == doc["callback"]
    voip = console_view(parse_scenario(dict(doc, phone={"service": "voip", "location": "9 Old Road"})))
    assert voip.location.startswith("9 Old Road") and "elsewhere" in voip.caution


def test_a_cell_phones_area_reads_as_the_block_a_console_lists():
    doc = _doc("cardiac-arrest")
    for address, shown in (
        ("62 Alder Lane", "Alder Lane, 1–99 block"),
        ("1425 Oak Street", "Oak Street, 1400–1499 block"),
        ("900 Front Street, Apt 4", "Front Street, 900–999 block"),
    ):
        doc["location"] = {"address": address}
        assert console_view(parse_scenario(dict(doc, phone={"service": "wireless"}))).location == shown


def test_brief_defaults_to_call_type_difficulty_and_phone_and_never_the_description():
    doc = _doc()
    doc.pop("brief", None)
    sc = parse_scenario(doc)
    brief = trainee_brief(sc)
    assert "Stroke" in brief and sc.difficulty in brief and sc.description not in brief
    assert (
        trainee_brief(sc.model_copy(update={"brief": "A wife calls about her husband."}))
        == "A wife calls about her husband."
    )


def test_a_title_that_gives_away_the_callers_trick_cannot_be_published():
    doc = _doc("wrong-address-first")
    doc["title"] = "Elderly father fell down the stairs (wrong address first)"
    assert any(p.startswith("title: gives away") for p in publish_problems(doc))
    doc = _doc("wrong-address-first")
    doc["brief"] = f"A son calls from {doc['location']['address']}."
    assert any(p.startswith("brief: names the location") for p in publish_problems(doc))
