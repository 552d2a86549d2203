"""The median pitch of a voice: how a listener tells a man, a woman and a child apart.

YIN (de Cheveigné & Kawahara, 2002) per 40 ms frame with a 10 ms hop: the
cumulative-mean-normalised difference function, the first dip under
`THRESHOLD` taken as the period (which avoids octave errors), frames without
such a dip treated as unvoiced. The median over the voiced frames is the pitch.
"""

from __future__ import annotations

import numpy as np

FMIN_HZ = 60.0
FMAX_HZ = 500.0
THRESHOLD = 0.15
UNVOICED = 0.35


def _period(frame: np.ndarray, lo: int, hi: int) -> float | None:
    energy = np.concatenate([[0.0], np.cumsum(frame**2)])
    taus = np.arange(hi + 1)
    w = len(frame) - hi  # the window compared at every lag
    # squared difference of the first w samples and the same shifted by tau
    diff = energy[w] + (energy[taus + w] - energy[taus]) - 2 * _cross(frame, w, hi)
    diff[0] = 0.0
    cum = np.cumsum(diff[1:])
    cmnd = np.ones(hi + 1)
    cmnd[1:] = diff[1:] * np.arange(1, hi + 1) / np.where(cum > 0, cum, 1.0)
    below = np.nonzero(cmnd[lo:hi] < THRESHOLD)[0]
    if below.size:
        t = lo + int(below[0])
        while t + 1 < hi and cmnd[t + 1] < cmnd[t]:
            t += 1
    else:
        t = lo + int(np.argmin(cmnd[lo:hi]))
        if cmnd[t] > UNVOICED:
            return None
    if 0 < t < hi:  # parabolic refinement of the dip
        a, b, c = cmnd[t - 1], cmnd[t], cmnd[t + 1]
        den = a - 2 * b + c
        return t + (0.5 * (a - c) / den if den > 0 else 0.0)
    return float(t)


def _cross(frame: np.ndarray, w: int, hi: int) -> np.ndarray:
    """sum_j frame[j] * frame[j + tau] for j < w, for every tau <= hi (by FFT)."""
    size = 1 << int(np.ceil(np.log2(len(frame) + w)))
    a = np.fft.rfft(frame[:w], size)
    b = np.fft.rfft(frame, size)
    return np.fft.irfft(np.conj(a) * b, size)[: hi + 1]


def frame_pitches(pcm: np.ndarray, sample_rate: int, frame_s: float = 0.04, hop_s: float = 0.01) -> np.ndarray:
    """Pitch in Hz of each voiced frame."""
    x = np.asarray(pcm, dtype=np.float64).reshape(-1)
    lo, hi = int(sample_rate / FMAX_HZ), int(sample_rate / FMIN_HZ)
    n, hop = max(int(frame_s * sample_rate), 2 * hi), int(hop_s * sample_rate)
    if len(x) < n:
        return np.zeros(0)
    starts = np.arange(0, len(x) - n, hop)
    rms = np.array([np.sqrt(np.mean(x[s : s + n] ** 2)) for s in starts])
    loud = rms > 0.1 * float(np.percentile(rms, 95))
    out = []
    for s in starts[loud]:
        period = _period(x[s : s + n] - x[s : s + n].mean(), lo, hi)
        if period:
            out.append(sample_rate / period)
    return np.asarray(out)


def median_pitch(pcm: np.ndarray, sample_rate: int) -> float:
    """Median pitch in Hz of the voiced frames (nan when nothing is voiced)."""
    p = frame_pitches(pcm, sample_rate)
    return float(np.median(p)) if p.size else float("nan")
