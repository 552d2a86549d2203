"""In a voice call, information counts as obtained at the real end of the caller's audio,
not at an estimate from the words: the debrief's time to address follows the voice."""

from pathlib import Path

import numpy as np

from sim_core.scenario import load_scenario_file
from sim_core.session import CallSession
from sim_core.speech.datatypes import AudioChunk
from sim_core.voice import VoiceCall

ROOT = Path(__file__).resolve().parents[2]
RATE = 16000


class SlowTTS:
    """Every sentence takes `seconds` of audio, whatever its words."""

    def __init__(self, seconds: float):
        self.seconds = seconds

    def synthesize_stream(self, text, voice):
        yield AudioChunk(np.zeros(int(self.seconds * RATE), dtype=np.int16), RATE, text, 0)


def _voice_call(seconds):
    scenario = load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")
    now = [100.0]
    call = CallSession.start(scenario, clock=lambda: now[0])
    voice = VoiceCall(call, stt=None, tts=SlowTTS(seconds), settings=None, sample_rate=RATE, clock=lambda: now[0])
    return call, voice, now


def _time_to_address(seconds):
    call, voice, now = _voice_call(seconds)
    now[0] = 104.0
    turn = call.trainee_says("911, what is the address of your emergency?")
    list(voice.speak(turn))
    now[0] = 130.0
    return call.end().metrics["time_to_address"], turn


def test_time_to_address_ends_with_the_callers_audio():
    slow, _ = _time_to_address(11.0)
    quick, _ = _time_to_address(2.0)
    assert abs((slow - quick) - 9.0) < 0.01  # the same answer, spoken 9 s longer
    assert slow >= 11.0
