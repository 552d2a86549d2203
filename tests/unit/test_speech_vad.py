"""End of turn: a mid-sentence pause keeps the turn, a long silence ends it; barge-in."""

import threading
import time
from pathlib import Path

import numpy as np
import pytest

from sim_core.speech.audio import wav_to_pcm
from sim_core.speech.datatypes import AudioChunk
from sim_core.speech.playback import PlaybackController
from sim_core.speech.vad import SpeechStarted, TurnDetector, TurnEnded

SPEECH = Path(__file__).resolve().parents[1] / "data" / "speech" / "is_he_breathing_16k.wav"
SR = 16000


@pytest.fixture(scope="module")
def speech():
    pcm, rate, _ = wav_to_pcm(SPEECH.read_bytes())
    assert rate == SR
    return pcm


def room(ms, seed=0):
    """Quiet room noise (about -60 dBFS), not digital silence."""
    return np.random.default_rng(seed).normal(0, 30, SR * ms // 1000).astype(np.int16)


def run(detector, pcm, chunk_ms=20):
    events = []
    step = SR * chunk_ms // 1000
    for i in range(0, len(pcm), step):
        events.extend(detector.feed(pcm[i : i + step]))
    return events


def test_400ms_pause_does_not_end_the_turn_but_1s_does(speech):
    audio = np.concatenate([room(500), speech, room(400, 1), speech, room(1000, 2)])
    events = run(TurnDetector(SR, end_silence_ms=800), audio)
    turns = [e for e in events if isinstance(e, TurnEnded)]
    starts = [e for e in events if isinstance(e, SpeechStarted)]
    assert len(starts) == 1 and len(turns) == 1, events
    turn = turns[0]
    # the one turn holds both halves of the sentence, pre-roll included
    assert turn.start_s < 0.5 + 0.05
    assert turn.end_s == pytest.approx(0.5 + 2 * len(speech) / SR + 0.4, abs=0.3)
    assert len(turn.pcm) >= 2 * len(speech)


def test_each_phrase_after_a_1s_silence_is_its_own_turn(speech):
    audio = np.concatenate([room(300), speech, room(1000, 1), speech, room(1000, 2)])
    turns = [e for e in run(TurnDetector(SR), audio) if isinstance(e, TurnEnded)]
    assert len(turns) == 2


def test_end_silence_is_configurable_and_noise_alone_is_not_speech(speech):
    audio = np.concatenate([room(300), speech, room(400, 1), speech, room(1000, 2)])
    short = [e for e in run(TurnDetector(SR, end_silence_ms=300), audio) if isinstance(e, TurnEnded)]
    assert len(short) == 2
    assert run(TurnDetector(SR), room(3000, 5)) == []


def test_flush_closes_an_open_turn(speech):
    detector = TurnDetector(SR)
    run(detector, np.concatenate([room(200), speech]))
    assert detector.in_turn
    assert isinstance(detector.flush(), TurnEnded)
    assert not detector.in_turn


def caller_chunks(seconds=(1.0, 1.0, 1.0)):
    for i, s in enumerate(seconds):
        yield AudioChunk(pcm=np.full(int(s * SR), 1000, dtype=np.int16), sample_rate=SR, text=f"Sentence {i}.", index=i)


def wait_for_audio(controller, seconds=0.01, timeout=2.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if controller.buffered_s >= seconds:
            return
        time.sleep(0.005)


def test_barge_in_stops_the_caller_and_reports_where(speech):
    controller = PlaybackController(SR)
    controller.play(caller_chunks())
    wait_for_audio(controller, seconds=3.0)
    played = controller.read(int(1.5 * SR))  # caller has spoken 1.5 s
    assert np.count_nonzero(played) > 0
    # the trainee starts talking over the caller
    detector = TurnDetector(SR)
    started = None
    for e in run(detector, np.concatenate([room(200), speech])):
        if isinstance(e, SpeechStarted):
            started = e
            break
    assert started is not None
    cut = controller.barge_in()
    assert cut is not None
    assert cut.offset_s == pytest.approx(1.5, abs=0.01)
    assert cut.sentence_index == 1
    assert cut.text_heard == "Sentence 0. Sentence 1."
    assert not controller.is_playing
    assert not np.any(controller.read(SR))  # silence after the cut
    assert controller.barge_in() is None  # nothing left to interrupt


def test_barge_in_stops_pulling_from_the_tts_stream():
    pulled = []
    closed = threading.Event()

    def endless():
        try:
            for i in range(1000):
                pulled.append(i)
                yield AudioChunk(pcm=np.ones(SR // 10, dtype=np.int16), sample_rate=SR, text=str(i), index=i)
        finally:
            closed.set()

    controller = PlaybackController(SR)
    controller.play(endless())
    wait_for_audio(controller)
    controller.read(SR // 20)
    assert controller.barge_in() is not None
    assert closed.wait(2.0)
    assert len(pulled) < 1000
