"""A whole call with the LLM caller: the timeline says which actor spoke and why,
usage is recorded, and an LLM fault never stalls the call."""

import re
import time
from pathlib import Path

import pytest

from sim_core.llm.actor import LLMActor
from sim_core.llm.breaker import CircuitBreaker
from sim_core.llm.client import ChatClient
from sim_core.nlp import Analysis
from sim_core.scenario import load_scenario_file
from sim_core.scoring.scorer import grade_for
from sim_core.session import CallSession
from sim_core.timeline import EventType
from tools.fake_llm_server import FakeReply

ROOT = Path(__file__).resolve().parents[2]
_TAG = re.compile(r"\[([a-z_, ]+)\]")


def tagged(text):
    """Acts named in the line as [act, act]; keeps these tests independent of the NLP model."""
    m = _TAG.search(text)
    acts = tuple(a.strip() for a in m.group(1).split(",")) if m else ("other",)
    return Analysis(text=text, acts=acts, entities=(), distress=0.0, act_confidence={a: 1.0 for a in acts})


class Recorder:
    def __init__(self):
        self.usage_rows = []

    def call_started(self, **kw):
        pass

    def record(self, *, call_id, event):
        pass

    def call_finished(self, *, call_id, result):
        pass

    def usage(self, *, call_id, tokens, cost):
        self.usage_rows.append((call_id, tokens, cost))


@pytest.fixture()
def arrest():
    return load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")


def _actor(llm_server):
    return LLMActor(ChatClient(llm_server.base_url, model="fake", timeout_s=1.0, breaker=CircuitBreaker(threshold=100)))


def test_llm_caller_speaks_and_usage_is_recorded_per_call(arrest, llm_server):
    llm_server.push(
        FakeReply(text="Please help, my husband collapsed! He won't wake up!", cost=0.0001),
        FakeReply(text="It's 1425 Oak Street! Please hurry!", cost=0.0002),
    )
    rec = Recorder()
    call = CallSession.start(arrest, actor=_actor(llm_server), analyzer=tagged, recorder=rec, clock=lambda: 0.0)
    call.answer(at=2.0)
    turn = call.trainee_says("What's the address? [ask_address]", at=5.0)
    assert turn.actor == "llm" and turn.caller_text == "It's 1425 Oak Street! Please hurry!"
    said = call.timeline.of(EventType.CALLER_SAID)
    assert [e.data["actor"] for e in said] == ["llm", "llm"]
    assert [r[0] for r in rec.usage_rows] == [call.call_id] * 2
    assert all(tokens > 0 for _, tokens, _ in rec.usage_rows)
    assert [cost for *_, cost in rec.usage_rows] == [0.0001, 0.0002]
    # the model saw the conversation so far, with the caller's opening as its own line
    roles = [m["role"] for m in llm_server.requests[1]["messages"]]
    assert roles[-2:] == ["assistant", "user"]


def test_server_error_mid_call_falls_back_and_the_call_goes_on(arrest, llm_server):
    llm_server.default = FakeReply(status=500)
    call = CallSession.start(arrest, actor=_actor(llm_server), analyzer=tagged, clock=lambda: 0.0)
    start = time.monotonic()
    call.answer(at=2.0)
    turn = call.trainee_says("What's the address of your emergency? [ask_address]", at=5.0)
    assert time.monotonic() - start < 2 * (1.0 + 0.1)
    assert "1425 Oak Street" in turn.caller_text
    assert turn.actor == "scripted" and "500" in turn.actor_reason
    said = call.timeline.of(EventType.CALLER_SAID)
    assert all(e.data["actor"] == "scripted" for e in said)
    assert all("server error (500)" in e.data["reason"] for e in said)
    result = call.end(at=60.0)
    assert result.grade in {"A", "B", "C", "D", "F"} and result.grade == grade_for(result.score)


def test_an_invented_address_never_reaches_the_timeline(arrest, llm_server):
    llm_server.push(
        FakeReply(text="My husband collapsed, please!"),
        FakeReply(text="It's 99 Elm Street!"),
        FakeReply(text="We're at 12 Pine Road!"),
    )
    call = CallSession.start(arrest, actor=_actor(llm_server), analyzer=tagged, clock=lambda: 0.0)
    call.answer(at=2.0)
    turn = call.trainee_says("Address? [ask_address]", at=5.0)
    texts = " ".join(e.data["text"] for e in call.timeline.of(EventType.CALLER_SAID))
    assert "Elm" not in texts and "Pine" not in texts and "1425 Oak Street" in texts
    assert turn.actor == "scripted" and turn.actor_reason.startswith("grounding: invented address")
