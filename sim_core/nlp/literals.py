"""Required-literal extraction for regex prefiltering.

``required_literals(pattern)`` returns a tuple of strings such that any match of
the (case-sensitive) pattern contains at least one of them, or None when no
such guarantee can be derived. Checking ``lit in text`` for a handful of
literals is far cheaper than running an un-anchored alternation, so the act
classifier skips a regex whose literals are all absent. The analysis is
conservative: whenever it is unsure it returns None (always run the regex).

The pattern is read by ``_Reader`` below, which knows the part of Python's regex
syntax the act rules use (literals, escapes, classes, groups, lookarounds,
alternation, quantifiers) and refuses anything else (inline flags, back
references, unknown escapes) with None. Python's own parser is private
(``re._parser``) and no maintained library reads Python's dialect with its
lookbehinds and ``\\b``; the reader is small because it only has to find
literals, never to match.
"""

from __future__ import annotations

import re

# A parsed pattern: ("lit", char) | ("class", chars or None) | ("zero",) for what consumes
# no text (anchors, \b, lookarounds) | ("group", alternatives) | ("repeat", low, item).
Node = tuple
_DIGITS = tuple("0123456789")
_ESCAPED_CLASSES = {"d": _DIGITS, "D": None, "w": None, "W": None, "s": None, "S": None}
_ESCAPED_CHARS = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_ZERO_ESCAPES = frozenset("bBAZ")
_QUANTIFIER = re.compile(r"\*|\+|\?|\{(\d*)(?:(,)(\d*))?\}")


class Unreadable(ValueError):
    """A construct the reader does not know: no literal guarantee is derived."""


class _Reader:
    def __init__(self, pattern: str) -> None:
        self.p, self.i = pattern, 0

    def parse(self) -> Node:
        node = self._alternatives()
        if self.i != len(self.p):
            raise Unreadable(f"unbalanced ')' at {self.i}")
        return node

    def _alternatives(self) -> Node:
        alts = [self._sequence()]
        while self.i < len(self.p) and self.p[self.i] == "|":
            self.i += 1
            alts.append(self._sequence())
        return ("group", alts)

    def _sequence(self) -> list[Node]:
        items: list[Node] = []
        while self.i < len(self.p) and self.p[self.i] not in "|)":
            atom = self._atom()
            m = _QUANTIFIER.match(self.p, self.i)
            if m and (m.group(0)[0] != "{" or m.group(1) or m.group(3)):
                self.i = m.end()
                if self.i < len(self.p) and self.p[self.i] in "?+":  # lazy or possessive
                    self.i += 1
                text = m.group(0)
                low = 1 if text == "+" else 0 if text in "*?" else int(m.group(1) or 0)
                if atom[0] == "zero":
                    raise Unreadable("a repeated zero-width item")
                atom = ("repeat", low, atom)
            items.append(atom)
        return items

    def _atom(self) -> Node:
        c = self.p[self.i]
        self.i += 1
        if c == "\\":
            return self._escape()
        if c == "[":
            return self._class()
        if c == "(":
            return self._group()
        if c == ".":
            return ("class", None)
        if c in "^$":
            return ("zero",)
        if c in "*+?":
            raise Unreadable(f"nothing to repeat at {self.i - 1}")
        return ("lit", c)

    def _escape(self) -> Node:
        if self.i >= len(self.p):
            raise Unreadable("a trailing backslash")
        c = self.p[self.i]
        self.i += 1
        if c in _ZERO_ESCAPES:
            return ("zero",)
        if c in _ESCAPED_CLASSES:
            return ("class", _ESCAPED_CLASSES[c])
        if c in _ESCAPED_CHARS:
            return ("lit", _ESCAPED_CHARS[c])
        if c.isalnum():
            raise Unreadable(f"escape \\{c}")
        return ("lit", c)

    def _group(self) -> Node:
        zero = False
        if self.p.startswith("?", self.i):
            head = self.p[self.i : self.i + 4]
            if head.startswith(("?:", "?>")):
                self.i += 2
            elif head.startswith(("?=", "?!")):
                self.i, zero = self.i + 2, True
            elif head.startswith(("?<=", "?<!")):
                self.i, zero = self.i + 3, True
            elif head.startswith("?P<"):
                end = self.p.find(">", self.i)
                if end < 0:
                    raise Unreadable("an unclosed group name")
                self.i = end + 1
            else:
                raise Unreadable(f"group {head!r}")  # inline flags, back references, comments
        node = self._alternatives()
        if self.i >= len(self.p) or self.p[self.i] != ")":
            raise Unreadable("an unclosed group")
        self.i += 1
        return ("zero",) if zero else node

    def _class(self) -> Node:
        negated = self.p.startswith("^", self.i)
        self.i += negated
        chars: list[str] | None = []
        first = True
        while True:
            if self.i >= len(self.p):
                raise Unreadable("an unclosed class")
            c = self.p[self.i]
            self.i += 1
            if c == "]" and not first:
                break
            first = False
            if c == "\\":
                esc = self._escape()
                if esc[0] == "lit":
                    c = esc[1]
                else:
                    chars = None if esc[0] != "class" or esc[1] is None or chars is None else chars + list(esc[1])
                    continue
            if self.p.startswith("-", self.i) and self.i + 1 < len(self.p) and self.p[self.i + 1] != "]":
                hi = self.p[self.i + 1]
                self.i += 2
                if hi == "\\":
                    raise Unreadable("an escaped range end")
                if chars is not None:
                    chars = chars + [chr(x) for x in range(ord(c), ord(hi) + 1)] if ord(hi) - ord(c) < 12 else None
                continue
            if chars is not None:
                chars.append(c)
        if negated or not chars:
            return ("class", None)
        return ("class", tuple(sorted(set(chars))))


