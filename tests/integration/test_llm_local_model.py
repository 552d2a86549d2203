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
TIMEOUT_S = 30.0  # two shared cores: a slow first token is not what is tested here
TRAINEE = ["911, what is the address of your emergency?", "Okay, is he awake? Is he breathing?"]
pytestmark = pytest.mark.timeout(900)  # a real model on two shared cores


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
    return ChatClient(
        server.base_url,
        model="smollm2",
        timeout_s=TIMEOUT_S,
        max_tokens=48,
        max_retries=0,
        breaker=CircuitBreaker(threshold=100),
    )


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
            turns.append(call.trainee_says(line, on_sentence=lambda s, _e, heard=heard: heard.append(s)))
            streamed.append(heard)
    rejected = [s for s, problems in check.verdicts if problems]
    passed = [s for s, problems in check.verdicts if not problems]
    said = [e.data for e in call.timeline.of(EventType.CALLER_SAID)]
    # the call went on: every turn has caller words, recorded as spoken
    assert len(said) == len(turns) == 1 + len(TRAINEE)
    assert all(t.caller_text.strip() for t in turns)
    assert passed or rejected  # the model's own words were checked
    # nothing the check rejected reached the trainee; what the model said passed the check
    for sentence in rejected:
        assert all(sentence not in d["text"] for d in said), sentence
    for d in said:
        if d["actor"] == "llm":
            assert any(s in d["text"] for s in passed)
        else:
            assert d["reason"]  # a stand-in says why
    # streamed sentence by sentence, and exactly what the timeline records
    for heard, turn in zip(streamed, turns[1:]):
        assert heard and " ".join(heard) == turn.caller_text


DISPATCHER = "You answer emergency calls. Always start with: Hello, this is 911, what is your emergency?"


def test_the_real_models_mistakes_are_rejected_and_the_scripted_line_stands_in(local_llm, arrest, monkeypatch):
    """Told to answer the phone as 911, the model talks as the call-taker: its real words are
    rejected sentence by sentence, it is asked again once, and the scripted caller stands in."""

    def dispatcher_prompt(decision, ctx, *, feedback=""):
        messages = [{"role": "system", "content": DISPATCHER}, {"role": "user", "content": "[The phone rings.]"}]
        if feedback:
            messages[-1]["content"] += f"\n[Your last reply could not be used: {feedback}.]"
        return messages

    monkeypatch.setattr("sim_core.llm.actor.build_messages", dispatcher_prompt)
    director = Director(arrest, seed=5)
    opening = director.opening()
    decision = director.respond(("ask_address",), TRAINEE[0], 4.0)
    ctx = ActorContext(arrest, TRAINEE[0], [("caller", opening.scripted_text), ("trainee", TRAINEE[0])])
    check = _Recorder()
    with _client(local_llm) as client:
        rs = LLMActor(client, timeout_s=TIMEOUT_S, check=check).stream_reply(decision, ctx)
        spoken = list(rs)
    rejected = [s for s, problems in check.verdicts if problems]
    assert rejected, check.verdicts
    assert all(r not in " ".join(spoken) for r in rejected)
    assert " ".join(spoken) == rs.reply.text and rs.reply.reason.startswith(("grounding", "regenerated"))
    if rs.reply.actor == "scripted":
        assert "1425 Oak" in rs.reply.text  # the address the trainee asked for
