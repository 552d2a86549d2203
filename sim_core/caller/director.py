"""The director owns the truth of the call.

Given what the trainee just did (acts from the NLP) and the time, it decides
what the caller does this turn: which facts it answers or withholds, which
instructions it follows, which scenario events fire, how its emotion moves.
It never chooses words beyond the scenario's own phrasing; the actor does.
Deterministic for a given scenario, seed and sequence of inputs.
"""
from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field
from typing import Any

from ..scenario.schema import SLOT_OF_ACT, Scenario, ScenarioEvent
from ..scenario.placeholders import resolve
from . import emotion as emo
from . import readback
from .tcpr import CPR_ACTS, TcprTracker, new_state as new_tcpr_state
from .truth import fallback_line, slot_truth

INJECTION_MARKERS = ("ignore your instructions", "ignore previous", "ignore all previous",
                     "you are now", "system prompt", "as an ai", "pretend you are",
                     "disregard your", "new instructions")
DEFLECTIONS = ("What? I don't understand what you're saying. Please, I need help here!",
               "What are you talking about? Please just help us!")
SILENT_LINE = "..."
WITHHELD = ("I... I don't want to say. Why does that matter?",
            "Can you just send someone? Please!")
UNSAFE_REFUSAL = "What? No... I'm not going near that! Isn't that dangerous?"
RUDE_ACTS = ("rude", "victim_blaming", "threaten_hangup")   # what a caller who hangs up on rudeness counts


@dataclass(slots=True)
class Part:
    """One thing the caller does in a turn."""
    kind: str                 # opening|answer|dont_know|withhold|wrong_info|correction|follow|react|event|filler|deflect|silent|hang_up|acknowledge
    line: str                 # the scripted phrasing for the current emotion
    slot: str | None = None
    act: str | None = None
    truth: str | None = None  # the fact the actor may state in this part


@dataclass(slots=True)
class Decision:
    parts: list[Part]
    emotion: str
    emotion_level: float
    emotion_changed: bool = False
    revealed: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    caller_action: str | None = None
    hang_up: bool = False

    @property
    def scripted_text(self) -> str:
        return " ".join(p.line for p in self.parts if p.line).strip()


@dataclass
class DirectorState:
    seed: int = 0
    turn: int = 0
    level: float = 0.5
    label: str = "anxious"
    asked: dict[str, int] = field(default_factory=dict)
    answered: list[str] = field(default_factory=list)
    said_dont_know: list[str] = field(default_factory=list)
    fired: list[str] = field(default_factory=list)
    acts_seen: list[str] = field(default_factory=list)
    lines: dict[str, str] = field(default_factory=dict)      # slot answers changed by events
    breathing: str | None = None
    conscious: bool | None = None
    followed: list[str] = field(default_factory=list)
    compressions: bool = False
    rude: int = 0
    calmed: bool = False
    wrong_address_given: bool = False
    last_trainee_t: float = 0.0
    hung_up: bool = False
    tcpr: dict[str, Any] = field(default_factory=new_tcpr_state)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "DirectorState":
        return cls(**raw)


