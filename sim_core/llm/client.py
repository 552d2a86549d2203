"""ChatClient: OpenAI-compatible chat completions, streamed, on the `openai` SDK.

OpenRouter by default; any compatible server (Ollama, vLLM, llama.cpp
server, OpenAI) by `LLM_BASE_URL`. The SDK builds and sends the request,
turns HTTP failures into its typed errors, pools connections and bounds each
request's time; the event stream's lines are read here (`wire`), to the end
so the connection goes back to the pool. One SDK
client per ChatClient, with the SDK's own retries off: a retry is this
module's, and only ever before the first token, so a retried request never
repeats words the caller already spoke.

Time is bounded from the caller's side: a reader thread pulls the event
stream into a queue and the consumer waits on that queue with a deadline, so
a server that never answers, answers slowly or trickles tokens cannot hold a
turn longer than the budget. 429/5xx and refused connections are retried with
backoff (honouring `Retry-After`) only while the deadline allows; a circuit
breaker stops a dead endpoint being tried on every turn.
"""

from __future__ import annotations

import json
import queue
import random
import threading
import time
from collections.abc import Iterator
from typing import Any, NoReturn

import httpx2
import openai

from .breaker import CircuitBreaker
from .wire import (
    RETRYABLE_STATUS,
    LLMError,
    build_payload,
    is_openrouter,
    normalize_usage,
    parse_chunk,
    parse_sse_line,
    retry_after_s,
    status_error,
)

DEFAULT_TITLE = "911 Call-Taker Training Simulator"
BACKOFF_BASE_S = 0.25
BACKOFF_MAX_S = 4.0


