"""Pieces of the LLM caller that need no server: sentence cutting, cleaning, choosing the actor."""

from sim_core.caller import ScriptedActor
from sim_core.llm.actor import LLMActor, build_actor, clean_sentence
from sim_core.settings import load_settings


def test_stage_directions_and_name_prefixes_are_not_spoken():
    assert clean_sentence("Linda: Please hurry!", first=True) == "Please hurry!"
    assert clean_sentence("(sobbing) He won't wake up!", first=True) == "He won't wake up!"
    assert clean_sentence('"Please!"', first=True) == "Please!"
    assert clean_sentence("Robert: wake up!", first=False) == "Robert: wake up!"
    assert clean_sentence("*sobbing* He won't wake up!", first=True) == "He won't wake up!"
    # a role label is not a name: it stays for the grounding check to reject
    assert clean_sentence("Assistant: Please hurry!", first=True) == "Assistant: Please hurry!"
    assert clean_sentence("Caller: Please hurry!", first=True) == "Caller: Please hurry!"


def test_caller_actor_setting_chooses_the_actor():
    assert isinstance(build_actor(load_settings(caller_actor="scripted", llm_api_key="k")), ScriptedActor)
    assert isinstance(build_actor(load_settings(caller_actor="auto", llm_api_key="")), ScriptedActor)
    auto = build_actor(load_settings(caller_actor="auto", llm_api_key="k", llm_timeout_s=2.5))
    assert isinstance(auto, LLMActor) and auto.timeout_s == 2.5
    local = build_actor(load_settings(caller_actor="auto", llm_api_key="", llm_base_url="http://127.0.0.1:11434/v1"))
    assert isinstance(local, LLMActor) and local.client.base_url == "http://127.0.0.1:11434/v1"
    assert isinstance(build_actor(load_settings(caller_actor="llm", llm_api_key="")), LLMActor)


class _Stream:
    def __init__(self, text):
        self.text, self.usage = text, None

    def __iter__(self):
        yield from self.text.split(" ")[:1]
        for word in self.text.split(" ")[1:]:
            yield " " + word

    def close(self):
        pass


class _Client:
    timeout_s = 5.0

    def __init__(self, *replies):
        self.replies = list(replies)

    def stream_chat(self, messages, **kw):
        return _Stream(self.replies.pop(0))


def test_the_llm_caller_never_says_a_sentence_it_already_said():
    from pathlib import Path

    from sim_core.caller import ActorContext, Decision, Part
    from sim_core.scenario import load_scenario_file

    sc = load_scenario_file(Path(__file__).resolve().parents[2] / "scenarios" / "cardiac-arrest.yaml")
    decision = Decision([Part("follow", "I'm pushing!", act="instruct_cpr")], "panicked", 0.6)
    said = frozenset({"i'm pushing on his chest"})
    actor = LLMActor(_Client("I'm pushing on his chest! One, two, three, four."), use_nlp=False)
    reply = actor.perform(decision, ActorContext(sc, said=said))
    assert reply.text == "One, two, three, four." and reply.actor == "llm"
    stuck = LLMActor(_Client("I'm pushing on his chest!", "I'm pushing on his chest!"), use_nlp=False)
    fallback = stuck.perform(decision, ActorContext(sc, said=said))
    assert fallback.actor == "scripted" and "pushing on his chest" not in fallback.text.lower()


def test_the_llm_caller_says_a_few_sentences_each_once_then_listens():
    from pathlib import Path

    from sim_core.caller import ActorContext, Decision, Part
    from sim_core.scenario import load_scenario_file

    sc = load_scenario_file(Path(__file__).resolve().parents[2] / "scenarios" / "cardiac-arrest.yaml")
    decision = Decision([Part("filler", "Please hurry!")], "panicked", 0.6)
    rambling = "That's right. Please hurry. That's right. He's on the floor. I'm scared. Where are they? Please come."
    reply = LLMActor(_Client(rambling), use_nlp=False).perform(decision, ActorContext(sc))
    assert reply.text == "That's right. Please hurry. He's on the floor."
