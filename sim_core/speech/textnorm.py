"""Text normalisation shared by the LM builder and WER scoring."""

from __future__ import annotations

import re

_CONTRACTIONS = {
    "what's": "what is",
    "where's": "where is",
    "who's": "who is",
    "that's": "that is",
    "there's": "there is",
    "it's": "it is",
    "he's": "he is",
    "she's": "she is",
    "i'm": "i am",
    "you're": "you are",
    "we're": "we are",
    "they're": "they are",
    "i've": "i have",
    "we've": "we have",
    "you've": "you have",
    "they've": "they have",
    "i'll": "i will",
    "you'll": "you will",
    "we'll": "we will",
    "they'll": "they will",
    "he'll": "he will",
    "she'll": "she will",
    "i'd": "i would",
    "you'd": "you would",
    "don't": "do not",
    "doesn't": "does not",
    "didn't": "did not",
    "can't": "can not",
    "cannot": "can not",
    "won't": "will not",
    "isn't": "is not",
    "aren't": "are not",
    "wasn't": "was not",
    "weren't": "were not",
    "haven't": "have not",
    "hasn't": "has not",
    "couldn't": "could not",
    "shouldn't": "should not",
    "wouldn't": "would not",
    "let's": "let us",
    "okay": "ok",
    "alright": "all right",
}
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")


def tokens(text: str) -> list[str]:
    """Lower-case word tokens, apostrophes kept inside words (as the dictionary spells them)."""
    return _TOKEN.findall((text or "").lower().replace("’", "'"))


_SCORING_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")
_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_SCALES = {"hundred": 100, "thousand": 1000}


def _number_at(words: list[str], i: int) -> tuple[int, int] | None:
    """(value, words used) of a spoken number starting at words[i]: "twenty five",
    "two hundred and six"; a run like "nine one one" is three numbers."""

    def small(j: int) -> tuple[int, int] | None:
        if j < len(words) and words[j] in _TENS:
            if j + 1 < len(words) and 0 < _UNITS.get(words[j + 1], 0) < 10:
                return _TENS[words[j]] + _UNITS[words[j + 1]], 2
            return _TENS[words[j]], 1
        if j < len(words) and words[j] in _UNITS:
            return _UNITS[words[j]], 1
        return None

    first = small(i)
    if first is None:
        return None
    total, current, used = 0, first[0], first[1]
    while i + used < len(words) and words[i + used] in _SCALES and (current or total):
        if words[i + used] == "hundred":
            current *= 100
        else:
            total, current = (total + current) * 1000, 0
        used += 1
        j = i + used + (i + used < len(words) and words[i + used] == "and")
        rest = small(j)
        if rest is not None:
            current += rest[0]
            used = j - i + rest[1]
    return total + current, used


def normalize_for_scoring(text: str) -> list[str]:
    """Tokens with contractions expanded, so "what's" and "what is" score the same, and
    numbers as digits one token each, so "nine one one", "9-1-1" and "911" score the same
    (and "four twelve" the same as "412")."""
    words: list[str] = []
    for tok in _SCORING_TOKEN.findall((text or "").lower().replace("’", "'")):
        words.extend(_CONTRACTIONS.get(tok, tok).split())
    out: list[str] = []
    i = 0
    while i < len(words):
        number = None if words[i].isdigit() else _number_at(words, i)
        if words[i].isdigit():
            out.extend(words[i])
            i += 1
        elif number is not None:
            out.extend(str(number[0]))
            i += number[1]
        else:
            out.append(words[i])
            i += 1
    return out


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(edit distance in words, number of reference words) after normalisation."""
    ref, hyp = normalize_for_scoring(reference), normalize_for_scoring(hypothesis)
    prev = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        cur = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r != h))
        prev = cur
    return prev[-1], len(ref)


def wer(references: list[str], hypotheses: list[str]) -> float:
    """Corpus word error rate: total edits / total reference words."""
    if len(references) != len(hypotheses):
        raise ValueError("references and hypotheses differ in length")
    edits = words = 0
    for ref, hyp in zip(references, hypotheses):
        e, n = word_errors(ref, hyp)
        edits, words = edits + e, words + n
    return edits / words if words else 0.0
