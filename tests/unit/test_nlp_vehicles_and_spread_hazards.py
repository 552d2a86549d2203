"""A vehicle named by its head and at once by its description is one vehicle (the
description); a vehicle word said of a person ("the van driver") is no vehicle; a hazard
spread about keeps where it is ("nails all over the driveway"); a named tank that leaks is
one hazard."""

import pytest

from sim_core.nlp.pipeline import analyze


def _ents(line: str, label: str) -> list[str]:
    return [e.text for e in analyze(line).entities if e.label == label]


@pytest.mark.parametrize(
    ("line", "vehicles"),
    [
        ("her car is a silver Toyota Corolla", ["silver Toyota Corolla"]),
        ("the van's a white Ford Transit with a ladder on top", ["white Ford Transit"]),
        ("the van driver took off running", []),
        ("a red pickup ran the light and hit the car", ["red pickup", "car"]),
    ],
)
def test_vehicle_said_once(line: str, vehicles: list[str]) -> None:
    assert _ents(line, "VEHICLE") == vehicles


@pytest.mark.parametrize(
    ("line", "hazards"),
    [
        ("there's ice all over the sidewalk out front", ["ice all over the sidewalk"]),
        ("debris all over the highway, both lanes", ["debris all over the highway"]),
        ("there's broken glass all over the road", ["broken glass"]),
        ("the oxygen tank is leaking", ["oxygen tank is leaking"]),
    ],
)
def test_spread_and_leaking_hazards(line: str, hazards: list[str]) -> None:
    assert _ents(line, "HAZARD") == hazards
