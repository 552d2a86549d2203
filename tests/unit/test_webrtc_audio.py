"""The browser's WebRTC frames (48 kHz stereo s16, 20 ms) to the call's 16 kHz mono PCM and
back: the sound survives the trip, not only the shapes."""

import av
import numpy as np
import pytest

from ui.webrtc_audio import WebRTCAudio, frame_callback

RATE, WEB_RATE, STEP = 16000, 48000, 960


class _Voice:
    """The call's side: records what it hears, speaks a tone (or silence) when asked."""

    def __init__(self, speak_hz=None):
        self.rate, self.heard, self.speak_hz, self.spoken = RATE, [], speak_hz, 0

    def feed_mic(self, pcm, sample_rate):
        assert sample_rate == RATE and pcm.dtype == np.int16 and pcm.ndim == 1
        self.heard.append(pcm)

    def read_speaker(self, n):
        t = (self.spoken + np.arange(n)) / RATE
        self.spoken += n
        if self.speak_hz is None:
            return np.zeros(n, np.int16)
        return (8000 * np.sin(2 * np.pi * self.speak_hz * t)).astype(np.int16)


def _browser_frames(left_hz, right_hz, seconds=1.0, fmt="s16"):
    t = np.arange(int(WEB_RATE * seconds)) / WEB_RATE
    left, right = (6000 * np.sin(2 * np.pi * hz * t) if hz else 0 * t for hz in (left_hz, right_hz))
    for i, start in enumerate(range(0, len(t) - STEP + 1, STEP)):
        lr = np.stack([left[start : start + STEP], right[start : start + STEP]])
        if fmt == "s16":  # packed: L R L R ...
            data = np.ascontiguousarray(lr.T.reshape(1, -1).astype(np.int16))
        else:  # planar float, one row per channel
            data = np.ascontiguousarray((lr / 32768).astype(np.float32))
        frame = av.AudioFrame.from_ndarray(data, format=fmt, layout="stereo")
        frame.sample_rate, frame.pts = WEB_RATE, i * STEP
        yield frame


def _peak_hz(pcm, rate):
    spectrum = np.abs(np.fft.rfft(pcm.astype(np.float64) * np.hanning(len(pcm))))
    return np.fft.rfftfreq(len(pcm), 1 / rate)[int(np.argmax(spectrum))]


def _rms(x):
    return float(np.sqrt(np.mean(np.asarray(x, np.float64) ** 2)))


@pytest.mark.parametrize("fmt", ["s16", "fltp"])
def test_microphone_frames_reach_the_call_as_16k_mono_with_the_tone_intact(fmt):
    voice = _Voice()
    bridge = WebRTCAudio(voice)
    for frame in _browser_frames(440, 440, fmt=fmt):
        bridge(frame)
    heard = np.concatenate(voice.heard)
    assert abs(len(heard) - RATE) <= 64  # one second in, one second out
    steady = heard[800:-800]
    assert _peak_hz(steady, RATE) == pytest.approx(440, abs=2)
    assert _rms(steady) == pytest.approx(6000 / np.sqrt(2), rel=0.05)  # the level is kept


def test_a_voice_on_one_side_only_is_still_heard():
    """A headset microphone on the left channel alone: the downmix keeps it."""
    voice = _Voice()
    bridge = WebRTCAudio(voice)
    for frame in _browser_frames(1000, None):
        bridge(frame)
    heard = np.concatenate(voice.heard)[800:-800]
    assert _peak_hz(heard, RATE) == pytest.approx(1000, abs=2)
    assert _rms(heard) > 0.3 * 6000 / np.sqrt(2)


def test_the_callers_voice_comes_back_in_the_browsers_frames():
    voice = _Voice(speak_hz=700)
    bridge = WebRTCAudio(voice)
    out = [bridge(frame) for frame in _browser_frames(None, None)]
    assert all(
        f.samples == STEP
        and f.sample_rate == WEB_RATE
        and f.format.name == "s16"
        and f.layout.name == "stereo"
        and f.pts == i * STEP
        for i, f in enumerate(out)
    )
    stereo = np.concatenate([f.to_ndarray().reshape(-1, 2) for f in out[2:]])
    left, right = stereo[:, 0], stereo[:, 1]
    assert np.array_equal(left, right)
    assert _peak_hz(left, WEB_RATE) == pytest.approx(700, abs=2)
    assert _rms(left) == pytest.approx(8000 / np.sqrt(2), rel=0.05)
    # no gap or click where frames meet: the tone's sample-to-sample step stays small
    assert np.abs(np.diff(left.astype(np.int32))).max() < 2 * 8000 * 2 * np.pi * 700 / WEB_RATE


def test_a_mono_browser_track_hears_the_caller_at_the_same_level():
    voice = _Voice(speak_hz=700)
    bridge = WebRTCAudio(voice)
    out = []
    for i in range(50):
        frame = av.AudioFrame.from_ndarray(np.zeros((1, STEP), np.int16), format="s16", layout="mono")
        frame.sample_rate, frame.pts = WEB_RATE, i * STEP
        out.append(bridge(frame))
    assert all(f.samples == STEP and f.layout.name == "mono" for f in out)
    pcm = np.concatenate([f.to_ndarray().reshape(-1) for f in out[2:]])
    assert _peak_hz(pcm, WEB_RATE) == pytest.approx(700, abs=2)
    assert _rms(pcm) == pytest.approx(8000 / np.sqrt(2), rel=0.05)


def test_the_page_gets_the_same_bridge_on_every_rerun():
    voice = _Voice()
    assert frame_callback(voice) is frame_callback(voice)
    assert frame_callback(_Voice()) is not frame_callback(voice)
