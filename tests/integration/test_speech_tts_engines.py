"""Real TTS engines: Piper (bundled voice) and espeak-ng."""

from __future__ import annotations

import shutil
import threading
import time

import pytest

from sim_core.settings import load_settings
from sim_core.speech import build_tts, voice_style
from sim_core.speech.audio import rms_dbfs
from sim_core.speech.errors import MissingDependencyError
from sim_core.speech.tts import synthesize_all
from tests.missing import missing

pytestmark = pytest.mark.integration
TEXT = (
    "My husband collapsed. He is not breathing and his lips are blue. "
    "We are at four twelve Maple Street. Please hurry, please!"
)


@pytest.fixture(scope="module")
def piper():
    return build_tts(load_settings(tts_backend="piper"))


@pytest.fixture(scope="module")
def espeak():
    if not shutil.which("espeak-ng"):
        missing("espeak-ng is not installed (apt-get install espeak-ng)")
    return build_tts(load_settings(tts_backend="espeak"))


def test_piper_yields_the_first_sentence_before_the_rest_is_done(piper):
    style = voice_style("anxious", 40, "female", {}, seed=1)
    list(piper.synthesize_stream("Warm up.", style))
    t0 = time.perf_counter()
    arrivals, chunks = [], []
    for chunk in piper.synthesize_stream(TEXT, style):
        arrivals.append(time.perf_counter() - t0)
        chunks.append(chunk)
    assert [c.text for c in chunks] == [
        "My husband collapsed.",
        "He is not breathing and his lips are blue.",
        "We are at four twelve Maple Street.",
        "Please hurry, please!",
    ]
    assert [c.index for c in chunks] == [0, 1, 2, 3]
    assert arrivals[0] < 0.6 * arrivals[-1]
    assert all(c.sample_rate == 22050 and c.duration_s > 0.4 for c in chunks)
    # speech, not silence: loud enough and with a speech-like spectrum
    assert rms_dbfs(chunks[1].pcm) > -30


def test_piper_emotions_are_measurably_different(piper):
    # Piper varies phoneme durations randomly: compare over several sentences.
    text = (
        "He is not breathing and his lips are turning blue. There is a man with a knife outside. "
        "I am at the corner of Oak Street and Fifth Avenue."
    )
    calm = synthesize_all(piper, text, voice_style("calm", 40, "male", {}, seed=4))
    panicked = synthesize_all(piper, text, voice_style("panicked", 40, "male", {}, seed=4))
    whisper = synthesize_all(piper, text, voice_style("whispering", 40, "male", {}, seed=4))
    assert panicked.duration_s < 0.88 * calm.duration_s
    assert rms_dbfs(whisper.pcm) < rms_dbfs(calm.pcm) - 6.0


def test_piper_is_safe_to_use_from_several_threads(piper):
    results, errors = {}, []

    def speak(k):
        try:
            results[k] = synthesize_all(
                piper, f"Caller number {k} needs help now.", voice_style("anxious", 30 + k, "female", {}, seed=k)
            )
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=speak, args=(k,)) for k in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    assert not errors
    assert all(1.0 < results[k].duration_s < 5.0 for k in range(4))


def test_closing_the_stream_stops_synthesis(piper):
    style = voice_style("calm", 40, "male", {}, seed=0)
    stream = piper.synthesize_stream(" ".join(f"Sentence number {i} is here." for i in range(30)), style)
    first = next(stream)
    stream.close()
    assert first.index == 0
    assert next(stream, None) is None  # nothing more comes from a closed stream
    nxt = next(piper.synthesize_stream("Next reply.", style))
    assert nxt.index == 0 and nxt.text == "Next reply."


def test_espeak_variants_rates_and_whisper(espeak):
    text = "Please send an ambulance to my house right now."
    male = synthesize_all(espeak, text, voice_style("calm", 40, "male", {"espeak_variant": "m3"}, seed=1))
    child = synthesize_all(espeak, text, voice_style("panicked", 7, "female", {}, seed=1))
    whisper = synthesize_all(espeak, text, voice_style("whispering", 40, "female", {}, seed=1))
    assert male.duration_s > 1.0 and male.sample_rate == 22050
    assert child.duration_s < 0.85 * male.duration_s
    assert rms_dbfs(whisper.pcm) < rms_dbfs(male.pcm) - 6.0
    spanish = synthesize_all(
        espeak, "Mi esposo no respira.", voice_style("panicked", 40, "female", {"language": "es"}, seed=1)
    )
    assert spanish.duration_s > 0.5


def test_missing_espeak_says_what_to_install(monkeypatch):
    from sim_core.speech import tts_espeak

    monkeypatch.setattr(tts_espeak.shutil, "which", lambda _name: None)
    with pytest.raises(MissingDependencyError, match="apt-get install espeak-ng"):
        tts_espeak.EspeakTTS()
