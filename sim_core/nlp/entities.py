"""Entity extraction: PhraseMatcher lexicon (lexical labels) + regex rules, merged.

``LexiconMatcher(nlp)(doc)`` finds lexicon phrases; ``extract(text, lexical)``
adds the regex entities and returns the final, non-overlapping entities as
``(start, end, label, confidence)`` tuples (character offsets).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from . import entity_lexicon as lex
from .address_join import join_addresses
from .entity_patterns import (
    CONTEXT_PATTERNS,
    LOWER_NAME_CONTEXT,
    NOT_SURNAME,
    PATTERNS,
    SURNAME_AFTER,
    compile_patterns,
)

# Higher wins ties between equally long overlapping candidates.
PRIORITY = {
    "ADDRESS": 9,
    "PHONE": 8,
    "AGE": 7,
    "TIME": 6,
    "PERSON": 5,
    "VEHICLE": 4,
    "WEAPON": 4,
    "INJURY": 3,
    "MEDICAL": 3,
    "HAZARD": 3,
    "DRUG": 3,
}
LEXICAL_CONF = {
    "PERSON": 0.75,
    "VEHICLE": 0.85,
    "WEAPON": 0.9,
    "INJURY": 0.85,
    "MEDICAL": 0.85,
    "HAZARD": 0.85,
    "DRUG": 0.85,
    "TIME": 0.85,
}

_REGEX = [(lab, rx, conf, frozenset(gate)) for lab, rx, conf, gate in compile_patterns(PATTERNS)]
_CONTEXT = [(lab, rx, conf, frozenset(gate)) for lab, rx, conf, gate in compile_patterns(CONTEXT_PATTERNS)]
_GATE_WORDS = tuple(sorted({g for *_, gate in _REGEX + _CONTEXT for g in gate if not g.startswith("#")}))
_DIGIT = re.compile(r"\d")
_UPPER = re.compile(r"[A-Z]")
_FIRE_NOT_HAZARD = re.compile(
    r"^\s*(?:department|dept|truck|trucks|fighters?|station|crew|engine|rescue|extinguisher|hydrant|escape|marshal|alarm"
    r"|drill|works|pit)\b",
    re.I,
)
_SMOKE_NOT_HAZARD = re.compile(r"^\s*(?:alarms?|detectors?|breaks?|shop|signals?)\b", re.I)
_OPENED_FIRE = re.compile(r"\b(?:opened|open|opening|ceasing|cease|return|returned)\s*$", re.I)
_ARTICLE_BEFORE = re.compile(r"\b(?:a|the|this|that)\s*$", re.I)
_CONTEXT_NAME_STARTS = re.compile(r"(?i:this is|it's|it is)\s+$")
_NAMED_BEFORE = re.compile(r"(?i:name is|name's|names is|named|called|i'm|i am|\bim)\s+$")
_COLOR_BEFORE = re.compile(
    r"(?:\b(?:dark|light|bright|navy)\s+)?\b(?:" + "|".join(re.escape(c) for c in lex.COLORS) + r")\s+$", re.I
)
_NOT_VEHICLE_AFTER = re.compile(r"\s*(?:conscious|unconscious|responsive|automatic|stop|station|driver)\b", re.I)
_DRIVER_AFTER = re.compile(r"\s*(?:drivers?|owners?)\b", re.I)
_RESTATED = re.compile(r"(?:'s|\u2019s| is| was) (?:an? |the )?", re.I)
# Dropped unless a colour precedes: ambiguous model names and bare generic plurals ("two cars").
_BARE_SKIP = lex.AMBIGUOUS_MODELS | frozenset({"cars", "trucks", "suvs", "vans", "pickups", "motorcycles"})
_MAKE_OR_MODEL = frozenset(lex.VEHICLE_MAKES + lex.VEHICLE_MODELS)


def _vehicle_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join "Honda" + "Civic" (+ "truck") runs and prepend a colour ("silver Honda Civic")."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged:
            ps, pe = merged[-1]
            if text[pe:s] == " " and text[ps:pe].split()[-1].lower() in _MAKE_OR_MODEL:
                merged[-1] = (ps, e)
                continue
        merged.append((s, e))
    out = []
    for s, e in merged:
        m = _COLOR_BEFORE.search(text, max(0, s - 24), s)
        if not m and text[s:e].lower() in _BARE_SKIP:
            continue
        out.append((m.start() if m else s, e))
    # a bare head said of a person ("the pickup driver") or named again at once by its
    # description ("my truck's a grey Silverado"): the description is the vehicle
    starts = {s for s, _ in out}
    kept = []
    for s, e in out:
        if " " not in text[s:e] and text[s:e].lower() not in _MAKE_OR_MODEL:
            after = _RESTATED.match(text, e)
            if _DRIVER_AFTER.match(text, e) or (after and after.end() in starts):
                continue
        kept.append((s, e))
    return kept


class LexiconMatcher:
    """PhraseMatcher (lower-case) over the lexical labels, first names and vehicle words."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        groups = {
            "WEAPON": lex.WEAPON_TERMS,
            "INJURY": lex.INJURY_TERMS,
            "MEDICAL": lex.MEDICAL_TERMS,
            "HAZARD": lex.HAZARD_TERMS,
            "DRUG": lex.DRUG_TERMS,
            "TIME": lex.TIME_TERMS,
            # names: capitalised hits only, checked in ``candidates``
            "PERSON": tuple(sorted(lex.UNAMBIGUOUS_NAMES)),
            # vehicles: colour prefixes and make+model runs are joined in ``candidates``
            "VEHICLE": tuple(dict.fromkeys(lex.VEHICLE_HEADS + lex.VEHICLE_MAKES + lex.VEHICLE_MODELS)),
        }
        for label, terms in groups.items():
            self.matcher.add(label, [nlp.make_doc(term) for term in terms])
        self.strings = nlp.vocab.strings

    def __call__(self, doc: Doc) -> list[tuple[int, int, str]]:
        out = []
        for match_id, start, end in self.matcher(doc):
            last = doc[end - 1]
            out.append((doc[start].idx, last.idx + len(last), self.strings[match_id]))
        return out


