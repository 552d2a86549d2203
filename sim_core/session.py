"""CallSession: one live call — the turn loop and its event timeline.

start() rings the phone; answer() picks up and the caller opens; every
trainee_says() runs NLP → director → actor and appends to the timeline;
tick() lets time-driven events happen between turns; end() scores the call.
Every public operation is one transaction on the live state: it first adopts a
newer version another process saved, then saves with that version
(compare-and-set) and only then hands its events to the recorder. A save that
lost a race reloads and re-applies the operation, so two servers taking turns
on one call never fork it, and nothing is recorded twice.
"""

from __future__ import annotations

import functools
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .call_status import CallMode, CallStatus
from .caller import Actor, ActorContext, ActorReply, Decision, Director, DirectorState, ScriptedActor
from .events import (
    ActDetected,
    CadUpdated,
    CallAnswered,
    CallEnded,
    CallerAction,
    CallerSaid,
    CallStarted,
    Control,
    EmotionChanged,
    EntityFound,
    FactRevealed,
    Payload,
    ScenarioEventFired,
    TraineeSaid,
)
from .live.store import LiveStore, StaleState
from .nlp import Analysis, Entity, analyze, find_entities
from .printable import printable, printable_data
from .scenario import Scenario, parse_scenario
from .scenario.placeholders import resolve
from .scoring import ScoreResult, score_call
from .scoring.scorer import Finding
from .sentence_split import split_sentences
from .speech.confidence import flag_doubtful_entities
from .timeline import EventType, Timeline

if TYPE_CHECKING:
    from .persist.recorder import CallRecorder

MAX_UTTERANCE_CHARS = 2000
HISTORY_WINDOW = 12
CONTROLS = ("mute", "unmute", "hold", "resume", "end", "interpreter")
STALE_RETRIES = 3
ABANDONED = "abandoned"
SentenceSink = Callable[[str, str], None]  # (sentence, emotion) as it may be spoken


class CallInputError(ValueError):
    """Bad input to a call (empty utterance, call already over...)."""


class StaleCall(CallInputError):
    """Another server kept changing the call while this one tried to save it."""


