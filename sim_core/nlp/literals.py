"""Required-literal extraction for regex prefiltering.

``required_literals(pattern)`` returns a tuple of strings such that any match of
the (case-sensitive) pattern contains at least one of them, or None when no
such guarantee can be derived. Checking ``lit in text`` for a handful of
literals is far cheaper than running an un-anchored alternation, so the act
classifier skips a regex whose literals are all absent. The analysis is
conservative: whenever it is unsure it returns None (always run the regex).
"""
from __future__ import annotations

import re

try:  # CPython's regex parser; private, so degrade to "no prefilter" if it moves
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]
    _REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)}
    _ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT}
except (ImportError, AttributeError):  # pragma: no cover
    P = None


_COMMON = frozenset(" ,.-'?!\n\t")


# Very frequent in English text, so a poor filter despite their length.
_FREQUENT = frozenset({"you", "the", "you ", " you", " you ", " your ", "and", "ing", "her", "his", "is ", "at ", " or ",
                       " on ", "any", "ere ", "by ", " did ", "are you", "is it", "is that", "is there"})


def _score(cands: tuple[str, ...]) -> float:
    if any(c in _COMMON for c in cands):
        return -100.0  # a gate on a space or punctuation filters nothing
    score = min(len(c) for c in cands) - 0.2 * len(cands)
    if any((len(c) <= 2 and c.isalpha()) or c in _FREQUENT for c in cands):
        score -= 6.0  # two letters ("st", "th") or a stop word occur in almost every utterance
    return score


def _seq(items) -> tuple[str, ...] | None:
    best: tuple[str, ...] | None = None
    run: list[str] = []

    def consider(cands: tuple[str, ...] | None) -> None:
        nonlocal best
        if not cands or any(not c for c in cands):
            return
        if best is None or _score(cands) > _score(best):
            best = cands

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        consider(("".join(run),) if run else None)
        run = []
        if op is C.SUBPATTERN:
            consider(_seq(av[-1]))
        elif op is C.BRANCH:
            alts = [found for a in av[1] if (found := _seq(a))]
            if len(alts) == len(av[1]):
                consider(tuple(sorted({c for a in alts for c in a})))
        elif op in _REPEATS:
            lo, _hi, sub = av
            if lo >= 1:
                consider(_seq(sub))
        elif op is C.IN:
            consider(_charset(av))
        elif op in _ZERO_WIDTH:
            # Zero-width items never consume text; they neither add nor break runs' meaning,
            # but a literal run must not continue across them (conservative).
            continue
    consider(("".join(run),) if run else None)
    return best


def _charset(items) -> tuple[str, ...] | None:
    """Characters a one-character class can match, when small and explicit (\\d -> 0-9)."""
    chars: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            chars.append(chr(av))
        elif op is C.RANGE and av[1] - av[0] < 12:
            chars.extend(chr(c) for c in range(av[0], av[1] + 1))
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            chars.extend("0123456789")
        else:
            return None
    return tuple(sorted(set(chars))) or None


def required_literals(pattern: str) -> tuple[str, ...] | None:
    if P is None:  # pragma: no cover
        return None
    try:
        tree = P.parse(pattern)
    except Exception:  # pragma: no cover - patterns are validated by re.compile first
        return None
    return _seq(tree)


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
