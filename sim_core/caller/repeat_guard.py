"""The caller never says the same sentence twice in one call.

`RepeatGuard` holds the normal form of every sentence the caller has said
(shared with the director's state, so it survives a resumed call) and picks,
from candidate lines, words not yet used: a fresh line whole, else the fresh
sentences of one, else (for a fact said before) the fact again in new words.
"""

from __future__ import annotations

import random

from . import lines as L
from .sentences import as_one_sentence, lower_first, sentence_keys, split_sentences, upper_first


class RepeatGuard:
    def __init__(self, said: list[str], forms: dict[str, str], proper: frozenset[str]) -> None:
        self.said = said  # the director state's list: every sentence spoken
        self.forms = forms
        self.proper = proper
        self._pending: set[str] = set()  # chosen this turn, not spoken yet

    def note_spoken(self, text: str) -> None:
        """What was said: the actor's words and the lines chosen for them (an actor that
        added "Oh God, " to a line has still used that line)."""
        for key in [*sentence_keys(text), *sorted(self._pending)]:
            if key not in self.said:
                self.said.append(key)
        self._pending.clear()

    def forget_pending(self) -> None:
        """The lines chosen this turn were not spoken after all (silence, hang-up)."""
        self._pending.clear()

    def is_fresh(self, text: str) -> bool:
        """No sentence of text said before; a line of no words (*tap tap*) can always be said."""
        if not text.strip():
            return False
        return not any(k in self.said or k in self._pending for k in sentence_keys(text))

    def take(self, text: str) -> str:
        self._pending.update(sentence_keys(text))
        return text

    def fresh(self, candidates: list[str], *, partial: bool = True) -> str | None:
        """The first candidate with no sentence said before in this call; else (partial) the
        first one that still has fresh sentences once the said ones are dropped."""
        for c in candidates:
            if self.is_fresh(c):
                return self.take(c)
        if partial:
            for c in candidates:
                kept = [s for s in split_sentences(c) if self.is_fresh(s)]
                if kept:
                    return self.take(upper_first(" ".join(kept)))
        return None

    def pick(self, tiers: list[list[str]] | list[str], rng: random.Random, *, ordered: bool = False) -> str | None:
        """A fresh line from a pool of templates (or tiers of pools, the first preferred),
        in random order within a tier unless ordered."""
        if tiers and isinstance(tiers[0], str):
            tiers = [tiers]
        for tier in tiers:
            lines = [L.fill(x, self.forms) for x in tier]
            if not ordered:
                rng.shuffle(lines)
            line = self.fresh(lines, partial=False)
            if line is not None:
                return line
        return None

    def say_again(self, bases: list[str], rng: random.Random, *, before: bool = True) -> str | None:
        """A fact in words not yet used. Said before: its other phrasings, then "like I said,
        ..."; never said: its phrasings, dropping any sentence already used."""
        if not before:
            line = self.fresh(bases)
            if line is not None:
                return line
        wraps = list(L.AGAIN)
        rng.shuffle(wraps)
        wrapped = [w.format(x=lower_first(as_one_sentence(b, self.proper), self.proper)) for b in bases for w in wraps]
        return self.fresh(bases + wrapped)
