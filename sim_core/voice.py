"""Voice around a CallSession: the trainee is heard, the caller speaks.

`VoiceCall` runs one call's speech: push-to-talk clips (decode → validate →
STT → turn → caller audio) and the live two-way bridge (microphone PCM →
VAD → streaming STT → turn → streamed TTS → playback with barge-in; a browser's
WebRTC frames are converted to and from PCM beside the page, in `ui`). Every
clip is recorded per turn and the whole call as one stereo file. Speech faults
never lose the call: they raise `SpeechError` with a clear message and the
transcript so far stays as it was, so the page can fall back to text.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from .call_status import CallStatus
from .caller.behaviours import long_line
from .caller.interpreter import interpreter_profile, needs_interpreter, relay
from .caller_turn import Turn
from .session import CallSession
from .speech import STT, TTS, AudioChunk, AudioInputError, Hypothesis, SpeechError, voice_style
from .speech.ambience import AmbienceStream, mix_under
from .speech.audio import StreamResampler, pcm_to_wav, resample
from .speech.phone_line import PhoneLine, through_line
from .speech.playback import PlaybackController
from .speech.recorder import CallAudioRecorder
from .speech.understood import not_understood, understood
from .speech.vad import SpeechStarted
from .speech.validate import validate_upload
from .storage.base import ObjectStore
from .turn_taking import Heard, TurnListener
from .voice_stream import CallerSpeech

log = logging.getLogger(__name__)
AMBIENCE_DB = -24.0
INTERPRETER_DELAY_S = 0.6  # the interpreter takes a breath before relaying
MIC_TIMEOUT_S = 3.0  # live voice on, no microphone frame for this long: the connection is lost


@dataclass(slots=True)
class VoiceTurn:
    turn: Turn
    heard: str  # what the recogniser heard
    confidence: float
    caller_wav: bytes  # the caller's reply as one WAV (push-to-talk playback)
    first_audio_ms: float  # end of trainee speech → first caller audio sample
    marked: str = ""  # what was heard, unsure words marked: "what is the [adress?]"
    low_confidence: bool = False  # doubtful: facts taken from it are flagged


@dataclass
class LiveSnapshot:
    """What the page shows while a live voice call runs (copied under a lock)."""

    partial: str = ""
    listening: bool = False
    caller_speaking: bool = False
    turns: int = 0
    last_error: str = ""
    barge_ins: int = 0
    events: list[str] = field(default_factory=list)
    mic_silent_s: float = 0.0  # since the last microphone frame while live voice is on

    @property
    def connection_lost(self) -> bool:
        return self.mic_silent_s >= MIC_TIMEOUT_S


class VoiceCall:
    def __init__(
        self,
        call: CallSession,
        *,
        stt: STT,
        tts: TTS,
        store: ObjectStore | None = None,
        settings: Any = None,
        sample_rate: int = 16000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.call = call
        self.stt = stt
        self.tts = tts
        self.settings = settings
        self.rate = sample_rate
        self.audio = CallAudioRecorder(store, call.call_id, sample_rate) if store is not None else None
        self.playback = PlaybackController(sample_rate)
        self.ambience = (
            AmbienceStream(call.scenario.ambience, sample_rate, seed=call.seed)
            if call.scenario.ambience != "quiet"
            else None
        )
        # the caller's voice and ambience reach the trainee through a telephone line
        # (PHONE_LINE, on by default); recordings keep what the trainee heard
        self.phone_line = bool(getattr(settings, "phone_line", True))
        self._line = PhoneLine(sample_rate, seed=call.seed) if self.phone_line else None
        self._lock = threading.Lock()
        self._snap = LiveSnapshot()
        self._live: _LiveWorker | None = None
        self._clock = clock
        self._mic_at: float | None = None  # last microphone frame; None while live voice is off

    # ----------------------------------------------------------- the caller
    def voice(self, emotion: str) -> Any:
        c = self.call.scenario.caller
        hints = {"rate": c.voice_hints.rate, "language": c.language}
        if c.voice_hints.voice:
            hints["voice"] = c.voice_hints.voice
        return voice_style(emotion, c.age, c.gender, hints, seed=self.call.seed)

    def utterances(self, turn: Turn) -> list[tuple[str, Any, float]]:
        """(text, voice, pause before it in seconds) for what the line carries this turn:
        the caller alone, or, with an interpreter on the line for a caller who does not
        speak English, the question relayed in the caller's language, the caller's answer
        in it, and the interpreter's English."""
        call = self.call
        if not (call.interpreter_on and needs_interpreter(call.scenario)):
            return [(turn.caller_text, self.voice(turn.emotion), 0.0)]
        r = relay(call.scenario, turn.acts, turn.caller_text, opening=not turn.trainee_text)
        caller = replace(self.voice(turn.emotion), native_text=True)
        age, gender = interpreter_profile(call.scenario)
        lang = call.scenario.caller.language
        to_caller = voice_style("calm", age, gender, {"language": lang}, seed=call.seed)
        to_you = voice_style("calm", age, gender, {"language": "en"}, seed=call.seed)
        out = [
            (r.to_caller, replace(to_caller, native_text=True), INTERPRETER_DELAY_S),
            (r.caller, caller, 0.3),
            (r.to_call_taker, to_you, INTERPRETER_DELAY_S),
        ]
        return [u for u in out if u[0].strip(". ")]

    def speak(self, turn: Turn) -> Iterator[AudioChunk]:
        """The caller's reply (relayed by the interpreter when one is on the line),
        sentence by sentence; recorded once fully spoken."""
        if not turn.caller_text.strip(". "):
            return
        pieces: list[np.ndarray] = []
        index = 0
        for text, style, pause in self.utterances(turn):
            for i, chunk in enumerate(self.tts.synthesize_stream(text, style)):
                pcm = chunk.pcm if chunk.sample_rate == self.rate else resample(chunk.pcm, chunk.sample_rate, self.rate)
                if i == 0 and pause and pieces:
                    pcm = np.concatenate([np.zeros(int(pause * self.rate), dtype=np.int16), pcm])
                pieces.append(pcm)
                yield AudioChunk(pcm, self.rate, chunk.text, index)
                index += 1
        if pieces:
            self.call.caller_audio(turn.t, sum(len(p) for p in pieces) / self.rate)
        if self.audio is not None and pieces:
            self.audio.add_turn("caller", self.as_heard(np.concatenate(pieces), turn.t), turn.t, text=turn.caller_text)

    def respond_aloud(self, text: str, **kwargs: Any) -> Turn:
        """The trainee's line and the caller's reply played as it is made: each sentence
        goes to the voice as soon as the caller's actor has checked it (an LLM caller is
        heard after its first sentence, not its whole reply). With an interpreter on the
        line, the relay needs the whole reply, so it is spoken once the turn is done."""
        if self.call.interpreter_on and needs_interpreter(self.call.scenario):
            turn = self.call.trainee_says(text, **kwargs)
            self.playback.play(self.speak(turn))
            return turn
        speech = CallerSpeech(self)
        self.playback.play(speech.audio())
        turn = None
        try:
            turn = self.call.trainee_says(text, on_sentence=speech.put, **kwargs)
        finally:
            speech.close(turn)
        return turn

    def speak_as_heard(self, turn: Turn) -> Iterator[AudioChunk]:
        """The caller's reply sentence by sentence as the trainee hears it (ambience under
        the voice, then the phone line): for clients that play whole sentences (the API's
        caller_audio); recorded once fully spoken, like `speak`."""
        at = turn.t
        for chunk in self.speak(turn):
            yield AudioChunk(self.as_heard(chunk.pcm, at), chunk.sample_rate, chunk.text, chunk.index)
            at += len(chunk.pcm) / chunk.sample_rate

    def as_heard(self, pcm: np.ndarray, at: float = 0.0) -> np.ndarray:
        """A whole caller utterance as the trainee hears it: ambience under the voice,
        then the phone line (for recordings and push-to-talk replies)."""
        if self.ambience is not None:
            pcm = mix_under(pcm, self.ambience.clip(len(pcm), int(at * self.rate)), AMBIENCE_DB)
        return through_line(pcm, self.rate, seed=self.call.seed) if self.phone_line else pcm

    # --------------------------------------------------------- push-to-talk
    def take_clip(self, data: bytes, at: float | None = None) -> tuple[Turn, Any]:
        """One recorded clip from the trainee → the turn it makes and what was heard
        (the caller's reply is spoken by `speak`)."""
        clip = validate_upload(data, self.settings)
        t = self.call.offset(at)
        try:
            hyp = self.stt.transcribe(clip.pcm, context=self.call.call_id)
        except SpeechError:
            self._record_trainee(clip.pcm, t, "")  # not a turn, but kept in the recording
            raise
        if not understood(hyp, self.stt):
            self._record_trainee(clip.pcm, t, "")
            raise AudioInputError(not_understood(hyp, self.stt))
        key = self._record_trainee(clip.pcm, t, hyp.text)
        turn = self.call.trainee_says(
            hyp.text, at=t, audio_key=key, confidence=round(hyp.confidence, 3), unsure_words=hyp.uncertain
        )
        return turn, hyp

    def push_to_talk(self, data: bytes, at: float | None = None) -> VoiceTurn:
        """One recorded clip from the trainee → the caller's spoken answer."""
        started = time.perf_counter()
        turn, hyp = self.take_clip(data, at)
        first_ms, pcm = 0.0, []
        for i, chunk in enumerate(self.speak(turn)):
            if i == 0:
                first_ms = (time.perf_counter() - started) * 1000
            pcm.append(chunk.pcm)
        wav = pcm_to_wav(self.as_heard(np.concatenate(pcm), turn.t), self.rate) if pcm else b""
        return VoiceTurn(turn, hyp.text, hyp.confidence, wav, first_ms, hyp.marked(), hyp.low_confidence)

    def _record_trainee(self, pcm: np.ndarray, t: float, text: str) -> str | None:
        if self.audio is None:
            return None
        try:
            return self.audio.add_turn("trainee", pcm, max(t - len(pcm) / self.rate, 0.0), text=text).key
        except Exception as exc:
            log.warning("could not store the trainee clip: %s", exc)
            return None

    def finish(self) -> str | None:
        """Stop live audio and store the whole call as one stereo recording; returns its key."""
        self.stop_live()
        self.stt.forget(self.call.call_id)
        if self.audio is None or not self.audio.turns:
            return None
        key = self.audio.finish()
        if self.call.recorder is not None:
            self.call.recorder.recording(call_id=self.call.call_id, key=key)
        return key

    # ------------------------------------------------------- live two-way
    def start_live(self) -> None:
        """Idempotent: live voice on; start the worker that turns microphone audio into turns."""
        with self._lock:
            if self._live is None:
                self._live = _LiveWorker(self)
                self._live.start()
            if self._mic_at is None:
                self._mic_at = self._clock()

    def mic_ended(self) -> None:
        """The browser's microphone track ended (STOP, a closed tab, a dropped
        connection): stop listening, but leave live voice on, so that unless the
        page turns it off the missing audio shows as a lost connection."""
        with self._lock:
            worker, self._live = self._live, None
        if worker is not None:
            worker.stop()
        self.playback.stop()

    def stop_live(self) -> None:
        """Live voice off: the trainee pressed STOP, or the call ended."""
        self.mic_ended()
        with self._lock:
            self._mic_at = None

    def feed_mic(self, pcm: np.ndarray, sample_rate: int) -> None:
        """Microphone audio from the browser (any rate, mono int16); never blocks. While live
        voice is on, each chunk also says the connection is alive."""
        with self._lock:
            if self._mic_at is not None:
                self._mic_at = self._clock()
        worker = self._live
        if worker is not None:
            worker.inbox.put((np.asarray(pcm, dtype=np.int16).reshape(-1), sample_rate))

    def read_speaker(self, n: int) -> np.ndarray:
        """The next n samples for the trainee's headset: caller voice over ambience,
        through the phone line."""
        voice = self.playback.read(n)
        if self.ambience is not None:
            voice = mix_under(voice, self.ambience.read(n), AMBIENCE_DB)
        return self._line.process(voice) if self._line is not None else voice

    def snapshot(self) -> LiveSnapshot:
        with self._lock:
            s = self._snap
            silent = 0.0 if self._mic_at is None else self._clock() - self._mic_at
            return LiveSnapshot(
                s.partial,
                s.listening,
                self.playback.is_playing,
                s.turns,
                s.last_error,
                s.barge_ins,
                list(s.events[-20:]),
                silent,
            )

    def _update(self, **changes: Any) -> None:
        with self._lock:
            for k, v in changes.items():
                setattr(self._snap, k, v)


