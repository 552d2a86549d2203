"""The director owns the truth of the call.

Given what the trainee just did (acts from the NLP, the words of the line) and
the time, it decides what the caller does this turn: which facts it answers or
withholds, which instructions it follows, which scenario events fire, how its
emotion moves. It picks words only from the scenario's phrasing and the
caller's line pools (`lines`), and never has the caller say a sentence it has
already said in this call. Deterministic for a given scenario, seed and inputs.
"""

from __future__ import annotations

import random
from typing import Any

from ..scenario.placeholders import resolve
from ..scenario.schema import Scenario, ScenarioEvent, acts_meaning
from . import emotion as emo
from . import lines as L
from .answers import FactAnswers
from .asking import asked_for
from .behaviours import hang_up_due, silent_now, talks_over
from .decision import Decision, Part
from .following import InstructionFollowing
from .how_asked import asks_how_now, manner, repeat_request
from .reasoning import in_signal, signal_ack, signal_setup, slot_yes, taps
from .repeat_guard import RepeatGuard
from .replies import QUIET_ACTS, SILENT_LINE, CallerReplies
from .sentences import echoes, scenario_names
from .state import DirectorState
from .tcpr import CPR_ACTS, TcprTracker

RUDE_ACTS = ("rude", "victim_blaming", "threaten_hangup")  # what a caller who hangs up on rudeness counts


