"""Procedural background ambience per scenario: traffic, crowd, home, outdoors.

Each kind is noise shaped in the frequency domain plus a few events (passing
cars, babble bursts, appliance hum, wind gusts and birds), generated with
numpy from a seed, so the same scenario always sounds the same. The loop's end
is cross-faded into its start so it can repeat without a click, and it is
mixed under the caller at a level in dB relative to the caller's speech.
"""

from __future__ import annotations

import numpy as np

from sim_core.speech.audio import rms_dbfs, to_float, to_int16

KINDS = ("traffic", "crowd", "home", "outdoors")
_XFADE_S = 0.5


def _shaped_noise(rng: np.random.Generator, n: int, sr: int, lo: float, hi: float, slope_db_oct: float) -> np.ndarray:
    """Gaussian noise band-limited to [lo, hi] Hz with a spectral tilt (dB per octave)."""
    spec = np.fft.rfft(rng.standard_normal(n))
    f = np.fft.rfftfreq(n, 1.0 / sr)
    f[0] = f[1]
    gain = (f / 1000.0) ** (slope_db_oct / (20 * np.log10(2)))
    gain *= 1.0 / (1.0 + (lo / f) ** 4) / (1.0 + (f / hi) ** 4)
    out = np.fft.irfft(spec * gain, n)
    return out / (np.std(out) + 1e-12)


def _envelope(rng: np.random.Generator, n: int, sr: int, rate_hz: float, depth: float) -> np.ndarray:
    """Slow random amplitude modulation around 1.0."""
    k = max(4, int(n / sr * rate_hz) + 2)
    points = 1.0 + depth * rng.uniform(-1, 1, k)
    return np.interp(np.linspace(0, k - 1, n), np.arange(k), points)


def _traffic(rng, n, sr):
    x = 0.8 * _shaped_noise(rng, n, sr, 30, 2500, -6) * _envelope(rng, n, sr, 0.3, 0.3)
    t = np.arange(n) / sr
    for _ in range(max(1, int(n / sr / 4))):  # passing cars: swelling low rumble
        center, width = rng.uniform(0, n / sr), rng.uniform(1.5, 3.5)
        swell = np.exp(-0.5 * ((t - center) / (width / 3)) ** 2)
        x += 1.5 * swell * _shaped_noise(rng, n, sr, 40, 900, -3)
    return x


def _crowd(rng, n, sr):
    x = np.zeros(n)
    for _ in range(8):  # babble: speech-band noise with syllable-rate modulation
        syll = np.clip(_envelope(rng, n, sr, rng.uniform(3, 6), 1.0), 0, None) ** 2
        x += _shaped_noise(rng, n, sr, 200, 3500, -4) * syll
    return x / 3.0 + 0.3 * _shaped_noise(rng, n, sr, 50, 6000, -6)


def _home(rng, n, sr):
    t = np.arange(n) / sr
    hum = sum(a * np.sin(2 * np.pi * f * t + rng.uniform(0, 6.28)) for f, a in ((60, 0.5), (120, 0.3), (180, 0.1)))
    room = 0.6 * _shaped_noise(rng, n, sr, 80, 4000, -9)
    tv = 0.5 * _shaped_noise(rng, n, sr, 250, 3000, -3) * np.clip(_envelope(rng, n, sr, 2.0, 0.9), 0, None)
    return hum + room + tv


def _outdoors(rng, n, sr):
    t = np.arange(n) / sr
    x = _shaped_noise(rng, n, sr, 20, 1200, -9) * _envelope(rng, n, sr, 0.5, 0.7)  # wind gusts
    for _ in range(max(1, int(n / sr / 3))):  # bird chirps: short rising tones
        start, dur = rng.uniform(0, n / sr - 0.3), rng.uniform(0.05, 0.15)
        f0 = rng.uniform(2500, 4500)
        m = (t >= start) & (t < start + dur)
        tt = t[m] - start
        x[m] += 0.8 * np.sin(2 * np.pi * (f0 * tt + 4000 * tt**2)) * np.hanning(m.sum())
    return x


_GENERATORS = {"traffic": _traffic, "crowd": _crowd, "home": _home, "outdoors": _outdoors}


def generate(
    kind: str, duration_s: float, sample_rate: int = 16000, seed: int = 0, level_dbfs: float = -30.0
) -> np.ndarray:
    """A seamless loop of `kind` ambience as int16 PCM at `level_dbfs` RMS."""
    if kind not in _GENERATORS:
        raise ValueError(f"unknown ambience {kind!r}: use one of {', '.join(KINDS)}")
    n = int(duration_s * sample_rate)
    xf = min(int(_XFADE_S * sample_rate), n // 4)
    rng = np.random.default_rng([seed, KINDS.index(kind)])
    raw = _GENERATORS[kind](rng, n + xf, sample_rate)
    # cross-fade the tail into the head so the loop repeats without a click
    fade = np.linspace(0.0, 1.0, xf)
    loop = raw[:n].copy()
    loop[:xf] = raw[:xf] * fade + raw[n : n + xf] * (1 - fade)
    loop *= 10 ** (level_dbfs / 20.0) / (np.sqrt(np.mean(loop**2)) + 1e-12)
    return to_int16(loop)


class AmbienceStream:
    """Reads a looping ambience bed in pieces, for mixing under live caller audio."""

    def __init__(
        self, kind: str, sample_rate: int = 16000, seed: int = 0, loop_s: float = 20.0, level_dbfs: float = -30.0
    ) -> None:
        self.kind = kind
        self._loop = generate(kind, loop_s, sample_rate, seed, level_dbfs)
        self._pos = 0

    def read(self, n: int) -> np.ndarray:
        idx = (self._pos + np.arange(n)) % len(self._loop)
        self._pos = (self._pos + n) % len(self._loop)
        return self._loop[idx]

    def clip(self, n: int, start: int = 0) -> np.ndarray:
        """n samples of the bed from `start`, without moving the live read position."""
        return self._loop[(start + np.arange(n)) % len(self._loop)]


def mix_under(voice: np.ndarray, ambience: np.ndarray, level_db: float = -18.0) -> np.ndarray:
    """Mix ambience under voice so the ambience RMS is `level_db` relative to the voice's RMS.

    The ambience is looped or cut to the voice's length. Silent voice leaves the
    ambience at its own level."""
    voice = np.asarray(voice, dtype=np.int16)
    if len(voice) == 0:
        return voice.copy()
    amb = np.resize(np.asarray(ambience, dtype=np.int16), len(voice))
    v, a = to_float(voice), to_float(amb)
    v_db, a_db = rms_dbfs(voice), rms_dbfs(amb)
    if np.isfinite(v_db) and np.isfinite(a_db):
        a = a * 10 ** ((v_db + level_db - a_db) / 20.0)
    mixed = v + a
    peak = float(np.max(np.abs(mixed)))
    if peak > 0.999:
        mixed *= 0.999 / peak
    return to_int16(mixed)
