"""Small hot-path dataclasses shared by the speech backends."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sim_core.speech.confidence import LOW_CONFIDENCE, marked_text, uncertain_words


@dataclass(slots=True)
class AudioChunk:
    """One sentence of synthesized speech: int16 mono PCM."""

    pcm: np.ndarray
    sample_rate: int
    text: str
    index: int = 0

    def __post_init__(self) -> None:
        if isinstance(self.pcm, (bytes, bytearray, memoryview)):
            self.pcm = np.frombuffer(bytes(self.pcm), dtype="<i2").copy()
        self.pcm = np.asarray(self.pcm, dtype=np.int16).reshape(-1)

    @property
    def duration_s(self) -> float:
        return len(self.pcm) / float(self.sample_rate) if self.sample_rate else 0.0

    def to_bytes(self) -> bytes:
        return self.pcm.astype("<i2").tobytes()


@dataclass(frozen=True, slots=True)
class VoiceStyle:
    """How a caller sounds, independent of the TTS backend.

    rate: 1.0 is the voice's normal speed, 1.3 is 30 % faster (Piper length_scale = 1/rate).
    pitch_semitones: shift from the voice's normal pitch.
    volume: linear gain applied to the voice (1.0 = full level).
    espeak_voice: espeak-ng voice with variant, e.g. "en-us+f3" or "es+whisper".
    voice: backend voice name override (Coqui speaker id, OpenAI voice); "" = configured default.
    native_text: the text is written in `language` (a Spanish line), not English with an accent.
    """

    emotion: str = "calm"
    rate: float = 1.0
    pitch_semitones: float = 0.0
    volume: float = 1.0
    gender: str = "unknown"
    age: int | None = None
    language: str = "en-us"
    espeak_voice: str = "en-us"
    voice: str = ""
    expressiveness: float = 0.8
    extra: dict[str, Any] = field(default_factory=dict)
    native_text: bool = False  # the text is in `language` (read with its rules, never as English)

    @property
    def length_scale(self) -> float:
        """Piper's phoneme length scale (< 1 is faster)."""
        return 1.0 / self.rate


@dataclass(frozen=True, slots=True)
class Hypothesis:
    """What the recogniser heard: text, confidence in [0, 1], whether it is final, and
    (for recognisers that score words) each word with its probability."""

    text: str
    confidence: float
    is_final: bool = False
    words: tuple[tuple[str, float], ...] = ()

    @property
    def uncertain(self) -> tuple[str, ...]:
        """Words the recogniser was unsure of (empty when it does not score words)."""
        return uncertain_words(self.words)

    @property
    def low_confidence(self) -> bool:
        """What was heard is doubtful: facts taken from it need checking."""
        return bool(self.text) and self.confidence < LOW_CONFIDENCE

    def marked(self) -> str:
        """The text with unsure words marked: "what is the [adress?]"."""
        return marked_text(self.text, self.words)
