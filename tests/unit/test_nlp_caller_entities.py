"""Entities as callers say them, with the span conventions of docs/LABELS.md: what the
caller's facts and the CAD entry are built from."""

from __future__ import annotations

import pytest

from sim_core.nlp import analyze


def ents(text: str) -> list[tuple[str, str]]:
    return [(e.label, e.text) for e in analyze(text).entities]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "He takes metformin and lisinopril, and warfarin.",
            [("DRUG", "metformin"), ("DRUG", "lisinopril"), ("DRUG", "warfarin")],
        ),
        ("She's on Eliquis.", [("DRUG", "Eliquis")]),
        ("he's on blood thinners", [("DRUG", "blood thinners")]),
        ("My dad has diabetes and high blood pressure.", [("MEDICAL", "diabetes"), ("MEDICAL", "high blood pressure")]),
        ("she's got COPD and a heart condition", [("MEDICAL", "COPD"), ("MEDICAL", "heart condition")]),
    ],
)
def test_drugs_generic_and_brand_and_conditions(text, expected):
    found = ents(text)
    for item in expected:
        assert item in found


@pytest.mark.parametrize(
    "text, number",
    [
        ("My number is 5 5 5 0 1 4 8.", "5 5 5 0 1 4 8"),
        ("call me back at 555 0148", "555 0148"),
        ("it's five five five, oh one four eight", "five five five, oh one four eight"),
        ("my cell is 206 555 0199", "206 555 0199"),
    ],
)
def test_phone_numbers_as_said(text, number):
    assert ("PHONE", number) in ents(text)


@pytest.mark.parametrize(
    "text, place",
    [
        ("We're at mile marker 14 on I-90, the truck flipped.", "mile marker 14 on I-90"),
        ("the crash is on highway 17 near mile marker 42", "highway 17 near mile marker 42"),
        ("I'm at the Walmart on Route 9, a lady collapsed.", "the Walmart on Route 9"),
        ("we're in Room 214 at the Motel 6 on Airport Boulevard", "Room 214 at the Motel 6 on Airport Boulevard"),
        (
            "It's 4417 Larchmont Avenue, Apartment 4B, fourth floor.",
            "4417 Larchmont Avenue, Apartment 4B, fourth floor",
        ),
        ("Apartment 4B, fourth floor, the door's unlocked.", "Apartment 4B, fourth floor"),
        ("I'm in apartment 3B at 220 Elm Street", "apartment 3B at 220 Elm Street"),
        ("I'm at the hardware store on Route 12", "the hardware store on Route 12"),
        ("I'm on the corner of 5th and Main", "5th and Main"),
        ("I'm on the 6th floor of Harbor Tower, Suite 610", "6th floor of Harbor Tower, Suite 610"),
    ],
)
def test_one_place_is_one_address_span(text, place):
    assert ("ADDRESS", place) in ents(text)


def test_separate_places_stay_separate():
    found = [t for label, t in ents("He drove from 12 Oak Street to 40 Elm Street") if label == "ADDRESS"]
    assert found == ["12 Oak Street", "40 Elm Street"]


def test_a_floor_in_another_clause_is_not_part_of_the_address():
    assert ("ADDRESS", "410 Lexington Avenue") in ents("it's 410 Lexington Avenue, we're on the second floor")
