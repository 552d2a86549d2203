"""Procedural ambience: deterministic per seed, distinct per kind, mixed at a set level."""

import numpy as np
import pytest

from sim_core.speech import ambience
from sim_core.speech.audio import rms_dbfs, to_float

SR = 16000


def band_share(pcm, lo, hi):
    spec = np.abs(np.fft.rfft(to_float(pcm))) ** 2
    f = np.fft.rfftfreq(len(pcm), 1 / SR)
    return spec[(f >= lo) & (f < hi)].sum() / spec.sum()


def test_same_seed_same_sound_other_seed_other_sound():
    a = ambience.generate("traffic", 3.0, SR, seed=5)
    assert np.array_equal(a, ambience.generate("traffic", 3.0, SR, seed=5))
    assert not np.array_equal(a, ambience.generate("traffic", 3.0, SR, seed=6))


@pytest.mark.parametrize("kind", ambience.KINDS)
def test_each_kind_has_the_requested_level_and_length(kind):
    x = ambience.generate(kind, 2.0, SR, seed=1, level_dbfs=-32.0)
    assert len(x) == 2 * SR
    assert rms_dbfs(x) == pytest.approx(-32.0, abs=0.2)


def test_kinds_sound_different():
    traffic = ambience.generate("traffic", 4.0, SR, seed=1)
    crowd = ambience.generate("crowd", 4.0, SR, seed=1)
    home = ambience.generate("home", 4.0, SR, seed=1)
    assert band_share(traffic, 0, 300) > 2 * band_share(crowd, 0, 300)  # rumble
    assert band_share(crowd, 300, 3500) > band_share(traffic, 300, 3500)  # babble band
    assert band_share(home, 55, 65) > 0.05  # mains hum
    with pytest.raises(ValueError, match="unknown ambience"):
        ambience.generate("jungle", 1.0)


def test_loop_repeats_without_a_click():
    loop = to_float(ambience.generate("crowd", 3.0, SR, seed=2))
    typical = np.percentile(np.abs(np.diff(loop)), 99.9)
    assert abs(loop[0] - loop[-1]) <= typical
    stream = ambience.AmbienceStream("home", SR, seed=2, loop_s=1.0)
    chunks = np.concatenate([stream.read(320) for _ in range(120)])
    assert len(chunks) == 120 * 320 and np.array_equal(chunks[:SR], chunks[SR : 2 * SR])


def test_mix_under_sets_the_ambience_level_relative_to_the_voice():
    t = np.arange(SR) / SR
    voice = (8000 * np.sin(2 * np.pi * 300 * t)).astype(np.int16)
    amb = ambience.generate("traffic", 1.0, SR, seed=3)
    mixed = ambience.mix_under(voice, amb, level_db=-18.0)
    residual = mixed.astype(np.int32) - voice
    assert rms_dbfs(residual.astype(np.int16)) - rms_dbfs(voice) == pytest.approx(-18.0, abs=0.5)
    assert len(ambience.mix_under(voice[:100], amb)) == 100
