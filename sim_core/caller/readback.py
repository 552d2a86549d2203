"""Read-backs checked against the scenario's truth.

A call-taker reads the address and the callback number back; the caller
confirms only what is true. Both sides are normalised first, so "1425 Oak St"
equals "fourteen twenty-five Oak Street" and "555-0134" equals "five five five,
oh one three four". A wrong read-back gets an in-character correction that
stresses the part that was wrong ("No! Fourteen TWENTY-five!").

Pure functions: the director uses them for the caller's reply, scoring uses
them to decide whether a verification counts.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

from ..nlp.spoken_numbers import REPEATS, SCALES, TEENS, TENS, UNITS

Verdict = Literal["correct", "wrong", "incomplete"]

_NUMBER_WORDS = set(UNITS) | set(TEENS) | set(TENS) | set(SCALES) | set(REPEATS)
STREET_TYPES = {
    "st": "street",
    "street": "street",
    "ave": "avenue",
    "av": "avenue",
    "avenue": "avenue",
    "rd": "road",
    "road": "road",
    "dr": "drive",
    "drive": "drive",
    "ln": "lane",
    "lane": "lane",
    "blvd": "boulevard",
    "boulevard": "boulevard",
    "ct": "court",
    "court": "court",
    "pl": "place",
    "place": "place",
    "way": "way",
    "cir": "circle",
    "circle": "circle",
    "hwy": "highway",
    "highway": "highway",
    "pkwy": "parkway",
    "parkway": "parkway",
    "ter": "terrace",
    "terrace": "terrace",
    "trl": "trail",
    "trail": "trail",
}
_UNIT_WORDS = {
    "apt": "apartment",
    "apartment": "apartment",
    "unit": "unit",
    "suite": "suite",
    "ste": "suite",
    "room": "room",
    "rm": "room",
    "floor": "floor",
    "lot": "lot",
}
_DIRECTIONS = {
    "n": "north",
    "s": "south",
    "e": "east",
    "w": "west",
    "north": "north",
    "south": "south",
    "east": "east",
    "west": "west",
    "northbound": "north",
    "southbound": "south",
    "eastbound": "east",
    "westbound": "west",
    "nb": "north",
    "sb": "south",
    "eb": "east",
    "wb": "west",
}
_FILLER = {
    "that",
    "is",
    "it",
    "the",
    "correct",
    "right",
    "so",
    "okay",
    "ok",
    "and",
    "you",
    "said",
    "at",
    "on",
    "i",
    "have",
    "yes",
    "a",
    "address",
    "number",
    "your",
    "my",
    "phone",
    "callback",
    "call",
    "back",
    "to",
    "confirm",
    "verify",
    "let",
    "me",
    "make",
    "sure",
    "just",
    "was",
    "did",
    "say",
    "are",
    "we",
    "calling",
    "from",
    "this",
    "of",
    "in",
    "emergency",
    "ma",
    "am",
    "sir",
    "miss",
    "what",
    "be",
    "can",
    "reach",
    "showing",
}


_ORDINALS = {
    w: i
    for i, w in enumerate(
        (
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
        ),
        1,
    )
}
_ORDINAL_RX = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b|\b(" + "|".join(_ORDINALS) + r")\b")


def _ordinal(m: re.Match) -> str:
    return f" ord{m.group(1) or _ORDINALS[m.group(2)]} "


def _word_tokens(text: str) -> list[str]:
    text = text.lower().replace("'", "")
    text = _ORDINAL_RX.sub(_ordinal, text)  # "3rd" = "third" (not "3 road")
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)  # twenty-five -> twenty five
    return re.findall(r"ord\d+|[a-z]+|\d+|[,;!?]|\.(?!\d)", text)


def _group_value(words: list[str]) -> str:
    """Digits spoken by a run of number words: "fourteen twenty five" -> "1425",
    "five five five oh one three four" -> "5550134", "one thousand two hundred" -> "1200"."""
    if any(w in SCALES for w in words):
        total, current = 0, 0
        for w in words:
            if w in UNITS:
                current += UNITS[w]
            elif w in TEENS:
                current += TEENS[w]
            elif w in TENS:
                current += TENS[w]
            elif w == "hundred":
                current = (current or 1) * 100
            elif w == "thousand":
                total += (current or 1) * 1000
                current = 0
        return str(total + current)
    out: list[str] = []
    i, repeat = 0, 1
    while i < len(words):
        w = words[i]
        if w in REPEATS:
            repeat = REPEATS[w]
            i += 1
            continue
        if w in TENS:
            value = TENS[w]
            if i + 1 < len(words) and words[i + 1] in UNITS and UNITS[words[i + 1]] > 0:
                value += UNITS[words[i + 1]]
                i += 1
            out.append(str(value) * repeat)
        elif w in TEENS:
            out.append(str(TEENS[w]) * repeat)
        elif w in UNITS:
            out.append(str(UNITS[w]) * repeat)
        repeat = 1
        i += 1
    return "".join(out)


def spoken_tokens(text: str) -> list[str]:
    """Words with numbers written as digits (runs of number words joined), abbreviations expanded."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run and not (len(run) == 1 and run[0] in ("o", "oh", "double", "triple")):
            digits = _group_value(run)
            if digits:
                out.append(digits)
        elif run:
            out.extend(run)
        run.clear()

    for tok in _word_tokens(text):
        if tok in ",;!?.":
            flush()
            out.append("|")
            continue
        if tok in _NUMBER_WORDS or (tok in ("o", "oh") and run):
            run.append(tok)
            continue
        flush()
        tok = STREET_TYPES.get(tok) or _UNIT_WORDS.get(tok) or _DIRECTIONS.get(tok) or tok
        out.append(tok)
    flush()
    # digits split by spaces or dashes ("555 0134", "14 25") read as one number; a comma or a
    # full stop ends a number ("apartment 4, 1425 Oak")
    merged: list[str] = []
    for tok in out:
        if tok.isdigit() and merged and merged[-1].isdigit() and len(merged[-1]) + len(tok) <= 11:
            merged[-1] += tok
        else:
            merged.append(tok)
    return [t for t in merged if t != "|"]


