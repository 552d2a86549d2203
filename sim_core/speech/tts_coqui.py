"""Coqui TTS server backend (`tts-server`, coqui-tts).

Wire format of the Coqui demo server:
  GET  /api/tts?text=...&speaker_id=...&language_id=...  -> audio/wav
       (speaker_id only used by multi-speaker models, language_id by multilingual
       ones; an empty text answers 400 with {"error": ...})
  GET  /voices   -> MaryTTS-style lines "<speaker> <locale> <gender>"
  GET  /locales  -> the model's locale, one per line (cheap health check)
  GET  /details  -> HTML page with the model configuration (with --show_details)
The server has no rate or pitch parameter: the style's rate is applied here by
resampling (which also raises pitch a little, as agitated speech does).
"""

from __future__ import annotations

from collections.abc import Iterator

from sim_core.speech.audio import read_wav_any
from sim_core.speech.datatypes import AudioChunk, VoiceStyle
from sim_core.speech.errors import SpeechBackendError
from sim_core.speech.http import DEFAULT_TIMEOUT_S, make_client, send
from sim_core.speech.tts import finish_chunk, shift_pitch, stream_sentences


class CoquiTTS:
    name = "coqui"

    def __init__(
        self, base_url: str, default_speaker: str = "", language: str = "", timeout_s: float = DEFAULT_TIMEOUT_S
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.default_speaker = default_speaker
        self.language = language
        self._client = make_client(self.base_url, timeout_s)

    def health(self) -> bool:
        try:
            send(self._client, "GET", "/locales", "Coqui TTS server")
            return True
        except SpeechBackendError:
            return False

    def speakers(self) -> list[str]:
        """Speaker names the loaded model offers (one entry for single-speaker models)."""
        text = send(self._client, "GET", "/voices", "Coqui TTS server").text
        return [line.split()[0] for line in text.splitlines() if line.strip()]

    def locales(self) -> list[str]:
        text = send(self._client, "GET", "/locales", "Coqui TTS server").text
        return [line.strip() for line in text.splitlines() if line.strip()]

    def synthesize_stream(self, text: str, voice: VoiceStyle) -> Iterator[AudioChunk]:
        return stream_sentences(text, voice, self._synthesize_sentence)

    def _synthesize_sentence(self, sentence: str, voice: VoiceStyle, index: int) -> AudioChunk:
        params = {"text": sentence}
        speaker = voice.voice or self.default_speaker
        if speaker:
            params["speaker_id"] = speaker
        if self.language:
            params["language_id"] = self.language
        response = send(self._client, "GET", "/api/tts", "Coqui TTS server", params=params)
        pcm, rate = read_wav_any(response.content, "Coqui TTS server")
        pcm = shift_pitch(pcm, rate, voice.rate)
        return finish_chunk(pcm, rate, sentence, index, voice.volume)

    def close(self) -> None:
        self._client.close()
