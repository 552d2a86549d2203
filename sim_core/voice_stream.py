"""The caller's reply spoken while it is still being written.

`CallerSpeech` sits between a call's turn and the playback: the turn hands
it each sentence the moment the actor has checked it (`put`), and playback
pulls audio (`audio()`) that is synthesised sentence by sentence from those,
so the caller starts talking after the first sentence, not after the whole
reply. When the turn is done (`close`), the audio is recorded and its length
reported to the call, as for a reply spoken whole.
"""

from __future__ import annotations

import queue
from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from .speech import AudioChunk
from .speech.audio import resample

if TYPE_CHECKING:
    from .caller_turn import Turn
    from .voice import VoiceCall

_END = None


class CallerSpeech:
    def __init__(self, voice: VoiceCall) -> None:
        self.voice = voice
        self._q: queue.Queue[tuple[str, str] | None] = queue.Queue()
        self.turn: Turn | None = None
        self.spoken: list[str] = []  # the sentences handed to the voice, in order

    def put(self, sentence: str, emotion: str) -> None:
        """A sentence that may be spoken now (called by the turn, on its thread)."""
        if sentence.strip(". "):
            self._q.put((sentence, emotion))

    def close(self, turn: Turn | None) -> None:
        """The turn is over (None: it failed; what was said stays said)."""
        self.turn = turn
        self._q.put(_END)

    def audio(self) -> Iterator[AudioChunk]:
        """The caller's voice for each sentence as it arrives (pulled by playback)."""
        v = self.voice
        pieces: list[np.ndarray] = []
        index = 0
        while True:
            item = self._q.get()
            if item is _END:
                break
            sentence, emotion = item
            self.spoken.append(sentence)
            for chunk in v.tts.synthesize_stream(sentence, v.voice(emotion)):
                pcm = chunk.pcm if chunk.sample_rate == v.rate else resample(chunk.pcm, chunk.sample_rate, v.rate)
                pieces.append(pcm)
                yield AudioChunk(pcm, v.rate, chunk.text, index)
                index += 1
        turn = self.turn
        if turn is None or not pieces:
            return
        v.call.caller_audio(turn.t, sum(len(p) for p in pieces) / v.rate)
        if v.audio is not None:
            v.audio.add_turn("caller", v.as_heard(np.concatenate(pieces), turn.t), turn.t, text=turn.caller_text)