@dataclass(frozen=True, slots=True)
class AddressParts:
    number: str
    street: tuple[str, ...]  # the street's own name words ("oak"), type and direction dropped
    unit: str


def address_parts(text: str) -> AddressParts:
    toks = spoken_tokens(text)
    numbers = [
        i for i, t in enumerate(toks) if t.isdigit() and t != "911" and not (i and toks[i - 1] in _UNIT_WORDS.values())
    ]
    # the house number is the one a street name follows ("911, I show you at 1425 Oak Street")
    named = [i for i in numbers if i + 1 < len(toks) and not toks[i + 1].isdigit() and toks[i + 1] not in _FILLER]
    number = toks[(named or numbers)[0]] if numbers else ""
    unit = ""
    for i, t in enumerate(toks[:-1]):  # the first "apartment 4", "suite 300", "unit b"
        nxt = toks[i + 1]
        if t in _UNIT_WORDS.values() and t != "floor" and (any(c.isdigit() for c in nxt) or len(nxt) == 1):
            unit = nxt
            break
    street: list[str] = []
    if number:
        after = toks[toks.index(number) + 1 :]
        for t in after:
            if t in STREET_TYPES.values() or t in _UNIT_WORDS.values() or t.isdigit() and street:
                break
            if t not in _DIRECTIONS.values() and t not in _FILLER:
                street.append(t)
    return AddressParts(number, tuple(street[:3]), unit)


def _same_word(a: str, b: str) -> bool:
    return a == b or (len(a) > 3 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.8)


def _numbers(toks: list[str]) -> set[str]:
    """House, unit, highway and ordinal street numbers (not "911", not a phone number said in the same line)."""
    return {t for t in toks if (t.isdigit() and t != "911" and len(t) < 7) or re.fullmatch(r"ord\d+", t)}


def _street_names(toks: list[str]) -> list[str]:
    """The words naming a street: the word before "Street", "Road"... ("oak" in "1425 Oak St")."""
    out = []
    for i, t in enumerate(toks):
        if (
            t in STREET_TYPES.values()
            and i
            and toks[i - 1].isalpha()
            and toks[i - 1] not in _FILLER
            and toks[i - 1] not in STREET_TYPES.values()
        ):
            out.append(toks[i - 1])
    return out


# What kind of place a named place is: people drop it ("Roosevelt High" for Roosevelt High School)
# the way they drop "Street", so a read-back without it still names the place.
PLACE_KINDS = frozenset(
    "school hospital center centre building mall park church station college university academy plaza "
    "apartments complex hotel motel store market library office offices tower towers".split()
)


def _name_words(toks: list[str]) -> list[str]:
    skip = set(STREET_TYPES.values()) | set(_UNIT_WORDS.values()) | set(_DIRECTIONS.values()) | _FILLER
    words = [t for t in toks if t.isalpha() and len(t) > 1 and t not in skip and not t.startswith("ord")]
    named = [t for t in words if t not in PLACE_KINDS]
    return named or words