_COMMON = frozenset(" ,.-'?!\n\t")


# Very frequent in English text, so a poor filter despite their length.
_FREQUENT = frozenset(
    {
        "you",
        "the",
        "you ",
        " you",
        " you ",
        " your ",
        "and",
        "ing",
        "her",
        "his",
        "is ",
        "at ",
        " or ",
        " on ",
        "any",
        "ere ",
        "by ",
        " did ",
        "are you",
        "is it",
        "is that",
        "is there",
    }
)


def _score(cands: tuple[str, ...]) -> float:
    if any(c in _COMMON for c in cands):
        return -100.0  # a gate on a space or punctuation filters nothing
    score = min(len(c) for c in cands) - 0.2 * len(cands)
    if any((len(c) <= 2 and c.isalpha()) or c in _FREQUENT for c in cands):
        score -= 6.0  # two letters ("st", "th") or a stop word occur in almost every utterance
    return score


def _seq(items: list[Node]) -> tuple[str, ...] | None:
    """The best literal set one of which every match of the sequence `items` contains."""
    best: tuple[str, ...] | None = None
    run: list[str] = []

    def consider(cands: tuple[str, ...] | None) -> None:
        nonlocal best
        if not cands or any(not c for c in cands):
            return
        if best is None or _score(cands) > _score(best):
            best = cands

    for item in items:
        if item[0] == "lit":
            run.append(item[1])
            continue
        # any other item ends a literal run (zero-width ones too, conservatively)
        consider(("".join(run),) if run else None)
        run = []
        if item[0] == "group":
            consider(_alternatives(item[1]))
        elif item[0] == "repeat" and item[1] >= 1:
            consider(_seq([item[2]]))
        elif item[0] == "class":
            consider(item[1])
    consider(("".join(run),) if run else None)
    return best


def _alternatives(alts: list[list[Node]]) -> tuple[str, ...] | None:
    found = [_seq(alt) for alt in alts]
    if not all(found):
        return None
    return tuple(sorted({c for cands in found if cands for c in cands}))


def required_literals(pattern: str) -> tuple[str, ...] | None:
    try:
        tree = _Reader(pattern).parse()
    except Unreadable:
        return None
    return _alternatives(tree[1])


def _trie_regex(words: list[str]) -> str:
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if end else body

    return build(trie)


class LiteralIndex:
    """Which of many literals occur in a text, in one regex pass.

    A lookahead trie-regex reports, at every position, the longest literal that
    starts there; every literal that is a prefix of it also occurs, so the
    answer is exact (overlapping and nested literals included).
    """

    def __init__(self, literals: set[str] | frozenset[str]) -> None:
        lits = sorted(literals)
        self._rx = re.compile("(?=(" + _trie_regex(lits) + "))") if lits else None
        self._prefixes = {w: frozenset(x for x in lits if w.startswith(x)) for w in lits}

    def present(self, text: str) -> set[str]:
        out: set[str] = set()
        if self._rx is None:
            return out
        seen: set[str] = set()
        for m in self._rx.finditer(text):
            w = m.group(1)
            if w and w not in seen:
                seen.add(w)
                out |= self._prefixes[w]
        return out
