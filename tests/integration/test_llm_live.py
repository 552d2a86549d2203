"""Opt-in: the LLM caller against a real endpoint. Runs only when a key is configured
(LLM_API_KEY or OPENROUTER_API_KEY); uses LLM_BASE_URL / LLM_MODEL from the settings."""

from pathlib import Path

import pytest

from sim_core.caller import ActorContext, Director
from sim_core.llm.actor import LLMActor
from sim_core.llm.client import ChatClient
from sim_core.llm.debrief import write_debrief
from sim_core.llm.grounding import check_reply
from sim_core.scenario import load_scenario_file
from sim_core.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.llm_live,
    pytest.mark.skipif(
        not load_settings().llm_api_key, reason="no LLM key configured (set LLM_API_KEY to run against a real endpoint)"
    ),
]


@pytest.fixture(scope="module")
def client():
    with ChatClient.from_settings(load_settings(), max_retries=1) as c:
        yield c


def test_real_endpoint_streams_a_reply_with_usage(client):
    stream = client.stream_chat(
        [{"role": "user", "content": "Say just the word: ready"}], first_token_s=max(client.timeout_s, 15.0)
    )
    text = "".join(stream)
    assert text.strip() and stream.usage["total_tokens"] > 0


def test_real_caller_reply_is_grounded_or_replaced(client):
    sc = load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")
    director = Director(sc, seed=0)
    opening = director.opening()
    question = "911, what is the address of your emergency?"
    decision = director.respond(("ask_address",), question, 4.0)
    ctx = ActorContext(sc, question, [("caller", opening.scripted_text), ("trainee", question)])
    reply = LLMActor(client, timeout_s=max(client.timeout_s, 10.0)).perform(decision, ctx)
    assert reply.text.strip()
    if reply.actor == "llm":
        assert check_reply(reply.text, decision, sc) == [] and reply.tokens > 0
    else:
        assert reply.reason


def test_real_debrief_uses_only_the_findings(client):
    result = {
        "score": 70.0,
        "grade": "C",
        "categories": {},
        "findings": [
            {
                "t": 150.0,
                "kind": "late",
                "category": "instructions",
                "points": 1.5,
                "message": "Instruct cpr at 150s, after the 120s target.",
            }
        ],
        "metrics": {},
    }
    d = write_debrief(result, None, client)
    assert d.text and (d.source == "llm" or d.reason)
