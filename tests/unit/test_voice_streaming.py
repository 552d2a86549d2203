"""Live voice: the caller's first sentence is spoken while the rest of its reply is still
being written, and what is heard is what the timeline records."""

import threading
import time
from pathlib import Path

import numpy as np

from sim_core.caller import ActorReply
from sim_core.scenario import load_scenario_file
from sim_core.session import CallSession
from sim_core.speech.datatypes import AudioChunk
from sim_core.timeline import EventType
from sim_core.voice import VoiceCall

ROOT = Path(__file__).resolve().parents[2]
RATE = 16000


class RecordingTTS:
    def __init__(self):
        self.said = []
        self.first = threading.Event()

    def synthesize_stream(self, text, voice):
        self.said.append(text)
        self.first.set()
        yield AudioChunk(np.zeros(RATE // 10, dtype=np.int16), RATE, text, 0)


class WritingActor:
    """Writes its reply one sentence at a time; the second is written only once the
    first has reached the voice (or after a long wait, which the test then reports)."""

    name = "llm"

    def __init__(self, tts):
        self.tts = tts
        self.first_heard_before_second_written = None

    def stream_reply(self, decision, ctx):
        actor = self

        class Stream:
            reply = None

            def __iter__(self):
                yield "It's 1425 Oak Street."
                actor.first_heard_before_second_written = actor.tts.first.wait(10)
                yield "Please hurry!"
                self.reply = ActorReply("It's 1425 Oak Street. Please hurry!", "llm")

        return Stream()

    def perform(self, decision, ctx):  # the opening, typed before the voice starts
        return ActorReply(decision.scripted_text, "scripted")


def _wait_for(predicate, seconds=10.0):
    end = time.monotonic() + seconds
    while not predicate() and time.monotonic() < end:
        time.sleep(0.01)
    return predicate()


def test_the_first_sentence_is_heard_before_the_reply_is_written():
    scenario = load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")
    tts = RecordingTTS()
    actor = WritingActor(tts)
    call = CallSession.start(scenario, actor=actor)
    call.answer()
    voice = VoiceCall(call, stt=None, tts=tts, settings=None, sample_rate=RATE)
    turn = voice.respond_aloud("911, what is the address of your emergency?")
    assert actor.first_heard_before_second_written is True
    assert turn.caller_text == "It's 1425 Oak Street. Please hurry!"
    assert _wait_for(lambda: tts.said == ["It's 1425 Oak Street.", "Please hurry!"]), tts.said
    assert _wait_for(
        lambda: any(e.data.get("action") == "caller_audio" for e in call.timeline.of(EventType.CALLER_ACTION))
    )
    said = [e.data["text"] for e in call.timeline.of(EventType.CALLER_SAID)]
    assert said[-1] == "It's 1425 Oak Street. Please hurry!"
    voice.playback.stop()


def test_a_scripted_caller_is_spoken_sentence_by_sentence_too():
    scenario = load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")
    tts = RecordingTTS()
    call = CallSession.start(scenario)
    voice = VoiceCall(call, stt=None, tts=tts, settings=None, sample_rate=RATE)
    turn = voice.respond_aloud("911, what is the address of your emergency?")  # answers, then asks
    assert _wait_for(lambda: len(tts.said) >= 2)
    assert " ".join(tts.said) == turn.caller_text
    voice.playback.stop()
