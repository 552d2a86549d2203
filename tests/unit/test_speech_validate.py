"""Upload validation: clear messages for unusable audio, conversion for the rest."""

from pathlib import Path

import numpy as np
import pytest

from sim_core.settings import load_settings
from sim_core.speech.audio import pcm_to_wav, resample, wav_to_pcm
from sim_core.speech.errors import AudioInputError
from sim_core.speech.validate import validate_upload

SPEECH = Path(__file__).resolve().parents[1] / "data" / "speech" / "is_he_breathing_16k.wav"


@pytest.fixture(scope="module")
def settings():
    return load_settings(sample_rate=16000, max_upload_s=120.0, max_upload_bytes=20 * 1024 * 1024)


@pytest.fixture(scope="module")
def speech():
    return wav_to_pcm(SPEECH.read_bytes())[0]


def test_good_clip_passes_unchanged(settings, speech):
    result = validate_upload(SPEECH.read_bytes(), settings)
    assert result.sample_rate == 16000 and not result.resampled
    assert np.array_equal(result.pcm, speech)


def test_wrong_sample_rate_and_stereo_are_converted_not_rejected(settings, speech):
    pcm44 = resample(speech, 16000, 44100)
    stereo = np.stack([pcm44, pcm44], axis=1)
    result = validate_upload(pcm_to_wav(stereo, 44100, channels=2), settings)
    assert result.resampled and result.source_rate == 44100 and result.source_channels == 2
    assert result.duration_s == pytest.approx(len(speech) / 16000, abs=0.02)


def test_ten_minute_clip_is_refused_with_the_limit(settings):
    ten_minutes = np.random.default_rng(0).normal(0, 2000, 16000 * 600).astype(np.int16)
    data = pcm_to_wav(ten_minutes, 16000)
    assert len(data) < settings.max_upload_bytes  # refused for its length, not its size
    with pytest.raises(AudioInputError, match="longer than the 120 s limit"):
        validate_upload(data, settings)


def test_oversized_file_is_refused_before_decoding(settings):
    small = load_settings(max_upload_bytes=1000)
    with pytest.raises(AudioInputError, match="over the"):
        validate_upload(b"\0" * 5000, small)


def test_silence_is_refused(settings):
    silent = np.random.default_rng(1).normal(0, 3, 16000 * 3).astype(np.int16)
    with pytest.raises(AudioInputError, match="silent.*microphone"):
        validate_upload(pcm_to_wav(silent, 16000), settings)
    with pytest.raises(AudioInputError, match="silent"):
        validate_upload(pcm_to_wav(np.zeros(16000, dtype=np.int16), 16000), settings)


def test_clipped_audio_is_refused(settings, speech):
    clipped = np.clip(speech.astype(np.int32) * 20, -32768, 32767).astype(np.int16)
    with pytest.raises(AudioInputError, match="distorted.*clipped"):
        validate_upload(pcm_to_wav(clipped, 16000), settings)


def test_corrupt_and_non_audio_files_are_refused(settings):
    with pytest.raises(AudioInputError, match="empty"):
        validate_upload(b"", settings)
    with pytest.raises(AudioInputError, match="not readable audio|no audio"):
        validate_upload(b"%PDF-1.4 definitely a document\n" * 100, settings)
    truncated_header = SPEECH.read_bytes()[:30]
    with pytest.raises(AudioInputError, match="not readable audio"):
        validate_upload(truncated_header, settings)


def test_too_short_is_refused(settings, speech):
    with pytest.raises(AudioInputError, match="ms long"):
        validate_upload(pcm_to_wav(speech[:1000], 16000), settings)
