"""Typed-line repair before the act rules: chat shorthand and one-letter typos.

Trainees type fast: "where r u", "whats ur adress", "is he breathin", "any1 hurt?".
``repair(norm)`` takes an already lower-cased, contraction-expanded line and

* expands chat shorthand ("u" -> "you", "ur" -> "your", "any1" -> "anyone");
* corrects a word that is not English to a rule keyword one edit away (a letter
  dropped, added, changed, or two letters swapped): "adress" -> "address",
  "consious" -> "conscious", "breathng" -> "breathing".

The keywords are the words the act rules are written with. A word is known, and
never corrected, when it is in symspellpy's English frequency dictionary (82,765
words: "passes", "cold" and "hose" stay as they are) or in the labelled training
lines. The keyword look-up is symspellpy's symmetric-delete index.
"""

from __future__ import annotations

import importlib.resources
import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from symspellpy import SymSpell, Verbosity

DATA_DIR = Path(__file__).resolve().parent / "data"
_TRAIN_FILES = tuple(f"{kind}_{split}.jsonl" for kind in ("acts", "entities") for split in ("dev", "heldout", "fresh"))

SHORTHAND = {
    "u": "you",
    "ur": "your",
    "r": "are",
    "y": "why",
    "ya": "you",
    "yr": "your",
    "wat": "what",
    "wut": "what",
    "wats": "what is",
    "whos": "who is",
    "any1": "anyone",
    "some1": "someone",
    "every1": "everyone",
    "no1": "no one",
    "ppl": "people",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "ty": "thank you",
    "rn": "right now",
    "cuz": "because",
    "bc": "because",
    "k": "okay",
    "kk": "okay",
    "ok": "okay",
    "hes": "he is",
    "shes": "she is",
    "theyre": "they are",
    "whered": "where did",
    "wheres": "where is",
    "til": "until",
    "till": "until",
    "b4": "before",
    "2day": "today",
    "tmrw": "tomorrow",
    "msg": "message",
    "addy": "address",
    "num": "number",
    "ambo": "ambulance",
    "info": "information",
    "yrs": "years",
    "min": "minute",
    "mins": "minutes",
    # common slips of the keyboard that are no English word
    "teh": "the",
    "lng": "long",
    "happend": "happened",
    "happed": "happened",
    "chek": "check",
    "ambulence": "ambulance",
    "ambulane": "ambulance",
    "breathign": "breathing",
}
# Slips that spell another English word, repaired only where the other word cannot
# stand: "dose he ...", "his hed", "hart attack", "wepons".
_REAL_WORD_SLIPS = re.compile(
    r"\bdose(?= (?:he|she|they|it|anyone|anybody|someone|somebody|your|the patient)\b)"
    r"|(?:(?<=\bhis )|(?<=\bher )|(?<=\bthe )|(?<=\btheir )|(?<=\byour ))hed\b|\bhart(?= (?:attack|problems?|condition|disease|history|trouble|issues?|failure)\b)"
)
_SLIP_FIX = {"dose": "does", "hed": "head", "hart": "heart"}
_SHORTHAND = re.compile(
    r"(?<![\w'-])(" + "|".join(sorted(map(re.escape, SHORTHAND), key=len, reverse=True)) + r")(?![\w'-])"
)
_WORD = re.compile(r"[a-z]{4,}")
_MIN_KEYWORD = 5
# A four-letter word is corrected only by swapping two letters back or putting a dropped
# letter back ("lnog" -> "long", "awak" -> "awake"): a changed letter in so short a word
# is as likely another word as a typo.
_MIN_WORD = 4
_MIN_SHORT_KEYWORD = 4


def english_words() -> frozenset[str]:
    """The words of symspellpy's English frequency dictionary (shipped in its wheel)."""
    text = (importlib.resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt").read_text(encoding="utf-8")
    return frozenset(line.split(" ", 1)[0] for line in text.splitlines() if line)


class Speller:
    """Corrects unknown words to the nearest keyword (one edit), never a known word.

    ``counts`` are word frequencies of the training lines: a word seen there is
    known, unless it is one edit from a keyword that is at least five times as
    frequent (a typo the labelled lines carry on purpose, such as "adress")."""

    def __init__(self, keywords: Iterable[str], counts: Counter[str], english: frozenset[str] = frozenset()) -> None:
        self.keywords = frozenset(w for w in keywords if len(w) >= _MIN_SHORT_KEYWORD)
        self._index = SymSpell(max_dictionary_edit_distance=1, prefix_length=12)
        for kw in self.keywords:
            self._index.create_dictionary_entry(kw, max(1, counts[kw]))
        self.known = (
            self.keywords
            | english
            | frozenset(w for w, n in counts.items() if not any(counts[kw] >= 5 * n for kw in self._candidates(w)))
        )

    def _candidates(self, word: str) -> list[str]:
        return [s.term for s in self._index.lookup(word, Verbosity.ALL, max_edit_distance=1) if s.term != word]

    @lru_cache(maxsize=8192)  # noqa: B019 -- one speller for the process, never freed anyway
    def correct(self, word: str) -> str:
        if word in self.known or len(word) < _MIN_WORD or _plural_of_keyword(word, self.keywords):
            return word  # a keyword's plural or an unmarked possessive ("neighbors name") is no typo
        hits = self._candidates(word)
        if len(word) < _MIN_KEYWORD:
            hits = [h for h in hits if len(h) > len(word) or (len(h) == len(word) and sorted(h) == sorted(word))]
        else:
            hits = [h for h in hits if len(h) >= _MIN_KEYWORD]
        if not hits:
            return word
        # same length (a letter changed or swapped) first, then a dropped letter, then an extra one
        rank = {h: (abs(len(h) - len(word)), len(h) < len(word)) for h in hits}
        best = min(rank.values())
        closest = [h for h in hits if rank[h] == best]
        return closest[0] if len(closest) == 1 else word

    def repair(self, norm: str) -> str:
        norm = _SHORTHAND.sub(lambda m: SHORTHAND[m.group(1)], norm)
        if "dose " in norm or " hed" in norm or "hart " in norm:
            norm = _REAL_WORD_SLIPS.sub(lambda m: _SLIP_FIX[m.group()], norm)
        return _WORD.sub(lambda m: self.correct(m.group()), norm)


def _plural_of_keyword(word: str, keywords: frozenset[str]) -> bool:
    """A keyword with a plural "s" ("neighbors"), not a misspelt "-ies" plural ("allergys")."""
    return word.endswith("s") and word[:-1] in keywords and not word.endswith("ys")


def rule_keywords(patterns: Iterable[str]) -> set[str]:
    """Whole words spelled out in the rule regexes (letters between non-letters)."""
    words: set[str] = set()
    for rx in patterns:
        # "weapons?", "medications?", "injur(?:y|ies)": the plural is a keyword too
        for m in re.finditer(r"(?<![a-z\\])([a-z]{4,})(?:s\?|\(\?:s\|es\)\?)", rx):
            words.update((m.group(1), m.group(1) + "s"))
        plain = re.sub(r"\\[a-zA-Z]|\(\?[:!=<P][^)]*?(?=[a-z(]|$)|\[[^\]]*\]", " ", rx)
        words.update(m.group() for m in re.finditer(r"(?<![a-z])[a-z]{4,}(?![a-z?*+{])", plain))
    return words


def training_words() -> Counter[str]:
    words: Counter[str] = Counter()
    for name in _TRAIN_FILES:
        path = DATA_DIR / name
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    words.update(re.findall(r"[a-z]+", json.loads(line)["text"].lower()))
    return words
