"""Caller voice styles: emotions must be audibly different, callers must vary."""

from sim_core.speech.prosody import EMOTIONS, canonical_emotion, voice_style
from sim_core.speech.tts_espeak import espeak_args


def test_panicked_is_faster_and_higher_than_calm():
    for seed in range(10):
        calm = voice_style("calm", 40, "female", {}, seed=seed)
        panicked = voice_style("panicked", 40, "female", {}, seed=seed)
        assert panicked.rate >= calm.rate * 1.2
        assert panicked.length_scale < calm.length_scale
        assert panicked.pitch_semitones > calm.pitch_semitones


def test_whispering_is_much_quieter_and_uses_whisper_variant():
    calm = voice_style("calm", 30, "male", {}, seed=1)
    whisper = voice_style("whispering", 30, "male", {}, seed=1)
    assert whisper.volume < calm.volume / 2
    assert whisper.espeak_voice.endswith("+whisper")
    assert voice_style("whispering", 30, "female", {}, seed=1).espeak_voice.endswith("+whisperf")


def test_same_seed_same_voice_different_seed_different_voice():
    a = voice_style("anxious", 50, "male", {}, seed=3)
    assert a == voice_style("anxious", 50, "male", {}, seed=3)
    others = {
        (
            voice_style("anxious", 50, "male", {}, seed=s).rate,
            voice_style("anxious", 50, "male", {}, seed=s).pitch_semitones,
        )
        for s in range(5)
    }
    assert len(others) == 5


def test_child_female_and_language_choose_espeak_voice():
    child = voice_style("panicked", 8, "male", {}, seed=2)
    adult = voice_style("panicked", 35, "male", {}, seed=2)
    assert child.pitch_semitones > adult.pitch_semitones + 3
    assert child.espeak_voice.split("+")[1] in ("f4", "f5")
    assert voice_style("calm", 35, "female", {}, seed=0).espeak_voice.split("+")[1].startswith("f")
    spanish = voice_style("calm", 35, "female", {"language": "Spanish"}, seed=0)
    assert spanish.language == "es" and spanish.espeak_voice.startswith("es+")


def test_hints_adjust_style_and_unknown_emotion_is_calm():
    base = voice_style("calm", 40, "male", {}, seed=4)
    hinted = voice_style("calm", 40, "male", {"rate": 1.5, "voice": "nova", "espeak_variant": "m3"}, seed=4)
    assert abs(hinted.rate - base.rate * 1.5) < 1e-3
    assert hinted.voice == "nova" and hinted.espeak_voice.endswith("+m3")
    assert canonical_emotion("sobbing-ish") == "calm"
    assert canonical_emotion("Terrified") == "panicked"
    assert set(EMOTIONS) == {"calm", "anxious", "panicked", "hysterical", "whispering", "angry"}


def test_espeak_arguments_follow_the_style():
    calm = espeak_args(voice_style("calm", 40, "male", {}, seed=0))
    panicked = espeak_args(voice_style("panicked", 40, "male", {}, seed=0))
    speed = lambda args: int(args[args.index("-s") + 1])  # noqa: E731
    pitch = lambda args: int(args[args.index("-p") + 1])  # noqa: E731
    assert speed(panicked) > speed(calm) * 1.2
    assert pitch(panicked) > pitch(calm)
    assert all(0 <= pitch(a) <= 99 for a in (calm, panicked))
