"""Whisper (faster-whisper, the bundled tiny.en model) as the recogniser: real engine,
real audio. The model is loaded once for the whole test session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from sim_core.settings import load_settings
from sim_core.speech import SpeechBackendError, build_stt
from sim_core.speech.audio import decode_audio, pcm_to_wav, wav_to_pcm
from sim_core.speech.textnorm import wer
from sim_core.turn_taking import Heard, TurnListener
from tests.missing import missing

pytestmark = [pytest.mark.integration]
ROOT = Path(__file__).resolve().parents[2]
SPEECH = ROOT / "tests" / "data" / "speech" / "is_he_breathing_16k.wav"
SR = 16000


@pytest.fixture(scope="session")
def whisper():
    return build_stt(load_settings(stt_backend="whisper", whisper_model_dir=None))


@pytest.fixture(scope="module")
def speech():
    return wav_to_pcm(SPEECH.read_bytes())[0]


def test_whisper_is_the_default_recogniser_and_hears_a_question(whisper, speech):
    assert load_settings().stt_backend == "whisper" and whisper.name == "whisper"
    hyp = whisper.transcribe(speech)
    assert wer(["is he breathing"], [hyp.text]) == 0.0
    assert 0.6 <= hyp.confidence < 1.0
    assert [w for w, _ in hyp.words][-1].lower().startswith("breathing")


def test_garbled_speech_is_not_shown_as_sure(whisper, speech):
    backwards = np.concatenate([speech[::-1], speech[::-1]]).copy()  # speech sounds, no words
    hyp = whisper.transcribe(backwards)
    assert hyp.confidence < 0.5 and (not hyp.text or hyp.low_confidence)
    assert not hyp.text or "?]" in hyp.marked()


def test_noise_is_not_turned_into_words(whisper):
    noise = np.random.default_rng(0).normal(0, 2000, SR * 2).astype(np.int16)
    assert whisper.transcribe(noise).text == ""


def test_real_phone_speech_is_recognised(whisper):
    from sim_core.speech.real_speech import available, load_prompts

    if not available():
        missing(
            "the real-speech set is not installed (apt-get install asterisk-core-sounds-en-wav asterisk-core-sounds-en)"
        )
    prompts = load_prompts(limit=6)
    hyps = [whisper.transcribe(decode_audio(p.path.read_bytes(), SR).pcm).text for p in prompts]
    assert wer([p.text for p in prompts], hyps) <= 0.15


def test_the_decode_started_at_the_pause_is_the_final_result(whisper, speech):
    room = np.random.default_rng(3).normal(0, 30, SR).astype(np.int16)
    mic = np.concatenate([room[: SR // 5], speech, room])
    listener = TurnListener(whisper, SR)
    heard, speculated = [], False
    for i in range(0, len(mic), SR // 50):
        heard += [e for e in listener.feed(mic[i : i + SR // 50]) if isinstance(e, Heard)]
        speculated |= bool(listener._stream is not None and listener._stream.speculating)
        if heard:
            break
    assert speculated and len(heard) == 1
    assert wer(["is he breathing"], [heard[0].text]) == 0.0 and heard[0].words


def test_a_missing_model_folder_names_the_setting(tmp_path):
    with pytest.raises(SpeechBackendError, match="WHISPER_MODEL_DIR"):
        build_stt(load_settings(whisper_model_dir=tmp_path / "nowhere"))


def test_a_corrupt_model_names_the_setting(tmp_path, whisper):
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        (broken / name).write_bytes((whisper.model_dir / name).read_bytes())
    (broken / "model.bin").write_bytes(b"not a model" * 100)
    with pytest.raises(SpeechBackendError, match="WHISPER_MODEL_DIR .*failed to load"):
        build_stt(load_settings(whisper_model_dir=broken))


def test_transcribe_prints_one_line_per_file(tmp_path, speech):
    good = tmp_path / "q.wav"
    good.write_bytes(pcm_to_wav(speech, SR))
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"not audio" * 50)
    out = subprocess.run(
        [sys.executable, "-m", "sim_core", "transcribe", str(good), str(bad), str(good)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "STT_BACKEND": "whisper", "HOME": str(tmp_path)},
    )
    lines = out.stdout.splitlines()
    assert len(lines) == 3 and lines[1] == ""
    assert wer(["is he breathing"] * 2, [lines[0], lines[2]]) == 0.0
    assert "bad.wav" in out.stderr and out.returncode == 1


def test_a_language_the_model_does_not_know_is_not_taken_as_english(whisper):
    from sim_core.speech import voice_style
    from sim_core.speech.audio import resample
    from sim_core.speech.tts import synthesize_all
    from sim_core.speech.tts_espeak import EspeakTTS

    chunk = synthesize_all(
        EspeakTTS(),
        "Mi esposo no respira, por favor ayúdenme, estamos en la calle Olmo.",
        voice_style("calm", 40, "female", {"language": "es"}),
    )
    hyp = whisper.transcribe(resample(chunk.pcm, chunk.sample_rate, SR))
    assert not hyp.text or hyp.low_confidence


def test_doctor_checks_the_whisper_model_folder(tmp_path):
    from sim_core.doctor import check_stt

    assert check_stt(load_settings(stt_backend="whisper"))["status"] == "ok"
    row = check_stt(load_settings(stt_backend="whisper", whisper_model_dir=tmp_path))
    assert row["status"] == "down" and "WHISPER_MODEL_DIR" in row["detail"]
