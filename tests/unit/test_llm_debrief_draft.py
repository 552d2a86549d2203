"""Debrief narrative without an LLM, and the scenario-drafting helpers."""

from pathlib import Path

import pytest

from sim_core.llm.debrief import template_debrief, write_debrief
from sim_core.llm.draft import DraftError, draft_scenario, extract_yaml, schema_outline
from sim_core.scenario import load_scenario_file

ROOT = Path(__file__).resolve().parents[2]

RESULT = {
    "score": 61.5,
    "grade": "D",
    "categories": {
        "case_entry": {"score": 90.0, "level": "high"},
        "instructions": {"score": 35.0, "level": "non_compliant"},
        "customer_service": {"score": 84.0, "level": "compliant"},
    },
    "findings": [
        {
            "t": 140.0,
            "kind": "late",
            "category": "instructions",
            "points": 1.5,
            "message": "Instruct cpr at 140s, after the 120s target. Coach compressions at once.",
        },
        {
            "t": None,
            "kind": "missing",
            "category": "instructions",
            "points": 1.0,
            "message": 'Never did: instruct stay on line. Say: "Stay on the line with me."',
        },
        {
            "t": 33.0,
            "kind": "repeat",
            "category": "customer_service",
            "points": 8,
            "message": "Asked again (ask age) after the caller already answered.",
        },
    ],
    "metrics": {
        "time_to_address": 6.0,
        "time_to_arrest_recognition": 52.0,
        "time_to_first_compression": 141.0,
        "time_to_dispatch_notice": None,
    },
}


def test_template_debrief_is_specific_and_uses_only_the_findings():
    sc = load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")
    text = template_debrief(RESULT, sc)
    assert "62 (D)" in text and sc.title in text
    assert "Strongest area: case entry (90)" in text and "instructions (35)" in text
    # costliest first, each with its moment
    assert text.index("Asked again") < text.index("Instruct cpr at 140s")
    assert "(at 33s)" in text and "(never done)" in text
    assert "first compression 141s" in text


def test_template_debrief_for_a_clean_call():
    text = template_debrief({"score": 100, "grade": "A", "categories": {}, "findings": [], "metrics": {}})
    assert "No deductions" in text


def test_without_an_llm_the_template_is_used():
    d = write_debrief(RESULT, None, None)
    assert d.source == "template" and "no LLM" in d.reason and d.text.startswith("You scored")


def test_schema_outline_lists_every_model_and_field():
    outline = schema_outline()
    for needle in (
        "Scenario:",
        "CallerProfile:",
        "Behaviour:",
        "chief_complaint",
        "'withhold' | 'wrong_address_first'",
        "priority: int (required)",
    ):
        assert needle in outline


def test_yaml_is_taken_from_a_fenced_block():
    assert extract_yaml("Here you go:\n```yaml\nid: x\n```\nEnjoy") == "id: x"
    assert extract_yaml("id: x\ntitle: y") == "id: x\ntitle: y"


def test_drafting_without_an_llm_or_an_idea_says_what_to_do():
    with pytest.raises(DraftError, match="LLM_API_KEY"):
        draft_scenario("man fell", None, "")
    with pytest.raises(DraftError, match="one line"):
        draft_scenario("   ", None, "")
