"""Grounding checks on how an LLM caller's sentence is said, beside the invented-fact
check in `grounding`:
- a role label or the prompt leaking into speech ("Assistant:", "Caller:",
  "in the script:", "The truth:");
- a number, in words or digits, that the scenario does not state (an invented
  "fourteen twenty" address, "1-2-777"); counting ("one, two, three, four") and
  small numbers are speech, not facts;
- a run-on that repeats itself ("123456, 123456, 123456", the same clause over);
- a reply that says the opposite of what is true now (breathing, awake, or an
  injury, weapon or hazard the scenario lists, denied);
- the caller greeting as the call-taker ("Hello, this is 911, what is your emergency").
Each function returns problems in the check's words; all are pure and fast.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from .truth_index import TruthIndex, is_negated, stem, tokens, words_to_number

ROLE_LEAK = re.compile(
    r"(?:^|[\s\"(\[*])(?:assistant|user|system|caller|call[- ]?taker|dispatcher|operator|"
    r"narrator|911 operator|911)\s*:|\bin the script\b|\bthe truth\s*:|\bthis turn\b|"
    r"\banswer about\b|\brules\s*:|\[(?:the call-taker|a moment passes)[^\]]*\]|"
    # narration: the caller never speaks of "the call-taker" or "the voice on the line"
    r"\bthe (?:call-?taker|caller|dispatcher|operator)\b|\bthe voice on the (?:other end|line)\b|"
    r"<\|?(?:im_start|im_end|assistant|user|system|endoftext)\|?>",
    re.I,
)
CALL_TAKER_GREETING = re.compile(
    r"\b(?:this is|you(?:'ve| have) (?:reached|called)) (?:the )?(?:911|nine[- ]one[- ]one|"
    r"emergency (?:services|dispatch|line))\b|\bwhat(?:'s| is) (?:the nature of )?your emergency\b|"
    r"^\s*911\b[,.!]?\s*(?:what|how|where)\b|\bhow (?:can|may) i help(?: you)?\b|"
    r"\bwhat(?:'s| is) the (?:location|address) of (?:the|your) emergency\b|"
    r"\bcan you (?:tell me|give me) (?:your|the) (?:address|location|name|phone number)\b|"
    r"\bdo you need (?:police|fire|an ambulance|medical)\b",
    re.I,
)
_NUMBER_TOKEN = re.compile(
    r"\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred)\b",
    re.I,
)
_TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
SMALL = 10  # "two of them", "one, two, three": speech, not a fact
PLEADING = {
    "please",
    "hurry",
    "help",
    "god",
    "okay",
    "yes",
    "wake",
    "come",
    "breathe",
    "oh",
    "my",
    "no",
    "me",
    "up",
    "on",
    "now",
}
RUN_ON_WORDS = 45  # a spoken sentence longer than this is a run-on


def role_leak(sentence: str) -> list[str]:
    m = ROLE_LEAK.search(sentence)
    return [f"role or prompt leak ({m.group(0).strip()!r})"] if m else []


def speaks_as_call_taker(sentence: str) -> list[str]:
    m = CALL_TAKER_GREETING.search(sentence)
    return [f"speaks as the call-taker ({m.group(0).strip()!r})"] if m else []


def _number_runs(text: str) -> list[list[re.Match[str]]]:
    """Runs of number words next to each other (spaces, hyphens or commas between)."""
    runs: list[list[re.Match[str]]] = []
    for m in _NUMBER_TOKEN.finditer(text):
        if runs and re.fullmatch(r"[\s,-]*", text[runs[-1][-1].end() : m.start()]):
            runs[-1].append(m)
        else:
            runs.append([m])
    # a lone "oh" is an exclamation, not a zero
    return [r for r in runs if not (len(r) == 1 and r[0].group(0).lower() == "oh")]


def _groups(words: list[str]) -> list[int]:
    """Number words read as a person says digits: "fourteen twenty" -> [14, 20],
    "twenty two ten" -> [22, 10], "two two one oh" -> [2, 2, 1, 0]."""
    out: list[int] = []
    for i, w in enumerate(words):
        value = 0 if w == "oh" else words_to_number(w)
        if value is None:
            continue
        if out and w == "hundred":
            out[-1] *= 100
        elif out and i and words[i - 1] in _TENS and 0 < value < 10:
            out[-1] += value
        else:
            out.append(value)
    return out


def spelled_numbers(sentence: str, idx: TruthIndex) -> list[str]:
    """Numbers said in words that the scenario does not state."""
    problems = []
    for run in _number_runs(sentence):
        words = [m.group(0).lower() for m in run]
        groups = _groups(words)
        if not groups:
            continue
        counting = len(groups) > 1 and all(b == a + 1 for a, b in zip(groups, groups[1:]))
        if counting or (len(groups) == 1 and groups[0] <= SMALL):
            continue
        joined = "".join(str(g) for g in groups)
        if joined in idx.numbers or any(joined in d for d in idx.digit_strings):
            continue
        said = sentence[run[0].start() : run[-1].end()]
        problems.append(f"invented number in words {said!r}")
    return problems


_DIGIT_RUN = re.compile(r"\d+")


def invented_digits(sentence: str, idx: TruthIndex) -> list[str]:
    """Numbers in digits that the scenario does not state ("1-2-777"): a caller's numbers
    are facts (addresses, ages, times, counts); small ones and 911 are speech."""
    out = []
    for m in _DIGIT_RUN.finditer(sentence):
        n = m.group(0).lstrip("0") or "0"
        if int(n) <= SMALL or n == "911" or n in idx.numbers or any(n in d for d in idx.digit_strings):
            continue
        out.append(f"invented number {m.group(0)!r}")
    return out


def repeats_itself(sentence: str) -> list[str]:
    """A run-on: the same word group three times, or far too long to be one spoken sentence."""
    toks = tokens(sentence)
    if len(toks) > RUN_ON_WORDS:
        return [f"run-on sentence ({len(toks)} words)"]
    for n in (1, 2, 3, 4):
        grams = [" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1)]
        for i, g in enumerate(grams[: max(0, len(grams) - 2 * n)]):
            if len(g) < 3 or not (grams[i + n] == g == grams[i + 2 * n]):
                continue
            if set(g.split()) <= PLEADING or (n == 1 and _NUMBER_TOKEN.fullmatch(g)):
                continue  # "please, please, please!", "five five five" are how people talk
            return [f"repeats itself ({g!r} over and over)"]
    fours = Counter(" ".join(toks[i : i + 4]) for i in range(len(toks) - 3))
    loop = next((g for g, k in fours.items() if k >= 3 and not set(g.split()) <= PLEADING), None)
    if loop is not None:  # "I'm going to talk to you, you're going to talk to you..."
        return [f"repeats itself ({loop!r} over and over)"]
    return []


_BREATHING_POS = re.compile(
    r"\b(?:he|she|they|i think (?:he|she|they))(?:'s|'re| is| are)"
    r"(?: still| definitely| now)? breathing(?! funny| strange| weird|"
    r" oddly| badly)",
    re.I,
)
_NOT_BREATHING = re.compile(r"\b(?:not|isn't|aren't|stopped|no longer|isnt) breathing\b", re.I)
_AWAKE = re.compile(
    r"\b(?:he|she|they)(?:'s|'re| is| are)(?: still| now| wide)? "
    r"(?:awake|conscious|talking to me|responding|alert)\b",
    re.I,
)
_NOT_AWAKE = re.compile(
    r"\b(?:unconscious|passed out|not (?:awake|conscious|responding|moving)|"
    r"(?:won't|can't|doesn't|isn't) (?:wake|respond)|unresponsive)\b",
    re.I,
)
_THING = re.compile(r"\b(?:bleeding|blood|gun|knife|weapon|fire|smoke|flames|gas)\b", re.I)


def contradictions(sentence: str, now: dict[str, Any]) -> list[str]:
    """What the sentence says that is the opposite of the truth now."""
    out = []
    breathing = now.get("breathing")
    if breathing in ("none", "agonal") and _BREATHING_POS.search(sentence) and not _NOT_BREATHING.search(sentence):
        out.append(
            f"contradicts the facts: the patient is {'not breathing' if breathing == 'none' else 'only gasping'}"
        )
    if breathing in ("normal", "abnormal") and _NOT_BREATHING.search(sentence):
        out.append("contradicts the facts: the patient is breathing")
    conscious = now.get("conscious")
    if conscious is False and _AWAKE.search(sentence) and not _NOT_AWAKE.search(sentence):
        out.append("contradicts the facts: the patient is not awake")
    if conscious is True and _NOT_AWAKE.search(sentence):
        out.append("contradicts the facts: the patient is awake")
    for m in _THING.finditer(sentence):
        if (
            is_negated(sentence, m.start())
            and stem(m.group(0).lower()) in now.get("things", ())
            and not sentence.rstrip().endswith("?")
        ):
            out.append(f"contradicts the facts: denies {m.group(0).lower()!r}, which is true")
    return out
