"""When the live voice path ends the trainee's turn: early after a finished question
or instruction, only after the long silence when the sentence is still open."""

from pathlib import Path

import numpy as np
import pytest

from sim_core.speech.audio import wav_to_pcm
from sim_core.speech.datatypes import Hypothesis
from sim_core.turn_taking import EARLY_END_MS, END_SILENCE_MS, Heard, TurnListener, sounds_finished

SPEECH = Path(__file__).resolve().parents[1] / "data" / "speech" / "is_he_breathing_16k.wav"
SR = 16000
CHUNK = SR // 50


@pytest.mark.parametrize(
    "text,finished",
    [
        ("what is the address of your emergency", True),
        ("tell me exactly what happened", True),
        ("how old is he", True),
        ("push hard and fast in the center of his chest", True),
        ("what is the address of", False),  # the sentence is still going
        ("is he", False),
        ("i need you to", False),
        ("okay", False),  # one word: maybe more to come
        ("", False),
    ],
)
def test_sounds_finished(text, finished):
    assert sounds_finished(text) is finished


class FakeStream:
    def __init__(self, text: str) -> None:
        self.text, self.fed, self.cancelled = text, 0, False

    def feed(self, pcm):
        self.fed += len(pcm)
        return Hypothesis(text=self.text, confidence=0.0, is_final=False)

    def finish(self):
        return Hypothesis(text=self.text, confidence=0.9, is_final=True)

    def cancel(self):
        self.cancelled = True


class FakeSTT:
    """Hears `text` in any speech; records the streams it opened."""

    def __init__(self, text: str) -> None:
        self.text, self.streams = text, []

    def open_stream(self, context=None):
        self.streams.append(FakeStream(self.text))
        return self.streams[-1]

    def transcribe(self, pcm, context=None):
        return Hypothesis(text=self.text, confidence=0.9, is_final=True)


def _listen(stt, seconds_of_silence=1.5):
    speech, _, _ = wav_to_pcm(SPEECH.read_bytes())
    room = np.random.default_rng(1).normal(0, 30, int(SR * (0.3 + seconds_of_silence))).astype(np.int16)
    mic = np.concatenate([room[: SR * 3 // 10], speech, room[SR * 3 // 10 :]])
    listener = TurnListener(stt, SR, context="t")
    return [
        e for i in range(0, len(mic), CHUNK) for e in listener.feed(mic[i : i + CHUNK]) if isinstance(e, Heard)
    ], listener


def test_a_finished_question_ends_the_turn_early():
    heard, _ = _listen(FakeSTT("is he breathing normally"))
    assert len(heard) == 1 and heard[0].early
    assert EARLY_END_MS <= heard[0].waited_ms < END_SILENCE_MS


def test_an_open_sentence_waits_for_the_long_silence():
    heard, _ = _listen(FakeSTT("what is the address of"))
    assert len(heard) == 1 and not heard[0].early
    assert heard[0].waited_ms == END_SILENCE_MS


def test_the_recogniser_hears_the_whole_turn_from_its_pre_roll():
    stt = FakeSTT("is he breathing normally")
    heard, _ = _listen(stt)
    # every sample of the turn (pre-roll and the frames that opened it) reached the
    # recogniser, so the first syllable is not lost
    assert stt.streams[0].fed >= len(heard[0].pcm)


def test_stopping_mid_turn_releases_the_recogniser():
    stt = FakeSTT("what is the address of")
    speech, _, _ = wav_to_pcm(SPEECH.read_bytes())
    listener = TurnListener(stt, SR)
    for i in range(0, len(speech), CHUNK):
        listener.feed(speech[i : i + CHUNK])
    listener.close()
    assert stt.streams and stt.streams[-1].cancelled


class SpeculativeFake:
    """A stream that, like Whisper's, decodes only at the end or when asked at a pause;
    its result names how much audio it covered. Before the trainee's second phrase it
    hears an open sentence, after it a finished question."""

    OPEN, DONE = "what is the address of", "what is the address of your emergency"

    def __init__(self, second_phrase_at: int) -> None:
        self.fed, self.speculations, self.retracted, self._spec = 0, [], 0, None
        self._ready, self.second_phrase_at = None, second_phrase_at

    speculating = property(lambda self: self._spec is not None)

    def _text(self, covered: int) -> str:
        return f"heard {covered} " + (self.DONE if covered > self.second_phrase_at else self.OPEN)

    def feed(self, pcm):
        self.fed += len(pcm)
        ready, self._ready = self._ready, None
        return ready

    def speculate(self):
        self._spec = self.fed
        self.speculations.append(self.fed)
        self._ready = Hypothesis(self._text(self.fed), 0.9)

    def retract(self):
        self._spec, self._ready = None, None
        self.retracted += 1

    def finish(self):
        return Hypothesis(self._text(self._spec if self._spec is not None else self.fed), 0.9, is_final=True)

    def cancel(self):
        self._spec = None


class SpeculativeSTT(FakeSTT):
    def __init__(self, second_phrase_at: int) -> None:
        super().__init__("")
        self.second_phrase_at = second_phrase_at

    def open_stream(self, context=None):
        self.streams.append(SpeculativeFake(self.second_phrase_at))
        return self.streams[-1]


def test_a_pause_starts_the_decode_and_resumed_speech_drops_it():
    speech, _, _ = wav_to_pcm(SPEECH.read_bytes())
    room = np.random.default_rng(2).normal(0, 30, SR * 2).astype(np.int16)
    pause = room[: SR * 4 // 10]  # 400 ms: the trainee keeps the turn
    mic = np.concatenate([room[: SR // 5], speech, pause, speech, room])
    stt = SpeculativeSTT(second_phrase_at=len(speech) + len(pause))
    listener = TurnListener(stt, SR)
    heard = [e for i in range(0, len(mic), CHUNK) for e in listener.feed(mic[i : i + CHUNK]) if isinstance(e, Heard)]
    stream = stt.streams[0]
    assert len(heard) == 1 and len(stt.streams) == 1  # one turn, both phrases
    assert len(stream.speculations) >= 2 and stream.retracted >= 1
    # the final text is the decode started at the last pause, which covered all the speech
    assert heard[0].text == stream._text(stream.speculations[-1])
    assert heard[0].text.endswith("your emergency")
    # and that decode, ready before the long silence ran out, let the turn end early
    assert heard[0].early and heard[0].waited_ms < END_SILENCE_MS
