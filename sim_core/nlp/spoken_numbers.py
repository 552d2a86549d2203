"""Numbers said in words, written as digits the way a call-taker reads them back.

Speech-to-text and fast talkers give house numbers and phone numbers in words:
"fourteen twenty five Oak Street" is 1425, "five five five, oh one four eight" is
555, 0148, "twelve oh four" is 1204, "twenty one hundred" is 2100. The read-back
rules are written for digits; ``digits_for_words`` rewrites a lower-cased line so
they see them.

How a run of number words is read (the conventions of saying an address or a
phone number, not of arithmetic):

* each digit word is one digit, "oh" / "o" included ("five oh two" is 502);
* a ten with a unit is two digits ("twenty five" is 25), a teen is two digits;
* groups follow each other: "fourteen twenty five" is 14 then 25, 1425;
* "hundred" and "thousand" multiply the group before ("fourteen hundred" is
  1400, "two thousand five" is 2005), "and" may join after them;
* "double" / "triple" repeat the next digit ("double five" is 55).

Only runs that make at least three digits, or two words or more, are rewritten:
a lone "one" ("give him one aspirin", "one, two, three, four") stays a word, and
an "oh" with no number word beside it stays an interjection. Commas split runs
("five five five, oh one four eight" -> "555, 0148"). Counting stays words: three or more
numbers that go up by one ("twenty one, twenty two, twenty three", "eleven twelve thirteen")
are compressions counted out loud, not a number read back; single digits in a row ("seven
eight nine Pine") may be a house number and are written as digits.
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0,
    "oh": 0,
    "o": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000}
REPEATS = {"double": 2, "triple": 3}
_ZERO_ONLY = frozenset({"oh", "o"})

_NUMBER_WORD = "|".join(sorted((*UNITS, *TEENS, *TENS, *SCALES, *REPEATS), key=len, reverse=True))
# A run: number words joined by spaces or hyphens ("and" only before a ten or unit after a scale).
_RUN = re.compile(rf"\b(?:{_NUMBER_WORD})\b(?:(?:[ -]+|[ -]+and[ -]+)(?:{_NUMBER_WORD})\b)*")
_TOKEN = re.compile(rf"\b(?:{_NUMBER_WORD}|and)\b")


def _groups(words: list[str]) -> list[str] | None:
    """The digit groups of a run of number words, or None when it does not read as one number."""
    out: list[str] = []
    value: int | None = None  # a group being built with hundred / thousand
    i = 0
    while i < len(words):
        w = words[i]
        if w in SCALES:
            if value is not None and SCALES[w] == 100 and value % 1000:
                # "two thousand one hundred": the digit after the thousands is the hundreds
                value = value // 1000 * 1000 + value % 1000 * 100
            elif value is not None:
                value *= SCALES[w]
            elif out:
                value = int(out.pop()) * SCALES[w]
            else:
                return None  # "hundred" with nothing before it
            i += 1
            continue
        if w == "and":
            if value is None:
                return None
            i += 1
            continue
        if w in REPEATS:
            if i + 1 >= len(words) or words[i + 1] not in UNITS:
                return None
            part, i = str(UNITS[words[i + 1]]) * REPEATS[w], i + 2
        elif w in TENS:
            if i + 1 < len(words) and UNITS.get(words[i + 1], 0):
                part, i = str(TENS[w] + UNITS[words[i + 1]]), i + 2
            else:
                part, i = str(TENS[w]), i + 1
        elif w in TEENS:
            part, i = str(TEENS[w]), i + 1
        else:
            part, i = str(UNITS[w]), i + 1
        if value is not None:
            # "fourteen hundred twenty five": the tens and units after a scale fill it
            if len(part) <= 2 and value % 100 == 0:
                value += int(part)
                continue
            out.append(str(value))
            value = None
        out.append(part)
    if value is not None:
        out.append(str(value))
    return out


_BETWEEN_COUNTS = re.compile(r"[\s,.!-]*")
_COUNT_MIN = 3


def _digits(run: str) -> str | None:
    """The digits a run of number words stands for, or None (an interjection, not a number)."""
    words = _TOKEN.findall(run)
    if all(w in _ZERO_ONLY for w in words) or words[-1] == "and":
        return None
    groups = _groups(words)
    if groups is None:
        return None
    if _counts_up(groups) and all(len(g) >= 2 for g in groups):  # "twenty eight twenty nine thirty"
        return None  # ("seven eight nine" may be a house number)
    digits = "".join(groups)
    return digits if len(words) >= 2 or len(digits) >= 3 else None


def _counts_up(values: list[str]) -> bool:
    return len(values) >= _COUNT_MIN and all(int(b) == int(a) + 1 for a, b in zip(values, values[1:]))


def _counting(text: str, runs: list[re.Match], digits: list[str | None]) -> set[int]:
    """Indexes of runs that are one number each of a count said out loud ("twenty one, twenty two, ...")."""
    counting: set[int] = set()
    start = 0
    for i in range(1, len(runs) + 1):
        here, before = (digits[i], digits[i - 1]) if i < len(runs) else (None, None)
        joined = (
            here is not None
            and before is not None
            and _BETWEEN_COUNTS.fullmatch(text, runs[i - 1].end(), runs[i].start()) is not None
            and int(here) == int(before) + 1
        )
        if not joined:
            if i - start >= _COUNT_MIN:
                counting.update(range(start, i))
            start = i
    return counting


def digits_for_words(text: str) -> str:
    """``text`` (lower case) with each run of number words written as digits."""
    runs = list(_RUN.finditer(text))
    if not runs:
        return text
    digits = [_digits(m.group()) for m in runs]
    counting = _counting(text, runs, digits)
    out, last = [], 0
    for i, (m, d) in enumerate(zip(runs, digits)):
        out.append(text[last : m.start()])
        out.append(m.group() if d is None or i in counting else d)
        last = m.end()
    out.append(text[last:])
    return "".join(out)
