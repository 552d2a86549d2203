"""The phone's ring: the two ring tones for two seconds, then four seconds of quiet."""

import numpy as np

from sim_core.speech.audio import rms_dbfs, wav_to_pcm
from sim_core.speech.ringtone import ring_cycle, ring_wav

SR = 16000


def test_ring_is_440_and_480_hz_for_two_seconds_then_quiet():
    pcm = ring_cycle(SR)
    assert len(pcm) == 6 * SR
    on, off = pcm[: 2 * SR], pcm[2 * SR :]
    spectrum = np.abs(np.fft.rfft(on.astype(float)))
    freqs = np.fft.rfftfreq(len(on), 1 / SR)
    loudest = sorted(freqs[np.argsort(spectrum)[-2:]])
    assert loudest == [440.0, 480.0]
    assert -24 < rms_dbfs(on) < -20 and not off.any()  # peaks at -16 dBFS
    assert abs(int(on[0])) < 50 and abs(int(on[-1])) < 50  # faded in and out: no click


def test_ring_wav_reads_back():
    pcm, rate, channels = wav_to_pcm(ring_wav(SR))
    assert rate == SR and channels == 1 and len(pcm) == 6 * SR
