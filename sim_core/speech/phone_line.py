"""A telephone channel for the caller's voice: what a call-taker actually hears.

The caller's voice, with the ambience of where they are already mixed in,
goes through the line: band-limited to 300-3,400 Hz, sampled at 8 kHz,
companded to 8 bits with the mu-law curve (mu = 255, the curve G.711's
segments approximate), with a little line hiss added, then brought back to
the output rate. `PhoneLine` keeps its filter state between calls, so a live
stream can be processed in 20 ms pieces without clicks at the joins.
Output rates that are not a multiple of 8 kHz skip the 8 kHz step but keep
the band limit and the companding.
"""

from __future__ import annotations

import numpy as np

LOW_HZ = 300.0
HIGH_HZ = 3400.0
# the filter's corners sit a little outside the band so that 300 and 3,400 Hz
# pass at about -3 dB; 4 kHz (the 8 kHz line's Nyquist) is down by 75 dB
_DESIGN_LOW_HZ = 230.0
_DESIGN_HIGH_HZ = 3470.0
LINE_RATE = 8000
MU = 255.0
TAPS = 127
HISS_DBFS = -58.0


def band_filter(
    sample_rate: int, low_hz: float = _DESIGN_LOW_HZ, high_hz: float = _DESIGN_HIGH_HZ, taps: int = TAPS
) -> np.ndarray:
    """A linear-phase FIR band-pass (windowed sinc, Blackman window)."""
    n = np.arange(taps) - (taps - 1) / 2.0

    def lowpass(fc: float) -> np.ndarray:
        return 2 * fc / sample_rate * np.sinc(2 * fc / sample_rate * n)

    h = (lowpass(high_hz) - lowpass(low_hz)) * np.blackman(taps)
    centre = np.exp(-2j * np.pi * np.sqrt(low_hz * high_hz) / sample_rate * n)
    return h / abs(np.sum(h * centre))  # unity gain in the middle of the band


def mu_law(x: np.ndarray, bits: int = 8) -> np.ndarray:
    """Compand floats in [-1, 1] to `bits` with the mu-law curve and expand them back."""
    x = np.clip(x, -1.0, 1.0)
    y = np.sign(x) * np.log1p(MU * np.abs(x)) / np.log1p(MU)
    levels = 2 ** (bits - 1) - 1
    y = np.round(y * levels) / levels
    return np.sign(y) * np.expm1(np.abs(y) * np.log1p(MU)) / MU


class _Fir:
    """Streaming FIR: keeps the last taps-1 inputs between blocks."""

    def __init__(self, h: np.ndarray) -> None:
        self.h = h
        self.tail = np.zeros(len(h) - 1)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        data = np.concatenate([self.tail, x])
        self.tail = data[len(data) - (len(self.h) - 1) :]
        return np.convolve(data, self.h, mode="valid")


class PhoneLine:
    """int16 mono at `sample_rate` in, the same length out, as heard down a phone line."""

    def __init__(self, sample_rate: int = 16000, seed: int = 0, hiss_dbfs: float = HISS_DBFS) -> None:
        self.sample_rate = sample_rate
        self.factor = sample_rate // LINE_RATE if sample_rate % LINE_RATE == 0 else 1
        h = band_filter(sample_rate)
        self._band = _Fir(h)
        self._restore = _Fir(h * self.factor)  # interpolation filter after zero-stuffing
        self._rng = np.random.default_rng(seed)
        self._hiss = 10 ** (hiss_dbfs / 20.0)
        self._phase = 0  # position within a decimation period

    def process(self, pcm: np.ndarray) -> np.ndarray:
        x = np.asarray(pcm, dtype=np.int16).reshape(-1).astype(np.float64) / 32768.0
        if x.size == 0:
            return np.zeros(0, dtype=np.int16)
        band = self._band(x)
        if self.factor > 1:
            # keep every factor-th sample (the 8 kHz line), stuff zeros back and filter
            keep = (self._phase + np.arange(len(band))) % self.factor == 0
            self._phase = (self._phase + len(band)) % self.factor
            line = np.zeros_like(band)
            line[keep] = mu_law(band[keep]) + self._rng.normal(0.0, self._hiss, int(keep.sum()))
            out = self._restore(line)
        else:
            out = mu_law(band) + self._rng.normal(0.0, self._hiss, len(band))
        return np.clip(np.round(out * 32767.0), -32768, 32767).astype(np.int16)


def through_line(pcm: np.ndarray, sample_rate: int, seed: int = 0) -> np.ndarray:
    """A whole clip through a fresh line (the filter's delay is removed, so it stays aligned)."""
    line = PhoneLine(sample_rate, seed)
    delay = (TAPS - 1) // 2 * (2 if line.factor > 1 else 1)
    out = line.process(np.concatenate([np.asarray(pcm, dtype=np.int16).reshape(-1), np.zeros(delay, dtype=np.int16)]))
    return out[delay:]
