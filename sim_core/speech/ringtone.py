"""The incoming-call ring: the North American ring signal (440 Hz + 480 Hz, two
seconds on, four off), generated with numpy so nothing is downloaded. One cycle
as a WAV, for a player that loops it until the call is answered."""

from __future__ import annotations

import numpy as np

from sim_core.speech.audio import pcm_to_wav

TONES_HZ = (440.0, 480.0)
ON_S, OFF_S = 2.0, 4.0
PEAK_DBFS = -16.0
_RAMP_S = 0.01  # a 10 ms fade at each edge: no click


def ring_cycle(sample_rate: int = 16000) -> np.ndarray:
    """One ring cycle (on, then off) as int16 mono PCM."""
    t = np.arange(int(ON_S * sample_rate)) / sample_rate
    tone = sum(np.sin(2 * np.pi * f * t) for f in TONES_HZ) / len(TONES_HZ)
    ramp = np.minimum(1.0, np.minimum(t, t[::-1]) / _RAMP_S)
    on = tone * ramp * 10 ** (PEAK_DBFS / 20) * 32767
    off = np.zeros(int(OFF_S * sample_rate))
    return np.concatenate([on, off]).astype(np.int16)


def ring_wav(sample_rate: int = 16000) -> bytes:
    return pcm_to_wav(ring_cycle(sample_rate), sample_rate)
