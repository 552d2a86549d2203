"""The caller's side of a turn: the actor puts the director's decision into words
(streaming sentence by sentence to a sink when one is given, the scripted actor
standing in for an empty reply), and the timeline gets what the line did — facts
revealed, scenario events, an emotion move, the line itself, its entities and any
caller action. The result is a `Turn`, what the front ends show for one exchange."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .call_status import CallStatus
from .caller import Actor, ActorContext, ActorReply, Decision, Director
from .events import (
    CallerAction,
    CallerSaid,
    EmotionChanged,
    EntityFound,
    FactRevealed,
    Payload,
    ScenarioEventFired,
)
from .nlp import Analysis, Entity, analyze, find_entities
from .scenario import Scenario
from .sentence_split import split_sentences
from .timeline import EventType, Timeline

if TYPE_CHECKING:
    from .persist.recorder import CallRecorder
    from .scoring import ScoreResult

HISTORY_WINDOW = 12
SentenceSink = Callable[[str, str], None]  # (sentence, emotion) as it may be spoken


@dataclass(slots=True)
class Turn:
    t: float
    caller_text: str
    emotion: str
    emotion_level: float
    trainee_text: str = ""
    acts: tuple[str, ...] = ()
    entities: list[dict[str, Any]] = field(default_factory=list)
    caller_entities: list[dict[str, Any]] = field(default_factory=list)
    revealed: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    actor: str = "scripted"
    actor_reason: str = ""
    caller_action: str | None = None
    hung_up: bool = False


def entity_dicts(entities: tuple[Entity, ...]) -> list[dict[str, Any]]:
    """Entities as the timeline and the front ends carry them."""
    return [
        {"label": e.label, "text": e.text, "start": e.start, "end": e.end, "confidence": round(e.confidence, 3)}
        for e in entities
    ]


def line_entity_finder(analyzer: Callable[[str], Analysis]) -> Callable[[str], tuple[Entity, ...]]:
    """How a caller's line is analysed: with the NLP, its entity stage alone; with another
    analyzer (a test's), that analyzer's entities."""
    if analyzer is analyze:
        return find_entities
    return lambda text: analyzer(text).entities


class CallerTurns:
    """How the caller speaks on a call (a base of CallSession)."""

    call_id: str
    scenario: Scenario
    seed: int
    status: CallStatus
    actor: Actor
    _fallback_actor: Actor
    director: Director
    timeline: Timeline
    recorder: CallRecorder | None
    find_entities: Callable[[str], tuple[Entity, ...]]

    if TYPE_CHECKING:  # provided by the CallSession

        def _add(self, t: float, payload: Payload) -> None: ...
        def _defer(self, record: Callable[..., None], **kwargs: Any) -> None: ...
        def end(self, at: float | None = None, reason: str = "trainee_ended") -> ScoreResult: ...

    def history(self) -> list[tuple[str, str]]:
        return [(speaker, e.payload.text) for speaker, e in self.timeline.said_tail(HISTORY_WINDOW)]

    def _reply(self, decision: Decision, ctx: ActorContext, on_sentence: SentenceSink | None) -> ActorReply:
        """The actor's reply; with a sink, each sentence goes to it as soon as the actor
        has checked it (an LLM caller streams), else all of them once the reply exists."""
        stream_reply = getattr(self.actor, "stream_reply", None)
        if on_sentence is not None and stream_reply is not None:
            rs = stream_reply(decision, ctx)
            for sentence in rs:
                on_sentence(sentence, decision.emotion)
            reply = rs.reply
        else:
            reply = self.actor.perform(decision, ctx)
            if on_sentence is not None:
                for sentence in split_sentences(reply.text):
                    on_sentence(sentence, decision.emotion)
        if reply is None or not reply.text.strip():
            reply = self._fallback_actor.perform(decision, ctx)
            if on_sentence is not None:
                for sentence in split_sentences(reply.text):
                    on_sentence(sentence, decision.emotion)
        return reply

    def _speak(
        self, decision: Decision, t: float, trainee_text: str = "", on_sentence: SentenceSink | None = None
    ) -> Turn:
        ctx = ActorContext(
            self.scenario,
            trainee_text,
            self.history(),
            self.seed,
            self.director.s.turn,
            said=frozenset(self.director.s.said),
            find_entities=self.find_entities,
            now=self.director.patient_now(),
        )
        reply = self._reply(decision, ctx, on_sentence)
        self.director.note_spoken(reply.text)
        for slot in decision.revealed:
            self._add(t, FactRevealed(slot=slot))
        for ev_id in decision.events:
            self._add(t, ScenarioEventFired(id=ev_id))
        if decision.emotion_changed:
            self._add(t, EmotionChanged(emotion=decision.emotion, level=decision.emotion_level))
        line = self.timeline.count(EventType.CALLER_SAID)
        self._add(
            t,
            CallerSaid(
                text=reply.text,
                line=line,
                idx=self.timeline.said_count(),
                actor=reply.actor,
                reason=reply.reason,
                emotion=decision.emotion,
                level=decision.emotion_level,
                kinds=tuple(p.kind for p in decision.parts),
                dont_know=tuple(p.slot for p in decision.parts if p.kind == "dont_know" and p.slot is not None),
                answered=tuple(
                    p.slot
                    for p in decision.parts
                    if p.kind in ("answer", "wrong_info", "correction") and p.slot is not None
                ),
                talk_over=decision.talk_over,
            ),
        )
        if reply.tokens and self.recorder is not None:
            self._defer(self.recorder.usage, call_id=self.call_id, tokens=reply.tokens, cost=reply.cost)
        caller_ents = entity_dicts(self._caller_entities(reply)) if reply.text.strip(". ") else []
        for e in caller_ents:
            self._add(t, EntityFound(speaker="caller", line=line, **e))
        if decision.caller_action:
            self._add(t, CallerAction(action=decision.caller_action))
        turn = Turn(
            t,
            reply.text,
            decision.emotion,
            decision.emotion_level,
            trainee_text,
            caller_entities=caller_ents,
            revealed=list(decision.revealed),
            events=list(decision.events),
            actor=reply.actor,
            actor_reason=reply.reason,
            caller_action=decision.caller_action,
            hung_up=decision.hang_up,
        )
        if decision.hang_up and self.status != CallStatus.ENDED:
            self.end(t, reason="caller_hung_up")
        return turn

    def _caller_entities(self, reply: ActorReply) -> tuple[Entity, ...]:
        """The entities of the caller's line: those the actor found while checking it, else
        found now."""
        if reply.entities is not None:
            return reply.entities
        return self.find_entities(reply.text)
