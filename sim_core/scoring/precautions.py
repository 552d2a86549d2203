"""Checks that must come before a medicine is advised.

Aspirin helps a heart attack, but a call-taker who advises it first rules out the
two reasons not to give it: an allergy to aspirin, and a patient already on a
blood thinner (or other medicines that make bleeding worse). Advice given before
either was asked (or answered by the caller unasked) is a finding in
instructions at the moment the aspirin was advised. Advice that states the
check itself ("if he's not allergic, have him chew one") counts as asking it.
"""

from __future__ import annotations

import re

from .findings import Finding
from .metrics import CallFacts

ASPIRIN_POINTS = 10.0  # off instructions
ASPIRIN_OVERALL = 0.0  # a category finding: the advice itself was right for the call
CHECKS = (  # what must be known first: (acts that ask it, slots the caller may have told, words in the advice)
    ("an aspirin allergy", ("ask_allergies",), ("allergies",), re.compile(r"\ballerg")),
    (
        "blood thinners or other medicines",
        ("ask_medications", "ask_drugs"),
        ("medications", "drugs"),
        re.compile(r"\b(?:blood thinners?|thinners?|warfarin|coumadin|eliquis|xarelto|medications?|medicines?)\b"),
    ),
)


def aspirin_checks(f: CallFacts, out: list[Finding]) -> float:
    """A finding when aspirin was advised before the allergy and blood-thinner questions; returns
    the points off instructions."""
    advice = next((a for a in f.acts if a.act == "instruct_aspirin"), None)
    if advice is None:
        return 0.0
    text = f.text(advice.line)
    missing = []
    for what, acts, slots, words in CHECKS:
        asked = any(a.act in acts and a.t <= advice.t for a in f.acts)
        told = any(f.revealed_turn.get(s) is not None and f.revealed_turn[s] <= advice.t for s in slots)
        if not (asked or told or words.search(text.lower())):
            missing.append(what)
    if not missing:
        return 0.0
    out.append(
        Finding(
            advice.t,
            "precaution",
            "instructions",
            f"Aspirin was advised before asking about {' or '.join(missing)}: {text!r}. Ask first: "
            '"Is he allergic to aspirin? Does he take a blood thinner?" and advise it only if neither.',
            ASPIRIN_POINTS,
            rule="instruct_aspirin",
            line=advice.line,
            quote=text,
            overall_points=ASPIRIN_OVERALL,
        )
    )
    return ASPIRIN_POINTS
