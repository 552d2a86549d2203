"""The LLM caller against a real model: SmolLM2-135M (shipped in a package) behind a local
OpenAI-compatible server. The model is weak on purpose: these tests prove the wire format,
streaming, that its real mistakes are rejected before they are spoken, and that the
scripted line stands in for them so the call goes on with grounded lines only."""
from pathlib import Path

import pytest

from sim_core.caller import ActorContext, Director
from sim_core.llm.actor import LLMActor
from sim_core.llm.breaker import CircuitBreaker
from sim_core.llm.client import ChatClient
from sim_core.llm.grounding import check_reply
from sim_core.scenario import load_scenario_file
from sim_core.session import CallSession
from sim_core.timeline import EventType
from tests.missing import missing

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 30.0        # two shared cores: a slow first token is not what is tested here
TRAINEE = ["911, what is the address of your emergency?",
           "Okay, is he awake? Is he breathing?"]
pytestmark = pytest.mark.timeout(900)     # a real model on two shared cores


@pytest.fixture(scope="module")
def local_llm():
    try:
        from tools.local_llm_server import LocalLLMServer, ModelMissing
        server = LocalLLMServer()
    except (ImportError, ModelMissing) as exc:
        missing(f"the local test model cannot run: {exc} (requirements-dev-hashed.txt)")
    with server:
        yield server


@pytest.fixture(scope="module")
def arrest():
    return load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")


def _client(server):
    return ChatClient(server.base_url, model="smollm2", timeout_s=TIMEOUT_S, max_tokens=48,
                      max_retries=0, breaker=CircuitBreaker(threshold=100))


def test_the_real_model_streams_over_the_wire_format(local_llm):
    with _client(local_llm) as client:
        stream = client.stream_chat([{"role": "user", "content": "Say hello to the nurse."}])
        deltas = list(stream)
    assert len(deltas) > 3 and "".join(deltas).strip()
    assert stream.first_token_at is not None and stream.usage["total_tokens"] > 0
    sent = local_llm.requests[-1]
    assert sent["stream"] is True and sent["model"] == "smollm2"


class _Recorder:
    """The actor's grounding check, recording every sentence it vetted and its verdict."""

    def __init__(self):
        self.verdicts = []

    def __call__(self, sentence, decision, scenario, **kw):
        problems = check_reply(sentence, decision, scenario, **kw)
        self.verdicts.append((sentence, problems))
        return problems


def test_a_call_with_the_real_model_goes_on_with_grounded_lines_only(local_llm, arrest):
    check = _Recorder()
    with _client(local_llm) as client:
        actor = LLMActor(client, timeout_s=TIMEOUT_S, check=check)
        call = CallSession.start(arrest, actor=actor, seed=3)
        turns = [call.answer()]
        streamed: list[list[str]] = []
        for line in TRAINEE:
            heard: list[str] = []
            turns.append(call.trainee_says(line, on_sentence=lambda s, _e: heard.append(s)))
            streamed.append(heard)
    rejected = [s for s, problems in check.verdicts if problems]
    passed = [s for s, problems in check.verdicts if not problems]
    said = [e.data for e in call.timeline.of(EventType.CALLER_SAID)]
    # the call went on: every turn has caller words, recorded as spoken
    assert len(said) == len(turns) == 1 + len(TRAINEE)
    assert all(t.caller_text.strip() for t in turns)
    # the real model made mistakes, and none of them reached the trainee
    assert rejected, "the model said nothing the grounding check rejected"
    for sentence in rejected:
        assert all(sentence not in d["text"] for d in said), sentence
    # what was said is the model's grounded sentences or the scripted caller's lines
    scripted_fallbacks = [d for d in said if d["actor"] == "scripted"]
    assert scripted_fallbacks and all(d["reason"] for d in scripted_fallbacks)
    for d in said:
        if d["actor"] == "llm":
            assert any(s in d["text"] for s in passed)
    # streamed sentence by sentence, and exactly what the timeline records
    for heard, turn in zip(streamed, turns[1:]):
        assert heard and " ".join(heard) == turn.caller_text


def test_the_scripted_caller_speaks_when_the_model_cannot_be_grounded(local_llm, arrest):
    """A check no reply can pass: asked twice, then the scripted reply is said, once."""
    director = Director(arrest, seed=5)
    opening = director.opening()
    decision = director.respond(("ask_address",), TRAINEE[0], 4.0)
    ctx = ActorContext(arrest, TRAINEE[0], [("caller", opening.scripted_text), ("trainee", TRAINEE[0])])
    asked = len(local_llm.requests)
    with _client(local_llm) as client:
        actor = LLMActor(client, timeout_s=TIMEOUT_S, check=lambda *a, **k: ["never grounded"])
        rs = actor.stream_reply(decision, ctx)
        spoken = list(rs)
    assert rs.reply.actor == "scripted" and "never grounded" in rs.reply.reason
    assert " ".join(spoken) == rs.reply.text and "1425 Oak" in rs.reply.text
    assert len(local_llm.requests) - asked == 2        # the model was asked, then asked again
