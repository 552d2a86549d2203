"""Scenarios: the schema and the YAML loader."""

from .loader import (
    ScenarioError,
    ScenarioLibrary,
    load_scenario_file,
    parse_scenario,
    parse_scenario_yaml,
    scenario_to_yaml,
)
from .schema import CATEGORIES, INSTRUCTION_ACTS, SLOT_OF_ACT, SLOTS, TRAINEE_ACTS, Emotion, Scenario

__all__ = [
    "CATEGORIES",
    "INSTRUCTION_ACTS",
    "SLOT_OF_ACT",
    "SLOTS",
    "TRAINEE_ACTS",
    "Emotion",
    "Scenario",
    "ScenarioError",
    "ScenarioLibrary",
    "load_scenario_file",
    "parse_scenario",
    "parse_scenario_yaml",
    "scenario_to_yaml",
]
