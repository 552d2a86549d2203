"""Word lists behind the lexical entity labels (matched by a spaCy PhraseMatcher).

The lists live as data in ``data/lexicons/*.txt``: one term per line, in match
order, ``#`` starts a comment line. They are read once, when this module is
imported. Every list is matched on lower-cased tokens by a PhraseMatcher.
First-name hits are kept only when capitalised; a lower-case name counts only
right after a relationship word ("my son tyler", speech-to-text style).
"""

from __future__ import annotations

from importlib import resources


def load_terms(name: str) -> tuple[str, ...]:
    """The terms of ``data/lexicons/<name>.txt`` in file order."""
    text = resources.files(__package__).joinpath("data", "lexicons", f"{name}.txt").read_text("utf-8")
    return tuple(t for t in (line.strip() for line in text.splitlines()) if t and not t.startswith("#"))


# --- PERSON -------------------------------------------------------------------
FIRST_NAMES: frozenset[str] = frozenset(load_terms("first_names"))
# Names that are also ordinary English words: tagged only in a naming context.
AMBIGUOUS_NAMES: frozenset[str] = frozenset(load_terms("ambiguous_names"))
# Names safe to tag on their own (capitalised, no context needed).
UNAMBIGUOUS_NAMES: frozenset[str] = FIRST_NAMES - AMBIGUOUS_NAMES
NAME_LOOKUP: frozenset[str] = frozenset(n.lower() for n in FIRST_NAMES | AMBIGUOUS_NAMES)

# --- lexical labels (lower-case phrases; overlap resolution keeps the longest) --
WEAPON_TERMS = load_terms("weapons")
INJURY_TERMS = load_terms("injuries")
MEDICAL_TERMS = load_terms("medical")
HAZARD_TERMS = load_terms("hazards")
DRUG_TERMS = load_terms("drugs")
TIME_TERMS = load_terms("times")

# Vehicles: optional colour, then a make/model or a vehicle type (token patterns).
VEHICLE_HEADS = load_terms("vehicle_heads")
VEHICLE_MAKES = load_terms("vehicle_makes")
VEHICLE_MODELS = load_terms("vehicle_models")
# Model names that are also ordinary words: a vehicle only right after a make or a colour.
AMBIGUOUS_MODELS: frozenset[str] = frozenset(load_terms("ambiguous_models"))
COLORS = load_terms("colors")
