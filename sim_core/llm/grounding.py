"""The grounding check: is an LLM caller reply consistent with the scenario?

`check_reply(reply, decision, scenario)` returns the problems found (empty =
fine to speak):
- an invented address, phone number, age, name, weapon, injury, hazard,
  vehicle or drug — anything the NLP (or the fast patterns below) finds in the
  reply that the scenario's truth and this turn's decision do not state;
- breaking character ("as an AI", "language model", "this is a simulation");
- speaking from the call-taker's side ("911, what's your emergency",
  "what is your address", "help is on the way", "I'm dispatching");
- and, from `grounding_speech`: role or prompt leaks, numbers spelled out that the
  scenario does not state, run-ons that repeat themselves, and what contradicts
  the truth now (`now`: the patient's breathing and consciousness this turn).
Patterns run first (microseconds, no model); the NLP's entities add what the
patterns miss. Budget: ≤ 5 ms p95 per reply.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from ..caller.decision import Decision
from ..scenario.schema import Scenario
from .grounding_speech import (
    contradictions,
    invented_digits,
    repeats_itself,
    role_leak,
    speaks_as_call_taker,
    spelled_numbers,
)
from .truth_index import NUMBER_WORDS, TruthIndex, build_index, is_negated, numbers_in, stem, tokens

_STREET = (
    r"street|st|avenue|ave|road|rd|drive|dr|lane|ln|boulevard|blvd|way|court|ct|place|"
    r"pl|terrace|highway|hwy|parkway|pkwy|circle|cir|trail|route|alley|square"
)
ADDRESS_RE = re.compile(
    rf"\b\d{{1,6}}[A-Za-z]?(?:\s+(?:[A-Z][A-Za-z'.-]*|\d+(?:st|nd|rd|th)|[NSEW]\.?)){{1,3}}?"
    rf"\s+(?i:{_STREET})\b\.?|"
    rf"\b(?:[A-Z][a-z]+\s+){{1,2}}(?:Street|Avenue|Road|Drive|Lane|Boulevard|Court|Place|Terrace)\b|"
    r"\b(?i:apartment|apt|unit|suite|flat)\s*#?\s*\d+[A-Za-z]?\b"
)
PHONE_RE = re.compile(r"(?<![\d-])(?:\+?1[-.\s]?)?(?:\(?\d{3}\)?[-.\s]?)?\d{3}[-.\s]\d{4}(?![\d-])")
_NUM = rf"(?:\d{{1,3}}|(?:{NUMBER_WORDS})(?:[- ](?:{NUMBER_WORDS}))?)"
AGE_RE = re.compile(
    rf"\b{_NUM}\s*(?:years?|yrs?)(?:[- ]old)?\b|"
    rf"\b(?:he|she|i|they|mom|mum|dad|grandma|grandpa)(?:'s|'m| is| am| are)\s+"
    rf"(?:only\s+|about\s+|like\s+|just\s+)?{_NUM}\b"
    r"(?!\s*(?:minutes?|seconds?|hours?|feet|foot|inches|pounds|lbs|percent|%|miles|blocks|:|\.\d))",
    re.I,
)
# Small lexicons so the check holds even where the NLP misses a mention.
WEAPON_RE = re.compile(
    r"\b(?:guns?|pistols?|handguns?|revolvers?|rifles?|shotguns?|firearms?|knife|"
    r"knives|blades?|machetes?|(?:baseball )?bats?|hammers?|axes?|crowbars?)\b",
    re.I,
)
INJURY_RE = re.compile(
    r"\b(?:bleed(?:ing|s)?|blood(?:y)?|broken (?:\w+)|fractured?|burn(?:s|ed)?|"
    r"stab(?:bed)? wounds?|gunshot(?: wounds?)?|wounds?|gash(?:es)?|bruis(?:e|es|ed|ing)|"
    r"concussion|(?:hit|hurt|cut|banged) (?:his|her|their|my) (?:head|arm|leg|hip|back|"
    r"face|neck))\b",
    re.I,
)
HAZARD_RE = re.compile(
    r"\b(?:fire|flames?|smoke|gas leak|leaking (?:gas|fuel)|explosion|"
    r"downed (?:power )?lines?|chemicals?)\b",
    re.I,
)
NAME_RE = re.compile(
    r"\b(?i:my name is|my name's|this is|his name is|her name is|their name is|"
    r"(?:he|she) is called|i am|i'm)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
)
BREAKING_CHARACTER = re.compile(
    r"\bas an ai\b|\blanguage model\b|\bi(?:'m| am) (?:just |only )?(?:an? )?(?:ai|a\.i\.|"
    r"assistant|chatbot|bot|simulation|simulated|virtual|computer program|fictional)\b|"
    r"\b(?:this|it)(?:'s| is) (?:just |only )?(?:a |an )?(?:simulation|simulated call|training "
    r"(?:exercise|scenario|simulation)|role-?play|roleplay|scenario|test call)\b|\bopenai\b|"
    r"\bsystem prompt\b|\bmy (?:instructions|programming|guidelines)\b|\bi (?:can(?:no|')t|"
    r"cannot|won't) (?:role-?play|pretend|continue (?:this|the) (?:role|scenario|simulation))\b|"
    r"\bin this (?:scenario|simulation|role-?play)\b|\bi'm sorry,? but i can(?:no|')t\b|"
    r"\b(?:stay|staying|break|breaking|out of) character\b",
    re.I,
)
CALL_TAKER_SIDE = re.compile(
    r"\b911,? what(?:'s| is) (?:the (?:address of )?)?your emergency\b|"
    r"\bwhat(?:'s| is) (?:your|the) (?:address|location)(?: of (?:your|the) emergency)?\??|"
    r"\bwhat(?:'s| is) (?:the |your )?(?:call ?back |phone )number\b|"
    r"\bwhere are you (?:calling from|located)\b|\bhelp is (?:on (?:the|its) way|coming)\b(?!\s*\?)|"
    r"\bi(?:'m| am| will be|'ll be|'m going to be|'m going to) (?:dispatching|sending|send) "
    r"(?:(?:the|an?|some) )?(?:help|units?|ambulances?|officers|police|paramedics|someone|"
    r"(?:fire )?(?:crews?|trucks?))\b|\bunits? (?:are|is) (?:en route|responding|dispatched)\b|"
    r"\btell me exactly what happened\b|\bstay on the line with me\b|"
    r"\bi need you to (?:stay calm and )?(?:listen|push|start)\b",
    re.I,
)
# Words that look like names in speech but are exclamations or kin terms.
NOT_NAMES = {
    "god",
    "jesus",
    "lord",
    "christ",
    "mom",
    "mommy",
    "mum",
    "dad",
    "daddy",
    "honey",
    "sir",
    "ma'am",
    "maam",
    "baby",
    "please",
    "okay",
    "ok",
    "oh",
    "hello",
    "help",
    "yes",
    "no",
    "hurry",
    "grandma",
    "grandpa",
    "doctor",
    "officer",
    "police",
    "911",
    "so",
    "not",
    "just",
    "here",
    "scared",
    "sorry",
    "fine",
    "alone",
    "home",
    "calling",
    "trying",
    "going",
    "the",
    "his",
    "her",
    "a",
    "an",
}
GENERIC = {
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "my",
    "your",
    "our",
    "its",
    "some",
    "any",
    "very",
    "really",
    "bad",
    "badly",
    "lot",
    "lots",
    "of",
    "on",
    "in",
    "at",
    "to",
    "and",
    "little",
    "big",
    "small",
    "huge",
    "he",
    "she",
    "it",
    "they",
    "him",
    "them",
    "there",
    "was",
    "is",
    "got",
    "has",
    "had",
    "have",
    "been",
    "be",
    "all",
    "over",
    "from",
    "with",
    "street",
    "avenue",
    "road",
    "drive",
    "lane",
    "boulevard",
    "way",
    "court",
    "place",
    "corner",
    "near",
    "by",
    "across",
    "house",
    "home",
    "number",
    "apartment",
    "unit",
}
CHECKED_LABELS = {
    "ADDRESS": "address",
    "PHONE": "phone number",
    "AGE": "age",
    "PERSON": "name",
    "WEAPON": "weapon",
    "INJURY": "injury",
    "HAZARD": "hazard",
    "VEHICLE": "vehicle",
    "DRUG": "drug",
}
NEGATABLE = {"WEAPON", "INJURY", "HAZARD", "VEHICLE", "DRUG"}

_INDEX_CACHE: dict[int, tuple[Scenario, TruthIndex]] = {}


def truth_index(scenario: Scenario) -> TruthIndex:
    hit = _INDEX_CACHE.get(id(scenario))
    if hit is not None and hit[0] is scenario:
        return hit[1]
    if len(_INDEX_CACHE) > 64:
        _INDEX_CACHE.clear()
    idx = build_index(scenario)
    _INDEX_CACHE[id(scenario)] = (scenario, idx)
    return idx


def default_entity_finder() -> Callable[[str], Sequence[Any]] | None:
    """The NLP's entity stage (``sim_core.nlp.find_entities``: no acts, no distress), or
    None when the NLP package is not importable."""
    try:
        from ..nlp import find_entities
    except ImportError:
        return None
    return find_entities


# --------------------------------------------------------------- predicates
def _content(text: str) -> list[str]:
    return [w for w in (stem(t) for t in tokens(text) if not t.isdigit()) if w not in GENERIC]


def _numbers_ok(text: str, idx: TruthIndex) -> bool:
    return all((n.lstrip("0") or "0") in idx.numbers for n in numbers_in(text))


def _address_ok(text: str, idx: TruthIndex) -> bool:
    return _numbers_ok(text, idx) and all(w in idx.words for w in _content(text))


def _phone_ok(text: str, idx: TruthIndex) -> bool:
    digits = re.sub(r"\D", "", text)
    if len(digits) < 3 or digits == "911":
        return True
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return any(digits in known or (len(digits) >= 7 and known.endswith(digits[-7:])) for known in idx.digit_strings)


def _name_ok(text: str, idx: TruthIndex) -> bool:
    return all(t in idx.names or t in NOT_NAMES or stem(t) in idx.words for t in tokens(text))


def _thing_ok(text: str, idx: TruthIndex) -> bool:
    return _numbers_ok(text, idx) and all(w in idx.words for w in _content(text))


_OK = {
    "ADDRESS": _address_ok,
    "PHONE": _phone_ok,
    "AGE": _numbers_ok,
    "PERSON": _name_ok,
    "WEAPON": _thing_ok,
    "INJURY": _thing_ok,
    "HAZARD": _thing_ok,
    "VEHICLE": _thing_ok,
    "DRUG": _thing_ok,
}


def _in_question(reply: str, start: int) -> bool:
    end = min((i for i in (reply.find(c, start) for c in ".!?") if i >= 0), default=-1)
    return end >= 0 and reply[end] == "?"


def _candidates(reply: str, entities: Sequence[Any]) -> list[tuple[str, str, int]]:
    """(label, text, start) spans worth checking, patterns first, NLP second."""
    found: list[tuple[str, str, int]] = []
    for label, rx in (
        ("ADDRESS", ADDRESS_RE),
        ("PHONE", PHONE_RE),
        ("AGE", AGE_RE),
        ("WEAPON", WEAPON_RE),
        ("INJURY", INJURY_RE),
        ("HAZARD", HAZARD_RE),
    ):
        found.extend((label, m.group(0), m.start()) for m in rx.finditer(reply))
    found.extend(("PERSON", m.group(1), m.start(1)) for m in NAME_RE.finditer(reply))
    found.extend((ent.label, ent.text, ent.start) for ent in entities if ent.label in CHECKED_LABELS)
    return found


def _facts_now(scenario: Scenario, now: dict[str, Any] | None) -> dict[str, Any]:
    """The patient's breathing and consciousness: as given for this turn, else as the
    scenario starts."""
    f = scenario.facts
    p = f.patients[0] if f.patients else None
    things = {
        stem(t) for x in (*f.weapons, *f.hazards, *(i for q in f.patients for i in q.injuries)) for t in tokens(x)
    }
    base = {"breathing": p.breathing if p else None, "conscious": p.conscious if p else None, "things": things}
    return {**base, **{k: v for k, v in (now or {}).items() if v is not None}}


def check_reply(
    reply: str,
    decision: Decision,
    scenario: Scenario,
    *,
    entities: Sequence[Any] | None = None,
    use_nlp: bool = True,
    now: dict[str, Any] | None = None,
) -> list[str]:
    """Problems with `reply` as this turn's caller line; [] when it may be spoken.

    entities: the NLP's entities of the reply (`sim_core.nlp.Entity`), found once by the
    caller of this check so the line is not analysed again; when None they are found
    here with the NLP's entity stage (if importable and use_nlp is true)."""
    problems: list[str] = []
    m = BREAKING_CHARACTER.search(reply)
    if m:
        problems.append(f"breaks character ({m.group(0)!r})")
    m = CALL_TAKER_SIDE.search(reply)
    if m:
        problems.append(f"speaks as the call-taker ({m.group(0)!r})")
    else:
        problems += speaks_as_call_taker(reply)
    problems += role_leak(reply) + repeats_itself(reply)
    if entities is None:
        find = default_entity_finder() if use_nlp else None
        entities = find(reply) if find is not None else ()
    idx = truth_index(scenario)
    allowed = [t for p in decision.parts for t in (p.truth, p.line)]
    if any(allowed):
        idx = idx.extended(allowed)
    problems += spelled_numbers(reply, idx) + contradictions(reply, _facts_now(scenario, now))
    spans: list[tuple[str, int, int]] = []
    for label, text, start in _candidates(reply, entities):
        text = text.strip().rstrip(".")
        end = start + len(text)
        if any(lab == label and s < end and start < e for lab, s, e in spans):
            continue  # the same thing found twice (pattern and NLP)
        spans.append((label, start, end))
        if label in NEGATABLE and (is_negated(reply, start) or _in_question(reply, start)):
            continue
        if not _OK[label](text, idx):
            shown = " ".join(numbers_in(text)) if label == "AGE" and numbers_in(text) else text
            problems.append(f"invented {CHECKED_LABELS[label]} {shown!r}")
    if not problems:  # a number no pattern above placed (an address, a phone...)
        problems += invented_digits(reply, idx)
    return problems
