"""A practice variant of a scenario: new names, address, callback and ages,
replaced consistently through the whole document (script lines included).
Pure function of (scenario dict, seed); no streamlit."""

from __future__ import annotations

import random
import re
from typing import Any

FIRST = {
    "female": ["Maria", "Aisha", "Jennifer", "Mei", "Sofia", "Grace", "Priya", "Hannah"],
    "male": ["James", "Carlos", "David", "Kwame", "Ethan", "Omar", "Luis", "Peter"],
    "other": ["Alex", "Sam", "Jordan", "Riley"],
    "unknown": ["Alex", "Sam", "Jordan", "Riley"],
}
PATIENT_M = ["Walter", "Tom", "Frank", "George", "Henry", "Victor"]
PATIENT_F = ["Rosa", "Nina", "Elena", "Ada", "Irene", "Judith"]
MALE_WORDS = ("husband", "son", "father", "dad", "man", "boy", "brother", "grandfather", "male")
STREETS = [
    "Maple Drive",
    "Cedar Lane",
    "Birch Road",
    "Willow Avenue",
    "Pine Street",
    "Harbor Boulevard",
    "Chestnut Court",
    "Lakeview Road",
]
CROSS = ["1st Avenue", "Main Street", "Park Road", "River Street", "Hill Avenue"]


def _replace_all(obj: Any, pairs: list[tuple[str, str]]) -> Any:
    if isinstance(obj, str):
        for old, new in pairs:
            if old:
                obj = re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, obj)
        return obj
    if isinstance(obj, list):
        return [_replace_all(x, pairs) for x in obj]
    if isinstance(obj, dict):
        return {k: _replace_all(v, pairs) for k, v in obj.items()}
    return obj


def make_variant(doc: dict[str, Any], seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    doc = dict(doc)
    pairs: list[tuple[str, str]] = []
    caller = dict(doc["caller"])
    gender = caller.get("gender", "unknown")
    new_name = rng.choice([n for n in FIRST.get(gender, FIRST["unknown"]) if n != caller["name"]])
    pairs.append((caller["name"], new_name))
    loc = doc["location"]
    number = str(rng.randint(100, 9899))
    street = rng.choice(STREETS)
    new_addr = f"{number} {street}"
    old_addr = loc["address"]
    m = re.match(r"^(\d+)\s+(.*)$", old_addr)
    pairs.insert(0, (old_addr, new_addr))
    if m:  # "1425 Oak Street" also appears as "Oak Street" or "1425" alone in script lines
        pairs.append((m.group(2), street))
        pairs.append((m.group(1), number))
    if loc.get("cross_street"):
        pairs.append((loc["cross_street"], rng.choice(CROSS)))
    old_cb = doc["callback"]
    new_cb = f"555-0{rng.randint(100, 199)}"
    pairs.insert(0, (old_cb, new_cb))
    age_pairs = []
    for p in doc.get("facts", {}).get("patients", []):
        if p.get("name"):
            male = any(w in str(p.get("label", "")).lower().split() for w in MALE_WORDS)
            names = PATIENT_M if male else PATIENT_F
            pairs.append((p["name"], rng.choice([n for n in names if n != p["name"]])))
        if p.get("age") is not None and p["age"] >= 2:
            new_age = max(1, min(110, p["age"] + rng.choice([-6, -4, -3, 3, 4, 7])))
            age_pairs.append((str(p["age"]), str(new_age)))
    doc = _replace_all(doc, pairs + age_pairs)
    doc["caller"]["age"] = caller.get("age")  # caller age unchanged unless a patient shares it
    for p, (old, new) in zip(
        [p for p in doc["facts"].get("patients", []) if p.get("age") is not None and int(str(p["age"])) >= 1], age_pairs
    ):
        p["age"] = int(new) if str(p["age"]) == old else p["age"]
    for p in doc["facts"].get("patients", []):
        if isinstance(p.get("age"), str) and p["age"].isdigit():
            p["age"] = int(p["age"])
    doc["id"] = f"{doc['id'][:52]}-var{seed % 10000}"
    doc["title"] = f"{doc['title']} (variant)"
    return doc
