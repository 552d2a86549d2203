"""The caller's replies that are not facts: what it says when nothing was asked
(a check-in, a question it cannot read, a statement), when it does not know,
and when it cuts into a long line. Part of the director (a mixin over its state,
line pools and repeat guard)."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from . import emotion as emo
from . import follow_lines as F
from . import lines as L
from .behaviours import talks_over
from .decision import Decision, Part
from .how_asked import check_in, question_like, repeat_request
from .reasoning import adult_answer, asks_for_adult, child_caller, reasoned_answer, signal_ack, signal_setup
from .truth import declared_unknown, knows_patient

if TYPE_CHECKING:
    from ..scenario.schema import Scenario
    from .repeat_guard import RepeatGuard
    from .state import DirectorState

SILENT_LINE = "..."
QUIET_ACTS = ("reassure", "calm_control", "dispatch_notice")  # acknowledged only when nothing else is said


class CallerReplies:
    scenario: Scenario
    s: DirectorState
    guard: RepeatGuard
    forms: dict[str, str]
    _hostile: bool

    if TYPE_CHECKING:  # provided by the Director

        def _rng(self, salt: str = "") -> random.Random: ...
        def _move(self, delta: float) -> None: ...
        def fresh(self, candidates: list[str], *, partial: bool = True) -> str | None: ...
        def _from_pool(self, lines: list[list[str]] | list[str], salt: str) -> str | None: ...
        def _say_again(self, bases: list[str], before: bool = True) -> str | None: ...
        def patient_now(self) -> dict[str, Any]: ...

    def cut_in(self, partial: str) -> Decision | None:
        """While the trainee is still speaking (live voice, partial words): a caller who talks
        over cuts into a long instruction now, once per utterance."""
        s = self.s
        if s.hung_up or s.cut_in_turn == s.turn + 1 or not talks_over(self.scenario, s.label, partial):
            return None
        line = self._interrupt()
        if not line:
            return None
        s.cut_in_turn = s.turn + 1  # the turn this utterance will be answered in
        return Decision([Part("interrupt", line)], s.label, round(s.level, 3), talk_over=True)

    def _interrupt(self) -> str | None:
        pool = L.HOSTILE_INTERRUPT if self._hostile else L.INTERRUPT[L.band(self.s.label)]
        return self._from_pool(pool, "interrupt")

    def _nothing_asked(self, acts: tuple[str, ...], text: str) -> Part:
        """Nothing in the line called for an answer or an action."""
        label = self.s.label
        understood = [a for a in acts if a != "other"]
        if repeat_request(text) and self.s.last_line:  # "say that again?" after no fact
            line = self._say_again([self.s.last_line])
            if line:
                return Part("acknowledge", line)
        signal = signal_setup(text) if self.scenario.has("whisper") else None
        if signal is not None:  # "if you can't talk, tap the phone": acknowledged that way
            self.s.signal = signal
            line = self.fresh(list(signal_ack(self.scenario, signal)), partial=False)
            if line:
                return Part("acknowledge", line)
        if check_in(text):
            line = self._from_pool(L.pool(L.CONFIRM, label), "confirm")
            if line:
                return Part("acknowledge", line)
        reasoned = self._reasoned(text)
        if reasoned is not None:
            return reasoned
        if not understood and question_like(text):
            self._move(emo.NOT_UNDERSTOOD)
            line = self._from_pool(L.pool(L.CLARIFY, label), "clarify")
            if line:
                return Part("clarify", line)
        for act in QUIET_ACTS:
            if act in acts:
                line = self._from_pool(L.pool(F.ACKS[act], label), act)
                if line:
                    return Part("acknowledge", line, act=act)
        line = self._from_pool(L.pool(L.STATEMENT_ACKS, label), "ack")
        rng = self._rng("filler")
        if line and rng.random() < 0.3 and L.band(label) != L.HUSHED:
            extra = self.fresh(
                [f for f in rng.sample(self.scenario.script.fillers, len(self.scenario.script.fillers))], partial=False
            )
            line = f"{line} {extra}" if extra else line
        if line:
            return Part("acknowledge", line)
        return Part("filler", self.fresh(list(self.scenario.script.fillers)) or SILENT_LINE)

    def _reasoned(self, text: str) -> Part | None:
        """A clear question the script has no answer for, answered from what the caller can see
        or know; a child asked for a grown-up says who is there (`reasoning`)."""
        sc, now = self.scenario, self.patient_now()
        if sc.caller.language != "en":
            return None  # reasoned answers are English; a caller of another language has her own lines
        if child_caller(sc) and asks_for_adult(text):
            r = adult_answer(sc, now, self.forms)
        else:
            found = reasoned_answer(sc, text, now, self.forms)
            if found is None:
                return None
            r = found
        line = self.fresh(list(r.lines), partial=False) or (self._say_again(list(r.lines)) if r.truth else None)
        if line is None:
            return None
        return Part("answer" if r.truth else "dont_know", line, truth=r.truth)

    def _dont_know(self, slot: str) -> Part:
        s, sc = self.s, self.scenario
        if slot not in s.said_dont_know:
            s.said_dont_know.append(slot)
        third = sc.behaviour("unknown_answers") is not None and sc.caller.party == "third"
        look = slot == "medications" and knows_patient(sc) and not declared_unknown(sc, slot)
        own = L.WOULD_HAVE_TO_LOOK["first" if sc.caller.party == "first" else "other"] if look else []
        pool = (
            ([L.fill(x, self.forms) for x in L.THIRD_PARTY_DONT_KNOW] if third else [])
            + [L.fill(x, self.forms) for x in own]
            + list(sc.script.i_dont_know)
            + list(L.DONT_KNOW)
        )
        line = self.fresh(pool, partial=False) or self._say_again(list(sc.script.i_dont_know)) or "I don't know."
        known = declared_unknown(sc, slot)
        return Part("dont_know", line, slot=slot, truth="the caller does not know this" if known else None)
