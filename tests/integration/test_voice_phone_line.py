"""The trainee hears the caller down a telephone line (PHONE_LINE, on by default): no
sound above the 3,400 Hz band, in the headset and in the recording alike; with the
setting off the caller is full-band. Real Piper, real Whisper, a real call."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sim_core.scenario import load_scenario_file
from sim_core.session import CallSession
from sim_core.settings import load_settings
from sim_core.speech.audio import pcm_to_wav, wav_to_pcm
from sim_core.storage.local import LocalStore
from sim_core.voice import VoiceCall
from tools.bench.voice import SR, speech_clip

pytestmark = [pytest.mark.integration]
ROOT = Path(__file__).resolve().parents[2]


def _share_above(pcm: np.ndarray, hz: float) -> float:
    """Share of the signal's energy above `hz`."""
    spec = np.abs(np.fft.rfft(pcm.astype(np.float64))) ** 2
    freqs = np.fft.rfftfreq(len(pcm), 1 / SR)
    return float(spec[freqs > hz].sum() / spec.sum())


def _reply(engines, tmp_path, phone_line: bool):
    stt, tts = engines
    settings = load_settings(phone_line=phone_line)
    call = CallSession.start(load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml"))
    voice = VoiceCall(call, stt=stt, tts=tts, store=LocalStore(tmp_path / "audio"), settings=settings)
    turn = voice.push_to_talk(pcm_to_wav(speech_clip(tts, "what is the address of your emergency"), SR))
    heard, rate, _ = wav_to_pcm(turn.caller_wav)
    assert rate == SR and np.abs(heard).max() > 1000  # the caller answers aloud
    recording = voice.audio.turns[-1]
    return voice, heard, recording


def test_the_caller_comes_through_a_phone_line(engines, tmp_path):
    voice, heard, recording = _reply(engines, tmp_path, phone_line=True)
    assert voice.phone_line
    assert _share_above(heard, 4000) < 1e-4  # nothing above the telephone band
    stored, _, _ = wav_to_pcm(voice.audio.store.get(recording.key))
    assert _share_above(stored, 4000) < 1e-4  # the recording keeps what was heard
    voice.playback.play(voice.speak(voice.call.trainee_says("is he breathing")))
    live = np.concatenate([voice.read_speaker(320) for _ in range(200)])
    assert np.abs(live).max() > 1000 and _share_above(live, 4000) < 1e-3


def test_the_line_can_be_turned_off(engines, tmp_path):
    voice, heard, _ = _reply(engines, tmp_path, phone_line=False)
    assert not voice.phone_line and _share_above(heard, 4000) > 1e-3


def _sentences(engines, tmp_path, phone_line: bool):
    stt, tts = engines
    call = CallSession.start(load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml"))
    voice = VoiceCall(
        call, stt=stt, tts=tts, store=LocalStore(tmp_path / "audio"), settings=load_settings(phone_line=phone_line)
    )
    call.answer()
    turn = call.trainee_says("what is the address of your emergency")
    return voice, turn, list(voice.speak_as_heard(turn))


def test_sentences_sent_one_by_one_come_through_the_line_too(engines, tmp_path):
    """The API sends the caller's reply a sentence at a time (caller_audio): each one is
    what the trainee would hear down the line, and the recording still gets the reply."""
    voice, turn, sentences = _sentences(engines, tmp_path, phone_line=True)
    assert len(sentences) >= 2 and " ".join(c.text for c in sentences).strip() in turn.caller_text
    for chunk in sentences:
        assert np.abs(chunk.pcm).max() > 1000 and _share_above(chunk.pcm, 4000) < 1e-4
    assert voice.audio.turns[-1].text == turn.caller_text
    _, _, wide = _sentences(engines, tmp_path / "off", phone_line=False)
    assert max(_share_above(c.pcm, 4000) for c in wide) > 1e-3  # off: full band
