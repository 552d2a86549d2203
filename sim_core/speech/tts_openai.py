"""OpenAI-compatible speech endpoint: POST {base}/audio/speech.

JSON body: {"model", "input", "voice", "response_format": "wav", "speed"}.
WAV is asked for (not raw pcm) because the header carries the sample rate,
which differs between servers (OpenAI 24 kHz, Kokoro/Coqui/Piper servers vary).
"""

from __future__ import annotations

from collections.abc import Iterator

from sim_core.speech.audio import read_wav_any
from sim_core.speech.datatypes import AudioChunk, VoiceStyle
from sim_core.speech.errors import SpeechBackendError
from sim_core.speech.http import DEFAULT_TIMEOUT_S, make_client, send
from sim_core.speech.tts import finish_chunk, stream_sentences


class OpenAITTS:
    name = "openai"

    def __init__(
        self,
        base_url: str,
        api_key: str = "",
        model: str = "tts-1",
        default_voice: str = "alloy",
        timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.default_voice = default_voice
        self._client = make_client(self.base_url, timeout_s, api_key)

    def health(self) -> bool:
        try:
            send(self._client, "GET", "/models", "OpenAI-compatible speech server")
            return True
        except SpeechBackendError:
            return False

    def synthesize_stream(self, text: str, voice: VoiceStyle) -> Iterator[AudioChunk]:
        return stream_sentences(text, voice, self._synthesize_sentence)

    def _synthesize_sentence(self, sentence: str, voice: VoiceStyle, index: int) -> AudioChunk:
        body = {
            "model": self.model,
            "input": sentence,
            "voice": voice.voice or self.default_voice,
            "response_format": "wav",
            "speed": round(min(4.0, max(0.25, voice.rate)), 3),
        }
        response = send(self._client, "POST", "/audio/speech", "OpenAI-compatible speech server", json=body)
        pcm, rate = read_wav_any(response.content, "OpenAI-compatible speech server")
        return finish_chunk(pcm, rate, sentence, index, voice.volume)

    def close(self) -> None:
        self._client.close()
