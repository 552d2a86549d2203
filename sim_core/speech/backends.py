"""Backend factories: the TTS and STT chosen by Settings.

The interfaces and their shared helpers live in `tts` and `stt`; each
implementation imports only those, and only this module imports the
implementations, so the graph has no cycle. An implementation loads its engine
(Piper, Whisper, pocketsphinx, an HTTP client) when it is built, never at import.
"""

from __future__ import annotations

from collections.abc import Iterable

from sim_core.speech.errors import MissingDependencyError, SpeechBackendError
from sim_core.speech.stt import STT
from sim_core.speech.stt_openai import OpenAISTT
from sim_core.speech.stt_pocketsphinx import PocketsphinxSTT
from sim_core.speech.stt_whisper import WhisperSTT
from sim_core.speech.tts import TTS
from sim_core.speech.tts_cast import CastingTTS
from sim_core.speech.tts_coqui import CoquiTTS
from sim_core.speech.tts_espeak import EspeakTTS
from sim_core.speech.tts_openai import OpenAITTS
from sim_core.speech.tts_piper import PiperTTS


def build_tts(settings) -> TTS:
    """The TTS backend chosen by Settings.tts_backend."""
    backend = settings.tts_backend
    if backend == "piper":
        piper = PiperTTS.shared()
        if not getattr(settings, "tts_fit_voices", False):
            return piper
        try:
            return CastingTTS(piper, EspeakTTS())
        except MissingDependencyError:  # no espeak-ng here: every caller gets the Piper voice
            return piper
    if backend == "espeak":
        return EspeakTTS()
    if backend == "coqui":
        if not settings.coqui_tts_url:
            raise SpeechBackendError("TTS_BACKEND=coqui needs COQUI_TTS_URL (e.g. http://localhost:5002)")
        return CoquiTTS(settings.coqui_tts_url, timeout_s=settings.speech_timeout_s)
    if backend == "openai":
        if not settings.speech_base_url:
            raise SpeechBackendError("TTS_BACKEND=openai needs SPEECH_BASE_URL (e.g. https://api.openai.com/v1)")
        return OpenAITTS(
            settings.speech_base_url,
            api_key=settings.speech_api_key,
            model=settings.tts_model,
            default_voice=settings.tts_voice,
            timeout_s=settings.speech_timeout_s,
        )
    raise SpeechBackendError(f"unknown TTS_BACKEND {backend!r}: use piper, espeak, coqui or openai")


def build_stt(settings, extra_phrases: Iterable[str] = ()) -> STT:
    """The STT backend chosen by Settings.stt_backend.

    extra_phrases (e.g. a scenario's street names) are added to the domain
    language model of the pocketsphinx backend. A missing or broken Whisper
    model raises SpeechBackendError naming WHISPER_MODEL_DIR.
    """
    backend = settings.stt_backend
    if backend == "whisper":
        return WhisperSTT.shared(
            settings.whisper_model_dir, threads=settings.whisper_threads, workers=settings.stt_workers
        )
    if backend == "pocketsphinx":
        return PocketsphinxSTT.shared(sample_rate=16000, extra_phrases=tuple(extra_phrases))
    if backend == "openai":
        if not settings.speech_base_url:
            raise SpeechBackendError("STT_BACKEND=openai needs SPEECH_BASE_URL (e.g. http://localhost:8000/v1)")
        return OpenAISTT(
            settings.speech_base_url,
            api_key=settings.speech_api_key,
            model=settings.stt_model,
            sample_rate=settings.sample_rate,
            timeout_s=settings.speech_timeout_s,
        )
    raise SpeechBackendError(f"unknown STT_BACKEND {backend!r}: use whisper, pocketsphinx or openai")


__all__ = ["build_stt", "build_tts"]
