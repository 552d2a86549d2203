"""Emotional prosody: map a caller's emotion and profile to a VoiceStyle.

The numbers are deliberate: a panicked caller speaks clearly faster and higher
than a calm one, a whispering caller is much quieter, and a small seeded
variation keeps two callers in a row from sounding identical while the same
seed always gives the same voice.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sim_core.speech.datatypes import VoiceStyle


@dataclass(frozen=True, slots=True)
class _Emotion:
    rate: float
    pitch: float  # semitones
    volume: float
    expressiveness: float  # Piper noise_w: variability of phoneme durations
    espeak_variant: str | None = None  # overrides the gender variant (e.g. whisper)


EMOTIONS: dict[str, _Emotion] = {
    "calm": _Emotion(rate=1.00, pitch=0.0, volume=0.85, expressiveness=0.7),
    "anxious": _Emotion(rate=1.12, pitch=1.5, volume=0.9, expressiveness=0.8),
    "panicked": _Emotion(rate=1.32, pitch=3.0, volume=1.0, expressiveness=0.9),
    "hysterical": _Emotion(rate=1.42, pitch=4.5, volume=1.0, expressiveness=1.0),
    "whispering": _Emotion(rate=0.92, pitch=-1.0, volume=0.3, expressiveness=0.6, espeak_variant="whisper"),
    "angry": _Emotion(rate=1.10, pitch=-0.5, volume=1.0, expressiveness=0.9),
}

# Synonyms a scenario author might use.
_ALIASES = {
    "scared": "anxious",
    "worried": "anxious",
    "nervous": "anxious",
    "upset": "anxious",
    "panic": "panicked",
    "frantic": "panicked",
    "terrified": "panicked",
    "crying": "hysterical",
    "screaming": "hysterical",
    "distraught": "hysterical",
    "whisper": "whispering",
    "quiet": "whispering",
    "hiding": "whispering",
    "hostile": "angry",
    "irritated": "angry",
    "annoyed": "angry",
    "neutral": "calm",
    "composed": "calm",
    "relieved": "calm",
}

# A child's voice is about an octave above a man's (median pitch over 250 Hz).
CHILD_PITCH_SEMITONES = 10.0

# espeak-ng voice variants (see `espeak-ng --voices=variant`).
_FEMALE_VARIANTS = ("f1", "f2", "f3", "f4", "f5")
_MALE_VARIANTS = ("m1", "m2", "m3", "m4", "m7")
_CHILD_VARIANTS = ("f4", "f5")

# Languages callers may speak, mapped to espeak-ng voice names.
_LANGUAGES = {
    "en": "en-us",
    "english": "en-us",
    "en-us": "en-us",
    "en-gb": "en-gb",
    "es": "es",
    "spanish": "es",
    "fr": "fr",
    "french": "fr",
    "de": "de",
    "german": "de",
    "pt": "pt",
    "portuguese": "pt",
    "it": "it",
    "italian": "it",
    "zh": "cmn",
    "mandarin": "cmn",
    "vi": "vi",
    "vietnamese": "vi",
    "ar": "ar",
    "arabic": "ar",
    "ru": "ru",
    "russian": "ru",
    "pl": "pl",
    "polish": "pl",
    "hi": "hi",
    "hindi": "hi",
}


def canonical_emotion(emotion: str) -> str:
    """The prosody class for an emotion name; unknown names fall back to calm."""
    key = (emotion or "calm").strip().lower()
    key = _ALIASES.get(key, key)
    return key if key in EMOTIONS else "calm"


def voice_style(
    emotion: str,
    age: int | None,
    gender: str,
    voice_hints: Mapping[str, Any] | None = None,
    seed: int = 0,
) -> VoiceStyle:
    """Build the VoiceStyle for one caller.

    voice_hints may hold: language ("es"), voice (backend voice name),
    espeak_variant ("f2"), rate / pitch_semitones / volume multipliers or offsets
    ("rate": 1.1 multiplies, "pitch_semitones": 2 adds, "volume": 0.8 multiplies).
    """
    hints = dict(voice_hints or {})
    name = canonical_emotion(emotion)
    base = EMOTIONS[name]
    rng = random.Random(f"voice:{seed}")
    g = (gender or "unknown").strip().lower()
    is_child = age is not None and age < 13
    is_elderly = age is not None and age >= 70

    pitch = base.pitch
    rate = base.rate
    if is_child:
        pitch += CHILD_PITCH_SEMITONES
        rate *= 1.05
    elif g in ("female", "f", "woman"):
        pitch += 2.0
    elif g in ("male", "m", "man"):
        pitch -= 1.0
    if is_elderly:
        rate *= 0.9
        pitch -= 0.5

    # Seeded per-caller variation: +-4 % rate, +-1 semitone pitch, +-5 % volume.
    rate *= 1.0 + rng.uniform(-0.04, 0.04)
    pitch += rng.uniform(-1.0, 1.0)
    volume = base.volume * (1.0 + rng.uniform(-0.05, 0.05))

    rate *= float(hints.get("rate", 1.0))
    pitch += float(hints.get("pitch_semitones", 0.0))
    volume = min(1.0, volume * float(hints.get("volume", 1.0)))

    language = _LANGUAGES.get(str(hints.get("language", "en")).lower(), str(hints.get("language")))
    variant = hints.get("espeak_variant")
    is_female = g in ("female", "f", "woman")
    if base.espeak_variant:
        variant = "whisperf" if (is_female or is_child) else base.espeak_variant
    elif not variant:
        if is_child:
            variant = rng.choice(_CHILD_VARIANTS)
        elif is_elderly and g in ("female", "f", "woman", "male", "m", "man"):
            variant = "grandma" if is_female else "grandpa"
        elif is_female:
            variant = rng.choice(_FEMALE_VARIANTS)
        elif g in ("male", "m", "man"):
            variant = rng.choice(_MALE_VARIANTS)
        else:
            variant = rng.choice(_MALE_VARIANTS + _FEMALE_VARIANTS)

    return VoiceStyle(
        emotion=name,
        rate=round(rate, 4),
        pitch_semitones=round(pitch, 3),
        volume=round(volume, 4),
        gender=g,
        age=age,
        language=language,
        espeak_voice=f"{language}+{variant}",
        voice=str(hints.get("voice", "")),
        expressiveness=base.expressiveness,
    )
