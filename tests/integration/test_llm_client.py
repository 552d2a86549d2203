"""ChatClient against a local OpenAI-compatible server speaking the real wire format."""

import socket
import time

import pytest

from sim_core.llm.breaker import CircuitBreaker
from sim_core.llm.client import ChatClient
from sim_core.llm.wire import LLMError
from tools.fake_llm_server import FakeReply

HI = [{"role": "user", "content": "Hello there"}]


@pytest.fixture()
def client(llm_server):
    with ChatClient(llm_server.base_url, model="fake", timeout_s=1.0, breaker=CircuitBreaker(threshold=100)) as c:
        yield c


def _closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_reply_streams_as_deltas_with_usage_and_cost(llm_server, client):
    llm_server.push(FakeReply(text="Please hurry, he is not breathing!", cost=0.0004))
    stream = client.stream_chat(HI)
    deltas = list(stream)
    assert len(deltas) == 6 and "".join(deltas) == "Please hurry, he is not breathing!"
    assert stream.usage["completion_tokens"] == 6 and stream.usage["cost"] == 0.0004
    assert not stream.usage["estimated"]
    sent = llm_server.requests[-1]
    assert sent["stream"] is True and sent["model"] == "fake" and sent["messages"] == HI
    assert sent["stream_options"] == {"include_usage": True}


def test_tokens_arrive_before_the_reply_is_finished(llm_server, client):
    llm_server.push(FakeReply(text="one two three four five six", token_delay_s=0.1))
    start = time.monotonic()
    stream = client.stream_chat(HI)
    next(stream)
    first = time.monotonic() - start
    list(stream)
    assert first < 0.2 and time.monotonic() - start > 0.45


def test_usage_is_estimated_when_the_server_sends_none(llm_server, client):
    llm_server.push(FakeReply(text="Okay okay okay.", usage=False))
    text, usage = client.complete(HI)
    assert text == "Okay okay okay." and usage["estimated"] and usage["total_tokens"] > 0


def test_a_server_that_ignores_stream_true_still_works(llm_server, client, monkeypatch):
    llm_server.push(FakeReply(text="Plain JSON reply."))
    original = llm_server.next_reply

    def force_plain(payload):
        payload["stream"] = False  # the handler reads the flag after this
        return original(payload)

    monkeypatch.setattr(llm_server, "next_reply", force_plain)
    assert client.complete(HI)[0] == "Plain JSON reply."


def test_connections_are_pooled(llm_server, client):
    for _ in range(4):
        client.complete(HI)
        time.sleep(0.05)  # turns are apart; the reader hands the connection back after [DONE]
    assert len({h["x-peer"] for h in llm_server.headers}) == 1


def test_429_is_retried_after_the_servers_retry_after(llm_server, client):
    llm_server.push(FakeReply(status=429, retry_after="0.3"), FakeReply(text="Got through."))
    start = time.monotonic()
    assert client.complete(HI)[0] == "Got through."
    assert 0.28 <= time.monotonic() - start < 1.0 and len(llm_server.requests) == 2


def test_429_whose_retry_after_exceeds_the_budget_fails_at_once(llm_server, client):
    llm_server.push(FakeReply(status=429, retry_after="30"))
    start = time.monotonic()
    with pytest.raises(LLMError, match=r"429.*exceed") as exc:
        client.complete(HI, deadline=time.monotonic() + 1.0)
    assert exc.value.kind == "rate_limit" and time.monotonic() - start < 0.2


def test_5xx_is_retried_with_backoff_then_reported(llm_server, client):
    llm_server.push(FakeReply(status=502), FakeReply(text="Recovered."))
    assert client.complete(HI)[0] == "Recovered."
    llm_server.push(*[FakeReply(status=500)] * 3)
    with pytest.raises(LLMError, match=r"server error \(500\)") as exc:
        client.complete(HI)
    assert exc.value.kind == "server" and len(llm_server.requests) == 5  # 2 + 1 try + 2 retries


def test_401_is_not_retried_and_names_the_key_setting(llm_server, client):
    llm_server.push(FakeReply(status=401))
    with pytest.raises(LLMError, match=r"^LLM_API_KEY rejected \(401\)"):
        client.complete(HI)
    assert len(llm_server.requests) == 1


@pytest.mark.parametrize(
    "reply, kind",
    [(FakeReply(malformed=True), "malformed"), (FakeReply(truncate=True), "malformed"), (FakeReply(text=""), "empty")],
)
def test_broken_streams_and_empty_replies_are_errors(llm_server, client, reply, kind):
    llm_server.push(reply)
    with pytest.raises(LLMError) as exc:
        client.complete(HI)
    assert exc.value.kind == kind


@pytest.mark.parametrize(
    "reply, what",
    [
        (FakeReply(first_token_delay_s=3), "no first token"),
        (FakeReply(headers_delay_s=3), "no first token"),
        (FakeReply(token_delay_s=0.4), "reply incomplete"),
    ],
)
def test_a_slow_server_times_out_on_time(llm_server, client, reply, what):
    reply.text = "a b c d e f g h"
    llm_server.push(reply)
    start = time.monotonic()
    with pytest.raises(LLMError, match=what) as exc:
        client.complete(HI, deadline=time.monotonic() + 1.0)
    assert exc.value.kind == "timeout" and time.monotonic() - start < 1.1


def test_refused_connection_is_a_connect_error_naming_the_base_url():
    url = f"http://127.0.0.1:{_closed_port()}/v1"
    with ChatClient(url, model="fake", timeout_s=1.0, max_retries=1) as c:
        start = time.monotonic()
        with pytest.raises(LLMError, match="LLM_BASE_URL") as exc:
            c.complete(HI, deadline=time.monotonic() + 1.0)
    assert exc.value.kind == "connect" and time.monotonic() - start < 1.1


def test_circuit_breaker_stops_hitting_a_dead_endpoint(llm_server):
    with ChatClient(
        llm_server.base_url,
        model="fake",
        timeout_s=1.0,
        max_retries=0,
        breaker=CircuitBreaker(threshold=2, cooldown_s=0.5),
    ) as c:
        llm_server.push(FakeReply(status=500), FakeReply(status=500))
        for _ in range(2):
            with pytest.raises(LLMError):
                c.complete(HI)
        with pytest.raises(LLMError, match="circuit open") as exc:
            c.complete(HI)
        assert exc.value.kind == "circuit_open" and len(llm_server.requests) == 2
        time.sleep(0.55)
        assert c.complete(HI)[0]  # the trial request goes through
        assert c.breaker.state == "closed" and len(llm_server.requests) == 3
