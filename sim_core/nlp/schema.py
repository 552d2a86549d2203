"""Public data types and label inventories of the NLP layer (the contract)."""

from __future__ import annotations

from dataclasses import dataclass

# The act inventory is owned by the scenario schema (light: pydantic only; it must
# never import sim_core.nlp, or the two packages would form an import cycle).
from ..scenario.schema import TRAINEE_ACTS as ACTS

ENTITY_LABELS: tuple[str, ...] = (
    "ADDRESS",
    "PHONE",
    "AGE",
    "PERSON",
    "WEAPON",
    "INJURY",
    "MEDICAL",
    "VEHICLE",
    "HAZARD",
    "DRUG",
    "TIME",
)

ACT_INDEX: dict[str, int] = {a: i for i, a in enumerate(ACTS)}


@dataclass(frozen=True, slots=True)
class Entity:
    label: str  # one of ENTITY_LABELS
    text: str
    start: int  # char offsets into the original text
    end: int
    confidence: float  # 0..1


@dataclass(frozen=True, slots=True)
class Analysis:
    text: str
    acts: tuple[str, ...]  # sorted in ACTS order; ("other",) when nothing matched
    entities: tuple[Entity, ...]  # sorted by start
    distress: float  # 0..1
    act_confidence: dict[str, float]  # per act found
    # False when the line asks something but no act was found (``understanding.understood``):
    # the caller should ask what the trainee means instead of answering.
    understood: bool = True
