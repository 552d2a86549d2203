"""The OpenAI-compatible chat-completions wire format, in pure functions.

What every compatible server (OpenRouter, OpenAI, Ollama, vLLM, llama.cpp
server) speaks: a JSON request, a `text/event-stream` answer of
`data: {chunk}` lines ending in `data: [DONE]`, an optional usage block (with
`cost` on OpenRouter), and HTTP status codes. `LLMError` turns each failure
into one sentence that names the setting to look at.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

# Failure kinds; every one makes the caller fall back to the scripted actor.
KINDS = (
    "config",
    "connect",
    "timeout",
    "auth",
    "rate_limit",
    "server",
    "bad_request",
    "malformed",
    "empty",
    "circuit_open",
)
RETRYABLE_STATUS = (429, 500, 502, 503, 504, 520, 522, 524, 529)


class LLMError(RuntimeError):
    """An LLM request failed; str() is a readable reason naming the setting involved."""

    def __init__(
        self, message: str, kind: str = "server", status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.kind = kind if kind in KINDS else "server"
        self.status = status
        self.retry_after = retry_after


def is_openrouter(base_url: str) -> bool:
    return "openrouter.ai" in base_url


def build_payload(
    model: str, messages: list[dict[str, str]], *, temperature: float, max_tokens: int, openrouter: bool
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "model": model,
        "messages": messages,
        "temperature": temperature,
        "max_tokens": max_tokens,
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    if openrouter:
        payload["usage"] = {"include": True}  # OpenRouter adds `cost` to the usage block
    return payload


def retry_after_s(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _server_message(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    try:
        data = json.loads(text)
    except ValueError:
        return text[:200]
    err = data.get("error") if isinstance(data, dict) else None
    if isinstance(err, dict):
        return str(err.get("message") or err)[:200]
    return str(err or data)[:200]


def status_error(status: int, body: bytes, *, base_url: str, model: str, retry_after: float | None = None) -> LLMError:
    detail = _server_message(body)
    tail = f": {detail}" if detail else ""
    if status in (401, 403):
        return LLMError(f"LLM_API_KEY rejected ({status}){tail}", "auth", status)
    if status == 402:
        return LLMError(f"LLM account out of credit (402), check the LLM_API_KEY account{tail}", "auth", status)
    if status == 404:
        return LLMError(
            f"LLM_BASE_URL {base_url}/chat/completions or LLM_MODEL {model!r} not found (404){tail}",
            "bad_request",
            status,
        )
    if status == 429:
        wait = f", Retry-After {retry_after:.0f}s" if retry_after is not None else ""
        return LLMError(f"LLM rate limited (429{wait}){tail}", "rate_limit", status, retry_after)
    if status >= 500:
        return LLMError(f"LLM server error ({status}) at LLM_BASE_URL {base_url}{tail}", "server", status, retry_after)
    return LLMError(
        f"LLM request rejected ({status}), check LLM_MODEL {model!r} and LLM_MAX_TOKENS{tail}", "bad_request", status
    )


@dataclass(slots=True)
class ChunkResult:
    """What one `data:` line of the stream carried."""

    deltas: list[str] = field(default_factory=list)
    usage: dict[str, Any] | None = None
    finished: bool = False
    done: bool = False  # the `[DONE]` sentinel


def parse_sse_line(line: str) -> ChunkResult | None:
    """Parse one line of the event stream; None for lines that carry nothing
    (blank, `: comment` keep-alives, `event:`/`id:` fields)."""
    if not line or line.startswith(":"):
        return None
    if not line.startswith("data:"):
        if line.startswith(("event:", "id:", "retry:")):
            return None
        raise LLMError(f"malformed stream from the LLM server: unexpected line {line[:80]!r}", "malformed")
    data = line[5:].strip()
    if data == "[DONE]":
        return ChunkResult(done=True)
    try:
        obj = json.loads(data)
    except ValueError:
        raise LLMError(f"malformed stream from the LLM server: not JSON ({data[:80]!r})", "malformed") from None
    return parse_chunk(obj)


def parse_chunk(obj: Any) -> ChunkResult:
    if not isinstance(obj, dict):
        raise LLMError("malformed stream from the LLM server: a chunk is not an object", "malformed")
    if obj.get("error"):
        err = obj["error"]
        msg = err.get("message", err) if isinstance(err, dict) else err
        raise LLMError(f"LLM server reported an error mid-stream: {str(msg)[:200]}", "server")
    out = ChunkResult()
    choices = obj.get("choices") or []
    if not isinstance(choices, list):
        raise LLMError("malformed stream from the LLM server: `choices` is not a list", "malformed")
    for choice in choices:
        if not isinstance(choice, dict):
            raise LLMError("malformed stream from the LLM server: a choice is not an object", "malformed")
        delta = choice.get("delta") or choice.get("message") or {}
        content = delta.get("content") if isinstance(delta, dict) else None
        if isinstance(content, str) and content:
            out.deltas.append(content)
        if choice.get("finish_reason"):
            out.finished = True
    if isinstance(obj.get("usage"), dict):
        out.usage = obj["usage"]
    return out


def normalize_usage(raw: dict[str, Any] | None, prompt_chars: int, reply: str) -> dict[str, Any]:
    """prompt/completion/total tokens and cost when the server reported them;
    estimated from characters (marked `estimated`) when it did not."""
    if not raw:
        prompt, completion = max(1, prompt_chars // 4), max(1, len(reply) // 4) if reply else 0
        return {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
            "cost": None,
            "estimated": True,
        }
    prompt = int(raw.get("prompt_tokens") or 0)
    completion = int(raw.get("completion_tokens") or 0)
    total = int(raw.get("total_tokens") or prompt + completion)
    cost = raw.get("cost", raw.get("total_cost"))
    try:
        cost = float(cost) if cost is not None else None
    except (TypeError, ValueError):
        cost = None
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": total,
        "cost": cost,
        "estimated": False,
    }