class ChatClient:
    def __init__(
        self,
        base_url: str,
        *,
        api_key: str = "",
        model: str = "openai/gpt-4o-mini",
        temperature: float = 0.8,
        max_tokens: int = 160,
        timeout_s: float = 4.0,
        max_retries: int = 2,
        breaker: CircuitBreaker | None = None,
        app_url: str = "",
        app_title: str = DEFAULT_TITLE,
        transport: httpx2.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.model = model
        self.temperature = temperature
        self.max_tokens = max_tokens
        self.timeout_s = timeout_s
        self.max_retries = max_retries
        self.breaker = breaker or CircuitBreaker()
        self.openrouter = is_openrouter(self.base_url)
        headers = {"Accept": "text/event-stream", "User-Agent": "call-sim/1.0"}
        # a local server needs no key: none is sent
        self._no_key: dict[str, Any] = {} if api_key else {"Authorization": openai.Omit()}
        if self.openrouter:
            if app_url:
                headers["HTTP-Referer"] = app_url
            if app_title:
                headers["X-Title"] = app_title
        self.headers = headers
        self._http = httpx2.Client(
            transport=transport,
            timeout=httpx2.Timeout(timeout_s, connect=timeout_s),
            limits=httpx2.Limits(max_connections=32, max_keepalive_connections=8, keepalive_expiry=60.0),
        )
        self._sdk = openai.OpenAI(
            api_key=api_key or "unused",
            base_url=self.base_url,
            max_retries=0,
            default_headers=headers,
            http_client=self._http,
            timeout=httpx2.Timeout(timeout_s, connect=timeout_s),
        )

    @classmethod
    def from_settings(cls, settings: Any, **overrides: Any) -> ChatClient:
        kwargs: dict[str, Any] = dict(
            api_key=settings.llm_api_key,
            model=settings.llm_model,
            temperature=settings.llm_temperature,
            max_tokens=settings.llm_max_tokens,
            timeout_s=settings.llm_timeout_s,
            # optional OpenRouter attribution headers (LLM_APP_URL / LLM_APP_TITLE)
            app_url=settings.llm_app_url,
            app_title=settings.llm_app_title or DEFAULT_TITLE,
        )
        kwargs.update(overrides)
        return cls(settings.llm_base_url, **kwargs)

    def close(self) -> None:
        self._sdk.close()

    def __enter__(self) -> ChatClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- API
    def stream_chat(
        self,
        messages: list[dict[str, str]],
        *,
        deadline: float | None = None,
        first_token_s: float | None = None,
        max_tokens: int | None = None,
        temperature: float | None = None,
    ) -> ChatStream:
        """Reply deltas as they arrive; `.usage` is set once the stream is exhausted.

        deadline: absolute `time.monotonic()` by which the whole reply must be in.
        first_token_s: how long to wait for the first token (default LLM_TIMEOUT_S);
        the same span is also the longest allowed pause between tokens.
        Errors (LLMError) are raised from iteration, never from this call."""
        payload = build_payload(
            self.model,
            messages,
            temperature=self.temperature if temperature is None else temperature,
            max_tokens=max_tokens or self.max_tokens,
            openrouter=self.openrouter,
        )
        return ChatStream(self, payload, deadline=deadline, first_token_s=first_token_s or self.timeout_s)

    def complete(self, messages: list[dict[str, str]], **kwargs: Any) -> tuple[str, dict[str, Any]]:
        """The whole reply text and its usage (same arguments as stream_chat)."""
        stream = self.stream_chat(messages, **kwargs)
        text = "".join(stream)
        return text, stream.usage

    # ------------------------------------------------------------ internals
    def _check_config(self) -> None:
        if self.openrouter and not self.api_key:
            raise LLMError("LLM_API_KEY (or OPENROUTER_API_KEY) is not set; OpenRouter needs a key", "config")

    def _backoff(self, attempt: int, error: LLMError) -> float:
        if error.retry_after is not None:
            return error.retry_after
        base = min(BACKOFF_MAX_S, BACKOFF_BASE_S * (2**attempt))
        return base * random.uniform(0.8, 1.2)


class ChatStream:
    """Iterator of reply deltas for one request. Thread: a daemon reader fills a
    queue; iteration waits on it against the first-token, idle and overall deadlines."""

    def __init__(
        self, client: ChatClient, payload: dict[str, Any], *, deadline: float | None, first_token_s: float
    ) -> None:
        self.client = client
        self.payload = payload
        self.started = time.monotonic()
        self.deadline = deadline
        self.first_token_s = first_token_s
        self.usage: dict[str, Any] = {}
        self.text = ""
        self.first_token_at: float | None = None
        self._q: queue.Queue[tuple[str, Any]] = queue.Queue()
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self._finished = False
        self._delivered = False  # a delta reached the queue: no retry from here on
        self._last = self.started

    # ------------------------------------------------------------ consumer
    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if self._finished:
            raise StopIteration
        if self._thread is None:
            self._start()
        wait_until = (self.started if self.first_token_at is None else self._last) + self.first_token_s
        if self.deadline is not None:
            wait_until = min(wait_until, self.deadline)
        try:
            kind, value = self._q.get(timeout=max(0.0, wait_until - time.monotonic()))
        except queue.Empty:
            waited = time.monotonic() - self.started
            what = "no first token" if self.first_token_at is None else "reply incomplete"
            self._fail(
                LLMError(
                    f"LLM timeout after {waited:.1f}s ({what}; LLM_TIMEOUT_S={self.client.timeout_s:g})", "timeout"
                )
            )
        if kind == "delta":
            self._last = time.monotonic()
            if self.first_token_at is None:
                self.first_token_at = self._last
            self.text += value
            return value
        if kind == "error":
            self._fail(value)
        self._finished = True
        self.usage = normalize_usage(value, sum(len(m.get("content", "")) for m in self.payload["messages"]), self.text)
        if not self.text.strip():
            self._fail(LLMError("LLM returned an empty reply", "empty"))
        self.client.breaker.record_success()
        raise StopIteration

    def _start(self) -> None:
        try:
            self.client._check_config()
        except LLMError as exc:
            self._finished = True
            raise exc from None
        if not self.client.breaker.allow():
            self._finished = True
            raise LLMError(f"LLM circuit open ({self.client.breaker.describe()})", "circuit_open")
        self._thread = threading.Thread(target=self._read, name="llm-stream", daemon=True)
        self._thread.start()

    def _fail(self, error: LLMError) -> NoReturn:
        self._finished = True
        self._cancel.set()
        if error.kind not in ("config", "circuit_open"):
            hold = error.retry_after if error.kind == "rate_limit" else None
            self.client.breaker.record_failure(str(error), hold_s=hold)
        raise error

    def close(self) -> None:
        """Stop reading (e.g. the reply was rejected); the endpoint is not blamed."""
        if not self._finished and self._thread is not None and self.first_token_at is not None:
            self.client.breaker.record_success()
        self._finished = True
        self._cancel.set()

    # -------------------------------------------------------------- reader
    def _read(self) -> None:
        c = self.client
        attempt = 0
        while True:
            try:
                self._read_once()
                return
            except LLMError as exc:
                error = exc
            except openai.APIStatusError as exc:
                error = status_error(
                    exc.status_code,
                    _body(exc.response),
                    base_url=c.base_url,
                    model=c.model,
                    retry_after=retry_after_s(exc.response.headers.get("retry-after")),
                )
            except openai.APITimeoutError as exc:
                error = LLMError(f"LLM timeout ({_cause(exc)}) talking to LLM_BASE_URL {c.base_url}", "timeout")
            except openai.APIConnectionError as exc:
                error = LLMError(f"cannot reach LLM_BASE_URL {c.base_url} ({_cause(exc)})", "connect")
            except httpx2.TimeoutException as exc:  # while the stream is being read
                error = LLMError(
                    f"LLM timeout ({exc.__class__.__name__}) talking to LLM_BASE_URL {c.base_url}", "timeout"
                )
            except httpx2.TransportError as exc:
                error = LLMError(f"cannot reach LLM_BASE_URL {c.base_url} ({exc.__class__.__name__}: {exc})", "connect")
            except Exception as exc:
                error = LLMError(f"LLM client error: {exc.__class__.__name__}: {exc}", "malformed")
            retryable = error.kind == "connect" or error.status in RETRYABLE_STATUS
            if self._delivered:
                retryable = False  # words already handed on are never asked for again
            if not retryable or attempt >= c.max_retries or self._cancel.is_set():
                self._q.put(("error", error))
                return
            wait = c._backoff(attempt, error)
            if self.deadline is not None and time.monotonic() + wait >= self.deadline:
                if error.retry_after is not None:
                    error = LLMError(
                        f"{error} (retry in {wait:.1f}s would exceed the turn's LLM_TIMEOUT_S budget)",
                        error.kind,
                        error.status,
                        error.retry_after,
                    )
                self._q.put(("error", error))
                return
            attempt += 1
            if self._cancel.wait(wait):
                return

    def _read_once(self) -> None:
        c = self.client
        p = self.payload
        # the SDK's read timeout must not cut a slow first token the caller agreed to wait for
        timeout = httpx2.Timeout(max(self.first_token_s, c.timeout_s), connect=c.timeout_s)
        extra = {
            k: v
            for k, v in p.items()
            if k not in ("model", "messages", "temperature", "max_tokens", "stream", "stream_options")
        }
        raw = c._sdk.chat.completions.with_raw_response.create(
            model=p["model"],
            messages=p["messages"],
            temperature=p["temperature"],
            max_tokens=p["max_tokens"],
            stream=True,
            stream_options=p["stream_options"],
            extra_body=extra or None,
            extra_headers=c._no_key or None,
            timeout=timeout,
        )
        if "application/json" in raw.headers.get("content-type", ""):
            self._read_json(raw.http_response.read())  # a server that ignored stream=true
            return
        usage, finished = None, False
        resp = raw.http_response
        lines = resp.iter_lines()
        try:
            for line in lines:
                if self._cancel.is_set():
                    return
                chunk = parse_sse_line(line.strip())
                if chunk is None:
                    continue
                if chunk.done:
                    self._q.put(("end", usage))
                    for _ in lines:  # read to the end so the connection is reused
                        pass
                    return
                for delta in chunk.deltas:
                    self._delivered = True
                    self._q.put(("delta", delta))
                usage = chunk.usage or usage
                finished = finished or chunk.finished
        finally:
            resp.close()
        if not finished:
            raise LLMError(
                "malformed stream from the LLM server: it ended before `[DONE]` or a finish_reason", "malformed"
            )
        self._q.put(("end", usage))

    def _read_json(self, body: bytes) -> None:
        try:
            obj = json.loads(body)
        except ValueError:
            raise LLMError("malformed reply from the LLM server: not JSON", "malformed") from None
        chunk = parse_chunk(obj)
        for delta in chunk.deltas:
            self._delivered = True
            self._q.put(("delta", delta))
        self._q.put(("end", chunk.usage))


def _body(response: Any) -> bytes:
    try:
        return response.read()[:4000]
    except Exception:
        return b""


def _cause(exc: BaseException) -> str:
    cause = exc.__cause__ or exc
    return f"{cause.__class__.__name__}: {cause}" if str(cause) else cause.__class__.__name__
