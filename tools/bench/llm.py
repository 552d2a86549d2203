"""`bench --suite llm`: the LLM caller's figures against the local test server.

The suite starts its own `FakeLLMServer` (a test double speaking the OpenAI
wire format) with a fixed delay, so the numbers measure this code, not a
remote model:
- grounding_check_p95_ms: the check on one reply (NLP included when installed).
- llm_first_audio_overhead_ms: from the first sentence being complete in the
  stream to the first audio chunk of the caller's voice, minus the TTS's own
  first-audio latency — i.e. what the LLM pipeline adds (cutting, checking,
  handing on). Without a working TTS the sentence goes to a callback and the
  figure is the pipeline's hand-off time (`llm_first_audio_tts` says which).
- fallback_turn_max_ms: the slowest turn over every fault (time-out, 429 with
  a long Retry-After, 500, broken stream, refused connection, empty reply,
  replies that fail the grounding check twice) with LLM_TIMEOUT_S as budget.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from typing import Any

from sim_core.caller import ActorContext, Director
from sim_core.llm.actor import LLMActor
from sim_core.llm.breaker import CircuitBreaker
from sim_core.llm.client import ChatClient
from sim_core.llm.grounding import check_reply, default_entity_finder
from sim_core.percentile import percentile
from sim_core.scenario import ScenarioLibrary, load_scenario_file
from sim_core.settings import ROOT, get_settings
from sim_core.speech import VoiceStyle, build_tts
from tools.fake_llm_server import FakeLLMServer, FakeReply

FIRST_TOKEN_DELAY_S = 0.2
TOKEN_DELAY_S = 0.015
REPLY = (
    "Oh God, please hurry! It's 1425 Oak Street, the blue house across from the park. "
    "Robert is on the kitchen floor and he's making these weird gasping sounds!"
)


def _arrest() -> Any:
    return load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")


def _turn(scenario: Any) -> tuple[Any, ActorContext]:
    director = Director(scenario, seed=1)
    opening = director.opening()
    text = "911, what is the address of your emergency?"
    decision = director.respond(("ask_address",), text, 4.0)
    ctx = ActorContext(scenario, text, [("caller", opening.scripted_text), ("trainee", text)], 1, 2)
    return decision, ctx


def grounding_figures() -> dict[str, Any]:
    library = ScenarioLibrary(get_settings().scenarios_dir)
    finder = default_entity_finder()
    samples: list[tuple[str, Any, Any]] = []
    for sc in library:
        decision = Director(sc, seed=0).opening()
        lines = [
            *sc.script.opening,
            *sc.script.fillers,
            *(v if isinstance(v, str) else v["default"] for v in sc.script.answers.values()),
        ]
        lines += [
            "It's 99 Elm Street, please hurry!",
            "My number is 555-0199.",
            "He's 45 years old and he has a gun!",
            "As an AI language model I can't do that.",
        ]
        samples.extend((line, decision, sc) for line in lines)
    for line, decision, sc in samples:  # warm-up: NLP load, each scenario's truth index
        check_reply(line, decision, sc)  # (built once per scenario, at its first turn)
    times = []
    for line, decision, sc in samples:
        start = time.perf_counter()
        check_reply(line, decision, sc)
        times.append((time.perf_counter() - start) * 1000)
    return {
        "grounding_check_p95_ms": round(percentile(times, 95), 3),
        "grounding_check_p50_ms": round(percentile(times, 50), 3),
        "grounding_checks_measured": len(times),
        "grounding_check_nlp": finder is not None,
    }


def _voice() -> tuple[str, Callable[[str], None]]:
    """The configured TTS as a `speak(sentence)` that returns at the first audio chunk."""
    try:
        tts = build_tts(get_settings())
        style = VoiceStyle()

        def speak(sentence: str) -> None:
            next(iter(tts.synthesize_stream(sentence, style)))

        speak("Warm up.")
        return getattr(tts, "name", type(tts).__name__), speak
    except Exception as exc:
        return f"callback (no TTS: {exc.__class__.__name__}: {str(exc)[:80]})", lambda s: None


def first_audio_figures(server: FakeLLMServer, turns: int = 12) -> dict[str, Any]:
    scenario = _arrest()
    decision, ctx = _turn(scenario)
    server.default = FakeReply(text=REPLY, first_token_delay_s=FIRST_TOKEN_DELAY_S, token_delay_s=TOKEN_DELAY_S)
    tts_name, speak = _voice()
    actor = LLMActor(ChatClient(server.base_url, model="fake", timeout_s=4.0))
    overheads, tts_ms, first_sentence_ms = [], [], []
    for _ in range(turns):
        rs = actor.stream_reply(decision, ctx, live=True)
        first = True
        for sentence in rs:
            if first:
                handed = time.perf_counter()
                handed_mono = time.monotonic()
                speak(sentence)
                audio = time.perf_counter()
                complete = rs.timing.first_sentence_at or handed_mono
                own = (audio - handed) * 1000  # the TTS's own latency
                after_sentence = (handed_mono - complete) * 1000 + own  # sentence → first audio
                overheads.append(after_sentence - own)
                tts_ms.append(own)
                first_sentence_ms.append((complete - rs.timing.started) * 1000)
                first = False
        if rs.reply is None or rs.reply.actor != "llm":
            raise RuntimeError(f"bench turn did not use the LLM: {rs.reply}")
    return {
        "llm_first_audio_overhead_ms": round(percentile(overheads, 95), 3),
        "llm_first_audio_tts": tts_name,
        "llm_tts_first_audio_ms": round(percentile(tts_ms, 50), 2),
        "llm_first_sentence_ms": round(percentile(first_sentence_ms, 50), 2),
        "llm_fake_server_delay_ms": round(FIRST_TOKEN_DELAY_S * 1000),
    }


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fallback_figures(server: FakeLLMServer, timeout_s: float) -> dict[str, Any]:
    scenario = _arrest()
    decision, ctx = _turn(scenario)
    modes: dict[str, list[FakeReply]] = {
        "slow": [FakeReply(first_token_delay_s=timeout_s + 1.0)],
        "trickle": [FakeReply(text=REPLY, token_delay_s=timeout_s / 8)],
        "rate_limited": [FakeReply(status=429, retry_after=str(int(timeout_s * 5)))],
        "server_error": [FakeReply(status=500)] * 3,
        "unauthorized": [FakeReply(status=401)],
        "malformed": [FakeReply(malformed=True)],
        "empty": [FakeReply(text="")],
        "invents_address": [FakeReply(text="It's 99 Elm Street!")] * 2,
        "breaks_character": [FakeReply(text="As an AI language model, I cannot pretend.")] * 2,
    }
    per_mode: dict[str, float] = {}
    usage_ok = True
    for mode, replies in modes.items():
        server.push(*replies)
        actor = LLMActor(
            ChatClient(server.base_url, model="fake", timeout_s=timeout_s, breaker=CircuitBreaker(threshold=50))
        )
        start = time.perf_counter()
        reply = actor.perform(decision, ctx)
        per_mode[mode] = (time.perf_counter() - start) * 1000
        if reply.actor != "scripted" or not reply.reason:
            raise RuntimeError(f"fault {mode!r} did not fall back: {reply}")
        if mode == "invents_address":
            usage_ok = usage_ok and reply.tokens > 0
        server.clear()
    refused = LLMActor(ChatClient(f"http://127.0.0.1:{_closed_port()}/v1", model="fake", timeout_s=timeout_s))
    start = time.perf_counter()
    refused.perform(decision, ctx)
    per_mode["refused"] = (time.perf_counter() - start) * 1000
    worst = max(per_mode, key=lambda m: per_mode[m])
    return {
        "fallback_turn_max_ms": round(per_mode[worst], 1),
        "fallback_turn_budget_ms": round(timeout_s * 1000 + 100, 1),
        "fallback_worst_fault": worst,
        **{f"fallback_turn_ms_{m}": round(v, 1) for m, v in per_mode.items()},
        "llm_usage_recorded": usage_ok,
    }


def run_llm_suite() -> dict[str, Any]:
    out = grounding_figures()
    timeout_s = get_settings().llm_timeout_s
    with FakeLLMServer() as server:
        out.update(first_audio_figures(server))
        out.update(fallback_figures(server, timeout_s))
    out["llm_timeout_s"] = timeout_s
    return out
