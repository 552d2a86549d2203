"""The text the domain language model is trained on.

Call-taker phrasing from data/calltaker_corpus.txt plus sentences generated
deterministically from data/scenario_vocabulary.txt (addresses, cross streets,
vehicles, ages) and any extra phrases a scenario supplies (its street names,
people's names...).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from pathlib import Path

from sim_core.speech.textnorm import tokens

DATA_DIR = Path(__file__).resolve().parent / "data"
CORPUS_PATH = DATA_DIR / "calltaker_corpus.txt"
VOCABULARY_PATH = DATA_DIR / "scenario_vocabulary.txt"

_ADDRESS_TEMPLATES = (
    "{address}",
    "is that {address}",
    "you said {address}",
    "the address is {address}",
    "i have you at {address}",
    "{address} in {city}",
    "is that {address} in {city}",
    "units are responding to {address}",
    "the ambulance is going to {address}",
    "officers are on their way to {address}",
    "the fire department is on the way to {address}",
)
_OTHER_TEMPLATES = (
    "{street} and {street2}",
    "{street} {type} and {street2} {type2}",
    "the cross street is {street} {type}",
    "near {street} and {street2}",
    "a {color} {vehicle}",
    "was it a {color} {vehicle}",
    "he is about {age}",
    "she is {age} years old",
    "is he {age} years old",
    "the patient is {age}",
)


def read_lines(path: Path) -> list[str]:
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def read_vocabulary(path: Path = VOCABULARY_PATH) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = None
    for line in read_lines(path):
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is not None:
            current.append(line.lower())
    return sections


def generated_sentences(vocab: dict[str, list[str]], seed: int = 911, per_template: int = 40) -> list[str]:
    """Template sentences over the scenario vocabulary (deterministic for a seed)."""
    rng = random.Random(seed)
    pick = rng.choice
    out: list[str] = []

    def fill(template: str) -> str:
        streets = vocab.get("street_names", ["main"])
        types = vocab.get("street_types", ["street"])
        address = f"{pick(vocab.get('house_numbers', ['one']))} {pick(streets)} {pick(types)}"
        return template.format(
            address=address,
            city=pick(vocab.get("cities", ["springfield"])),
            street=pick(streets),
            street2=pick(streets),
            type=pick(types),
            type2=pick(types),
            color=pick(vocab.get("colors", ["red"])),
            vehicle=pick(vocab.get("vehicles", ["car"])),
            age=pick(vocab.get("ages", ["thirty"])),
        )

    for template in _ADDRESS_TEMPLATES + _OTHER_TEMPLATES:
        out.extend(fill(template) for _ in range(per_template))
    # every vocabulary entry appears at least once on its own
    for entries in vocab.values():
        out.extend(entries)
    return out


def training_sentences(extra_phrases: Iterable[str] = ()) -> list[str]:
    """All LM training sentences as normalised token strings, in a fixed order."""
    lines = read_lines(CORPUS_PATH) + generated_sentences(read_vocabulary()) + list(extra_phrases)
    out = []
    for line in lines:
        toks = tokens(line)
        if toks:
            out.append(" ".join(toks))
    return out