class Director(FactAnswers, InstructionFollowing, CallerReplies):
    def __init__(self, scenario: Scenario, *, seed: int = 0, state: DirectorState | None = None):
        # {address}, {callback}... as the caller says them
        self.scenario = scenario = resolve(scenario)
        base = scenario.caller.baseline_emotion
        self._whisper = scenario.has("whisper")
        self._hostile = base.value == "angry"
        if state is None:
            state = DirectorState(
                seed=seed,
                level=emo.BASELINE_LEVEL[base],
                threat=scenario.facts.ongoing_threat or scenario.protocol.cardiac_arrest,
            )
            self.s = state
            self._move(0.0)
            self.s.label = self._label()
            self.s.reported_level = self.s.level
        else:
            self.s = state
        self._said = ""  # the trainee's last line (read-backs are checked on it)
        self.guard = RepeatGuard(self.s.said, L.pronouns(scenario), scenario_names(scenario))
        self.forms = self.guard.forms

    # ----------------------------------------------------------------- helpers
    def _rng(self, salt: str = "") -> random.Random:
        return random.Random(f"{self.s.seed}:{self.s.turn}:{salt}")

    def _label(self) -> str:
        return emo.label_for(self.s.level, whisper=self._whisper, hostile=self._hostile)

    def _move(self, delta: float) -> None:
        level = emo.clamp(self.s.level + delta)
        if self.scenario.has("hysterical_until_calmed") and not self.s.calmed:
            level = max(level, emo.HYSTERICAL_FLOOR)
        if self.s.threat:
            level = max(level, emo.THREAT_FLOOR)
        self.s.level = level

    def _changed(self, before: str) -> bool:
        """A new emotion label, or (for a caller whose label stays, e.g. whispering) a clear
        move in how upset the caller is: worth an emotion_changed event in the timeline."""
        s = self.s
        if s.label != before or abs(s.level - s.reported_level) >= emo.VISIBLE_MOVE:
            s.reported_level = s.level
            return True
        return False

    def phrase(self, line: str | dict[str, str]) -> str:
        if isinstance(line, str):
            return line
        return line.get(self.s.label) or line["default"]

    def _variants(self, line: str | dict[str, str]) -> list[str]:
        """The phrasing for the current emotion first, then the others."""
        if isinstance(line, str):
            return [line]
        first = self.phrase(line)
        return [first, *(v for v in line.values() if v != first)]

    def patient_now(self) -> dict[str, Any]:
        """The patient's breathing and consciousness as they stand now (events change them)."""
        p = self.scenario.facts.patients[0] if self.scenario.facts.patients else None
        return {
            "breathing": self.s.breathing or (p.breathing if p else None),
            "conscious": self.s.conscious if self.s.conscious is not None else (p.conscious if p else None),
        }

    def note_spoken(self, text: str) -> None:
        """Remember every sentence the caller actually said (whatever actor spoke it)."""
        self.guard.note_spoken(text)

    def fresh(self, candidates: list[str], *, partial: bool = True) -> str | None:
        return self.guard.fresh(candidates, partial=partial)

    def _from_pool(self, lines: list[list[str]] | list[str], salt: str) -> str | None:
        return self.guard.pick(lines, self._rng(salt))

    def _say_again(self, bases: list[str], before: bool = True) -> str | None:
        return self.guard.say_again(bases, self._rng("again"), before=before)

    # ------------------------------------------------------------------- turns
    def opening(self) -> Decision:
        line = self._rng().choice(self.scenario.script.opening)
        self.s.turn += 1
        return Decision(
            [Part("opening", self.guard.take(line), truth=self.scenario.facts.chief_complaint)],
            self.s.label,
            self.s.level,
        )

    def respond(self, acts: tuple[str, ...], text: str, t: float) -> Decision:
        """The caller's reaction to one trainee utterance at offset t (from answer)."""
        s, sc = self.s, self.scenario
        before = s.label
        s.turn += 1
        parts: list[Part] = []
        revealed: list[str] = []
        action = None

        if t - s.last_trainee_t > emo.SILENCE_S and s.last_trainee_t > 0:
            self._move(emo.LONG_SILENCE)
        s.last_trainee_t = t
        self._said = text
        signal = signal_setup(text) if self._whisper else None
        s.signal = signal or s.signal
        how = manner(text, acts)
        if how == "supportive":
            s.support_turn = s.turn
        if any(a in ("calm_control", "reassure") for a in acts):
            s.calmed = True
        if how != "pressured" and any(a.startswith("instruct_") and a not in RUDE_ACTS for a in acts):
            s.calmed = True  # a clear, calm instruction is taking control too
            if s.level >= emo.HYSTERICAL_FROM:
                self._move(emo.TASK_RELIEF)
        for act in acts:
            self._move(emo.ACT_EFFECT.get(act, 0.0))
        if any(a in RUDE_ACTS for a in acts):
            s.rude += 1
        elif how == "pressured":
            self._move(emo.PRESSURED)

        talk_over = talks_over(sc, s.label, text)
        if talk_over and s.cut_in_turn != s.turn:  # not already said over the live line
            self._add(parts, "interrupt", self._interrupt())
        if any(m in text.lower() for m in L.INJECTION_MARKERS):
            self._add(parts, "deflect", self.fresh(list(L.DEFLECTIONS)))
        for act in ("rude", "victim_blaming", "threaten_hangup"):
            if act in acts:
                pool = (
                    [L.HOSTILE_REACT, *L.pool(L.REACT[act], s.label)]
                    if self._hostile
                    else L.pool(L.REACT[act], s.label)
                )
                self._add(parts, "react", self._from_pool(pool, act), act=act)

        # What happened meanwhile (a timed event) is said first, and the answers that follow
        # tell the truth as it is now; an event this line's instruction brings about follows it.
        s.acts_seen.extend(a for a in acts if a not in s.acts_seen)
        events = [ev for ev in self._due_events(t, acts) if ev.trigger.after_act not in acts]
        event_parts = [self._fire(ev) for ev in events]
        parts += event_parts
        asked = asked_for(acts, text, sc)
        again = [] if asked.slots or asked.details or not repeat_request(text) else list(s.last_answered)
        for _act, slot in asked.slots:
            n = s.asked.get(slot, 0) + 1
            s.asked[slot] = n
            if slot in s.answered and slot not in ("address_confirm", "callback_confirm"):
                self._move(emo.REPEATED_QUESTION)
            parts.append(self._answer(slot, how, revealed))
        for detail in asked.details:
            parts.append(self._detail(detail, revealed))
        for slot in again:  # "say that again?": the last answer, in other words
            said = next((d for d in sc.facts.details if d.id == slot), None)
            parts.append(self._detail(said, revealed) if said else self._answer(slot, how, revealed))
        how_now = None if asked.slots or asked.details or event_parts or not asks_how_now(text) else self._how_now()
        if how_now is not None:
            parts.append(how_now)

        cpr = self._needs_cpr()
        if cpr:  # T-CPR: each step its own reply; compressions start once hands and push were given
            replies, started = TcprTracker(sc, s.tcpr).on_turn(acts, t, self._rng())
            for r in replies:
                line = self.fresh([r.line]) or self._cpr_said_before(r.act, s.compressions or started)
                self._add(parts, r.kind, line, act=r.act)
            if started and not s.compressions:
                s.compressions, action = True, "compressions_started"
        for act in acts:
            follow = None if cpr and act in CPR_ACTS else self._follow(act)
            if follow is not None:
                parts.append(follow)
            if act.startswith("instruct_") and act not in s.followed and not self._asked_if_there_is(act):
                s.followed.append(act)
                # where the caller (or the patient) is now, once the instruction is followed
                s.lines.update(sc.script.after_follow.get(act, {}))
        if signal and not any(p.kind in ("answer", "follow") and p.act not in QUIET_ACTS for p in parts):
            # "just answer yes or no": acknowledged the way the caller can, not as a calming word
            parts = [p for p in parts if p.act not in QUIET_ACTS]
            self._add(parts, "acknowledge", self.fresh(list(signal_ack(sc, signal)), partial=False))
        late = self._due_events(t, acts)  # brought about by this line's instruction
        late_parts = [self._fire(ev) for ev in late]
        events, event_parts, parts = events + late, event_parts + late_parts, parts + late_parts

        hang = hang_up_due(self.scenario, s, t)
        if hang or (silent_now(sc, t) and not s.calmed):
            # nothing the caller "said" this turn reached the trainee, except what just happened
            for slot in revealed:
                s.answered.remove(slot)
            if action == "compressions_started":
                s.compressions = False
                s.tcpr["started_at"] = None
            revealed, action, talk_over = [], None, False
            parts = [Part("hang_up", sc.script.hang_up)] if hang else (event_parts or [Part("silent", SILENT_LINE)])
            if not hang and signal and taps(sc):  # too afraid to speak, but a tap can be risked
                parts = [*event_parts, Part("acknowledge", signal_ack(sc, signal)[0])]
            self.guard.forget_pending()
            for p in parts:
                self.guard.take(p.line)
        elif not any(p.kind not in ("interrupt",) for p in parts):
            parts.append(self._nothing_asked(acts, text))
        elif all(p.kind in ("interrupt", "event") for p in parts):
            # what happened meanwhile comes first; a clear question is still answered after it
            self._add_part(parts, self._reasoned(text))
        for i, p in enumerate(parts):  # an answer the reply already gave is not said twice
            if p.kind == "answer" and i and echoes(p.line, " ".join(q.line for q in parts[:i])):
                p.line = ""
        if s.signal:  # told to answer yes/no by a signal: a yes/no answer is said that way
            for p in parts:
                yes = slot_yes(sc, p.slot, self.patient_now())
                said_so = in_signal(sc, s.signal, text, p.line, yes) if p.kind == "answer" and p.line else ()
                p.line = (self.fresh(list(said_so), partial=False) if said_so else None) or p.line
        s.label = self._label()
        s.last_answered = [p.slot for p in parts if p.kind == "answer" and p.slot]
        s.last_line = " ".join(p.line for p in parts if p.line and p.kind not in ("silent", "hang_up"))
        return Decision(
            parts,
            s.label,
            round(s.level, 3),
            self._changed(before),
            revealed,
            [e.id for e in events],
            action,
            hang,
            talk_over,
        )

    def tick(self, t: float) -> Decision | None:
        """Time passing with no trainee speech: timed events, hanging up on silence."""
        s = self.s
        if s.hung_up:
            return None
        before = s.label
        events = self._due_events(t, ())
        hang = hang_up_due(self.scenario, s, t)
        if not events and not hang:
            return None
        s.turn += 1
        parts = [self._fire(ev) for ev in events]
        if hang:
            parts = [Part("hang_up", self.scenario.script.hang_up)]
        s.label = self._label()
        return Decision(
            parts, s.label, round(s.level, 3), self._changed(before), [], [e.id for e in events], None, hang
        )

    # ------------------------------------------------------------ decisions
    def _add_part(self, parts: list[Part], part: Part | None) -> None:
        if part is not None:
            parts.append(part)

    def _add(self, parts: list[Part], kind: str, line: str | None, **kw: Any) -> None:
        if line:
            parts.append(Part(kind, line, **kw))

    def _due_events(self, t: float, acts: tuple[str, ...]) -> list[ScenarioEvent]:
        due = []
        for ev in self.scenario.events:
            if ev.id in self.s.fired:
                continue
            trig = ev.trigger
            if trig.unless_act and any(a in self.s.acts_seen for a in acts_meaning(trig.unless_act)):
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
        if ev.ends_threat:
            s.threat = False
        self._move(ev.emotion_delta)
        if ev.set_breathing:
            s.breathing = ev.set_breathing
        if ev.set_conscious is not None:
            s.conscious = ev.set_conscious
        # where the caller went on instruction stands over where the event assumed her to be
        moved = {k for act in s.followed for k in self.scenario.script.after_follow.get(act, {})}
        s.lines.update({k: v for k, v in ev.lines.items() if k not in moved})
        return Part("event", self.fresh([ev.say]) or ev.say, truth=ev.say)
