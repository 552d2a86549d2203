"""The median pitch of a voice: how a listener tells a man, a woman and a child apart.

Autocorrelation pitch per 40 ms frame (10 ms hop) over the voiced frames only
(loud enough, and periodic: the normalised autocorrelation peak at least
`VOICING`), then the median of those frames in Hz.
"""
from __future__ import annotations

import numpy as np

FMIN_HZ = 60.0
FMAX_HZ = 500.0
VOICING = 0.5


def frame_pitches(pcm: np.ndarray, sample_rate: int, frame_s: float = 0.04, hop_s: float = 0.01) -> np.ndarray:
    """Pitch in Hz of each voiced frame."""
    x = np.asarray(pcm, dtype=np.float64).reshape(-1)
    n, hop = int(frame_s * sample_rate), int(hop_s * sample_rate)
    if len(x) < n:
        return np.zeros(0)
    lo, hi = int(sample_rate / FMAX_HZ), int(sample_rate / FMIN_HZ)
    starts = np.arange(0, len(x) - n, hop)
    frames = np.stack([x[s:s + n] for s in starts])
    frames = frames - frames.mean(axis=1, keepdims=True)
    energy = np.sqrt(np.mean(frames ** 2, axis=1))
    loud = energy > 0.1 * float(np.percentile(energy, 95))
    window = np.hanning(n)
    out = []
    for frame in frames[loud]:
        spec = np.fft.rfft(frame * window, 2 * n)
        ac = np.fft.irfft(np.abs(spec) ** 2)[:n]
        if ac[0] <= 0:
            continue
        ac = ac / ac[0]
        lag = lo + int(np.argmax(ac[lo:hi]))
        if ac[lag] >= VOICING:
            # a peak at half the lag that is almost as strong is the true period (octave error)
            half = lag // 2
            if half >= lo and ac[half - 1:half + 2].max() > 0.9 * ac[lag]:
                lag = half - 1 + int(np.argmax(ac[half - 1:half + 2]))
            out.append(sample_rate / lag)
    return np.asarray(out)


def median_pitch(pcm: np.ndarray, sample_rate: int) -> float:
    """Median pitch in Hz of the voiced frames (nan when nothing is voiced)."""
    p = frame_pitches(pcm, sample_rate)
    return float(np.median(p)) if p.size else float("nan")
