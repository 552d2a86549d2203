"""A caller who speaks Spanish, played by voice: once the call-taker brings an
interpreter in, the question goes to the caller in Spanish, she answers in Spanish
(her own voice), and the interpreter (another voice, after a short pause) tells the
call-taker in English. Real TTS engines, the real Whisper model as the listener."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sim_core.scenario import load_scenario_file
from sim_core.session import CallSession
from sim_core.settings import load_settings
from sim_core.speech.pitch import median_pitch
from sim_core.speech.textnorm import wer
from sim_core.storage.local import LocalStore
from sim_core.voice import INTERPRETER_DELAY_S, VoiceCall

pytestmark = [pytest.mark.integration, pytest.mark.timeout(600)]
ROOT = Path(__file__).resolve().parents[2]


def _call(engines, tmp_path, slug="language-barrier"):
    stt, tts = engines
    call = CallSession.start(load_scenario_file(ROOT / "scenarios" / f"{slug}.yaml"))
    call.answer()
    return VoiceCall(
        call, stt=stt, tts=tts, store=LocalStore(tmp_path / "audio"), settings=load_settings(phone_line=False)
    )


def test_without_an_interpreter_rosa_answers_in_her_own_broken_english(engines, tmp_path):
    voice = _call(engines, tmp_path)
    turn = voice.call.trainee_says("What is the address of your emergency?")
    said = " ".join(c.text for c in voice.speak(turn))
    assert "2045" in said and "dos mil" not in said


def test_the_interpreter_relays_both_ways_in_two_voices(engines, tmp_path):
    stt, _ = engines
    voice = _call(engines, tmp_path)
    voice.call.control("interpreter")
    voice.call.control("interpreter")  # pressed twice: still one interpreter
    turn = voice.call.trainee_says("What is the address of your emergency?")
    chunks = list(voice.speak(turn))
    texts = [c.text for c in chunks]
    spoken = " ".join(texts)
    assert "dirección" in spoken  # the question, put to her in Spanish
    assert "dos mil cuarenta y cinco" in spoken  # her answer, in Spanish
    english = next(c for c in chunks if c.text.startswith("She says"))
    assert "2045 Cypress Avenue" in " ".join(texts[texts.index(english.text) :])
    rosa = next(c for c in chunks if "dos mil" in c.text)
    # a short pause before the interpreter speaks, and two voices told apart by pitch
    assert not np.abs(english.pcm[: int(INTERPRETER_DELAY_S * english.sample_rate * 0.9)]).any()
    assert median_pitch(rosa.pcm, rosa.sample_rate) > 165  # Rosa: a woman
    assert median_pitch(english.pcm, english.sample_rate) < 155  # the interpreter: a man
    # the English relay is plain English to an English listener; Rosa's line is really Spanish
    relayed = chunks[texts.index(english.text) :]
    heard = stt.transcribe(np.concatenate([c.pcm for c in relayed]))
    said_in_english = " ".join(c.text for c in relayed)
    assert "2045" in heard.text, heard.text
    assert wer([said_in_english], [heard.text]) <= 0.25, (said_in_english, heard.text)
    assert heard.confidence >= 0.6
    assert stt.transcribe(rosa.pcm).confidence < 0.5
    assert voice.audio.turns[-1].speaker == "caller"  # recorded as heard
    assert voice.audio.turns[-1].duration_s > sum(len(c.pcm) for c in chunks) / rosa.sample_rate - 0.1


def test_the_interpreter_button_is_a_no_op_for_an_english_caller(engines, tmp_path):
    voice = _call(engines, tmp_path, "cardiac-arrest")
    voice.call.control("interpreter")
    turn = voice.call.trainee_says("What is the address of your emergency?")
    assert [u[0] for u in voice.utterances(turn)] == [turn.caller_text]
