"""Voice around a real call: real Piper, real pocketsphinx, real audio files.

The trainee is a different voice than the caller (Piper slower and higher, the
same voice the speech benchmark uses), so nothing here needs a human.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from sim_core.scenario import load_scenario_file
from sim_core.session import CallSession
from sim_core.settings import load_settings
from sim_core.speech import AudioInputError
from sim_core.speech.audio import pcm_to_wav, resample, wav_to_pcm
from sim_core.storage.local import LocalStore
from sim_core.timeline import EventType
from sim_core.voice import VoiceCall
from tools.bench.voice import SR, speech_clip
from ui.webrtc_audio import WebRTCAudio

pytestmark = [pytest.mark.integration, pytest.mark.timeout(600)]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def voice(engines, tmp_path):
    stt, tts = engines
    scenario = load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")
    call = CallSession.start(scenario)
    store = LocalStore(tmp_path / "audio")
    v = VoiceCall(call, stt=stt, tts=tts, store=store, settings=load_settings())
    yield v
    v.stop_live()


def test_push_to_talk_turn_is_heard_and_answered_aloud(voice, engines):
    _, tts = engines
    clip = speech_clip(tts, "what is the address of your emergency")
    vt = voice.push_to_talk(pcm_to_wav(clip, SR))
    assert "address" in vt.heard
    assert "ask_address" in vt.turn.acts
    assert "1425" in vt.turn.caller_text
    pcm, rate, channels = wav_to_pcm(vt.caller_wav)
    assert channels == 1 and len(pcm) / rate > 1.0  # the caller really speaks
    said = voice.call.timeline.of(EventType.TRAINEE_SAID)[-1].data
    assert said["audio_key"].endswith("-trainee.wav") and 0 <= said["confidence"] <= 1
    key = voice.finish()
    stereo, rate, channels = wav_to_pcm(voice.audio.store.get(key))
    assert channels == 2
    assert np.abs(stereo[:, 0]).max() > 1000 and np.abs(stereo[:, 1]).max() > 1000  # caller left, trainee right


def test_a_broken_clip_gets_a_message_and_loses_nothing(voice):
    voice.call.trainee_says("911, what's the address of your emergency?")
    before = len(voice.call.timeline)
    with pytest.raises(AudioInputError):
        voice.push_to_talk(b"this is not audio at all" * 100)
    with pytest.raises(AudioInputError, match="silent"):
        voice.push_to_talk(pcm_to_wav(np.zeros(SR, dtype=np.int16), SR))
    assert len(voice.call.timeline) == before and voice.call.status == "active"


def _feed_48k(voice, pcm16k, frame_ms=20):
    pcm = resample(pcm16k, SR, 48000)
    step = 48000 * frame_ms // 1000
    for i in range(0, len(pcm), step):
        voice.feed_mic(pcm[i : i + step], 48000)


def _wait(cond, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.02)
    return False


def test_live_voice_turn_then_barge_in(voice, engines):
    _, tts = engines
    voice.call.answer()
    voice.start_live()
    voice.start_live()  # idempotent
    silence = np.random.default_rng(1).normal(0, 30, SR).astype(np.int16)
    _feed_48k(voice, np.concatenate([speech_clip(tts, "what is the address of your emergency"), silence]))
    assert _wait(lambda: voice.snapshot().turns == 1), voice.snapshot()
    assert _wait(lambda: voice.playback.buffered_s > 0.2)
    out = voice.read_speaker(SR // 2)
    assert np.abs(out).max() > 1000  # the caller answers with audio
    trainee = voice.call.timeline.of(EventType.TRAINEE_SAID)[-1].data["text"]
    assert "address" in trainee
    _feed_48k(voice, speech_clip(tts, "okay listen to me"))  # talking over the caller
    assert _wait(lambda: voice.snapshot().barge_ins == 1), voice.snapshot()
    voice.stop_live()
    assert voice.snapshot().last_error == ""


def test_webrtc_frames_in_and_out(voice, engines):
    """The browser's 48 kHz stereo frames reach the recogniser and the caller's
    voice comes back in frames of the same shape."""
    import av

    _, tts = engines
    voice.call.answer()
    voice.start_live()
    clip = resample(
        np.concatenate(
            [
                speech_clip(tts, "what is the address of your emergency"),
                np.random.default_rng(2).normal(0, 30, SR).astype(np.int16),
            ]
        ),
        SR,
        48000,
    )
    step, pts = 960, 0
    loud = 0
    bridge = WebRTCAudio(voice)
    for i in range(0, len(clip) - step, step):
        stereo = np.repeat(clip[i : i + step][:, None], 2, axis=1).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(stereo, format="s16", layout="stereo")
        frame.sample_rate, frame.pts = 48000, pts
        pts += step
        out = bridge(frame)
        assert out.samples == step and out.sample_rate == 48000 and len(out.layout.channels) == 2
    assert _wait(lambda: voice.snapshot().turns == 1), voice.snapshot()
    for _ in range(150):  # 3 s of headset audio
        frame = av.AudioFrame.from_ndarray(np.zeros((1, 2 * step), np.int16), format="s16", layout="stereo")
        frame.sample_rate, frame.pts = 48000, pts
        pts += step
        loud = max(loud, int(np.abs(bridge(frame).to_ndarray()).max()))
        time.sleep(0.01)
    assert loud > 1000
    assert "address" in voice.call.timeline.of(EventType.TRAINEE_SAID)[-1].data["text"]


def test_a_clip_in_a_language_the_model_does_not_know_is_named_not_answered_and_kept(voice):
    """Spanish to the English-only model: a clear message naming the setting, the caller
    does not answer words nobody said, the clip stays in the recording, typing goes on."""
    from sim_core.speech import voice_style
    from sim_core.speech.tts import synthesize_all
    from sim_core.speech.tts_espeak import EspeakTTS

    spoken = synthesize_all(
        EspeakTTS(),
        "Sí, estoy aquí. Vivo en la calle Roble número catorce veinticinco.",
        voice_style("calm", 40, "female", {"language": "es"}),
    )
    clip = resample(spoken.pcm, spoken.sample_rate, SR)
    with pytest.raises(AudioInputError, match="WHISPER_MODEL_DIR.*English only") as err:
        voice.push_to_talk(pcm_to_wav(clip, SR))
    assert "type instead" in str(err.value)
    assert not voice.call.timeline.of(EventType.TRAINEE_SAID)  # no turn was made
    kept = [t for t in voice.audio.turns if t.speaker == "trainee"]
    assert len(kept) == 1 and kept[0].duration_s > 2  # the clip was kept
    turn = voice.call.trainee_says("911, what is the address of your emergency?")
    assert "1425" in turn.caller_text  # the call goes on in text
    assert voice.finish() is not None


def test_live_speech_the_model_cannot_make_out_is_named_not_answered_and_kept(voice):
    from sim_core.speech import voice_style
    from sim_core.speech.tts import synthesize_all
    from sim_core.speech.tts_espeak import EspeakTTS

    spoken = synthesize_all(
        EspeakTTS(),
        "Sí, estoy aquí. Vivo en la calle Roble número catorce veinticinco.",
        voice_style("calm", 40, "male", {"language": "es"}),
    )
    voice.call.answer()
    voice.start_live()
    silence = np.random.default_rng(4).normal(0, 30, SR).astype(np.int16)
    _feed_48k(voice, np.concatenate([resample(spoken.pcm, spoken.sample_rate, SR), silence, silence]))
    assert _wait(lambda: "WHISPER_MODEL_DIR" in voice.snapshot().last_error), voice.snapshot()
    voice.stop_live()
    assert voice.snapshot().turns == 0 and not voice.call.timeline.of(EventType.TRAINEE_SAID)
    assert [t.speaker for t in voice.audio.turns if t.speaker == "trainee"]  # kept in the recording
