"""Confidence from the recogniser's own scores, and the words it was unsure of.

Whisper gives each word the probability of its tokens and each segment the
probability that there was no speech at all. A transcript's confidence is the
geometric mean of its word probabilities (so one garbled word pulls it down
more than an average would), times the probability that speech was there,
then mapped through a calibration curve measured on labelled real speech, so
that the number shown is close to the share of words recognised right. It
never reaches 100 %: no recogniser is sure.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

UNCERTAIN_WORD = 0.5  # a word below this probability is marked as unsure
LOW_CONFIDENCE = 0.8  # below this, about one word in five or more is expected wrong
MAX_CONFIDENCE = 0.99
# (raw score, calibrated confidence), piecewise linear. raw = geometric-mean word
# probability x (1 - no-speech probability); confidence = the share of words that
# were right at that raw score, measured with tiny.en on the 266 real prompts of
# the asterisk set (raw < 0.4: 11 % of words right; 0.4-0.6: 67 %; 0.6-0.7: 87 %;
# 0.7-0.85: 92 %; 0.85-0.9: 97 %; 0.9-0.95: 98.6 %; >= 0.95: 99.4 %).
CALIBRATION = ((0.0, 0.0), (0.3, 0.1), (0.5, 0.6), (0.65, 0.86), (0.8, 0.92), (0.9, 0.97), (1.0, MAX_CONFIDENCE))


def scored_words(segments: Iterable) -> tuple[tuple[str, float], ...]:
    """(word, probability) for every word of faster-whisper segments, punctuation kept on the word."""
    out = []
    for seg in segments:
        for w in getattr(seg, "words", None) or ():
            word = w.word.strip()
            if word:
                out.append((word, round(float(w.probability), 3)))
    return tuple(out)


def raw_score(words: Sequence[tuple[str, float]], no_speech_prob: float) -> float:
    if not words:
        return 0.0
    mean_log = sum(math.log(max(p, 1e-6)) for _w, p in words) / len(words)
    return math.exp(mean_log) * (1.0 - min(1.0, max(0.0, no_speech_prob)))


def calibrate(raw: float) -> float:
    """Map a raw score in [0, 1] through CALIBRATION."""
    raw = min(1.0, max(0.0, raw))
    for (x0, y0), (x1, y1) in zip(CALIBRATION, CALIBRATION[1:]):
        if raw <= x1:
            return round(y0 + (y1 - y0) * (raw - x0) / (x1 - x0), 3)
    return MAX_CONFIDENCE


def calibrated_confidence(words: Sequence[tuple[str, float]], no_speech_prob: float) -> float:
    return calibrate(raw_score(words, no_speech_prob))


def uncertain_words(words: Sequence[tuple[str, float]], threshold: float = UNCERTAIN_WORD) -> tuple[str, ...]:
    """The words the recogniser was unsure of, in order."""
    return tuple(w for w, p in words if p < threshold)


def marked_text(text: str, words: Sequence[tuple[str, float]], threshold: float = UNCERTAIN_WORD) -> str:
    """The transcript with each unsure word in brackets and a question mark: "what is the [adress?]"."""
    if not words:
        return text
    return " ".join(f"[{w}?]" if p < threshold else w for w, p in words)


def flag_doubtful_entities(entities: list[dict], confidence: float, unsure: Sequence[str] = ()) -> list[dict]:
    """Mark entities taken from doubtful speech with `heard_uncertain: True`: the whole
    line was heard with low confidence, or the entity's own words were unsure. They are
    leads to confirm with the caller, not facts."""
    unsure_tokens = {w.strip(".,!?;:\"'").lower() for w in unsure}
    for e in entities:
        words = {w.strip(".,!?;:\"'").lower() for w in str(e.get("text", "")).split()}
        if confidence < LOW_CONFIDENCE or words & unsure_tokens:
            e["heard_uncertain"] = True
    return entities
