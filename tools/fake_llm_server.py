"""A test double: a local OpenAI-compatible chat-completions server.

Used by the tests and by `python -m tools.bench --suite llm`; never by the product. It speaks
the real wire format — `POST /v1/chat/completions`, a chunked
`text/event-stream` of `chat.completion.chunk` objects with `: keep-alive`
comments, a final usage block (with OpenRouter's `cost`) and `data: [DONE]`,
or a plain JSON completion when `stream` is false — and can be told to
misbehave: be slow, answer 429 with Retry-After, 401, 500, break the stream,
end it early, reply empty, or say whatever text a test needs (an invented
address, a reply that breaks character).

    with FakeLLMServer() as server:
        server.push(FakeReply(status=429, retry_after="1"), FakeReply(text="Hello."))
        client = ChatClient(server.base_url, model="fake")
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class FakeReply:
    text: str = "Please hurry, he's not waking up!"
    status: int = 200
    retry_after: str | None = None
    first_token_delay_s: float = 0.0  # after the headers, before the first token
    token_delay_s: float = 0.0  # between tokens
    headers_delay_s: float = 0.0  # before the status line (a server that hangs)
    malformed: bool = False  # a broken (non-JSON) chunk after the first token
    truncate: bool = False  # stream ends without finish_reason / [DONE]
    usage: bool = True
    cost: float | None = 0.000021
    error_body: str = ""


def _tokens(text: str) -> list[str]:
    return re.findall(r"\s*\S+", text) or ([text] if text else [])


class FakeLLMServer:
    def __init__(self, default: FakeReply | None = None, *, model: str = "fake-model") -> None:
        self.default = default or FakeReply()
        self.model = model
        self.responder: Callable[[dict[str, Any]], FakeReply] | None = None
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self._queue: list[FakeReply] = []
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ----------------------------------------------------------- control
    def push(self, *replies: FakeReply) -> None:
        """Replies served in order, one per request, before the default."""
        with self._lock:
            self._queue.extend(replies)

    def clear(self) -> None:
        """Forget queued replies and recorded requests."""
        with self._lock:
            self._queue.clear()
            self.requests.clear()
            self.headers.clear()

    def next_reply(self, payload: dict[str, Any]) -> FakeReply:
        with self._lock:
            if self._queue:
                return self._queue.pop(0)
        if self.responder is not None:
            return self.responder(payload)
        return self.default

    @property
    def base_url(self) -> str:
        assert self._httpd is not None, "start() the server first"
        host, port = self._httpd.server_address[:2]
        return f"http://{host.decode() if isinstance(host, bytes) else host}:{port}/v1"

    def start(self) -> FakeLLMServer:
        handler = type("Handler", (_Handler,), {"fake": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="fake-llm", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> FakeLLMServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    fake: FakeLLMServer

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            return  # the client went away (timed out, cancelled); nothing to answer

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length)
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._plain(404, {"error": {"message": f"no route {self.path}"}})
            return
        try:
            payload = json.loads(raw)
        except ValueError:
            self._plain(400, {"error": {"message": "body is not JSON"}})
            return
        fake = self.fake
        with fake._lock:
            fake.requests.append(payload)
            fake.headers.append(
                {
                    **{k.lower(): v for k, v in self.headers.items()},
                    "x-peer": f"{self.client_address[0]}:{self.client_address[1]}",
                }
            )
        reply = fake.next_reply(payload)
        try:
            if reply.headers_delay_s:
                time.sleep(reply.headers_delay_s)
            if reply.status != 200:
                body = reply.error_body or json.dumps(
                    {"error": {"message": f"fake error {reply.status}", "code": reply.status}}
                )
                extra = {"Retry-After": reply.retry_after} if reply.retry_after else {}
                self._plain(reply.status, body, extra)
            elif payload.get("stream"):
                self._stream(reply, payload)
            else:
                self._complete(reply, payload)
        except (BrokenPipeError, ConnectionResetError):
            return

    # ------------------------------------------------------------ writers
    def _plain(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = (body if isinstance(body, str) else json.dumps(body)).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def _usage(self, reply: FakeReply, payload: dict[str, Any]) -> dict[str, Any]:
        prompt = sum(len(str(m.get("content", ""))) for m in payload.get("messages", [])) // 4
        completion = len(_tokens(reply.text))
        usage: dict[str, Any] = {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        }
        if reply.cost is not None:
            usage["cost"] = reply.cost
        return usage

    def _complete(self, reply: FakeReply, payload: dict[str, Any]) -> None:
        time.sleep(reply.first_token_delay_s)
        body = {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": self.fake.model,
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": reply.text}}],
        }
        if reply.usage:
            body["usage"] = self._usage(reply, payload)
        self._plain(200, body)

    def _chunk(self, text: str) -> None:
        data = text.encode()
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _event(self, obj: Any) -> None:
        self._chunk(f"data: {obj if isinstance(obj, str) else json.dumps(obj)}\n\n")

    def _stream(self, reply: FakeReply, payload: dict[str, Any]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self._chunk(": OPENROUTER PROCESSING\n\n")
        base = {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": self.fake.model,
        }
        time.sleep(reply.first_token_delay_s)
        self._event(
            {**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]}
        )
        for i, token in enumerate(_tokens(reply.text)):
            if i and reply.token_delay_s:
                time.sleep(reply.token_delay_s)
            self._event({**base, "choices": [{"index": 0, "delta": {"content": token}, "finish_reason": None}]})
            if reply.malformed:
                self._chunk('data: {"choices": [{"delta": {"content": "oops"\n\n')
                break
        if not reply.truncate:
            self._event({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
            if reply.usage:
                self._event({**base, "choices": [], "usage": self._usage(reply, payload)})
            self._event("[DONE]")
        self._chunk("")  # the terminating zero-length chunk
