"""OpenAI-compatible transcription endpoint: POST {base}/audio/transcriptions.

Multipart form: file (WAV), model, response_format=verbose_json, language.
Works with OpenAI Whisper and Whisper servers that speak the same API
(faster-whisper-server / speaches, LocalAI, vLLM...). The server has no
partials: the stream buffers audio and sends it on finish().
"""

from __future__ import annotations

import math

import numpy as np

from sim_core.speech.audio import pcm_to_wav
from sim_core.speech.datatypes import Hypothesis
from sim_core.speech.errors import SpeechBackendError
from sim_core.speech.http import DEFAULT_TIMEOUT_S, make_client, send
from sim_core.speech.stt import as_pcm


class OpenAISTT:
    name = "openai"

    def __init__(
        self,
        base_url: str,
        api_key: str = "",
        model: str = "whisper-1",
        sample_rate: int = 16000,
        language: str = "en",
        timeout_s: float = DEFAULT_TIMEOUT_S,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.sample_rate = sample_rate
        self.language = language
        self._client = make_client(self.base_url, timeout_s, api_key)

    def open_stream(self, context: str | None = None) -> BufferedStream:
        return BufferedStream(self)

    def transcribe(self, pcm: np.ndarray | bytes, context: str | None = None) -> Hypothesis:
        samples = as_pcm(pcm)
        if samples.size == 0:
            return Hypothesis(text="", confidence=0.0, is_final=True)
        files = {"file": ("speech.wav", pcm_to_wav(samples, self.sample_rate), "audio/wav")}
        data = {"model": self.model, "response_format": "verbose_json"}
        if self.language:
            data["language"] = self.language
        response = send(
            self._client,
            "POST",
            "/audio/transcriptions",
            "OpenAI-compatible transcription server",
            files=files,
            data=data,
        )
        return _parse(response)

    def forget(self, context: str) -> None:
        """The server keeps no per-speaker state: nothing to drop."""

    def close(self) -> None:
        self._client.close()


def _parse(response) -> Hypothesis:
    try:
        body = response.json()
    except ValueError:
        # response_format=text servers
        return Hypothesis(text=response.text.strip(), confidence=1.0, is_final=True)
    if not isinstance(body, dict) or "text" not in body:
        raise SpeechBackendError(f"transcription server answered without a 'text' field: {str(body)[:200]}")
    segments = body.get("segments") or []
    logprobs = [float(lp) for s in segments if isinstance(s, dict) and (lp := s.get("avg_logprob")) is not None]
    confidence = math.exp(sum(logprobs) / len(logprobs)) if logprobs else 1.0
    return Hypothesis(text=str(body["text"]).strip(), confidence=min(1.0, max(0.0, confidence)), is_final=True)


class BufferedStream:
    def __init__(self, owner: OpenAISTT) -> None:
        self._owner = owner
        self._parts: list[np.ndarray] = []
        self._done = False

    def feed(self, pcm: np.ndarray | bytes) -> Hypothesis | None:
        if self._done:
            raise SpeechBackendError("this STT stream is finished; open a new one")
        self._parts.append(np.array(as_pcm(pcm), dtype=np.int16))
        return None

    def finish(self) -> Hypothesis:
        if self._done:
            raise SpeechBackendError("this STT stream is already finished")
        self._done = True
        pcm = np.concatenate(self._parts) if self._parts else np.zeros(0, dtype=np.int16)
        return self._owner.transcribe(pcm)

    def cancel(self) -> None:
        self._done = True
        self._parts.clear()
