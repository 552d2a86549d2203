"""Sentences as the caller says them: the project's splitter (`sentence_split`), the
normal form the repeat guard compares, and casing when words are joined."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..sentence_split import split_sentences

if TYPE_CHECKING:
    from ..scenario.schema import Scenario

_STAGE = re.compile(r"\*[^*]*\*")  # stage directions: *whispering*, *click*
_NON_WORD = re.compile(r"[^a-z0-9' ]+")
_PRONOUN_I = re.compile(r"^I(?:'m|'ll|'ve|'d)?$")


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
    word = first.strip(".,!?;:-\"'*").removesuffix("'s")  # "Mark's going down" is Mark
    if not word or not word[0].isupper():
        return text
    if _PRONOUN_I.match(word) or (len(word) > 1 and word.isupper()) or word in proper:
        return text
    if any(c.isupper() for c in word[1:]):  # McDonald, iPhone-like words keep their case
        return text
    words = text.split(maxsplit=2)
    if (
        len(words) > 1
        and words[1][:1].isupper()
        and not _PRONOUN_I.match(words[1].strip(".,!?"))
        and not first.endswith((",", ".", "!", "?"))
    ):
        return text  # "Oak Street", "Room 204": a name
    return text[0].lower() + text[1:]


def as_one_sentence(text: str, proper: frozenset[str] = frozenset()) -> str:
    """Several short sentences run together as one: "No! He's not breathing." ->
    "No, he's not breathing." (for saying a fact again after "like I said")."""
    parts = split_sentences(text)
    if len(parts) > 1 and normal(parts[0]) in ("what", "huh", "what what"):
        parts = parts[1:]  # "What? There's nobody." said again drops the "What?"
    if len(parts) < 2:
        return parts[0] if parts else text
    body = [p.rstrip(".!?… ") for p in parts[:-1]] + [parts[-1]]
    return ", ".join([body[0]] + [lower_first(p, proper) for p in body[1:]])


def upper_first(text: str) -> str:
    for i, c in enumerate(text):
        if c.isalpha():
            return text[:i] + c.upper() + text[i + 1 :]
    return text


_CAPITALISED = re.compile(r"(?<=[a-z0-9,;] )([A-Z][a-z]+)")


def proper_nouns(texts: list[str]) -> frozenset[str]:
    """Words written capitalised in the middle of a sentence somewhere in texts: names,
    streets, places. Used so a prefix never lowers "Robert" to "robert"."""
    found: set[str] = set()
    for t in texts:
        found.update(_CAPITALISED.findall(t))
    return frozenset(found)


def scenario_names(scenario: Scenario) -> frozenset[str]:
    """Names in a scenario (people, streets, places) that keep their capital letter."""
    loc, script = scenario.location, scenario.script
    texts = [
        scenario.description,
        *map(str, script.answers.values()),
        *map(str, script.follows.values()),
        *script.opening,
        *script.fillers,
        script.closing,
        *(str(d.answer) for d in scenario.facts.details),
        *(ev.say for ev in scenario.events),
        *(line for ev in scenario.events for line in ev.lines.values()),
        loc.address,
        loc.cross_street,
        loc.city,
        *loc.landmarks,
    ]
    names = {
        scenario.caller.name,
        *(p.name for p in scenario.facts.patients),
        *(s.name for s in scenario.facts.suspects),
    }
    words = {w.strip(".,!?") for n in names for w in n.split()}
    addr = {w.strip(".,") for t in (loc.address, loc.cross_street, loc.city) for w in t.split() if w[:1].isupper()}
    return proper_nouns(texts) | frozenset(w for w in words | addr if w)


_STOP = frozenset(
    "the and but his her him she he they them their its it's that this with was were are you your "
    "for from have has had not just like said told what there here all now one "
    "he's she's they're i'm we're you're that's there's name's".split()
)


def content_words(text: str) -> set[str]:
    """The words that carry a line's facts (for spotting one part that repeats another)."""
    return {w for w in normal(text).split() if (len(w) > 2 or any(c.isdigit() for c in w)) and w not in _STOP}


def echoes(line: str, earlier: str, share: float = 0.6) -> bool:
    """Does line say little beyond what earlier already says?"""
    words = content_words(line)
    return bool(words) and len(words & content_words(earlier)) / len(words) >= share
