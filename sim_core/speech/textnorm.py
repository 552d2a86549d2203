"""Text normalisation shared by the LM builder and WER scoring."""
from __future__ import annotations

import re

_CONTRACTIONS = {
    "what's": "what is", "where's": "where is", "who's": "who is", "that's": "that is",
    "there's": "there is", "it's": "it is", "he's": "he is", "she's": "she is",
    "i'm": "i am", "you're": "you are", "we're": "we are", "they're": "they are",
    "i've": "i have", "we've": "we have", "you've": "you have", "they've": "they have",
    "i'll": "i will", "you'll": "you will", "we'll": "we will", "they'll": "they will",
    "he'll": "he will", "she'll": "she will", "i'd": "i would", "you'd": "you would",
    "don't": "do not", "doesn't": "does not", "didn't": "did not", "can't": "can not",
    "cannot": "can not", "won't": "will not", "isn't": "is not", "aren't": "are not",
    "wasn't": "was not", "weren't": "were not", "haven't": "have not", "hasn't": "has not",
    "couldn't": "could not", "shouldn't": "should not", "wouldn't": "would not",
    "let's": "let us", "okay": "ok", "alright": "all right",
}
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")


def tokens(text: str) -> list[str]:
    """Lower-case word tokens, apostrophes kept inside words (as the dictionary spells them)."""
    return _TOKEN.findall((text or "").lower().replace("’", "'"))


def normalize_for_scoring(text: str) -> list[str]:
    """Tokens with contractions expanded, so "what's" and "what is" score the same."""
    out: list[str] = []
    for tok in tokens(text):
        out.extend(_CONTRACTIONS.get(tok, tok).split())
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
