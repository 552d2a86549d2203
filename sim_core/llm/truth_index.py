"""What a scenario holds to be true, as look-up sets for the grounding check.

Every number and every (stemmed, normalized) word the scenario states
positively — location, callback, facts, patients, events, the caller's own
scripted lines — so a reply's address, phone number, age, name, weapon or
injury can be looked up in microseconds. Words a line negates ("I don't see
any blood") are left out: the scenario does not claim them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..nlp.spoken_numbers import TEENS, TENS, UNITS
from ..scenario.schema import Scenario
from ..street_words import ABBREV

NEGATORS = {
    "no",
    "not",
    "never",
    "nothing",
    "without",
    "none",
    "nobody",
    "neither",
    "nor",
    "dont",
    "doesnt",
    "didnt",
    "isnt",
    "wasnt",
    "arent",
    "havent",
    "hasnt",
    "cant",
    "wont",
    "aint",
    "cannot",
    "nope",
}
NEGATION_WINDOW = 4
_UNITS = {w: n for w, n in {**UNITS, **TEENS}.items() if w not in ("oh", "o")}  # "oh" is a word here
NUMBER_WORDS = "|".join(sorted([*_UNITS, *TENS], key=len, reverse=True))
_NUMWORD_RE = re.compile(
    rf"\b(?:(?:one|a)\s+hundred(?:\s+and)?\s+)?(?:{NUMBER_WORDS})"
    rf"(?:[- ](?:{'|'.join(_UNITS)}))?\b",
    re.I,
)
_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_DIGITS_RE = re.compile(r"\d+")


def words_to_number(text: str) -> int | None:
    """'sixty-seven' → 67, 'one hundred and two' → 102; None when not a number phrase."""
    total, seen = 0, False
    for tok in re.split(r"[\s-]+", text.lower()):
        if tok in ("and", "a", ""):
            continue
        if tok == "hundred":
            total = max(total, 1) * 100
        elif tok in _UNITS:
            total += _UNITS[tok]
        elif tok in TENS:
            total += TENS[tok]
        else:
            return None
        seen = True
    return total if seen else None


def numbers_in(text: str) -> list[str]:
    """Digit runs and spelled-out numbers, all as digit strings."""
    out = _DIGITS_RE.findall(text)
    for m in _NUMWORD_RE.finditer(text):
        n = words_to_number(m.group(0))
        if n is not None:
            out.append(str(n))
    return out


def stem(word: str) -> str:
    word = ABBREV.get(word, word)
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> list[str]:
    return _WORD_RE.findall(text.lower().replace("’", "'"))


def negated_positions(toks: list[str]) -> set[int]:
    """Indexes of tokens within a few words after a negator ("not", "don't", "no")."""
    out: set[int] = set()
    for i, tok in enumerate(toks):
        if tok.replace("'", "") in NEGATORS or tok.endswith("n't"):
            out.update(range(i + 1, min(len(toks), i + 1 + NEGATION_WINDOW)))
    return out


def is_negated(text: str, start: int) -> bool:
    """Is the span starting at `start` inside a negation of its sentence?"""
    before = text[:start]
    cut = max(before.rfind("."), before.rfind("!"), before.rfind("?"), before.rfind(","))
    toks = tokens(before[cut + 1 :])[-NEGATION_WINDOW:]
    return any(t.replace("'", "") in NEGATORS or t.endswith("n't") for t in toks)


@dataclass(slots=True)
class TruthIndex:
    words: set[str] = field(default_factory=set)  # stemmed words stated positively
    numbers: set[str] = field(default_factory=set)  # every number the scenario states
    digit_strings: list[str] = field(default_factory=list)  # phone-like digit runs
    names: set[str] = field(default_factory=set)  # lower-case person names

    def add(self, *texts: str | None) -> None:
        for text in texts:
            if not text:
                continue
            toks = tokens(text)
            neg = negated_positions(toks)
            self.words.update(stem(t) for i, t in enumerate(toks) if i not in neg)
            self.numbers.update(n.lstrip("0") or "0" for n in numbers_in(text))
            digits = re.sub(r"\D", "", text)
            if len(digits) >= 3:
                self.digit_strings.append(digits)

    def extended(self, texts: Iterable[str | None]) -> TruthIndex:
        """A copy with the turn's own allowed texts added (decision parts)."""
        out = TruthIndex(set(self.words), set(self.numbers), list(self.digit_strings), set(self.names))
        out.add(*texts)
        return out


def _lines(line: str | dict[str, str]) -> list[str]:
    return list(line.values()) if isinstance(line, dict) else [line]


def build_index(scenario: Scenario) -> TruthIndex:
    idx = TruthIndex()
    c, loc, f, s = scenario.caller, scenario.location, scenario.facts, scenario.script
    idx.add(
        c.name,
        c.relation,
        loc.address,
        loc.unit,
        loc.cross_street,
        loc.city,
        *loc.landmarks,
        scenario.callback,
        f.chief_complaint,
        *f.weapons,
        *f.vehicles,
        *f.hazards,
        *f.drugs,
        f.people_count,
        f.timing,
        scenario.cad.address,
    )
    if c.age is not None:
        idx.add(str(c.age))
    for p in f.patients:
        idx.add(p.label, p.name, *p.injuries, *p.conditions)
        if p.age is not None:
            idx.add(str(p.age))
    for sus in f.suspects:
        idx.add(sus.description, sus.name, sus.location)
    for ev in scenario.events:
        idx.add(ev.say, *ev.lines.values())
    for line in [*s.answers.values(), *s.follows.values()]:
        idx.add(*_lines(line))
    for changed in s.after_follow.values():
        idx.add(*changed.values())
    idx.add(*s.opening, *s.fillers, *s.i_dont_know, s.hang_up, s.closing)
    for name in (c.name, *(p.name for p in f.patients), *(x.name for x in f.suspects)):
        idx.names.update(tokens(name or ""))
    return idx
