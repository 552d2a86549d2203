"""Voices that fit the caller: the right engine for each caller profile.

The bundled Piper voice is an adult man. A woman, a child or a caller who does
not speak English would be played by him, pitch-shifted at best (which sounds
like a cartoon, not a woman). `CastingTTS` keeps Piper for adult men and
gives every other caller an espeak-ng voice variant that fits them (female
variants, a grandmother, a child's high voice), chosen
by `sim_core.speech.prosody.voice_style` from the scenario's caller profile.
Tested by median pitch: adult men under 155 Hz, women over 165 Hz, children
over 250 Hz (tests/integration/test_speech_voices.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from sim_core.speech.datatypes import AudioChunk, VoiceStyle

CHILD_AGE = 13
_MALE = ("male", "m", "man")


def needs_fitting_voice(voice: VoiceStyle) -> bool:
    """True unless the caller is an adult man (the Piper voice)."""
    is_child = voice.age is not None and voice.age < CHILD_AGE
    if voice.native_text and not (voice.language or "en").lower().startswith("en"):
        return True  # Piper's voice speaks English only
    return is_child or (voice.gender or "").lower() not in _MALE


def english_voice(voice: VoiceStyle) -> VoiceStyle:
    """The same espeak-ng variant speaking English. Scenario lines are written in English
    (a Spanish speaker's broken English included): read with Spanish rules they are not
    understood at all (Whisper: 5 % confidence, every word wrong), so the caller's
    language shows in the words, not in the pronunciation. A line written in the
    caller's language (`native_text`) keeps its own voice."""
    if voice.native_text or (voice.language or "en").lower().startswith("en"):
        return voice
    variant = voice.espeak_voice.partition("+")[2]
    return replace(voice, espeak_voice=f"en-us+{variant}" if variant else "en-us")


class CastingTTS:
    """Piper for adult men, espeak-ng variants for everyone else; one TTS to the caller."""

    def __init__(self, main, fitting) -> None:
        self.main = main
        self.fitting = fitting
        self.name = f"{main.name}+{fitting.name}"

    def engine_for(self, voice: VoiceStyle):
        return self.fitting if needs_fitting_voice(voice) else self.main

    def synthesize_stream(self, text: str, voice: VoiceStyle) -> Iterator[AudioChunk]:
        return self.engine_for(voice).synthesize_stream(text, english_voice(voice))

    def health(self) -> bool:
        return self.main.health() and self.fitting.health()