class Director:
    def __init__(self, scenario: Scenario, *, seed: int = 0, state: DirectorState | None = None):
        self.scenario = resolve(scenario)     # {address}, {callback}... as the caller says them
        base = scenario.caller.baseline_emotion
        self.s = state or DirectorState(seed=seed, level=emo.BASELINE_LEVEL[base])
        self._whisper = scenario.has("whisper")
        self._hostile = base.value == "angry"
        self._said = ""
        if state is None:
            self.s.label = self._label()

    # ----------------------------------------------------------------- helpers
    def _rng(self) -> random.Random:
        return random.Random(f"{self.s.seed}:{self.s.turn}")

    def _label(self) -> str:
        return emo.label_for(self.s.level, whisper=self._whisper, hostile=self._hostile)

    def _move(self, delta: float) -> None:
        level = emo.clamp(self.s.level + delta)
        if self.scenario.has("hysterical_until_calmed") and not self.s.calmed:
            level = max(level, emo.HYSTERICAL_FLOOR)
        self.s.level = level

    def phrase(self, line: str | dict[str, str]) -> str:
        if isinstance(line, str):
            return line
        return line.get(self.s.label) or line["default"]

    def _answer_line(self, slot: str) -> str | None:
        if slot in self.s.lines:
            return self.s.lines[slot]
        line = self.scenario.script.answers.get(slot)
        if line is not None:
            return self.phrase(line)
        return fallback_line(self.scenario, slot)

    def _truth(self, slot: str) -> str | None:
        if slot == "breathing" and self.s.breathing:
            return f"now {self.s.breathing}"
        return slot_truth(self.scenario, slot)

    # ------------------------------------------------------------------- turns
    def opening(self) -> Decision:
        line = self._rng().choice(self.scenario.script.opening)
        self.s.turn += 1
        return Decision([Part("opening", line, truth=self.scenario.facts.chief_complaint)],
                        self.s.label, self.s.level)

    def respond(self, acts: tuple[str, ...], text: str, t: float) -> Decision:
        """The caller's reaction to one trainee utterance at offset t (from answer)."""
        s, sc = self.s, self.scenario
        before = s.label
        rng = self._rng()
        s.turn += 1
        parts: list[Part] = []
        revealed: list[str] = []
        action = None

        if t - s.last_trainee_t > emo.SILENCE_S and s.last_trainee_t > 0:
            self._move(emo.LONG_SILENCE)
        s.last_trainee_t = t
        if any(a in ("calm_control", "reassure") for a in acts):
            s.calmed = True
        for act in acts:
            self._move(emo.ACT_EFFECT.get(act, 0.0))
        if any(a in RUDE_ACTS for a in acts):
            s.rude += 1
        self._said = text

        lowered = text.lower()
        if any(m in lowered for m in INJECTION_MARKERS):
            parts.append(Part("deflect", rng.choice(DEFLECTIONS)))

        for act in acts:
            slot = SLOT_OF_ACT.get(act)
            if slot is None:
                continue
            n = s.asked.get(slot, 0) + 1
            s.asked[slot] = n
            if slot in s.answered and slot not in ("address_confirm", "callback_confirm"):
                self._move(emo.REPEATED_QUESTION)
            parts.append(self._answer(slot, n, rng, revealed))

        cpr = self._needs_cpr()
        if cpr:   # T-CPR: each step its own reply; compressions start once hands and push were given
            replies, started = TcprTracker(sc, s.tcpr).on_turn(acts, t, rng)
            parts.extend(Part(r.kind, r.line, act=r.act) for r in replies)
            if started and not s.compressions:
                s.compressions, action = True, "compressions_started"
        for act in acts:
            follow = sc.script.follows.get(act)
            if act == "unsafe_instruction" and follow is None:
                follow = UNSAFE_REFUSAL
            if follow is not None and not (cpr and act in CPR_ACTS):
                # an unsafe instruction is refused, never followed
                parts.append(Part("react" if act == "unsafe_instruction" else "follow", self.phrase(follow), act=act))
            if act.startswith("instruct_") and act not in s.followed:
                s.followed.append(act)
        s.acts_seen.extend(a for a in acts if a not in s.acts_seen)

        events = self._due_events(t, acts)
        for ev in events:
            parts.append(self._fire(ev))

        hang = self._hang_up_due(t)
        if hang or (self._silent_now(t) and not s.calmed):
            # nothing the caller "said" this turn reached the trainee
            for slot in revealed:
                s.answered.remove(slot)
            if action == "compressions_started":
                s.compressions = False
                s.tcpr["started_at"] = None
            revealed, action = [], None
            parts = [Part("hang_up", sc.script.hang_up) if hang else Part("silent", SILENT_LINE)]
        elif not parts:
            if any(a in acts for a in ("dispatch_notice", "reassure", "calm_control")):
                parts.append(Part("acknowledge", "Okay... okay. Please hurry."))
            else:
                parts.append(Part("filler", rng.choice(sc.script.fillers)))
        s.label = self._label()
        return Decision(parts, s.label, round(s.level, 3), s.label != before,
                        revealed, [e.id for e in events], action, hang)

    def tick(self, t: float) -> Decision | None:
        """Time passing with no trainee speech: timed events, hanging up on silence."""
        s = self.s
        if s.hung_up:
            return None
        before = s.label
        events = self._due_events(t, ())
        hang = self._hang_up_due(t)
        if not events and not hang:
            return None
        s.turn += 1
        parts = [self._fire(ev) for ev in events]
        if hang:
            parts = [Part("hang_up", self.scenario.script.hang_up)]
        s.label = self._label()
        return Decision(parts, s.label, round(s.level, 3), s.label != before, [],
                        [e.id for e in events], None, hang)

    # ------------------------------------------------------------ decisions
    def _answer(self, slot: str, n: int, rng: random.Random, revealed: list[str]) -> Part:
        s, sc = self.s, self.scenario
        if slot in sc.facts.unknown:
            if slot not in s.said_dont_know:
                s.said_dont_know.append(slot)
            return Part("dont_know", rng.choice(sc.script.i_dont_know), slot=slot)
        hold = next((b for b in sc.behaviours if b.kind == "withhold" and b.slot == slot), None)
        if hold is not None and n < hold.times:
            return Part("withhold", rng.choice(WITHHELD), slot=slot)
        wrong = sc.behaviour("wrong_address_first")
        if wrong and slot == "address" and not s.wrong_address_given:
            s.wrong_address_given = True
            return Part("wrong_info", f"It's {wrong.wrong_address}.", slot=slot,
                        truth=wrong.wrong_address)
        if wrong and slot == "address_confirm" and s.wrong_address_given and "address" not in s.answered:
            slot = "address"
            line = f"Wait, no, sorry! It's {sc.location.full}. I'm so confused."
        elif slot in ("address_confirm", "callback_confirm") and self._readback_wrong(slot):
            truth = slot_truth(sc, slot) if slot == "callback_confirm" else sc.location.full
            self._move(emo.REPEATED_QUESTION)
            return Part("correction", readback.correction(slot, self._said, truth or ""), slot=slot, truth=truth)
        else:
            line = self._answer_line(slot)
        if line is None:
            if slot not in s.said_dont_know:
                s.said_dont_know.append(slot)
            return Part("dont_know", rng.choice(sc.script.i_dont_know), slot=slot)
        if slot not in s.answered:
            s.answered.append(slot)
            revealed.append(slot)
        return Part("answer", line, slot=slot, truth=self._truth(slot))

    def _readback_wrong(self, slot: str) -> bool:
        truth = self.scenario.callback if slot == "callback_confirm" else self.scenario.location.full
        return readback.check(slot, getattr(self, "_said", ""), truth) == "wrong"

    def _needs_cpr(self) -> bool:
        breathing = self.s.breathing or (self.scenario.facts.patients[0].breathing
                                         if self.scenario.facts.patients else "normal")
        return self.scenario.protocol.cardiac_arrest or breathing in ("agonal", "none")

    def _due_events(self, t: float, acts: tuple[str, ...]) -> list[ScenarioEvent]:
        due = []
        for ev in self.scenario.events:
            if ev.id in self.s.fired:
                continue
            trig = ev.trigger
            if trig.unless_act and trig.unless_act in self.s.acts_seen:
                continue
            if trig.after_act and trig.after_act not in acts and trig.after_act not in self.s.acts_seen:
                continue
            if trig.at_s is not None and t < trig.at_s:
                continue
            due.append(ev)
        return due

    def _fire(self, ev: ScenarioEvent) -> Part:
        s = self.s
        s.fired.append(ev.id)
        self._move(ev.emotion_delta)
        if ev.set_breathing:
            s.breathing = ev.set_breathing
        if ev.set_conscious is not None:
            s.conscious = ev.set_conscious
        s.lines.update(ev.lines)
        return Part("event", ev.say, truth=ev.say)

    def _hang_up_due(self, t: float) -> bool:
        s, sc = self.s, self.scenario
        rude = sc.behaviour("hang_up_if_rude")
        silent = sc.behaviour("hang_up_if_silent")
        if rude and s.rude >= rude.rude_count:
            s.hung_up = True
        elif silent and t - s.last_trainee_t >= silent.silence_s:
            s.hung_up = True
        return s.hung_up

    def _silent_now(self, t: float) -> bool:
        b = self.scenario.behaviour("go_silent")
        if b is None or b.after_s is None:
            return False
        end = b.after_s + (b.duration_s or 10.0)
        return b.after_s <= t < end