def check_address(said: str, truth: str) -> Verdict:
    """Does a read-back of the address match the truth? Correct when every number and name of the
    address is in it; wrong when it has a number the address does not have or names another street."""
    st, tt = spoken_tokens(said), spoken_tokens(truth.split(",")[0]) + spoken_tokens(truth)
    sn, tn = _numbers(st), _numbers(tt)
    words = [w for w in st if not w.isdigit()]
    names = _name_words(spoken_tokens(truth.split(",")[0]))
    if (sn or names) and tn <= sn and all(any(_same_word(w, x) for w in words) for x in names):
        return "correct"  # the whole address is in it (other places said beside it do not matter)
    if sn - tn:
        return "wrong"
    said_streets, true_streets = _street_names(st), _street_names(tt)
    if sn and said_streets and true_streets and not any(_same_word(a, b) for a in said_streets for b in true_streets):
        return "wrong"
    return "incomplete"


def phone_digits(text: str) -> str:
    """The longest run of digits in the line, spoken or written."""
    runs = [t for t in spoken_tokens(re.sub(r"[,;]", " ", text)) if t.isdigit()]  # "five five five, oh one..."
    return max(runs, key=len, default="")


def check_phone(said: str, truth: str) -> Verdict:
    s, t = phone_digits(said), re.sub(r"\D", "", truth)
    if len(s) < 4:
        return "incomplete"
    if s == t or (len(s) >= 7 and (t.endswith(s) or s.endswith(t))):
        return "correct"
    if len(s) < 7 and t.endswith(s):
        return "incomplete"  # the last digits only ("oh one three four?"): right, but not the number
    return "wrong"


def reads_back(slot: str, said: str, truth: str) -> bool:
    """The line reads back some of the address or number (a digit, or a word of the street's
    name), rather than asking to hear it again ("can you repeat the address?")."""
    if not slot.startswith("address"):
        return bool(phone_digits(said))
    st = spoken_tokens(said)
    names = _name_words(spoken_tokens(truth.split(",")[0]))
    return bool(_numbers(st)) or any(_same_word(w, x) for w in st for x in names)


def check(slot: str, said: str, truth: str) -> Verdict:
    """`slot` is "address_confirm" or "callback_confirm" (the director's slot names)."""
    return check_address(said, truth) if slot.startswith("address") else check_phone(said, truth)


# ----------------------------------------------------------------- the correction
_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def _two(n: int) -> str:
    if n < 10:
        return _ONES[n]
    if n < 20:
        return next(k for k, v in TEENS.items() if v == n)
    tens = next(k for k, v in TENS.items() if v == n - n % 10)
    return tens + (f"-{_ONES[n % 10]}" if n % 10 else "")


def say_house_number(digits: str) -> list[str]:
    """How a caller says a house number, in chunks: "1425" -> ["fourteen", "twenty-five"]."""
    if len(digits) == 4 and digits[2] != "0":
        return [_two(int(digits[:2])), _two(int(digits[2:]))]
    if len(digits) == 3 and digits[1] != "0":
        return [_ONES[int(digits[0])], _two(int(digits[1:]))]
    return [_ONES[int(d)] for d in digits]


def correction(slot: str, said: str, truth: str) -> str:
    """The caller's in-character correction of a wrong read-back, stressing what was wrong."""
    if slot.startswith("address"):
        t, s = address_parts(truth), address_parts(said)
        if s.number and t.number and s.number != t.number:
            chunks = say_house_number(t.number)
            theirs = say_house_number(s.number)
            stressed = [c.upper() if i >= len(theirs) or theirs[i] != c else c for i, c in enumerate(chunks)]
            spoken = " ".join(stressed)
            return f"No! {spoken[0].upper()}{spoken[1:]}! It's {truth}!"
        return f"No, no! That's not it! It's {truth}!"
    t_digits, s_digits = re.sub(r"\D", "", truth), phone_digits(said)
    wrong_at = next(
        (i for i, (a, b) in enumerate(zip(t_digits, s_digits)) if a != b), min(len(s_digits), len(t_digits))
    )
    words = [_ONES[int(d)] for d in t_digits]
    tail = " ".join(w.upper() for w in words[wrong_at:]) or " ".join(words)
    return f"No, that's wrong! It's {truth}. ...{tail}!"
