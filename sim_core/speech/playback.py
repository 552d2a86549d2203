"""Caller audio playback with barge-in.

The caller's sentences (AudioChunks from TTS) are queued here and read out in
fixed-size pieces by whatever plays them (a WebRTC track, a test). When the
trainee starts speaking, `barge_in()` stops the caller at once, drops what was
not yet played, stops pulling from the TTS stream, and reports where the
caller was cut off so the conversation knows what the trainee actually heard.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from sim_core.speech.audio import resample
from sim_core.speech.datatypes import AudioChunk

MAX_AHEAD_S = 2.0  # how far synthesis may run ahead of what has been played


@dataclass(frozen=True, slots=True)
class BargeIn:
    """Where the caller was interrupted."""

    offset_s: float  # seconds of the caller utterance played before the cut
    text_heard: str  # sentences the trainee heard completely, plus the one cut
    text_unsaid: str  # sentences synthesized but never played
    sentence_index: int  # index of the sentence that was cut


class PlaybackController:
    def __init__(self, sample_rate: int = 16000) -> None:
        self.sample_rate = sample_rate
        self._lock = threading.Lock()
        self._queue: list[tuple[np.ndarray, AudioChunk]] = []
        self._pos = 0  # samples of the head chunk already played
        self._played = 0  # samples of the current utterance played
        self._done_text: list[str] = []
        self._stop = threading.Event()
        self._feeder: threading.Thread | None = None
        self._source_done = True

    # ---------------------------------------------------------------- producing
    def play(self, chunks: Iterable[AudioChunk]) -> None:
        """Start a caller utterance (replacing any in progress). `chunks` is pulled on
        a feeder thread, so a streaming TTS generator may be passed directly."""
        self.stop()
        with self._lock:
            self._stop = threading.Event()
            self._queue.clear()
            self._pos = self._played = 0
            self._done_text = []
            self._source_done = False
        stop = self._stop
        self._feeder = threading.Thread(
            target=self._feed, args=(iter(chunks), stop), daemon=True, name="caller-playback"
        )
        self._feeder.start()

    def _feed(self, chunks: Iterator[AudioChunk], stop: threading.Event) -> None:
        try:
            for chunk in chunks:
                # back-pressure: synthesize at most MAX_AHEAD_S ahead of playback, so a
                # barge-in does not leave the TTS working on words nobody will hear
                while self.buffered_s > MAX_AHEAD_S and not stop.wait(0.01):
                    pass
                if stop.is_set():
                    break
                self.push(chunk, stop)
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()
            with self._lock:
                if self._stop is stop:
                    self._source_done = True

    def push(self, chunk: AudioChunk, stop: threading.Event | None = None) -> None:
        pcm = (
            chunk.pcm
            if chunk.sample_rate == self.sample_rate
            else resample(chunk.pcm, chunk.sample_rate, self.sample_rate)
        )
        with self._lock:
            if stop is not None and stop is not self._stop:
                return
            self._queue.append((pcm, chunk))

    # ---------------------------------------------------------------- consuming
    @property
    def is_playing(self) -> bool:
        with self._lock:
            return bool(self._queue) or not self._source_done

    @property
    def buffered_s(self) -> float:
        """Seconds of caller audio synthesized and waiting to be played."""
        with self._lock:
            samples = sum(len(pcm) for pcm, _ in self._queue) - self._pos
        return samples / float(self.sample_rate)

    def read(self, n: int) -> np.ndarray:
        """The next n samples of caller audio (zeros where there is none yet)."""
        out = np.zeros(n, dtype=np.int16)
        filled = 0
        with self._lock:
            while filled < n and self._queue:
                pcm, chunk = self._queue[0]
                take = min(n - filled, len(pcm) - self._pos)
                out[filled : filled + take] = pcm[self._pos : self._pos + take]
                filled += take
                self._pos += take
                self._played += take
                if self._pos >= len(pcm):
                    self._queue.pop(0)
                    self._pos = 0
                    self._done_text.append(chunk.text)
        return out

    # ---------------------------------------------------------------- barge-in
    def barge_in(self) -> BargeIn | None:
        """Stop the caller now; None when the caller was not talking."""
        with self._lock:
            talking = bool(self._queue) or not self._source_done
            if not talking:
                return None
            self._stop.set()
            cut = self._queue[0][1] if self._queue else None
            heard = list(self._done_text)
            unsaid = [c.text for _, c in self._queue[1:]] if cut is not None else []
            if cut is not None and self._pos > 0:
                heard.append(cut.text)
            elif cut is not None:
                unsaid.insert(0, cut.text)
            event = BargeIn(
                offset_s=self._played / float(self.sample_rate),
                text_heard=" ".join(heard),
                text_unsaid=" ".join(unsaid),
                sentence_index=cut.index if cut is not None else len(heard),
            )
            self._queue.clear()
            self._pos = 0
            self._source_done = True
        return event

    def stop(self) -> None:
        """Stop without reporting (e.g. call ended)."""
        with self._lock:
            self._stop.set()
            self._queue.clear()
            self._pos = 0
            self._source_done = True
        feeder = self._feeder
        if feeder is not None and feeder is not threading.current_thread():
            feeder.join(timeout=2.0)
