"""The caller's voice comes through a telephone line: 300-3,400 Hz, 8 kHz mu-law, faint hiss."""

import numpy as np
import pytest

from sim_core.speech.phone_line import PhoneLine, mu_law, through_line

SR = 16000


def _gain_db(freq: float, rate: int = SR) -> float:
    t = np.arange(rate) / rate
    x = (0.3 * 32767 * np.sin(2 * np.pi * freq * t)).astype(np.int16)
    y = through_line(x, rate)
    return 20 * np.log10(np.std(y[2000:-2000].astype(float)) / np.std(x[2000:-2000].astype(float)))


@pytest.mark.parametrize("freq", [500, 1000, 2000, 3000])
def test_speech_band_passes(freq):
    assert abs(_gain_db(freq)) < 1.0


@pytest.mark.parametrize("freq", [100, 4500, 6000, 7500])
def test_outside_the_telephone_band_is_cut(freq):
    assert _gain_db(freq) < -30


def test_band_edges_are_about_three_db_down():
    assert -6 < _gain_db(300) < -1 and -6 < _gain_db(3400) < -1


def test_mu_law_keeps_256_levels_and_small_signals_finer():
    x = np.linspace(-1, 1, 100001)
    y = mu_law(x)
    assert len(np.unique(np.round(y, 9))) <= 256
    steps = np.diff(np.unique(np.round(y, 9)))
    assert steps.min() < steps.max() / 50  # companding: quiet sounds keep detail


def test_silence_becomes_faint_line_hiss():
    out = through_line(np.zeros(SR, dtype=np.int16), SR)
    level = 20 * np.log10(np.std(out.astype(float)) / 32768)
    assert -70 < level < -50


def test_live_pieces_join_without_clicks():
    x = np.random.default_rng(1).normal(0, 3000, SR).astype(np.int16)
    pieces = PhoneLine(SR, seed=3)
    whole = PhoneLine(SR, seed=3)
    streamed = np.concatenate([pieces.process(x[i : i + 320]) for i in range(0, SR, 320)])
    assert np.array_equal(streamed, whole.process(x))


def test_other_output_rates_keep_the_band():
    line = PhoneLine(22050)
    assert line.factor == 1 and len(line.process(np.zeros(441, dtype=np.int16))) == 441
    assert _gain_db(1000, 48000) > -1 and _gain_db(6000, 48000) < -30
