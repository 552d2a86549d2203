"""Voice activity and end-of-turn detection for the trainee's microphone.

WebRTC's VAD (PyPI `webrtcvad-wheels`) classifies 10/20/30 ms frames; the
TurnDetector adds hysteresis on top: speech must last `start_ms` to open a
turn, and only `end_silence_ms` of continuous non-speech ends it, so a
trainee who pauses mid-sentence (400 ms) keeps the turn. A short pre-roll is
kept so the first syllable is not clipped. WebRTC's VAD judges spectral shape,
not loudness, and calls faint broadband room noise "speech"; frames quieter
than `min_speech_dbfs` are therefore treated as silence.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import numpy as np

from sim_core.speech.errors import require


@dataclass(frozen=True, slots=True)
class SpeechStarted:
    """The trainee started talking (offset in seconds of stream audio). Use it for barge-in."""

    offset_s: float


@dataclass(frozen=True, slots=True)
class TurnEnded:
    """The trainee finished a turn: the audio from just before speech start to end of speech."""

    start_s: float
    end_s: float
    pcm: np.ndarray = field(repr=False)


class TurnDetector:
    def __init__(
        self,
        sample_rate: int = 16000,
        frame_ms: int = 20,
        aggressiveness: int = 2,
        start_ms: int = 100,
        end_silence_ms: int = 800,
        pre_roll_ms: int = 300,
        max_turn_s: float = 60.0,
        min_speech_dbfs: float = -50.0,
    ) -> None:
        webrtcvad = require("webrtcvad", "pip install webrtcvad-wheels==2.0.14.post1")
        if sample_rate not in (8000, 16000, 32000, 48000):
            raise ValueError("WebRTC VAD needs 8000, 16000, 32000 or 48000 Hz audio")
        if frame_ms not in (10, 20, 30):
            raise ValueError("frame_ms must be 10, 20 or 30")
        self._vad = webrtcvad.Vad(aggressiveness)
        self.sample_rate = sample_rate
        self.frame_ms = frame_ms
        self._frame = sample_rate * frame_ms // 1000
        self._start_frames = max(1, start_ms // frame_ms)
        self._end_frames = max(1, end_silence_ms // frame_ms)
        self._pre_roll: deque[np.ndarray] = deque(maxlen=max(1, pre_roll_ms // frame_ms) + self._start_frames)
        self._max_frames = int(max_turn_s * 1000 / frame_ms)
        self._min_rms = 32768.0 * 10 ** (min_speech_dbfs / 20.0)
        self._pending = np.zeros(0, dtype=np.int16)
        self._frames_seen = 0
        self._in_turn = False
        self._voiced_run = 0
        self._silent_run = 0
        self._turn: list[np.ndarray] = []
        self._turn_start = 0
        self._last_voiced = 0

    @property
    def in_turn(self) -> bool:
        return self._in_turn

    @property
    def silence_ms(self) -> int:
        """Silence since the last voiced frame of the open turn (0 outside a turn)."""
        return self._silent_run * self.frame_ms if self._in_turn else 0

    def turn_audio(self) -> np.ndarray:
        """The open turn's audio so far, pre-roll included (what a recogniser opened at
        SpeechStarted has not heard yet)."""
        return np.concatenate(self._turn) if self._turn else np.zeros(0, dtype=np.int16)

    def end_turn(self) -> TurnEnded:
        """Close the open turn now (the caller of this knows the words are complete)."""
        if not self._in_turn:
            raise RuntimeError("no turn is open")
        return self._close(self._last_voiced)

    def is_speech(self, frame: np.ndarray) -> bool:
        rms = float(np.sqrt(np.mean(np.square(frame, dtype=np.float64))))
        return rms >= self._min_rms and self._vad.is_speech(frame.astype("<i2").tobytes(), self.sample_rate)

    def feed(self, pcm: np.ndarray) -> list[SpeechStarted | TurnEnded]:
        """Add int16 mono audio of any length; returns the events it completes."""
        events: list[SpeechStarted | TurnEnded] = []
        data = np.concatenate([self._pending, np.asarray(pcm, dtype=np.int16).reshape(-1)])
        n = len(data) // self._frame
        for i in range(n):
            ev = self._step(data[i * self._frame : (i + 1) * self._frame])
            if ev is not None:
                events.append(ev)
        self._pending = data[n * self._frame :].copy()
        return events

    def flush(self) -> TurnEnded | None:
        """End of stream: close an open turn."""
        return self._close(self._frames_seen) if self._in_turn else None

    def _t(self, frames: int) -> float:
        return frames * self.frame_ms / 1000.0

    def _step(self, frame: np.ndarray) -> SpeechStarted | TurnEnded | None:
        voiced = self.is_speech(frame)
        self._frames_seen += 1
        if not self._in_turn:
            self._pre_roll.append(frame)
            self._voiced_run = self._voiced_run + 1 if voiced else 0
            if self._voiced_run >= self._start_frames:
                self._in_turn = True
                self._turn = list(self._pre_roll)
                self._turn_start = self._frames_seen - len(self._turn)
                self._silent_run = 0
                self._last_voiced = self._frames_seen
                return SpeechStarted(offset_s=self._t(self._frames_seen - self._voiced_run))
            return None
        self._turn.append(frame)
        if voiced:
            self._silent_run = 0
            self._last_voiced = self._frames_seen
        else:
            self._silent_run += 1
        if self._silent_run >= self._end_frames or len(self._turn) >= self._max_frames:
            return self._close(self._last_voiced)
        return None

    def _close(self, end_frame: int) -> TurnEnded:
        event = TurnEnded(start_s=self._t(max(0, self._turn_start)), end_s=self._t(end_frame), pcm=self.turn_audio())
        self._in_turn = False
        self._turn = []
        self._voiced_run = 0
        self._silent_run = 0
        self._pre_roll.clear()
        return event
