"""The client retries a failed request, but never one whose words were already handed on."""

import json

import httpx2
import pytest

from sim_core.llm.breaker import CircuitBreaker
from sim_core.llm.client import ChatClient
from sim_core.llm.wire import LLMError

HI = [{"role": "user", "content": "Hello"}]


def _chunk(text):
    return f"data: {json.dumps({'choices': [{'index': 0, 'delta': {'content': text}}]})}\n\n".encode()


class _DropsMidStream(httpx2.SyncByteStream):
    """Two words, then the connection is lost."""

    def __iter__(self):
        yield _chunk("He's")
        yield _chunk(" not breathing.")
        raise httpx2.ReadError("connection reset by peer")


def _client(handler):
    return ChatClient(
        "http://llm.test/v1",
        model="m",
        timeout_s=2.0,
        max_retries=2,
        breaker=CircuitBreaker(threshold=100),
        transport=httpx2.MockTransport(handler),
    )


def test_a_stream_lost_after_its_first_words_is_not_asked_for_again():
    calls = []

    def handler(request):
        calls.append(request)
        return httpx2.Response(200, headers={"content-type": "text/event-stream"}, stream=_DropsMidStream())

    with _client(handler) as c:
        stream = c.stream_chat(HI)
        got = []
        with pytest.raises(LLMError) as exc:
            for delta in stream:
                got.append(delta)
    assert "".join(got) == "He's not breathing." and exc.value.kind == "connect"
    assert len(calls) == 1  # no second request: nothing is said twice


def test_a_refused_request_is_retried_before_any_word():
    calls = []

    def handler(request):
        calls.append(request)
        if len(calls) == 1:
            return httpx2.Response(503, json={"error": {"message": "busy"}})
        body = (
            _chunk("Please hurry.")
            + b'data: {"choices":[{"delta":{},"finish_reason":"stop"}]}\n\n'
            + b"data: [DONE]\n\n"
        )
        return httpx2.Response(200, headers={"content-type": "text/event-stream"}, content=body)

    with _client(handler) as c:
        text, _ = c.complete(HI)
    assert text == "Please hurry." and len(calls) == 2
    assert "authorization" not in {k.lower() for k in calls[0].headers}  # a local server: no key sent
