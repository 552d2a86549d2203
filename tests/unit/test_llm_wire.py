"""The OpenAI-compatible wire format: stream lines, errors that name the setting, usage."""

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from sim_core.llm.client import ChatClient
from sim_core.llm.wire import LLMError, build_payload, normalize_usage, parse_sse_line, retry_after_s, status_error


def test_content_deltas_finish_and_usage_are_read_from_chunks():
    r = parse_sse_line('data: {"choices":[{"index":0,"delta":{"content":"Help"}}]}')
    assert r.deltas == ["Help"] and not r.finished
    r = parse_sse_line('data: {"choices":[{"delta":{},"finish_reason":"stop"}]}')
    assert r.finished
    r = parse_sse_line(
        'data: {"choices":[],"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,"cost":0.0002}}'
    )
    assert r.usage["cost"] == 0.0002
    assert parse_sse_line("data: [DONE]").done


def test_comments_and_blank_lines_carry_nothing():
    assert parse_sse_line(": OPENROUTER PROCESSING") is None
    assert parse_sse_line("") is None
    assert parse_sse_line("event: message") is None


@pytest.mark.parametrize(
    "line", ['data: {"choices": [{"delta": {"content": "oo', "data: [1, 2]", "garbage line", 'data: {"choices": 3}']
)
def test_malformed_lines_raise_a_malformed_error(line):
    with pytest.raises(LLMError) as exc:
        parse_sse_line(line)
    assert exc.value.kind == "malformed"


def test_an_error_object_mid_stream_is_a_server_error():
    with pytest.raises(LLMError, match="overloaded") as exc:
        parse_sse_line('data: {"error": {"message": "model overloaded", "code": 502}}')
    assert exc.value.kind == "server"


def test_status_errors_name_the_setting_to_check():
    e = status_error(401, b'{"error":{"message":"bad key"}}', base_url="http://x/v1", model="m")
    assert str(e).startswith("LLM_API_KEY rejected (401)") and e.kind == "auth"
    e = status_error(404, b"", base_url="http://x/v1", model="no-such-model")
    assert "LLM_MODEL 'no-such-model'" in str(e)
    e = status_error(429, b"", base_url="http://x/v1", model="m", retry_after=7)
    assert "Retry-After 7s" in str(e) and e.retry_after == 7 and e.kind == "rate_limit"
    assert status_error(503, b"", base_url="http://x/v1", model="m").kind == "server"


def test_retry_after_accepts_seconds_and_http_dates():
    assert retry_after_s("3") == 3.0
    now = datetime(2025, 1, 1, tzinfo=UTC)
    assert retry_after_s(format_datetime(now + timedelta(seconds=20)), now=now) == 20.0
    assert retry_after_s("soon") is None and retry_after_s(None) is None


def test_usage_keeps_cost_and_is_estimated_when_missing():
    u = normalize_usage({"prompt_tokens": 100, "completion_tokens": 20, "cost": "0.001"}, 0, "")
    assert u == {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120, "cost": 0.001, "estimated": False}
    est = normalize_usage(None, 400, "Please hurry, he is not breathing!")
    assert est["estimated"] and est["total_tokens"] > 100 and est["cost"] is None


def test_payload_asks_for_streamed_usage_and_openrouter_cost():
    p = build_payload("m", [], temperature=0.5, max_tokens=50, openrouter=True)
    assert p["stream"] and p["stream_options"] == {"include_usage": True}
    assert p["usage"] == {"include": True}
    assert "usage" not in build_payload("m", [], temperature=0.5, max_tokens=50, openrouter=False)


def test_openrouter_gets_key_and_attribution_headers():
    c = ChatClient("https://openrouter.ai/api/v1", api_key="sk-test", app_url="https://sim.example")
    try:
        assert c._sdk.api_key == "sk-test"
        assert c.headers["HTTP-Referer"] == "https://sim.example"
        assert c.headers["X-Title"]
    finally:
        c.close()
    local = ChatClient("http://127.0.0.1:11434/v1")
    try:
        assert "Authorization" not in local.headers and "X-Title" not in local.headers
    finally:
        local.close()


def test_openrouter_without_a_key_fails_at_once_naming_the_setting():
    c = ChatClient("https://openrouter.ai/api/v1", api_key="")
    try:
        with pytest.raises(LLMError, match="LLM_API_KEY") as exc:
            c.complete([{"role": "user", "content": "hi"}])
        assert exc.value.kind == "config"
    finally:
        c.close()
