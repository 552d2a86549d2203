"""Whole-call stereo recording and per-turn clips through an ObjectStore."""

import numpy as np
import pytest

from sim_core.speech.audio import wav_to_pcm
from sim_core.speech.recorder import CallAudioRecorder
from sim_core.storage.base import ObjectStore, call_prefix

SR = 16000


class MemoryStore:
    def __init__(self):
        self.objects, self.types = {}, {}

    def put(self, key, data, content_type="application/octet-stream"):
        self.objects[key], self.types[key] = data, content_type
        return key

    def get(self, key):
        return self.objects[key]

    def delete(self, key):
        self.objects.pop(key, None)

    def list(self, prefix=""):
        return sorted(k for k in self.objects if k.startswith(prefix))

    def url(self, key, expires_s=None):
        return f"memory://{key}"


def test_call_is_stored_as_aligned_stereo_plus_turn_clips():
    store = MemoryStore()
    assert isinstance(store, ObjectStore)
    rec = CallAudioRecorder(store, "call-42", sample_rate=SR)
    caller = np.full(SR, 1000, dtype=np.int16)  # 1 s at t=0.5
    trainee = np.full(SR // 2, -2000, dtype=np.int16)  # 0.5 s at t=2.0
    rec.add_turn("caller", caller, offset_s=0.5, text="Help!")
    rec.add_turn("trainee", trainee, offset_s=2.0, text="Nine one one")
    key = rec.finish()
    prefix = call_prefix("call-42")
    assert key == f"{prefix}call.wav"
    assert store.list(prefix) == [
        f"{prefix}call.wav",
        f"{prefix}turns/000-caller.wav",
        f"{prefix}turns/001-trainee.wav",
    ]
    assert store.types[key] == "audio/wav"
    mix, rate, channels = wav_to_pcm(store.get(key))
    assert rate == SR and channels == 2 and mix.shape == (int(2.5 * SR), 2)
    left, right = mix[:, 0], mix[:, 1]
    assert not left[: SR // 2].any() and (left[SR // 2 : int(1.5 * SR)] == 1000).all()
    assert not right[: 2 * SR].any() and (right[2 * SR :] == -2000).all()
    clip, _, _ = wav_to_pcm(store.get(f"{prefix}turns/001-trainee.wav"))
    assert np.array_equal(clip, trainee)
    assert [t.text for t in rec.turns] == ["Help!", "Nine one one"]


def test_overlap_and_other_sample_rates():
    store = MemoryStore()
    rec = CallAudioRecorder(store, "c2", sample_rate=SR)
    rec.add_turn("caller", np.full(22050, 500, dtype=np.int16), offset_s=0.0, sample_rate=22050)
    rec.add_turn("trainee", np.full(SR, 700, dtype=np.int16), offset_s=0.5)  # barge-in: overlaps
    mix = rec.stereo_mix()
    assert abs(mix.shape[0] - int(1.5 * SR)) <= 2
    assert np.all(mix[int(0.6 * SR) : int(0.9 * SR)] == [500, 700])


def test_bad_turns_are_refused():
    rec = CallAudioRecorder(MemoryStore(), "c3")
    with pytest.raises(ValueError, match="speaker"):
        rec.add_turn("dispatcher", np.zeros(10, dtype=np.int16), 0.0)
    with pytest.raises(ValueError, match="offset"):
        rec.add_turn("caller", np.zeros(10, dtype=np.int16), -1.0)


def test_works_with_the_local_folder_store(tmp_path):
    from sim_core.storage.local import LocalStore

    store = LocalStore(tmp_path)
    rec = CallAudioRecorder(store, "local-1")
    rec.add_turn("caller", np.full(SR, 100, dtype=np.int16), 0.0)
    key = rec.finish()
    assert key in store.list(call_prefix("local-1"))
    assert wav_to_pcm(store.get(key))[2] == 2
