"""Live voice notices when the microphone stops reaching it (a denied or
stopped track, a dropped WebRTC connection), on an injected clock; the call and
its transcript are untouched."""

from pathlib import Path

import av
import numpy as np
import pytest

from sim_core.scenario import load_scenario_file
from sim_core.session import CallSession
from sim_core.timeline import EventType
from sim_core.voice import MIC_TIMEOUT_S, VoiceCall
from ui.webrtc_audio import frame_callback

from .fake_nlp import tagged

ROOT = Path(__file__).resolve().parents[2]


class Clock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t


@pytest.fixture()
def clock():
    return Clock()


@pytest.fixture()
def voice(clock):
    call = CallSession.start(load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml"), analyzer=tagged)
    call.answer()
    v = VoiceCall(call, stt=None, tts=None, clock=clock)  # no speech reaches the engines here
    yield v
    v.stop_live()


def _frame():
    """20 ms of quiet 48 kHz stereo, as the browser sends it."""
    frame = av.AudioFrame.from_ndarray(np.zeros((1, 2 * 960), np.int16), format="s16", layout="stereo")
    frame.sample_rate, frame.pts = 48000, 0
    return frame


def test_live_voice_with_flowing_audio_is_connected(voice, clock):
    voice.start_live()
    for _ in range(10):
        clock.t += 1.0
        frame_callback(voice)(_frame())
        assert not voice.snapshot().connection_lost


def test_no_audio_for_the_timeout_is_a_lost_connection_until_audio_returns(voice, clock):
    voice.call.trainee_says("911, what is the address? [ask_address]")
    lines = len(voice.call.timeline.said())
    voice.start_live()
    frame_callback(voice)(_frame())
    clock.t += MIC_TIMEOUT_S - 0.5
    assert not voice.snapshot().connection_lost
    clock.t += 1.5
    snap = voice.snapshot()
    assert snap.connection_lost and snap.mic_silent_s == pytest.approx(MIC_TIMEOUT_S + 1.0)
    frame_callback(voice)(_frame())  # frames come back
    assert not voice.snapshot().connection_lost
    assert len(voice.call.timeline.said()) == lines and voice.call.status == "active"


def test_a_start_that_never_gets_audio_is_lost_too(voice, clock):
    voice.start_live()
    clock.t += MIC_TIMEOUT_S
    assert voice.snapshot().connection_lost


def test_a_track_that_ends_without_stop_stays_lost_across_page_reruns(voice, clock):
    voice.start_live()
    frame_callback(voice)(_frame())
    voice.mic_ended()  # the connection dropped; the page still says playing
    clock.t += MIC_TIMEOUT_S + 1
    voice.start_live()  # a full page rerun restarts the worker…
    assert voice.snapshot().connection_lost  # …but does not hide the lost connection


def test_stop_turns_the_watch_off_and_a_new_start_begins_afresh(voice, clock):
    voice.start_live()
    voice.stop_live()  # the trainee pressed STOP
    clock.t += 60
    frame_callback(voice)(_frame())  # a late frame after STOP counts for nothing
    assert voice.snapshot().mic_silent_s == 0 and not voice.snapshot().connection_lost
    voice.start_live()
    clock.t += 1
    assert voice.snapshot().mic_silent_s == pytest.approx(1.0)


class _Listener:
    """Stands in for the recogniser: the trainee is mid-sentence with these words so far."""

    def __init__(self, partial):
        self.partial = partial
        self.detector = type("D", (), {"in_turn": True})()

    def feed(self, pcm):
        return []

    def close(self):
        pass


class _TTS:
    def synthesize_stream(self, text, style):
        from sim_core.speech import AudioChunk

        yield AudioChunk(np.zeros(160, np.int16), 16000, text, 0)


def test_live_voice_caller_who_talks_over_speaks_before_the_trainee_finishes(clock):
    from sim_core.voice import _LiveWorker

    call = CallSession.start(load_scenario_file(ROOT / "scenarios" / "heart-attack.yaml"), analyzer=tagged)
    call.answer()
    v = VoiceCall(call, stt=None, tts=_TTS(), clock=clock)
    worker = _LiveWorker(v)
    worker.listener = _Listener(
        "okay I need you to listen carefully have him sit down and rest loosen any "
        "tight clothing and unlock the front door"
    )
    played = []
    v.playback.play = lambda chunks: played.extend(chunks)
    worker._handle(np.zeros(320, np.int16))
    worker._handle(np.zeros(320, np.int16))
    said = call.timeline.of(EventType.CALLER_SAID)
    assert said[-1].data.get("talk_over") is True and len(said) == 2  # once, not every frame
    assert played and played[0].text
