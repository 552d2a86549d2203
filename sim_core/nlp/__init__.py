"""Rule-based NLP for the call-taker simulator (spaCy blank English + rules).

    from sim_core.nlp import analyze
    a = analyze("Okay, help is on the way. Is he breathing?")
    a.acts        # ('ask_breathing', 'dispatch_notice')
    a.entities    # (Entity(label=..., text=..., start=..., end=..., confidence=...), ...)
    a.distress    # 0..1

Span conventions for entities are documented in ``entity_patterns``; act
labelling decisions in ``act_patterns`` / ``act_patterns_instruct``.
"""

from .distress import distress
from .pipeline import analyze, find_entities, get_nlp
from .schema import ACTS, ENTITY_LABELS, Analysis, Entity
from .understanding import understood

__all__ = [
    "ACTS",
    "ENTITY_LABELS",
    "Analysis",
    "Entity",
    "analyze",
    "distress",
    "find_entities",
    "get_nlp",
    "understood",
]
