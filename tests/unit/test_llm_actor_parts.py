"""Pieces of the LLM caller that need no server: sentence cutting, cleaning, choosing the actor."""
from sim_core.caller import ScriptedActor
from sim_core.llm.actor import LLMActor, SentenceSplitter, build_actor, clean_sentence
from sim_core.settings import load_settings


def test_sentences_are_cut_as_soon_as_they_are_complete():
    s = SentenceSplitter()
    assert s.feed("Oh God") == []
    assert s.feed(", please!") == []            # not sure yet: "!" could be "!!"
    assert s.feed(" It's") == ["Oh God, please!"]
    assert s.feed(" 1425 Oak St. He") == ["It's 1425 Oak St."]
    assert s.feed("'s not breathing...") == []
    assert s.flush() == ["He's not breathing..."]
    assert s.flush() == []


def test_stage_directions_and_name_prefixes_are_not_spoken():
    assert clean_sentence("Linda: Please hurry!", first=True) == "Please hurry!"
    assert clean_sentence("(sobbing) He won't wake up!", first=True) == "He won't wake up!"
    assert clean_sentence('"Please!"', first=True) == "Please!"
    assert clean_sentence("Robert: wake up!", first=False) == "Robert: wake up!"


def test_caller_actor_setting_chooses_the_actor():
    assert isinstance(build_actor(load_settings(caller_actor="scripted", llm_api_key="k")),
                      ScriptedActor)
    assert isinstance(build_actor(load_settings(caller_actor="auto", llm_api_key="")), ScriptedActor)
    auto = build_actor(load_settings(caller_actor="auto", llm_api_key="k", llm_timeout_s=2.5))
    assert isinstance(auto, LLMActor) and auto.timeout_s == 2.5
    local = build_actor(load_settings(caller_actor="auto", llm_api_key="",
                                      llm_base_url="http://127.0.0.1:11434/v1"))
    assert isinstance(local, LLMActor) and local.client.base_url == "http://127.0.0.1:11434/v1"
    assert isinstance(build_actor(load_settings(caller_actor="llm", llm_api_key="")), LLMActor)
