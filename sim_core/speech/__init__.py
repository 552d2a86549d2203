"""Speech for the simulator: the caller's voice (TTS: Piper, with espeak-ng voices
that fit women and children), the trainee's voice (STT: Whisper by default,
pocketsphinx, or an OpenAI-compatible server), and the audio pipeline around
them (decoding, VAD, barge-in, ambience, the telephone line, recording, upload
validation). Heavy engines load only when a backend is built.

    from sim_core.speech import build_tts, build_stt, voice_style
    tts = build_tts(settings); stt = build_stt(settings)
    for chunk in tts.synthesize_stream("Help, he's not breathing!", voice_style("panicked", 40, "female")):
        ...
"""

from sim_core.speech.backends import build_stt, build_tts
from sim_core.speech.datatypes import AudioChunk, Hypothesis, VoiceStyle
from sim_core.speech.errors import AudioInputError, MissingDependencyError, SpeechBackendError, SpeechError
from sim_core.speech.prosody import voice_style
from sim_core.speech.stt import STT, SttStream
from sim_core.speech.tts import TTS, split_sentences

__all__ = [
    "AudioChunk",
    "AudioInputError",
    "Hypothesis",
    "MissingDependencyError",
    "STT",
    "SpeechBackendError",
    "SpeechError",
    "SttStream",
    "TTS",
    "VoiceStyle",
    "build_stt",
    "build_tts",
    "split_sentences",
    "voice_style",
]
