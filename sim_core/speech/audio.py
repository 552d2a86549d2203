"""PCM helpers and decoding of what browsers send (WAV, WebM/Opus, 48 kHz stereo frames).

Internally the simulator works in int16 mono PCM at Settings.sample_rate
(16 kHz by default). PyAV (libavformat/libswresample) does decoding and
resampling so any container a browser produces is handled the same way.
"""

from __future__ import annotations

import io
import wave
from dataclasses import dataclass

import numpy as np

from sim_core.speech.errors import AudioInputError, SpeechBackendError

INT16_MAX = 32767.0


@dataclass(frozen=True, slots=True)
class DecodedAudio:
    """Decoded audio as int16 mono at `sample_rate`, with what it was before."""

    pcm: np.ndarray
    sample_rate: int
    source_rate: int
    source_channels: int
    container: str
    codec: str

    @property
    def duration_s(self) -> float:
        return len(self.pcm) / float(self.sample_rate)


# ---------------------------------------------------------------- conversions
def to_float(pcm: np.ndarray) -> np.ndarray:
    """int16 PCM to float32 in [-1, 1]."""
    return np.asarray(pcm, dtype=np.int16).astype(np.float32) / INT16_MAX


def to_int16(samples: np.ndarray) -> np.ndarray:
    """float samples in [-1, 1] to int16 PCM, clipping out-of-range values."""
    return np.clip(np.round(np.asarray(samples, dtype=np.float32) * INT16_MAX), -32768, 32767).astype(np.int16)


def downmix(samples: np.ndarray) -> np.ndarray:
    """(channels, n) or (n, channels) array to mono by averaging channels."""
    arr = np.asarray(samples)
    if arr.ndim == 1:
        return arr
    axis = 0 if arr.shape[0] <= 8 and arr.shape[0] < arr.shape[1] else 1
    return arr.astype(np.float32).mean(axis=axis).astype(arr.dtype)


def rms_dbfs(pcm: np.ndarray) -> float:
    """RMS level in dB relative to full scale (-inf for digital silence)."""
    x = to_float(pcm) if np.asarray(pcm).dtype == np.int16 else np.asarray(pcm, np.float32)
    if x.size == 0:
        return float("-inf")
    rms = float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))
    return 20.0 * np.log10(rms) if rms > 0 else float("-inf")


def peak_dbfs(pcm: np.ndarray) -> float:
    x = to_float(pcm) if np.asarray(pcm).dtype == np.int16 else np.asarray(pcm, np.float32)
    peak = float(np.max(np.abs(x))) if x.size else 0.0
    return 20.0 * np.log10(peak) if peak > 0 else float("-inf")


def normalize(pcm: np.ndarray, target_rms_dbfs: float = -20.0, max_peak_dbfs: float = -1.0) -> np.ndarray:
    """Scale int16 PCM to a target RMS level without letting peaks exceed max_peak_dbfs."""
    x = to_float(pcm)
    current = rms_dbfs(pcm)
    if not np.isfinite(current):
        return np.asarray(pcm, dtype=np.int16).copy()
    gain_db = target_rms_dbfs - current
    peak = peak_dbfs(pcm)
    gain_db = min(gain_db, max_peak_dbfs - peak)
    return to_int16(x * (10.0 ** (gain_db / 20.0)))


def apply_gain(pcm: np.ndarray, gain: float) -> np.ndarray:
    return to_int16(to_float(pcm) * float(gain))


# ---------------------------------------------------------------- resampling
def _frame_from_pcm(pcm: np.ndarray, rate: int):
    import av

    frame = av.AudioFrame.from_ndarray(
        np.ascontiguousarray(np.asarray(pcm, dtype=np.int16).reshape(1, -1)), format="s16", layout="mono"
    )
    frame.sample_rate = int(rate)
    return frame


def _frames_to_pcm(frames) -> np.ndarray:
    parts = [f.to_ndarray().reshape(-1) for f in frames]
    return np.concatenate(parts).astype(np.int16) if parts else np.zeros(0, dtype=np.int16)


def resample(pcm: np.ndarray, src_rate: int, dst_rate: int) -> np.ndarray:
    """Resample int16 mono PCM with libswresample."""
    pcm = np.asarray(pcm, dtype=np.int16).reshape(-1)
    if src_rate == dst_rate or pcm.size == 0:
        return pcm.copy()
    import av

    resampler = av.AudioResampler(format="s16", layout="mono", rate=int(dst_rate))
    out = list(resampler.resample(_frame_from_pcm(pcm, src_rate)))
    out.extend(resampler.resample(None))
    return _frames_to_pcm(out)


class StreamResampler:
    """Turns a stream of PyAV audio frames (e.g. WebRTC 48 kHz stereo s16) or
    raw int16 chunks into int16 mono PCM at `rate`, keeping filter state across
    chunks so there are no clicks at chunk boundaries."""

    def __init__(self, rate: int = 16000) -> None:
        import av

        self.rate = int(rate)
        self._resampler = av.AudioResampler(format="s16", layout="mono", rate=self.rate)
        self._src_rate: int | None = None

    def push_frame(self, frame) -> np.ndarray:
        return _frames_to_pcm(self._resampler.resample(frame))

    def push_pcm(self, pcm: np.ndarray, src_rate: int) -> np.ndarray:
        if self._src_rate is None:
            self._src_rate = int(src_rate)
        if self._src_rate == self.rate:
            return np.asarray(pcm, dtype=np.int16).reshape(-1).copy()
        return self.push_frame(_frame_from_pcm(pcm, self._src_rate))

    def flush(self) -> np.ndarray:
        if self._src_rate == self.rate:
            return np.zeros(0, dtype=np.int16)
        return _frames_to_pcm(self._resampler.resample(None))