class _LiveWorker(threading.Thread):
    """Per-call thread: the WebRTC callback only enqueues; all work happens here."""

    def __init__(self, voice: VoiceCall) -> None:
        super().__init__(daemon=True, name=f"voice-{voice.call.call_id[:8]}")
        self.v = voice
        self.inbox: queue.Queue[tuple[np.ndarray, int] | None] = queue.Queue()
        self.resampler = StreamResampler(voice.rate)
        self.listener = TurnListener(voice.stt, voice.rate, context=voice.call.call_id)
        self._stopped = threading.Event()
        self._heard_so_far = ""  # the partial words last looked at

    def stop(self) -> None:
        self._stopped.set()
        self.inbox.put(None)
        if self is not threading.current_thread():
            self.join(timeout=5)

    def run(self) -> None:
        try:
            while not self._stopped.is_set():
                item = self.inbox.get()
                if item is None:
                    break
                pcm, rate = item
                try:
                    self._handle(self.resampler.push_pcm(pcm, rate))
                except SpeechError as exc:
                    self.v._update(last_error=str(exc))
                except Exception as exc:
                    log.exception("live voice turn failed")
                    self.v._update(last_error=f"{exc.__class__.__name__}: {exc}")
        finally:
            self.listener.close()

    def _handle(self, pcm: np.ndarray) -> None:
        v = self.v
        for ev in self.listener.feed(pcm):
            if isinstance(ev, SpeechStarted):
                if v.playback.barge_in() is not None:
                    with v._lock:
                        v._snap.barge_ins += 1
                v._update(listening=True, partial="")
            else:
                v._update(listening=False, partial="")
                self._turn(ev)
        if self.listener.detector.in_turn:
            partial = self.listener.partial
            v._update(partial=partial)
            if partial != self._heard_so_far:  # a caller who talks over speaks before the end
                self._heard_so_far = partial
                cut = v.call.caller_cuts_in(partial) if long_line(partial) else None
                if cut is not None:
                    v.playback.play(v.speak(cut))

    def _turn(self, heard: Heard) -> None:
        v = self.v
        if not heard.text.strip() or v.call.status == CallStatus.ENDED:
            return
        t = v.call.now()
        hyp = Hypothesis(heard.text, heard.confidence, is_final=True)
        if not understood(hyp, v.stt):
            v._record_trainee(heard.pcm, t, "")  # not a turn, but kept in the recording
            v._update(last_error=not_understood(hyp, v.stt))
            return
        key = v._record_trainee(heard.pcm, t, heard.text)
        v.respond_aloud(
            heard.text, at=t, audio_key=key, confidence=round(heard.confidence, 3), unsure_words=heard.unsure
        )
        with v._lock:
            v._snap.turns += 1
            v._snap.events.append(f"trainee: {heard.text}")
