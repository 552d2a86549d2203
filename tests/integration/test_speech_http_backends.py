"""Coqui and OpenAI-compatible TTS/STT backends against local servers that speak
their real wire format on 127.0.0.1; a server that is down or slow gives a
SpeechBackendError within the timeout."""

from __future__ import annotations

import email.parser
import email.policy
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import numpy as np
import pytest

from sim_core.settings import load_settings
from sim_core.speech import build_stt, build_tts, voice_style
from sim_core.speech.audio import pcm_to_wav, wav_to_pcm
from sim_core.speech.errors import SpeechBackendError
from sim_core.speech.stt_openai import OpenAISTT
from sim_core.speech.tts_coqui import CoquiTTS
from sim_core.speech.tts_openai import OpenAITTS

pytestmark = pytest.mark.integration


def tone_wav(seconds: float, rate: int) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    return pcm_to_wav((8000 * np.sin(2 * np.pi * 220 * t)).astype(np.int16), rate)


class FakeSpeechServer:
    """Coqui `tts-server` routes plus OpenAI-compatible /v1 routes, recording requests."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.delay_s = 0.0
        self.release = threading.Event()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def _send(self, status, body: bytes, ctype):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

            def _wait(self):
                if owner.delay_s:
                    owner.release.wait(owner.delay_s)

            def do_GET(self):
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                owner.requests.append(
                    {"method": "GET", "path": url.path, "query": query, "headers": dict(self.headers)}
                )
                self._wait()
                if url.path == "/api/tts":
                    text = self.headers.get("text") or query.get("text", "")
                    if not text.strip():
                        return self._send(
                            400, json.dumps({"error": "Text parameter is required"}).encode(), "application/json"
                        )
                    return self._send(200, tone_wav(0.1 * len(text.split()), 22050), "audio/wav")
                if url.path == "/voices":
                    return self._send(200, b"p225 en u\np226 en u\n", "text/html; charset=utf-8")
                if url.path == "/locales":
                    return self._send(200, b"en\n", "text/html; charset=utf-8")
                if url.path == "/v1/models":
                    return self._send(200, b'{"object": "list", "data": []}', "application/json")
                self._send(404, b"not found", "text/plain")

            def do_POST(self):
                url = urlparse(self.path)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                record = {"method": "POST", "path": url.path, "headers": dict(self.headers), "body": body}
                owner.requests.append(record)
                self._wait()
                if url.path == "/v1/audio/speech":
                    payload = json.loads(body)
                    record["json"] = payload
                    if not payload.get("input") or not payload.get("voice") or not payload.get("model"):
                        return self._send(400, b'{"error": {"message": "missing field"}}', "application/json")
                    return self._send(200, tone_wav(0.1 * len(payload["input"].split()), 24000), "audio/wav")
                if url.path == "/v1/audio/transcriptions":
                    msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                        b"Content-Type: " + self.headers["Content-Type"].encode() + b"\r\n\r\n" + body
                    )
                    fields = {part.get_param("name", header="content-disposition"): part for part in msg.iter_parts()}
                    record["fields"] = {k: (v.get_payload(decode=True)) for k, v in fields.items()}
                    if "file" not in fields or "model" not in fields:
                        return self._send(
                            400, b'{"error": {"message": "file and model are required"}}', "application/json"
                        )
                    pcm, rate, _ = wav_to_pcm(record["fields"]["file"])
                    record["audio_s"] = len(pcm) / rate
                    answer = {
                        "task": "transcribe",
                        "language": "english",
                        "duration": record["audio_s"],
                        "text": " Is he breathing?",
                        "segments": [{"id": 0, "avg_logprob": -0.2, "text": " Is he breathing?"}],
                    }
                    return self._send(200, json.dumps(answer).encode(), "application/json")
                self._send(404, b"not found", "text/plain")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def server():
    with FakeSpeechServer() as srv:
        yield srv


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# ------------------------------------------------------------------ Coqui
def test_coqui_streams_sentences_with_speaker_and_lists_voices(server):
    tts = build_tts(load_settings(tts_backend="coqui", coqui_tts_url=server.url))
    assert isinstance(tts, CoquiTTS) and tts.health()
    assert tts.speakers() == ["p225", "p226"] and tts.locales() == ["en"]
    style = voice_style("calm", 40, "female", {"voice": "p226"}, seed=1)
    chunks = list(tts.synthesize_stream("He fell down. He is not moving. Please hurry!", style))
    assert [c.text for c in chunks] == ["He fell down.", "He is not moving.", "Please hurry!"]
    assert all(c.sample_rate == 22050 and len(c.pcm) > 0 for c in chunks)
    calls = [r for r in server.requests if r["path"] == "/api/tts"]
    assert [r["query"]["text"] for r in calls] == ["He fell down.", "He is not moving.", "Please hurry!"]
    assert all(r["query"]["speaker_id"] == "p226" for r in calls)


def test_coqui_panicked_is_rendered_faster(server):
    tts = CoquiTTS(server.url)
    calm = list(tts.synthesize_stream("one two three four five", voice_style("calm", 40, "male", {}, seed=2)))
    panic = list(tts.synthesize_stream("one two three four five", voice_style("panicked", 40, "male", {}, seed=2)))
    assert panic[0].duration_s < calm[0].duration_s * 0.85


def test_coqui_error_answer_is_reported(server):
    tts = CoquiTTS(server.url)
    with pytest.raises(SpeechBackendError, match="HTTP 400.*Text parameter is required"):
        tts._synthesize_sentence(" ", voice_style("calm", 40, "male"), 0)


def test_coqui_down_fails_fast_with_a_clear_error():
    tts = CoquiTTS(closed_port_url(), timeout_s=2.0)
    assert not tts.health()
    t0 = time.monotonic()
    with pytest.raises(SpeechBackendError, match="could not reach Coqui TTS server.*running"):
        list(tts.synthesize_stream("Hello there.", voice_style("calm", 40, "male")))
    assert time.monotonic() - t0 < 2.5


def test_coqui_slow_server_times_out(server):
    server.delay_s = 5.0
    tts = CoquiTTS(server.url, timeout_s=0.5)
    t0 = time.monotonic()
    with pytest.raises(SpeechBackendError, match="did not answer within 0.5 s"):
        list(tts.synthesize_stream("Hello there.", voice_style("calm", 40, "male")))
    assert time.monotonic() - t0 < 2.0


def test_coqui_needs_its_url():
    with pytest.raises(SpeechBackendError, match="COQUI_TTS_URL"):
        build_tts(load_settings(tts_backend="coqui", coqui_tts_url=""))


# ------------------------------------------------------------------ OpenAI-compatible TTS
def test_openai_tts_sends_model_voice_speed_and_reads_wav(server):
    settings = load_settings(
        tts_backend="openai",
        speech_base_url=server.url + "/v1",
        speech_api_key="sk-test",
        tts_model="tts-1",
        tts_voice="alloy",
    )
    tts = build_tts(settings)
    assert isinstance(tts, OpenAITTS) and tts.health()
    style = voice_style("panicked", 30, "female", {}, seed=3)
    chunks = list(tts.synthesize_stream("Help me. Please!", style))
    assert [c.text for c in chunks] == ["Help me.", "Please!"]
    assert chunks[0].sample_rate == 24000
    req = [r for r in server.requests if r["path"] == "/v1/audio/speech"][0]
    assert req["json"] == {
        "model": "tts-1",
        "input": "Help me.",
        "voice": "alloy",
        "response_format": "wav",
        "speed": round(style.rate, 3),
    }
    assert req["headers"]["Authorization"] == "Bearer sk-test"
    assert req["headers"]["Content-Type"] == "application/json"


def test_openai_tts_slow_and_down(server):
    server.delay_s = 5.0
    slow = OpenAITTS(server.url + "/v1", timeout_s=0.5)
    with pytest.raises(SpeechBackendError, match="OpenAI-compatible speech server.*did not answer within"):
        list(slow.synthesize_stream("Hi.", voice_style("calm", 40, "male")))
    down = OpenAITTS(closed_port_url(), timeout_s=1.0)
    with pytest.raises(SpeechBackendError, match="could not reach"):
        list(down.synthesize_stream("Hi.", voice_style("calm", 40, "male")))


# ------------------------------------------------------------------ OpenAI-compatible STT
def test_openai_stt_posts_multipart_wav_and_parses_text(server):
    settings = load_settings(
        stt_backend="openai", speech_base_url=server.url + "/v1", speech_api_key="k", stt_model="whisper-1"
    )
    stt = build_stt(settings)
    assert isinstance(stt, OpenAISTT)
    pcm = (3000 * np.sin(np.arange(16000 * 2) / 5)).astype(np.int16)
    stream = stt.open_stream()
    for i in range(0, len(pcm), 320):
        assert stream.feed(pcm[i : i + 320]) is None  # no partials from this API
    hyp = stream.finish()
    assert hyp.text == "Is he breathing?" and hyp.is_final
    assert hyp.confidence == pytest.approx(np.exp(-0.2), abs=1e-6)
    req = [r for r in server.requests if r["path"] == "/v1/audio/transcriptions"][0]
    assert req["headers"]["Content-Type"].startswith("multipart/form-data; boundary=")
    assert req["fields"]["model"] == b"whisper-1"
    assert req["fields"]["response_format"] == b"verbose_json"
    assert req["audio_s"] == pytest.approx(2.0, abs=0.001)
    with pytest.raises(SpeechBackendError, match="finished"):
        stream.feed(pcm)


def test_openai_stt_slow_and_down(server):
    server.delay_s = 5.0
    slow = OpenAISTT(server.url + "/v1", timeout_s=0.5)
    t0 = time.monotonic()
    with pytest.raises(SpeechBackendError, match="transcription server.*did not answer within 0.5 s"):
        slow.transcribe(np.ones(1600, dtype=np.int16))
    assert time.monotonic() - t0 < 2.0
    with pytest.raises(SpeechBackendError, match="could not reach"):
        OpenAISTT(closed_port_url(), timeout_s=1.0).transcribe(np.ones(1600, dtype=np.int16))
    with pytest.raises(SpeechBackendError, match="SPEECH_BASE_URL"):
        build_stt(load_settings(stt_backend="openai", speech_base_url=""))
