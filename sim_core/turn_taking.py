"""When the trainee has finished speaking, on the live voice path.

Microphone audio goes through the turn detector (WebRTC VAD with hysteresis)
and a streaming recogniser. A turn ends after `END_SILENCE_MS` of silence, so a
trainee who pauses mid-sentence keeps the turn, or already after
`EARLY_END_MS` when the words heard so far are a finished question or
instruction ("what is the address of your emergency"): a person on the other
end would answer then too, and the caller's reply comes about 0.4 s sooner.
A recogniser that is not streaming (Whisper) decodes speculatively from the
first moments of a pause, so the silence that ends the turn hides the decode.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .nlp.acts import classify
from .speech.stt import STT, SpeculativeStream, SttStream
from .speech.vad import SpeechStarted, TurnDetector

END_SILENCE_MS = 800
EARLY_END_MS = 480  # > a partial-hypothesis interval (0.3 s) plus the VAD's own lag
MIN_ACT_CONFIDENCE = 0.6
SPECULATE_AFTER_MS = 60  # a pause this long starts the final decode (dropped if speech resumes)
# a sentence that stops on one of these is not finished ("what is the address of ...")
OPEN_ENDINGS = frozenset(
    """
a an the and or but so because if that than of to for with without in on at from by about
into onto over under near your his her their its my our is are was were be been being am
can could would will shall should may might must do does did have has had what where who
whom whose when why how which um uh er erm just very
""".split()
)


def sounds_finished(text: str) -> bool:
    """True when `text` reads as a complete question or instruction to the caller."""
    words = text.lower().replace("?", " ").replace(".", " ").split()
    if len(words) < 2 or words[-1] in OPEN_ENDINGS:
        return False
    return any(act != "other" and conf >= MIN_ACT_CONFIDENCE for act, conf in classify(text).items())


@dataclass(frozen=True, slots=True)
class Heard:
    """A finished trainee turn: the final hypothesis and the turn's audio."""

    text: str
    confidence: float
    pcm: np.ndarray = field(repr=False)
    waited_ms: int  # silence after the last voiced frame before the turn was declared over
    early: bool  # ended early because the words were a finished sentence
    words: tuple[tuple[str, float], ...] = ()  # each word with its probability, when scored
    unsure: tuple[str, ...] = ()  # the words the recogniser was unsure of


class TurnListener:
    """Mono int16 audio at `sample_rate` in; SpeechStarted and Heard events out."""

    def __init__(
        self,
        stt: STT,
        sample_rate: int,
        context: str | None = None,
        *,
        end_silence_ms: int = END_SILENCE_MS,
        early_end_ms: int | None = EARLY_END_MS,
        speculate_after_ms: int = SPECULATE_AFTER_MS,
    ) -> None:
        self.stt = stt
        self.context = context
        self.detector = TurnDetector(sample_rate, end_silence_ms=end_silence_ms)
        self.end_silence_ms = end_silence_ms
        self.early_end_ms = early_end_ms
        self.partial = ""
        self._stream: SttStream | None = None
        self._judged: tuple[str, bool] = ("", False)
        self.speculate_after_ms = speculate_after_ms
        # the partial covers all the speech so far (a streaming recogniser's always does;
        # a speculative decode's only until speech resumes)
        self._partial_current = True

    def feed(self, pcm: np.ndarray) -> list[SpeechStarted | Heard]:
        out: list[SpeechStarted | Heard] = []
        opened = False
        for ev in self.detector.feed(pcm):
            if isinstance(ev, SpeechStarted):
                self._stream = self.stt.open_stream(context=self.context)
                self.partial = ""
                self._partial_current = not isinstance(self._stream, SpeculativeStream)
                opened = True
                out.append(ev)
            else:
                out.append(self._heard(ev.pcm, self.end_silence_ms, early=False))
        if self._stream is not None and self.detector.in_turn:
            # a new turn starts with its pre-roll, so the first syllable is recognised too
            hyp = self._stream.feed(self.detector.turn_audio() if opened else pcm)
            silence = self.detector.silence_ms
            if hyp is not None:
                self.partial = hyp.text
                self._partial_current = True
            self._speculate(silence)
            if (
                self.early_end_ms is not None
                and silence >= self.early_end_ms
                and self._partial_current
                and self._finished()
            ):
                ended = self.detector.end_turn()
                out.append(self._heard(ended.pcm, silence, early=True))
        return out

    def _speculate(self, silence_ms: int) -> None:
        """A recogniser that decodes only at the end (Whisper) starts that decode as the
        trainee pauses and drops it if they go on, so the end-of-turn silence and the
        decode overlap. Its result is the partial the early end is judged on."""
        stream = self._stream
        if not isinstance(stream, SpeculativeStream):
            return
        if silence_ms == 0 and stream.speculating:
            stream.retract()
            self._partial_current = False
        elif silence_ms >= self.speculate_after_ms and not stream.speculating:
            stream.speculate()

    def close(self) -> None:
        """Drop an unfinished turn (live voice stopped)."""
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.cancel()

    def _finished(self) -> bool:
        if self._judged[0] != self.partial:
            self._judged = (self.partial, sounds_finished(self.partial))
        return self._judged[1]

    def _heard(self, pcm: np.ndarray, waited_ms: int, early: bool) -> Heard:
        stream, self._stream = self._stream, None
        hyp = stream.finish() if stream is not None else self.stt.transcribe(pcm, context=self.context)
        self.partial = ""
        return Heard(hyp.text, hyp.confidence, pcm, waited_ms, early, hyp.words, hyp.uncertain)
