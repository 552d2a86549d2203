"""Whole-call recording: one stereo WAV (caller left, trainee right) aligned by
call offsets, plus one clip per turn, stored through an ObjectStore under
`call_prefix(call_id)`.

Keys:
  calls/<id>/turns/<NNN>-<speaker>.wav   one per turn, as it happens
  calls/<id>/call.wav                    stereo mix, written by finish()
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from sim_core.speech.audio import pcm_to_wav, resample
from sim_core.storage.base import ObjectStore, call_prefix

SPEAKERS = ("caller", "trainee")


@dataclass(frozen=True, slots=True)
class TurnClip:
    index: int
    speaker: str
    offset_s: float
    duration_s: float
    key: str
    text: str = ""


class CallAudioRecorder:
    def __init__(self, store: ObjectStore, call_id: str, sample_rate: int = 16000) -> None:
        self.store = store
        self.call_id = call_id
        self.sample_rate = sample_rate
        self.prefix = call_prefix(call_id)
        self._lock = threading.Lock()
        self._segments: list[tuple[int, int, np.ndarray]] = []  # (channel, start sample, pcm)
        self.turns: list[TurnClip] = []

    def add_turn(
        self, speaker: str, pcm: np.ndarray, offset_s: float, sample_rate: int | None = None, text: str = ""
    ) -> TurnClip:
        """Record one turn that started `offset_s` seconds after call start; stores its clip now."""
        if speaker not in SPEAKERS:
            raise ValueError(f"speaker must be one of {SPEAKERS}, got {speaker!r}")
        if offset_s < 0:
            raise ValueError("offset_s must be >= 0 (seconds from call start)")
        pcm = np.asarray(pcm, dtype=np.int16).reshape(-1)
        if sample_rate and sample_rate != self.sample_rate:
            pcm = resample(pcm, sample_rate, self.sample_rate)
        with self._lock:
            index = len(self.turns)
            key = f"{self.prefix}turns/{index:03d}-{speaker}.wav"
            clip = TurnClip(
                index=index,
                speaker=speaker,
                offset_s=float(offset_s),
                duration_s=len(pcm) / self.sample_rate,
                key=key,
                text=text,
            )
            self.turns.append(clip)
            self._segments.append((SPEAKERS.index(speaker), int(round(offset_s * self.sample_rate)), pcm))
        self.store.put(key, pcm_to_wav(pcm, self.sample_rate), "audio/wav")
        return clip

    def stereo_mix(self) -> np.ndarray:
        """(n, 2) int16: caller on the left, trainee on the right, overlapping audio summed."""
        with self._lock:
            segments = list(self._segments)
        length = max((start + len(pcm) for _, start, pcm in segments), default=0)
        mix = np.zeros((length, 2), dtype=np.int32)
        for channel, start, pcm in segments:
            mix[start : start + len(pcm), channel] += pcm
        return np.clip(mix, -32768, 32767).astype(np.int16)

    def finish(self) -> str:
        """Store the stereo recording of the whole call; returns its key."""
        key = f"{self.prefix}call.wav"
        self.store.put(key, pcm_to_wav(self.stereo_mix(), self.sample_rate, channels=2), "audio/wav")
        return key
