"""Text-to-speech: the caller's voice.

One interface for every backend: `synthesize_stream(text, voice)` yields one
AudioChunk per sentence, and the first sentence comes out while the following
ones are still being synthesized on a worker thread. Backends are built from
Settings by `build_tts(settings)` (sim_core.speech.backends).
"""

from __future__ import annotations

import queue
import re
import threading
from collections.abc import Callable, Iterator
from typing import Protocol, runtime_checkable

import numpy as np

from sim_core.sentence_split import split_sentences as sentences_of
from sim_core.speech.audio import apply_gain, resample
from sim_core.speech.datatypes import AudioChunk, VoiceStyle
from sim_core.speech.errors import SpeechBackendError

_CLAUSE_BREAK = re.compile(r"(?<=[,;:—–])\s+")
FIRST_CHUNK_MAX_WORDS = 8
PEAK_LEVEL = 0.9


@runtime_checkable
class TTS(Protocol):
    name: str

    def synthesize_stream(self, text: str, voice: VoiceStyle) -> Iterator[AudioChunk]:
        """Yield audio sentence by sentence; the first chunk arrives before the rest is made."""

    def health(self) -> bool:
        """True when the backend can synthesize right now."""


def split_sentences(text: str, first_chunk_max_words: int = FIRST_CHUNK_MAX_WORDS) -> list[str]:
    """Split text into sentences; a long first sentence is split at its first clause
    break so the caller starts talking sooner."""
    text = " ".join((text or "").split())
    if not text:
        return []
    parts = sentences_of(text)
    if parts and len(parts[0].split()) > first_chunk_max_words:
        clauses = _CLAUSE_BREAK.split(parts[0], maxsplit=1)
        if len(clauses) == 2 and len(clauses[0].split()) >= 2:
            parts = clauses + parts[1:]
    return parts


def shift_pitch(pcm: np.ndarray, sample_rate: int, factor: float) -> np.ndarray:
    """Raise (factor > 1) or lower pitch by resampling; tempo changes by the same factor."""
    if abs(factor - 1.0) < 1e-3 or len(pcm) == 0:
        return np.asarray(pcm, dtype=np.int16)
    return resample(pcm, int(round(sample_rate * factor)), sample_rate)


def finish_chunk(
    pcm: np.ndarray, sample_rate: int, text: str, index: int, gain: float, peak: float | None = PEAK_LEVEL
) -> AudioChunk:
    """Bring the sentence to a common peak level (so voices and engines match),
    apply the style's volume, and wrap it as an AudioChunk."""
    pcm = np.asarray(pcm, dtype=np.int16)
    current = int(np.max(np.abs(pcm.astype(np.int32)))) if pcm.size else 0
    if peak is not None and current > 0:
        gain = gain * peak * 32767.0 / current
    if abs(gain - 1.0) > 1e-3:
        pcm = apply_gain(pcm, gain)
    return AudioChunk(pcm=pcm, sample_rate=sample_rate, text=text, index=index)


def stream_sentences(
    text: str,
    voice: VoiceStyle,
    synth_one: Callable[[str, VoiceStyle, int], AudioChunk],
    lookahead: int = 2,
    cancel: Callable[[], None] | None = None,
) -> Iterator[AudioChunk]:
    """Run `synth_one` over the sentences of `text` on a worker thread and yield
    the chunks in order as soon as each is ready. Closing the generator (e.g.
    on barge-in) stops the worker; `cancel` is called then to abort a sentence
    in progress (backends that cannot abort finish the current sentence)."""
    sentences = split_sentences(text)
    if len(sentences) <= 1:
        for i, sentence in enumerate(sentences):
            yield synth_one(sentence, voice, i)
        return
    out: queue.Queue = queue.Queue(maxsize=max(1, lookahead))
    stop = threading.Event()

    def put(item: tuple) -> bool:
        while not stop.is_set():
            try:
                out.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        try:
            for i, sentence in enumerate(sentences):
                if stop.is_set() or not put(("chunk", synth_one(sentence, voice, i))):
                    return
        except BaseException as exc:  # handed to the consumer, re-raised there
            put(("error", exc))
            return
        put(("end", None))

    worker = threading.Thread(target=work, name="tts-sentences", daemon=True)
    worker.start()
    try:
        while True:
            kind, value = out.get()
            if kind == "end":
                return
            if kind == "error":
                if isinstance(value, SpeechBackendError):
                    raise value
                raise SpeechBackendError(f"speech synthesis failed: {value}") from value
            yield value
    finally:
        stop.set()
        if cancel is not None and worker.is_alive():
            cancel()


def synthesize_all(tts: TTS, text: str, voice: VoiceStyle) -> AudioChunk:
    """Synthesize the whole text and join it into one chunk."""
    chunks = list(tts.synthesize_stream(text, voice))
    if not chunks:
        return AudioChunk(pcm=np.zeros(0, dtype=np.int16), sample_rate=16000, text=text)
    rate = chunks[0].sample_rate
    pcm = np.concatenate([c.pcm if c.sample_rate == rate else resample(c.pcm, c.sample_rate, rate) for c in chunks])
    return AudioChunk(pcm=pcm, sample_rate=rate, text=" ".join(c.text for c in chunks))
