"""Public data types and label inventories of the NLP layer (the contract)."""
from __future__ import annotations

from dataclasses import dataclass

ENTITY_LABELS: tuple[str, ...] = (
    "ADDRESS", "PHONE", "AGE", "PERSON", "WEAPON", "INJURY",
    "MEDICAL", "VEHICLE", "HAZARD", "DRUG", "TIME",
)

ACTS: tuple[str, ...] = (
    "ask_address", "verify_address", "ask_callback", "verify_callback",
    "ask_what_happened", "ask_age", "ask_conscious", "ask_breathing",
    "ask_injuries", "ask_weapons", "ask_suspect", "ask_vehicle", "ask_hazards",
    "ask_people_count", "ask_caller_safety", "ask_name", "ask_time", "ask_drugs",
    "instruct_cpr", "instruct_bleeding", "instruct_airway", "instruct_safety",
    "instruct_stay_on_line", "reassure", "dispatch_notice", "calm_control",
    "rude", "other",
)

ACT_INDEX: dict[str, int] = {a: i for i, a in enumerate(ACTS)}


@dataclass(frozen=True, slots=True)
class Entity:
    label: str        # one of ENTITY_LABELS
    text: str
    start: int        # char offsets into the original text
    end: int
    confidence: float  # 0..1


@dataclass(frozen=True, slots=True)
class Analysis:
    text: str
    acts: tuple[str, ...]             # sorted in ACTS order; ("other",) when nothing matched
    entities: tuple[Entity, ...]      # sorted by start
    distress: float                   # 0..1
    act_confidence: dict[str, float]  # per act found
