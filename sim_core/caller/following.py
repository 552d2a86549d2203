"""How the caller follows what it is told: the scenario's own reply the first time,
then acknowledgements and progress lines that move on; an unsafe instruction is
refused; CPR steps for a patient who does not need CPR get a puzzled reply.
Part of the director (a mixin over its state, line pools and repeat guard)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import follow_lines as F
from . import lines as L
from .decision import Part
from .how_asked import asks_if_there_is
from .replies import QUIET_ACTS

if TYPE_CHECKING:
    import random

    from ..scenario.schema import Scenario
    from .repeat_guard import RepeatGuard
    from .state import DirectorState

UNSAFE_REFUSAL = "What? No... I'm not going near that! Isn't that dangerous?"


class InstructionFollowing:
    scenario: Scenario
    s: DirectorState
    guard: RepeatGuard
    _said: str

    if TYPE_CHECKING:  # provided by the Director

        def _rng(self, salt: str = "") -> random.Random: ...
        def _variants(self, line: str | dict[str, str]) -> list[str]: ...
        def fresh(self, candidates: list[str], *, partial: bool = True) -> str | None: ...
        def _from_pool(self, lines: list[list[str]] | list[str], salt: str) -> str | None: ...

    def _follow(self, act: str) -> Part | None:
        """The caller doing what it was told: the scenario's own reply the first time, then
        acknowledgements and progress lines that move on."""
        s, sc = self.s, self.scenario
        if self._asked_if_there_is(act):
            line = self._from_pool(L.pool(F.HAVE_IT[act], s.label), f"have-{act}")
            return Part("acknowledge", line, act=act) if line else None
        if act in F.CPR_ACTS and s.compressions and act in s.followed:
            line = self._cpr_progress()
            return Part("follow", line, act=act) if line else None
        own = sc.script.follows.get(act)
        if act == "unsafe_instruction":  # refused, never followed
            line = (
                (self.fresh(self._variants(own)) if own is not None else None)
                or self.fresh([UNSAFE_REFUSAL])
                or self._from_pool(L.pool(F.ACKS[act], s.label), act)
            )
            return Part("react", line, act=act) if line else None
        if own is not None and not F.fits_all(act, self._variants(own), self._said):
            own = None  # the scenario's reply speaks of something not asked
        line = self.fresh(self._variants(own)) if own is not None and act not in s.followed else None
        breathing = s.breathing or (sc.facts.patients[0].breathing if sc.facts.patients else None)
        if (
            line is None
            and act in F.CPR_ACTS
            and not s.compressions
            and not self._needs_cpr()
            and breathing in (None, "normal", "abnormal")
        ):
            line = self._from_pool(F.NO_CPR_PATIENT if breathing else F.NO_CPR_NOBODY, "no-cpr")
        if line is None and act not in QUIET_ACTS and (act.startswith(("instruct_", "unsafe_")) or own is not None):
            acks = F.acks(act, s.label, self._said)
            line = (self._from_pool(acks, act) if acks else None) or self._from_pool(L.pool(F.DOING, s.label), "doing")
        return Part("follow", line, act=act) if line else None

    def _cpr_said_before(self, act: str, under_way: bool) -> str | None:
        """A T-CPR step's own reply was said already: under way, the next progress line;
        before the first compression, a fresh acknowledgement of that step (never counting)."""
        if under_way:
            return self._cpr_progress()
        if act in ("instruct_cpr_position", "instruct_cpr_hands"):
            return self._from_pool(L.pool(F.ACKS[act], self.s.label), act)
        return self._from_pool(L.pool(F.DOING, self.s.label), "doing")

    def _cpr_progress(self) -> str | None:
        """Compressions under way: what a tiring rescuer says next, never said before."""
        return self.guard.pick(F.CPR_PROGRESS, self._rng("cpr"), ordered=True) or self.guard.fresh(
            [F.counting(self.s.turn)], partial=False
        )

    def _needs_cpr(self) -> bool:
        breathing = self.s.breathing or (
            self.scenario.facts.patients[0].breathing if self.scenario.facts.patients else "normal"
        )
        return self.scenario.protocol.cardiac_arrest or breathing in ("agonal", "none")

    def _asked_if_there_is(self, act: str) -> bool:
        """Asked only whether there is what the instruction would use: not told to do it yet."""
        return act in F.HAVE_IT and asks_if_there_is(self._said)
