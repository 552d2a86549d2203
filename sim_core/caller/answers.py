"""How the caller answers a question for a fact: the scenario's phrasing (or the fact
in plain words), said again in other words when asked again, held back by a
withholding caller, a wrong address first, a wrong read-back corrected, "I don't
know" for what the caller does not know. Part of the director (a mixin over its
state, line pools and repeat guard); every fact first given is marked revealed."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import emotion as emo
from . import lines as L
from . import readback
from .asking import OTHER_NAME, patient_named
from .behaviours import withheld
from .decision import Part
from .how_asked import hear_again
from .truth import declared_unknown, fallback_line, slot_truth

if TYPE_CHECKING:
    import random

    from ..scenario.schema import Detail, Scenario
    from .repeat_guard import RepeatGuard
    from .state import DirectorState

PLAIN_FACT_SLOTS = ("address", "address_confirm", "callback", "callback_confirm", "age", "name")
# "How old are you?" to a caller who is not the patient asks the caller's own age.
CALLER_AGE = re.compile(r"\bhow old are you\b|\byour age\b|\bwhat age are you\b", re.I)


class FactAnswers:
    scenario: Scenario
    s: DirectorState
    guard: RepeatGuard
    forms: dict[str, str]
    _said: str

    if TYPE_CHECKING:  # provided by the Director

        def _rng(self, salt: str = "") -> random.Random: ...
        def _move(self, delta: float) -> None: ...
        def _variants(self, line: str | dict[str, str]) -> list[str]: ...
        def phrase(self, line: str | dict[str, str]) -> str: ...
        def fresh(self, candidates: list[str], *, partial: bool = True) -> str | None: ...
        def _from_pool(self, lines: list[list[str]] | list[str], salt: str) -> str | None: ...
        def _say_again(self, bases: list[str], before: bool = True) -> str | None: ...
        def _dont_know(self, slot: str) -> Part: ...

    def _readback_truth(self, slot: str) -> str:
        return self.scenario.callback if slot == "callback_confirm" else self.scenario.location.full

    def _readback_wrong(self, slot: str) -> bool:
        return readback.check(slot, self._said, self._readback_truth(slot)) == "wrong"

    def _reads_back(self, slot: str) -> bool:
        return readback.reads_back(slot, self._said, self._readback_truth(slot))

    def _how_now(self) -> Part | None:
        """How the patient is now: the last thing that happened, said again, or (nothing has)
        about the same, as the breathing stands."""
        s, sc = self.s, self.scenario
        if not sc.facts.patients or sc.caller.party == "first":  # asked of someone else's patient
            return None
        last = next((ev for ev in reversed(sc.events) if ev.id == (s.fired[-1] if s.fired else None)), None)
        if last is not None:
            line = self._say_again([last.say])
        else:
            bases = self._answer_lines("breathing")
            again = self._say_again(bases, before="breathing" in s.answered) if bases else None
            line = f"About the same. {again}" if again else None
        return Part("answer", line, truth=line) if line else None

    def _whose(self, slot: str) -> Part | None:
        """The name of someone other than the caller, or the age of a caller who is not the
        patient, when that is what the question asks (not a fact slot of its own)."""
        sc, said = self.scenario, self._said
        patient = sc.facts.patients[0] if sc.facts.patients else None
        caller_is_patient = sc.caller.party == "first"
        if slot == "age" and not caller_is_patient and CALLER_AGE.search(said):
            line = f"Me? I'm {sc.caller.age}." if sc.caller.age is not None else None
            return (
                Part("answer", self.fresh([line]) or self._say_again([line]) or line, slot=slot, truth=line)
                if line
                else None
            )
        m = OTHER_NAME.search(said) if slot == "name" else None
        if m is None:
            return None
        asked = (m.group(1) or "").lower()
        if patient is not None and patient_named(sc, said, self.forms):
            line = f"{self.forms['His']} name's {patient.name}."
        else:  # a named suspect is asked as the suspect (asking.asked_for): nobody the caller knows
            line = f"I don't know {asked or 'their'} name."
        return Part("answer", self.fresh([line]) or self._say_again([line]) or line, slot=slot, truth=line)

    def _answer(self, slot: str, how: str, revealed: list[str]) -> Part:
        s, sc = self.s, self.scenario
        whose = self._whose(slot) if slot in ("name", "age") else None
        if whose is not None:
            return whose
        if declared_unknown(sc, slot):
            return self._dont_know(slot)
        if withheld(sc, s, slot, how):
            pool = L.WITHHELD + (L.WITHHELD_AGAIN if s.asked.get(slot, 0) > 1 else [])
            return Part("withhold", self._from_pool(pool, "withhold") or "I don't want to say.", slot=slot)
        wrong = sc.behaviour("wrong_address_first")
        if wrong and slot == "address" and not s.wrong_address_given:
            s.wrong_address_given = True
            return Part(
                "wrong_info", self.guard.take(f"It's {wrong.wrong_address}."), slot=slot, truth=wrong.wrong_address
            )
        if wrong and slot == "address_confirm" and s.wrong_address_given and "address" not in s.answered:
            slot = "address"
            bases = [f"Wait, no, sorry! It's {sc.location.full}. I'm so confused."]
        elif slot in ("address_confirm", "callback_confirm") and hear_again(self._said) and not self._reads_back(slot):
            slot = slot.removesuffix("_confirm")  # "can you repeat the address?": the address again
            bases = self._answer_lines(slot)
        elif slot in ("address_confirm", "callback_confirm") and self._readback_wrong(slot):
            truth = slot_truth(sc, slot) if slot == "callback_confirm" else sc.location.full
            self._move(emo.REPEATED_QUESTION)
            line = readback.correction(slot, self._said, truth or "")
            return Part("correction", self.fresh([line]) or self._say_again([line]) or line, slot=slot, truth=truth)
        else:
            bases = self._answer_lines(slot)
        if not bases:
            return self._dont_know(slot)
        line = self._say_again(bases, before=slot in s.answered) or bases[0]
        if slot not in s.answered:
            s.answered.append(slot)
            revealed.append(slot)
        return Part("answer", line, slot=slot, truth=self._truth(slot))

    def _answer_lines(self, slot: str) -> list[str]:
        if slot in self.s.lines:
            return [self.s.lines[slot]]
        line = self.scenario.script.answers.get(slot)
        detail = next((d for d in self.scenario.facts.details if d.id == slot), None)
        out = self._variants(line) if line is not None else self._variants(detail.answer) if detail else []
        if not out or slot in PLAIN_FACT_SLOTS:
            # the fact in plain words: the answer when the script has none, and a second
            # phrasing for short facts ("Yes." -> "Yes, 555-0148.")
            fallback = fallback_line(self.scenario, slot, forms=self.forms)
            out += [fallback] if fallback and fallback not in out else []
        return out

    def _detail(self, d: Detail, revealed: list[str]) -> Part:
        bases = [self.s.lines[d.id]] if d.id in self.s.lines else self._variants(d.answer)
        line = self._say_again(bases, before=d.id in self.s.answered) or bases[0]
        if d.id not in self.s.answered:
            self.s.answered.append(d.id)
            revealed.append(d.id)
        truth = self.s.lines.get(d.id) or d.truth or self.phrase(d.answer)
        return Part("answer", line, slot=d.id, truth=truth)

    def _truth(self, slot: str) -> str | None:
        if slot in self.s.lines:
            return self.s.lines[slot]
        if slot == "breathing" and self.s.breathing:
            return f"now {self.s.breathing}"
        return slot_truth(self.scenario, slot)
