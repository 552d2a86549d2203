"""The act classifier's prefilter: which literals every match of a rule must contain. A wrong
literal would silently stop a rule from firing, so the repository's own lines are checked too."""

import json
from pathlib import Path

import pytest

from sim_core.nlp import acts
from sim_core.nlp.literals import LiteralIndex, required_literals

DATA = Path(__file__).resolve().parents[2] / "sim_core" / "nlp" / "data"


@pytest.mark.parametrize(
    "pattern, expected",
    [
        (r"\bwhere are you\b", ("where are you",)),
        (r"\b(?:is|are) (?:he|she) breathing\b", (" breathing",)),  # the longest sure run
        (r"\bhow old\b|\bwhat(?: is|'s) (?:his|her) age\b", ("how old", "what")),
        (r"\b(?:cpr|compressions?)\b", ("compression", "cpr")),  # "s?" is optional
        (r"(?<!\bnot )\bbreathing\b(?! normally)", ("breathing",)),  # lookarounds consume nothing
        (r"\b(?:push|press)(?:ing)?\b(?: \w+){0,3} (?:chest|sternum)", ("chest", "sternum")),
        (r"\b\d{3}[-. ]?\d{4}\b", tuple("0123456789")),  # \d is a small class
        (r"(?:ha)+ (?P<x>ok)", ("ha",)),
        (r"\[x\]|a\.b", ("[x]", "a.b")),  # escaped specials are literal
        (r"\ba{2,}b", ("a",)),
    ],
)
def test_literals_every_match_contains(pattern, expected):
    assert required_literals(pattern) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?i)where",  # inline flags: case may differ from the literal
        r"(a)\1",  # back references
        r"\bhelp\b|.*",  # one branch needs no literal
        r"(?:where)?\s*",  # everything optional
        r"[^abc]+",  # a negated class
        r"\x41",  # an escape the reader does not know
    ],
)
def test_unsure_patterns_get_no_prefilter(pattern):
    assert required_literals(pattern) is None


def test_the_prefilter_never_changes_an_answer():
    """Every act line in the repository is classified the same with and without the literals."""
    lines = [
        json.loads(row)["text"]
        for path in sorted(DATA.glob("acts_*.jsonl"))
        for row in path.read_text().splitlines()
        if row.strip()
    ]
    assert len(lines) > 1000
    gated = [acts.classify_detail(line) for line in lines]
    ungated_table = [(act, tuple((scope, rx, w, None) for scope, rx, w, _ in rules)) for act, rules in acts._TABLE]
    original, acts._TABLE = acts._TABLE, ungated_table
    try:
        ungated = [acts.classify_detail(line) for line in lines]
    finally:
        acts._TABLE = original
    assert gated == ungated
    assert all(gate for _, rules in acts._TABLE for *_, gate in rules)  # every rule is prefiltered


def test_literal_index_finds_nested_and_overlapping_literals():
    index = LiteralIndex({"he", "hello", "ell", "lo"})
    assert index.present("say hello") == {"he", "hello", "ell", "lo"}
    assert index.present("hex") == {"he"}
    assert index.present("") == set()