# ---------------------------------------------------------------- WAV bytes
def pcm_to_wav(pcm: np.ndarray, sample_rate: int, channels: int = 1) -> bytes:
    """int16 PCM (mono (n,) or interleaved (n, channels)) to WAV bytes."""
    arr = np.asarray(pcm, dtype=np.int16)
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(int(sample_rate))
        w.writeframes(arr.astype("<i2").tobytes())
    return buf.getvalue()


def wav_to_pcm(data: bytes) -> tuple[np.ndarray, int, int]:
    """Read a 16-bit PCM WAV: (samples int16 shaped (n,) or (n, ch), rate, channels)."""
    with wave.open(io.BytesIO(data), "rb") as w:
        if w.getsampwidth() != 2:
            raise AudioInputError("only 16-bit PCM WAV can be read directly; use decode_audio()")
        ch, rate = w.getnchannels(), w.getframerate()
        raw = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.int16)
    return (raw.reshape(-1, ch) if ch > 1 else raw), rate, ch


def read_wav_any(data: bytes, source: str) -> tuple[np.ndarray, int]:
    """Mono int16 PCM and its rate from WAV bytes a speech server sent (any WAV
    flavour: 16-bit is read directly, float or odd headers go through PyAV)."""
    try:
        pcm, rate, channels = wav_to_pcm(data)
        return (downmix(pcm.T) if channels > 1 else pcm), rate
    except (AudioInputError, EOFError, wave.Error):
        pass
    try:
        rate = _probe_rate(data)
        decoded = decode_audio(data, rate=rate)
        return decoded.pcm, decoded.sample_rate
    except AudioInputError as exc:
        raise SpeechBackendError(f"{source} sent audio that could not be read: {exc}") from None


def _probe_rate(data: bytes) -> int:
    import av

    try:
        with av.open(io.BytesIO(data), mode="r") as container:
            stream = next(iter(container.streams.audio))
            return int(stream.codec_context.sample_rate or 16000)
    except (av.error.FFmpegError, StopIteration, ValueError, OSError):
        raise AudioInputError("not readable audio") from None


# ---------------------------------------------------------------- decoding
def decode_audio(data: bytes, rate: int = 16000, max_duration_s: float | None = None) -> DecodedAudio:
    """Decode any audio container PyAV can read into int16 mono PCM at `rate`.

    Raises AudioInputError for empty, corrupt or non-audio input, and when the
    audio is longer than max_duration_s (checked while decoding, so a huge clip
    is rejected without decoding all of it).
    """
    import av

    if not data:
        raise AudioInputError("the audio file is empty")
    try:
        container = av.open(io.BytesIO(data), mode="r")
    except (av.error.FFmpegError, ValueError, OSError) as exc:
        raise AudioInputError(f"the file is not readable audio ({_reason(exc)})") from None
    try:
        streams = list(container.streams.audio)
        if not streams:
            raise AudioInputError("the file contains no audio stream")
        stream = streams[0]
        src_rate = int(stream.codec_context.sample_rate or stream.rate or 0)
        channels = int(stream.codec_context.channels or 0)
        resampler = av.AudioResampler(format="s16", layout="mono", rate=int(rate))
        parts: list[np.ndarray] = []
        total = 0
        limit = None if max_duration_s is None else int(max_duration_s * rate)
        try:
            for frame in container.decode(stream):
                for out in resampler.resample(frame):
                    arr = out.to_ndarray().reshape(-1)
                    parts.append(arr)
                    total += arr.size
                if limit is not None and total > limit:
                    raise AudioInputError(
                        f"the recording is longer than the {max_duration_s:g} s limit; send a shorter clip"
                    )
            for out in resampler.resample(None):
                parts.append(out.to_ndarray().reshape(-1))
        except (av.error.FFmpegError, ValueError) as exc:
            raise AudioInputError(f"the audio is corrupt and could not be decoded ({_reason(exc)})") from None
        pcm = np.concatenate(parts).astype(np.int16) if parts else np.zeros(0, dtype=np.int16)
        if pcm.size == 0:
            raise AudioInputError("the file decodes to no audio samples")
        return DecodedAudio(
            pcm=pcm,
            sample_rate=int(rate),
            source_rate=src_rate,
            source_channels=channels,
            container=container.format.name,
            codec=stream.codec_context.name,
        )
    finally:
        container.close()


def _reason(exc: BaseException) -> str:
    """FFmpeg's own words without its error number and file name, e.g. "Invalid data
    found when processing input"."""
    text = str(getattr(exc, "strerror", None) or exc).strip() or type(exc).__name__
    return text if len(text) < 160 else text[:157] + "..."
