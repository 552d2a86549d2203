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
("five five five, oh one four eight" -> "555, 0148").
"""
from __future__ import annotations

import re

UNITS = {"zero": 0, "oh": 0, "o": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
         "seven": 7, "eight": 8, "nine": 9}
TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000}
REPEATS = {"double": 2, "triple": 3}
_ZERO_ONLY = frozenset({"oh", "o"})

_NUMBER_WORD = "|".join(sorted((*UNITS, *TEENS, *TENS, *SCALES, *REPEATS), key=len, reverse=True))
# A run: number words joined by spaces or hyphens ("and" only before a ten or unit after a scale).
_RUN = re.compile(
    rf"\b(?:{_NUMBER_WORD})\b(?:(?:[ -]+|[ -]+and[ -]+)(?:{_NUMBER_WORD})\b)*")
_TOKEN = re.compile(rf"\b(?:{_NUMBER_WORD}|and)\b")


def _groups(words: list[str]) -> list[str] | None:
    """The digit groups of a run of number words, or None when it does not read as one number."""
    out: list[str] = []
    value: int | None = None        # a group being built with hundred / thousand
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
                return None                       # "hundred" with nothing before it
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


def _rewrite(m: re.Match) -> str:
    text = m.group()
    words = _TOKEN.findall(text)
    if all(w in _ZERO_ONLY for w in words) or words[-1] == "and":
        return text
    groups = _groups(words)
    if groups is None:
        return text
    digits = "".join(groups)
    if len(words) < 2 and len(digits) < 3:
        return text
    return digits


def digits_for_words(text: str) -> str:
    """``text`` (lower case) with each run of number words written as digits."""
    if not _RUN.search(text):
        return text
    return _RUN.sub(_rewrite, text)
