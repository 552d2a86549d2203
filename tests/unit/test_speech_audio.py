"""Decoding what browsers send, resampling, levels."""

import io

import av
import numpy as np
import pytest

from sim_core.speech import audio
from sim_core.speech.errors import AudioInputError, SpeechBackendError


def tone(freq=440.0, seconds=1.0, rate=16000, amp=0.5):
    t = np.arange(int(seconds * rate)) / rate
    return audio.to_int16(amp * np.sin(2 * np.pi * freq * t))


def webm_opus_stereo(pcm16k, seconds_check=None):
    """Encode like a browser MediaRecorder: WebM container, Opus, 48 kHz stereo."""
    pcm48 = audio.resample(pcm16k, 16000, 48000)
    stereo = np.stack([pcm48, pcm48], axis=1).reshape(1, -1)
    buf = io.BytesIO()
    with av.open(buf, "w", format="webm") as container:
        stream = container.add_stream("libopus", rate=48000)
        stream.layout = "stereo"
        for start in range(0, stereo.shape[1], 960 * 2):
            frame = av.AudioFrame.from_ndarray(
                np.ascontiguousarray(stereo[:, start : start + 960 * 2]), format="s16", layout="stereo"
            )
            frame.sample_rate = 48000
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buf.getvalue()


def test_wav_round_trip_and_decode():
    pcm = tone()
    data = audio.pcm_to_wav(pcm, 16000)
    back, rate, ch = audio.wav_to_pcm(data)
    assert rate == 16000 and ch == 1 and np.array_equal(back, pcm)
    decoded = audio.decode_audio(data, rate=16000)
    assert decoded.container == "wav" and decoded.duration_s == pytest.approx(1.0, abs=0.01)


def test_browser_webm_opus_48k_stereo_decodes_to_16k_mono():
    data = webm_opus_stereo(tone(seconds=2.0))
    decoded = audio.decode_audio(data, rate=16000)
    assert decoded.codec == "opus" and decoded.source_rate == 48000 and decoded.source_channels == 2
    assert decoded.sample_rate == 16000
    assert decoded.duration_s == pytest.approx(2.0, abs=0.05)
    # the tone survives: level within 1 dB of the original
    assert audio.rms_dbfs(decoded.pcm[1600:-1600]) == pytest.approx(audio.rms_dbfs(tone()), abs=1.0)


def test_webrtc_frames_stream_to_16k_mono_without_losing_audio():
    """48 kHz stereo s16 frames of 20 ms, as aiortc delivers them."""
    pcm48 = audio.resample(tone(seconds=1.0), 16000, 48000)
    inter = np.stack([pcm48, pcm48], axis=1).reshape(1, -1)
    conv = audio.StreamResampler(16000)
    out = []
    for start in range(0, inter.shape[1], 960 * 2):
        frame = av.AudioFrame.from_ndarray(
            np.ascontiguousarray(inter[:, start : start + 960 * 2]), format="s16", layout="stereo"
        )
        frame.sample_rate = 48000
        out.append(conv.push_frame(frame))
    out.append(conv.flush())
    pcm = np.concatenate(out)
    assert abs(len(pcm) - 16000) <= 64


def test_resample_keeps_duration_and_level():
    pcm = tone(seconds=1.0, rate=44100)
    out = audio.resample(pcm, 44100, 16000)
    assert abs(len(out) - 16000) <= 32
    assert audio.rms_dbfs(out) == pytest.approx(audio.rms_dbfs(pcm), abs=0.5)


def test_downmix_normalize_and_gain():
    stereo = np.stack([tone(amp=0.2), tone(amp=0.4)])
    mono = audio.downmix(stereo)
    assert mono.shape == (16000,)
    quiet = tone(amp=0.01)
    loud = audio.normalize(quiet, target_rms_dbfs=-20.0)
    assert audio.rms_dbfs(loud) == pytest.approx(-20.0, abs=0.2)
    assert audio.peak_dbfs(audio.normalize(tone(amp=0.9), target_rms_dbfs=0.0)) <= -0.99
    assert audio.rms_dbfs(np.zeros(10, dtype=np.int16)) == float("-inf")
    assert audio.rms_dbfs(audio.apply_gain(tone(amp=0.5), 0.5)) == pytest.approx(
        audio.rms_dbfs(tone(amp=0.5)) - 6.02, abs=0.1
    )


def test_corrupt_and_empty_input_raise_clear_errors():
    with pytest.raises(AudioInputError, match="empty"):
        audio.decode_audio(b"")
    with pytest.raises(AudioInputError, match="not readable audio"):
        audio.decode_audio(b"this is not audio at all" * 50)
    truncated = audio.pcm_to_wav(tone(), 16000)[:30]
    with pytest.raises(AudioInputError):
        audio.decode_audio(truncated)
    with pytest.raises(SpeechBackendError, match="could not be read"):
        audio.read_wav_any(b"<html>502 bad gateway</html>", "test server")


def test_read_wav_any_accepts_float_wav_from_servers():
    buf = io.BytesIO()
    with av.open(buf, "w", format="wav") as container:
        stream = container.add_stream("pcm_f32le", rate=24000)
        stream.layout = "mono"
        samples = (0.3 * np.sin(np.arange(24000) / 10)).astype(np.float32).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(samples, format="flt", layout="mono")
        frame.sample_rate = 24000
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    pcm, rate = audio.read_wav_any(buf.getvalue(), "test server")
    assert rate == 24000 and abs(len(pcm) - 24000) < 100 and audio.peak_dbfs(pcm) > -12
