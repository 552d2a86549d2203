"""Sentences as the caller says them: one splitter for the project, the
normal form the repeat guard compares, and casing when words are joined."""
from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_STAGE = re.compile(r"\*[^*]*\*")              # stage directions: *whispering*, *click*
_NON_WORD = re.compile(r"[^a-z0-9' ]+")
_PRONOUN_I = re.compile(r"^I(?:'m|'ll|'ve|'d)?$")


def split_sentences(text: str) -> list[str]:
    """Split on sentence-ending punctuation followed by a space."""
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def normal(sentence: str) -> str:
    """What two sentences share when one repeats the other: words only, no stage
    directions, no case, no punctuation."""
    s = _STAGE.sub(" ", sentence).lower().replace("’", "'")
    return " ".join(_NON_WORD.sub(" ", s).split())


def sentence_keys(text: str) -> list[str]:
    """The normal form of each sentence in text that has words in it."""
    return [k for k in (normal(s) for s in split_sentences(text)) if k]


def lower_first(text: str, proper: frozenset[str] = frozenset()) -> str:
    """Lower the first letter so the text can follow a prefix ("Oh God, " + ...),
    unless the first word is "I", an acronym (CPR) or a name (in proper)."""
    if not text:
        return text
    first = text.split(maxsplit=1)[0]
    word = first.strip(".,!?;:-\"'*")
    if not word or not word[0].isupper():
        return text
    if _PRONOUN_I.match(word) or (len(word) > 1 and word.isupper()) or word in proper:
        return text
    if any(c.isupper() for c in word[1:]):          # McDonald, iPhone-like words keep their case
        return text
    return text[0].lower() + text[1:]


def upper_first(text: str) -> str:
    for i, c in enumerate(text):
        if c.isalpha():
            return text[:i] + c.upper() + text[i + 1:]
    return text


_CAPITALISED = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]+)")


def proper_nouns(texts: list[str]) -> frozenset[str]:
    """Words written capitalised in the middle of a sentence somewhere in texts: names,
    streets, places. Used so a prefix never lowers "Robert" to "robert"."""
    found: set[str] = set()
    for t in texts:
        found.update(_CAPITALISED.findall(t))
    return frozenset(found)