def _keep_lexical_span(text: str, label: str, start: int, end: int) -> bool:
    word = text[start:end].lower()
    if label == "HAZARD" and word == "fire":
        return not (
            _FIRE_NOT_HAZARD.match(text[end : end + 20]) or _OPENED_FIRE.search(text[max(0, start - 12) : start])
        )
    if label == "HAZARD" and word == "smoke":
        return not _SMOKE_NOT_HAZARD.match(text[end : end + 12])
    if label == "DRUG" and word == "crack":
        return not _ARTICLE_BEFORE.search(text[max(0, start - 6) : start])
    if label == "VEHICLE" and word in ("cab", "semi", "bus"):
        return not (text[end : end + 1] == "-" or _NOT_VEHICLE_AFTER.match(text, end))
    return True


def _extend_surname(text: str, end: int) -> int:
    m = SURNAME_AFTER.match(text, end)
    if m and m.group(1) not in NOT_SURNAME and m.group(1).lower() not in lex.NAME_LOOKUP:
        return m.end(1)
    return end


def candidates(text: str, lexical: list[tuple[int, int, str]]) -> list[tuple[int, int, str, float]]:
    cands: list[tuple[int, int, str, float]] = []
    vehicles: list[tuple[int, int]] = []
    for s, e, label in lexical:
        if not _keep_lexical_span(text, label, s, e):
            continue
        if label == "VEHICLE":
            vehicles.append((s, e))
            continue
        if label == "PERSON" and not text[s].isupper():
            continue
        conf = LEXICAL_CONF.get(label, 0.8)
        if label == "PERSON":
            e = _extend_surname(text, e)
        cands.append((s, e, label, conf))
    cands.extend((s, e, "VEHICLE", LEXICAL_CONF["VEHICLE"]) for s, e in _vehicle_spans(text, vehicles))
    low = text.lower()
    present = {g for g in _GATE_WORDS if g in low}
    if _DIGIT.search(text):
        present.add("#digit")
    if _UPPER.search(text, 1):
        present.add("#upper")
        present.add("#cap")
    elif text[:1].isupper():
        present.add("#cap")
    for label, rx, conf, gate in _REGEX:
        if gate and gate.isdisjoint(present):
            continue
        for m in rx.finditer(text):
            s, e = m.span("e")
            if label == "PERSON" and _CONTEXT_NAME_STARTS.search(text[max(0, s - 9) : s]):
                if text[s:e].split()[0].lower() not in lex.NAME_LOOKUP:
                    continue
            cands.append((s, e, label, conf))
    for label, rx, conf, gate in _CONTEXT:
        if gate and gate.isdisjoint(present):
            continue
        for m in rx.finditer(text):
            s, e = m.span("e")
            cands.append((s, e, label, conf))
    # "my name's Owen Park": a name that looks like a place is the caller's name here
    cands = [
        c
        for c in cands
        if not (
            c[2] == "ADDRESS"
            and _NAMED_BEFORE.search(text[max(0, c[0] - 16) : c[0]])
            and not _DIGIT.search(text, c[0], c[1])
        )
    ]
    for m in LOWER_NAME_CONTEXT.finditer(text):
        name = m.group("e")
        if name in lex.NAME_LOOKUP and name.capitalize() in lex.UNAMBIGUOUS_NAMES:
            cands.append((m.start("e"), m.end("e"), "PERSON", 0.7))
    return cands


def resolve(cands: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    """Greedy: longest span first, then label priority, then confidence."""
    order = sorted(set(cands), key=lambda c: (-(c[1] - c[0]), -PRIORITY[c[2]], -c[3], c[0]))
    taken: list[tuple[int, int, str, float]] = []
    for c in order:
        if c[1] <= c[0]:
            continue
        if all(c[1] <= t[0] or c[0] >= t[1] for t in taken):
            taken.append(c)
    taken.sort()
    return taken


def extract(text: str, lexical: list[tuple[int, int, str]]) -> list[tuple[int, int, str, float]]:
    return join_addresses(text, resolve(candidates(text, lexical)))
