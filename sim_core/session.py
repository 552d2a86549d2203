"""CallSession: one live call — the turn loop and its event timeline.

start() rings the phone; answer() picks up and the caller opens; every
trainee_says() runs NLP → director → actor and appends to the timeline;
tick() lets time-driven events happen between turns; end() scores the call.
Every public operation is one transaction on the live state (`call_state`); the
caller's side of each turn is spoken and recorded by `caller_turn`.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .call_state import LiveCallState, StaleCall, transaction
from .call_status import CallInputError, CallMode, CallStatus
from .caller import Actor, Director, ScriptedActor
from .caller_turn import CallerTurns, SentenceSink, Turn, entity_dicts, line_entity_finder
from .events import (
    ActDetected,
    CadUpdated,
    CallAnswered,
    CallEnded,
    CallerAction,
    CallStarted,
    Control,
    EntityFound,
    Payload,
    TraineeSaid,
)
from .live.store import LiveStore
from .nlp import Analysis, Entity, analyze
from .printable import printable, printable_data
from .scenario import Scenario
from .scenario.placeholders import resolve
from .scoring import ScoreResult, score_call
from .scoring.scorer import Finding
from .sentence_split import split_sentences
from .speech.confidence import flag_doubtful_entities
from .timeline import EventType, Timeline

if TYPE_CHECKING:
    from .persist.recorder import CallRecorder

MAX_UTTERANCE_CHARS = 2000
CONTROLS = ("mute", "unmute", "hold", "resume", "end", "interpreter")
ABANDONED = "abandoned"


@dataclass(frozen=True, slots=True)
class CallerMood:
    """How the caller sounds right now: what the call page's meter and the API show."""

    emotion: str
    level: float  # 0 calm .. 1 beside herself


class CallSession(CallerTurns, LiveCallState):
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
        self.find_entities = entity_finder or line_entity_finder(analyzer)
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
        self._init_state()

    # ------------------------------------------------------------- lifecycle
    @classmethod
    def start(cls, scenario: Scenario, **kwargs: Any) -> CallSession:
        call = cls(scenario, **kwargs)
        if call.recorder is not None:
            call._defer(
                call.recorder.call_started,
                call_id=call.call_id,
                trainee_id=call.trainee_id,
                scenario_id=scenario.id,
                scenario_version_id=call.scenario_version_id,
                mode=call.mode,
                started_at=datetime.fromtimestamp(call.started_epoch, tz=UTC),
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

    @transaction(activity=True)
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

    @transaction(activity=True)
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
            ents = entity_dicts(a.entities)
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

    @transaction(activity=False)
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

    @transaction(activity=False)
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

    @transaction(activity=True)
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

    @transaction(activity=False)
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

    @transaction(activity=True)
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

    @transaction(activity=False)
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
                self._defer(
                    self.recorder.call_finished,
                    call_id=self.call_id,
                    result=dict(self.result.to_dict(), end_reason=reason),
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
            self._defer(self.recorder.record, call_id=self.call_id, event=ev)

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
