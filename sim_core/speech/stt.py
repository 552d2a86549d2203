"""Speech-to-text: the trainee's voice.

One streaming interface for every backend:
    stream = stt.open_stream()
    stream.feed(pcm_chunk)   -> Hypothesis | None   (a partial, when the backend has one)
    stream.finish()          -> Hypothesis(text, confidence, is_final=True)
and `stt.transcribe(pcm)` for a whole clip. PCM is int16 mono at `stt.sample_rate`.
Backends are built from Settings by `build_stt(settings)` (sim_core.speech.backends).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np

from sim_core.speech.datatypes import Hypothesis
from sim_core.speech.errors import SpeechBackendError


@runtime_checkable
class SttStream(Protocol):
    def feed(self, pcm: np.ndarray | bytes) -> Hypothesis | None:
        """Add audio; may return a partial hypothesis."""

    def finish(self) -> Hypothesis:
        """End of the utterance: the final hypothesis. The stream cannot be fed afterwards."""

    def cancel(self) -> None:
        """Drop the utterance without decoding it."""


@runtime_checkable
class SpeculativeStream(Protocol):
    """A stream that decodes only at the end can start that decode early, at a pause."""

    speculating: bool

    def speculate(self) -> None:
        """Start decoding the audio so far in the background; finish() returns that result
        when nothing but silence was fed after it, and feed() hands it out once as a partial."""

    def retract(self) -> None:
        """Speech resumed: drop the speculative decode."""


@runtime_checkable
class STT(Protocol):
    name: str
    sample_rate: int

    def open_stream(self, context: str | None = None) -> SttStream:
        """Start one utterance. `context` (e.g. the call id) lets a backend keep
        adapting to the same speaker and microphone across utterances."""

    def transcribe(self, pcm: np.ndarray | bytes, context: str | None = None) -> Hypothesis:
        """Decode a whole clip."""

    def forget(self, context: str) -> None:
        """Drop what was learned about a speaker (the call ended)."""


def as_pcm(pcm: np.ndarray | bytes) -> np.ndarray:
    """int16 mono samples from an array or little-endian bytes."""
    if isinstance(pcm, (bytes, bytearray, memoryview)):
        return np.frombuffer(bytes(pcm), dtype="<i2")
    arr = np.asarray(pcm)
    if arr.dtype != np.int16:
        raise SpeechBackendError(f"STT expects int16 PCM, got {arr.dtype}")
    return arr.reshape(-1)