def _transaction(activity: bool):
    """Run a public operation as one live-state transaction (see the module doc); nested
    operations (an answer inside a first line, a hang-up inside a turn) join the outer one.
    `activity`: the trainee did something (the call clock's idle timer restarts)."""

    def wrap(method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def run(self: CallSession, *args: Any, **kwargs: Any) -> Any:
            with self.lock:
                if self._depth:
                    return method(self, *args, **kwargs)
                for _ in range(STALE_RETRIES):
                    self.refresh()
                    self._depth += 1
                    try:
                        out = method(self, *args, **kwargs)
                    except BaseException:
                        self._rollback()
                        raise
                    finally:
                        self._depth -= 1
                    if self._commit(activity):
                        return out
                raise StaleCall("this call was changed on another server at the same moment; please try again")

        return run

    return wrap


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


@dataclass(frozen=True, slots=True)
class CallerMood:
    """How the caller sounds right now: what the call page's meter and the API show."""

    emotion: str
    level: float  # 0 calm .. 1 beside herself


def _entities(entities: tuple[Entity, ...]) -> list[dict[str, Any]]:
    return [
        {"label": e.label, "text": e.text, "start": e.start, "end": e.end, "confidence": round(e.confidence, 3)}
        for e in entities
    ]


def _entity_finder(analyzer: Callable[[str], Analysis]) -> Callable[[str], tuple[Entity, ...]]:
    """How a caller's line is analysed: with the NLP, its entity stage alone; with another
    analyzer (a test's), that analyzer's entities."""
    if analyzer is analyze:
        return find_entities
    return lambda text: analyzer(text).entities


class CallSession:
    def __init__(
        self,
        scenario: Scenario,
        *,
        call_id: str | None = None,
        trainee_id: str | None = None,
        seed: int = 0,
        mode: str = CallMode.TEXT,
        actor: Actor | None = None,
        analyzer: Callable[[str], Analysis] = analyze,
        entity_finder: Callable[[str], tuple[Entity, ...]] | None = None,
        recorder: CallRecorder | None = None,
        live_store: LiveStore | None = None,
        scenario_version_id: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.scenario = resolve(scenario)  # one truth: placeholders filled from the fields
        self.call_id = call_id or str(uuid.uuid4())
        self.trainee_id = trainee_id
        self.seed = seed
        self.mode = CallMode(mode)
        self.scenario_version_id = scenario_version_id
        self.actor: Actor = actor or ScriptedActor()
        self._fallback_actor = ScriptedActor()
        # Each line is analysed once: the trainee's in full (acts, entities, distress), the
        # caller's for its entities only, by the actor's grounding check when it ran one.
        self.analyze = analyzer
        self.find_entities = entity_finder or _entity_finder(analyzer)
        self.recorder = recorder
        self.live_store = live_store
        self.clock = clock
        self.timeline = Timeline()
        self.director = Director(scenario, seed=seed)
        self.started_epoch = clock()
        self.status = CallStatus.RINGING
        self.muted = False
        self.held = False
        self.end_reason = ""
        self.result: ScoreResult | None = None
        self.lock = threading.RLock()
        self.version = 0  # the live-store version this copy was built from
        self._depth = 0  # > 0 inside an operation
        self._dirty = False  # the operation changed the state
        self._deferred: list[Callable[[], None]] = []  # recorder calls, after the save

    # ------------------------------------------------------------- lifecycle
    @classmethod
    def start(cls, scenario: Scenario, **kwargs: Any) -> CallSession:
        call = cls(scenario, **kwargs)
        if call.recorder is not None:
            call._deferred.append(
                functools.partial(
                    call.recorder.call_started,
                    call_id=call.call_id,
                    trainee_id=call.trainee_id,
                    scenario_id=scenario.id,
                    scenario_version_id=call.scenario_version_id,
                    mode=call.mode,
                    started_at=datetime.fromtimestamp(call.started_epoch, tz=UTC),
                )
            )
        call._add(0.0, CallStarted(scenario=scenario.id, seed=call.seed, mode=call.mode))
        call._save()
        if not call._commit(activity=True):
            raise StaleCall(f"a call with id {call.call_id} already exists")
        return call

    def now(self) -> float:
        return max(self.clock() - self.started_epoch, self.timeline.last_t)

    def offset(self, at: float | None = None) -> float:
        """Seconds since the phone rang: `at` if given, else now; never before the last event."""
        t = self.now() if at is None else float(at)
        return max(t, self.timeline.last_t)

    @property
    def answered_at(self) -> float | None:
        ev = self.timeline.first(EventType.CALL_ANSWERED)
        return ev.t if ev else None

    @_transaction(activity=True)
    def answer(self, at: float | None = None) -> Turn:
        with self.lock:
            if self.status != CallStatus.RINGING:
                raise CallInputError("the call has already been answered")
            t = self.offset(at)
            self.status = CallStatus.ACTIVE
            self._add(t, CallAnswered())
            turn = self._speak(self.director.opening(), t)
            self._save()
            return turn

    @_transaction(activity=True)
    def trainee_says(
        self,
        text: str,
        at: float | None = None,
        *,
        audio_key: str | None = None,
        confidence: float | None = None,
        unsure_words: tuple[str, ...] = (),
        on_sentence: SentenceSink | None = None,
    ) -> Turn:
        """The trainee's utterance (typed, or recognised speech with its clip, STT confidence
        and the words the recogniser was unsure of; entities from doubtful speech are flagged).
        on_sentence(sentence, emotion): each sentence of the caller's reply as soon as it
        may be spoken (live voice), before the whole reply exists."""
        with self.lock:
            self._require_active()
            text = " ".join(printable(text or "").split())  # a NUL is a space, not a lost line
            if not text:
                raise CallInputError("nothing was said: type or speak a sentence")
            if len(text) > MAX_UTTERANCE_CHARS:
                text = text[:MAX_UTTERANCE_CHARS]
            opening = None
            if self.status == CallStatus.RINGING:
                opening = self.answer(at)
                if on_sentence:
                    for sentence in split_sentences(opening.caller_text):
                        on_sentence(sentence, opening.emotion)
            t = self.offset(at)
            line = self.timeline.count(EventType.TRAINEE_SAID)
            self._add(
                t,
                TraineeSaid(
                    text=text,
                    line=line,
                    idx=self.timeline.said_count(),
                    audio_key=audio_key,
                    confidence=confidence,
                    unsure_words=tuple(unsure_words),
                ),
            )
            if self.muted or self.held:
                self._save()
                return Turn(t, "", self.director.s.label, self.director.s.level, trainee_text=text)
            a = self.analyze(text)
            for act in a.acts:
                self._add(t, ActDetected(act=act, line=line, confidence=round(a.act_confidence.get(act, 1.0), 3)))
            ents = _entities(a.entities)
            if confidence is not None:
                flag_doubtful_entities(ents, confidence, unsure_words)
            for e in ents:
                self._add(t, EntityFound(speaker="trainee", line=line, **e))
            since_answer = t - (self.answered_at or 0.0)
            decision = self.director.respond(a.acts, text, since_answer)
            turn = self._speak(decision, t, trainee_text=text, on_sentence=on_sentence)
            turn.acts, turn.entities = a.acts, ents
            if opening is not None:
                turn.caller_text = f"{opening.caller_text} {turn.caller_text}".strip()
            self._save()
            return turn

    @_transaction(activity=False)
    def caller_cuts_in(self, partial: str, at: float | None = None) -> Turn | None:
        """Live voice: the trainee is still talking (partial words so far) and a caller who talks
        over cuts in now; None when this caller does not (or already did for this utterance)."""
        with self.lock:
            if self.status != CallStatus.ACTIVE or self.muted or self.held:
                return None
            decision = self.director.cut_in(partial)
            if decision is None:
                return None
            turn = self._speak(decision, self.offset(at))
            self._save()
            return turn

    @_transaction(activity=False)
    def tick(self, at: float | None = None) -> Turn | None:
        """Let time pass: timed scenario events, a caller who hangs up on silence."""
        with self.lock:
            if self.status != CallStatus.ACTIVE or self.held:
                return None
            t = self.offset(at)
            decision = self.director.tick(t - (self.answered_at or 0.0))
            if decision is None:
                return None
            turn = self._speak(decision, t)
            self._save()
            return turn

    @_transaction(activity=True)
    def cad_update(self, fields: dict[str, Any], at: float | None = None) -> None:
        with self.lock:
            self._require_active()
            clean = {
                k: v
                for k, v in fields.items()
                if k in ("address", "callback", "incident_type", "priority", "units", "narrative")
            }
            if clean:
                self._add(self.offset(at), CadUpdated(fields=clean))
                self._save()

    @_transaction(activity=False)
    def caller_audio(self, said_at: float, seconds: float) -> None:
        """The caller line said at `said_at` (its offset) took `seconds` of audio: what it told
        the trainee counts as obtained at the real end of the audio (voice calls)."""
        with self.lock:
            if self.status == CallStatus.ENDED or seconds <= 0:
                return
            self._add(
                max(self.timeline.last_t, said_at),
                CallerAction(action="caller_audio", said_at=round(float(said_at), 3), audio_s=round(float(seconds), 2)),
            )
            self._save()

    @property
    def ended(self) -> bool:
        """The call is over (hung up, ended by the trainee, or abandoned)."""
        return self.status == CallStatus.ENDED

    @property
    def caller_mood(self) -> CallerMood:
        return CallerMood(self.director.s.label, self.director.s.level)

    @property
    def interpreter_on(self) -> bool:
        """The call-taker brought an interpreter onto the line."""
        return any(e.payload.action == "interpreter" for e in self.timeline.kind(Control))

    @_transaction(activity=True)
    def control(self, action: str, at: float | None = None) -> ScoreResult | None:
        with self.lock:
            if action not in CONTROLS:
                raise CallInputError(f"unknown control {action!r}; use one of {', '.join(CONTROLS)}")
            if action == "end":
                return self.end(at, reason="trainee_ended")
            self._require_active()
            if action == "interpreter" and self.interpreter_on:
                return None  # already on the line
            self.muted = {"mute": True, "unmute": False}.get(action, self.muted)
            self.held = {"hold": True, "resume": False}.get(action, self.held)
            self._add(self.offset(at), Control(action=action))
            self._save()
            return None

    @_transaction(activity=False)
    def end(self, at: float | None = None, reason: str = "trainee_ended") -> ScoreResult:
        with self.lock:
            if self.status == CallStatus.ENDED and self.result is not None:
                return self.result
            t = self.offset(at)
            self.status = CallStatus.ENDED
            self.end_reason = reason
            self._add(t, CallEnded(reason=reason))
            self.result = self._score()
            if self.recorder is not None:
                self._deferred.append(
                    functools.partial(
                        self.recorder.call_finished,
                        call_id=self.call_id,
                        result=dict(self.result.to_dict(), end_reason=reason),
                    )
                )
            self._save()
            return self.result

    def abandon(self) -> bool:
        """End a call nobody is on (the call clock's verdict), after whatever was due has
        happened. False when the call was already over (a caller who hung up, or another
        server ending it at the same moment)."""
        try:
            self.tick()
            if self.status == CallStatus.ENDED:
                return False
            self.end(reason=ABANDONED)
        except CallInputError:
            return False
        return True

    # ------------------------------------------------------------- internals
    def _require_active(self) -> None:
        if self.status == CallStatus.ENDED:
            raise CallInputError("the call has ended")

    def _add(self, t: float, payload: Payload) -> None:
        clean = type(payload).from_dict(printable_data(payload.to_dict()))
        ev = self.timeline.add(round(t, 3), clean)
        if self.recorder is not None:
            self._deferred.append(functools.partial(self.recorder.record, call_id=self.call_id, event=ev))

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
            self._deferred.append(
                functools.partial(self.recorder.usage, call_id=self.call_id, tokens=reply.tokens, cost=reply.cost)
            )
        caller_ents = _entities(self._caller_entities(reply)) if reply.text.strip(". ") else []
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

    # ------------------------------------------------------------ live state
    def to_state(self) -> dict[str, Any]:
        return {
            "call_id": self.call_id,
            "trainee_id": self.trainee_id,
            "seed": self.seed,
            "mode": self.mode,
            "scenario": self.scenario.model_dump(mode="json"),
            "scenario_version_id": self.scenario_version_id,
            "started_epoch": self.started_epoch,
            "status": self.status,
            "muted": self.muted,
            "held": self.held,
            "end_reason": self.end_reason,
            "director": self.director.s.to_dict(),
            "timeline": self.timeline.to_list(),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any], *, version: int = 0, **kwargs: Any) -> CallSession:
        """The call as saved; `version` is the live-store version `state` was loaded at."""
        scenario = parse_scenario(state["scenario"], f"live call {state['call_id']}")
        call = cls(
            scenario,
            call_id=state["call_id"],
            trainee_id=state.get("trainee_id"),
            seed=state["seed"],
            mode=state.get("mode", CallMode.TEXT),
            scenario_version_id=state.get("scenario_version_id"),
            **kwargs,
        )
        call._adopt(state, version)
        return call

    def _adopt(self, state: dict[str, Any], version: int) -> None:
        """Take over a saved state of this call (the scenario never changes mid-call)."""
        self.started_epoch = state["started_epoch"]
        self.status = CallStatus(state["status"])
        self.muted, self.held = state["muted"], state["held"]
        self.end_reason = state.get("end_reason", "")
        self.director = Director(self.scenario, seed=self.seed, state=DirectorState.from_dict(state["director"]))
        self.timeline = Timeline.from_list(state["timeline"])
        self.result = self._score() if self.status == CallStatus.ENDED else None
        self.version = version

    def _score(self) -> ScoreResult:
        result = score_call(self.scenario, self.timeline)
        if self.end_reason == ABANDONED:  # flagged for the debrief and the reviewer
            ended = self.timeline.last_t
            result.findings.insert(
                0,
                Finding(
                    ended,
                    ABANDONED,
                    "customer_service",
                    "The call was left with nobody on it and ended by the server; it is scored as it stood.",
                ),
            )
        return result

    def refresh(self) -> bool:
        """Adopt a newer state another process saved; True when this copy changed."""
        with self.lock:
            if self.live_store is None or self._depth:
                return False
            if (self.live_store.version(self.call_id) or 0) <= self.version:
                return False
            found = self.live_store.load_versioned(self.call_id)
            if found is None or found[1] <= self.version:
                return False
            self._adopt(*found)
            return True

    def _save(self) -> None:
        """Mark the state changed; the operation saves it once, when it is done."""
        self._dirty = True

    def _commit(self, activity: bool) -> bool:
        """Save the changed state (compare-and-set), then record its events. False when
        another process saved first: this copy has adopted theirs and recorded nothing."""
        deferred, self._deferred = self._deferred, []
        dirty, self._dirty = self._dirty, False
        store = self.live_store
        if store is not None and dirty:
            try:
                self.version = store.save(self.call_id, self.to_state(), expected_version=self.version)
            except StaleState:
                found = store.load_versioned(self.call_id)
                if found is not None:
                    self._adopt(*found)
                return False
        for record in deferred:
            record()
        if store is not None:
            if self.status == CallStatus.ENDED:
                if dirty:
                    store.retire(self.call_id)
            elif activity:
                store.touch(self.call_id, self.clock())
        return True

    def _rollback(self) -> None:
        """An operation failed half-way: back to the last saved state, nothing recorded."""
        deferred, self._deferred = self._deferred, []
        dirty, self._dirty = self._dirty, False
        if self.live_store is None:  # nothing to go back to: keep and record what happened
            for record in deferred:
                record()
            return
        if deferred or dirty:
            found = self.live_store.load_versioned(self.call_id)
            if found is not None:
                self._adopt(*found)
