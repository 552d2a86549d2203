"""Text as it may be stored and shown: control characters become spaces.

A NUL byte, a terminal escape or a bidi override in a line is replaced by a space,
never dropped with the line: PostgreSQL refuses NUL in text and JSON, so a line that
kept one would fail to save (and could hide itself from the transcript), and a bidi
override could make a stored line read differently from what was said. Newlines and
tabs are kept; every other character is kept as it is.
"""

from __future__ import annotations

import unicodedata
from typing import Any

_KEEP = frozenset("\n\t")
_CONTROL = frozenset(("Cc", "Cf", "Cs", "Co"))


def printable(text: object) -> str:
    s = str(text)
    if s.isprintable():  # the common case, checked in C
        return s
    return "".join(" " if ch not in _KEEP and unicodedata.category(ch) in _CONTROL else ch for ch in s)


def printable_data(value: Any) -> Any:
    """value with printable() applied to every string in it (dicts, lists, tuples)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable_data(k): printable_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(printable_data(v) for v in value)
    return value


__all__ = ["printable", "printable_data"]
