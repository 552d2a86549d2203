"""WebRTC audio frames to and from a call's voice (streamlit-webrtc's `audio_frame_callback`).

The browser sends and expects frames in its own format (aiortc: 48 kHz stereo s16, 20 ms);
the call speaks and listens in mono PCM at its own rate (16 kHz). Downmixing and resampling
both ways is libswresample's work, through PyAV's `AudioResampler`; an `AudioFifo` hands
back exactly as many samples as each incoming frame holds.
"""

from __future__ import annotations

import math
import threading
import weakref
from typing import Protocol

import av
import numpy as np


class Voice(Protocol):
    """What the bridge needs of a call's voice (`sim_core.voice.VoiceCall`)."""

    rate: int

    def feed_mic(self, pcm: np.ndarray, sample_rate: int) -> None: ...

    def read_speaker(self, n: int) -> np.ndarray: ...


# libswresample spreads a mono source over a stereo pair at -3 dB a side (equal power);
# each ear of the headset is to hear the caller whole, at the level the call speaks.
_EACH_EAR = {"rematrix_volume": f"{math.sqrt(2):.8f}"}


class _Converter:
    """An `av.AudioResampler` to one target, rebuilt if the source frames change shape
    (a renegotiated track), which a resampler alone refuses."""

    def __init__(self, fmt: str, layout: str, rate: int, options: dict[str, str] | None = None) -> None:
        self.target = (fmt, layout, rate)
        self.options = options
        self._source: tuple[str, str, int] | None = None
        self._resampler: av.AudioResampler | None = None

    def convert(self, frame: av.AudioFrame) -> list[av.AudioFrame]:
        source = (frame.format.name, frame.layout.name, frame.sample_rate)
        if self._resampler is None or source != self._source:
            fmt, layout, rate = self.target
            self._resampler = av.AudioResampler(format=fmt, layout=layout, rate=rate, options=self.options)
            self._source = source
        return self._resampler.resample(frame)


class WebRTCAudio:
    """One call's frame callback: each microphone frame goes to the call as mono PCM at the
    call's rate; the call's speaker audio comes back as a frame of the same size, format,
    layout and rate. Runs on the WebRTC worker: it only converts and enqueues."""

    def __init__(self, voice: Voice) -> None:
        self.voice = voice
        self._mic = _Converter("s16", "mono", voice.rate)
        self._speaker: _Converter | None = None
        self._fifo: av.AudioFifo | None = None

    def __call__(self, frame: av.AudioFrame) -> av.AudioFrame:
        heard = [f.to_ndarray().reshape(-1) for f in self._mic.convert(frame)]
        if heard:
            self.voice.feed_mic(np.concatenate(heard), self.voice.rate)
        return self._speaker_frame(frame)

    def _speaker_frame(self, like: av.AudioFrame) -> av.AudioFrame:
        n = like.samples
        target = (like.format.name, like.layout.name, like.sample_rate)
        if self._speaker is None or self._speaker.target != target:
            options = _EACH_EAR if like.layout.name == "stereo" else None
            self._speaker, self._fifo = _Converter(*target, options=options), av.AudioFifo()
        assert self._fifo is not None
        pcm = self.voice.read_speaker(max(1, round(n * self.voice.rate / like.sample_rate)))
        mono = av.AudioFrame.from_ndarray(
            np.ascontiguousarray(pcm, dtype=np.int16).reshape(1, -1), format="s16", layout="mono"
        )
        mono.sample_rate = self.voice.rate
        for out in self._speaker.convert(mono):
            out.pts = None
            self._fifo.write(out)
        reply = self._fifo.read(n) or _silence(like)
        reply.pts = like.pts
        if like.time_base is not None:
            reply.time_base = like.time_base
        return reply


def _silence(like: av.AudioFrame) -> av.AudioFrame:
    """A silent frame shaped like `like` (only before the resampler's first output)."""
    frame = av.AudioFrame(format=like.format.name, layout=like.layout.name, samples=like.samples)
    for plane in frame.planes:
        plane.update(bytes(plane.buffer_size))
    frame.sample_rate = like.sample_rate
    return frame


_BRIDGES: weakref.WeakKeyDictionary[object, WebRTCAudio] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def frame_callback(voice: Voice) -> WebRTCAudio:
    """The call's bridge, the same one on every page rerun (its resamplers keep their state)."""
    with _LOCK:
        bridge = _BRIDGES.get(voice)
        if bridge is None:
            bridge = _BRIDGES[voice] = WebRTCAudio(voice)
        return bridge
