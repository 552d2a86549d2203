"""Each line of a call is analysed by the NLP once: the trainee's in full, the caller's for its
entities only, and an LLM caller's by the grounding check, whose entities the call then keeps.
The grounding check still catches a fact the NLP alone finds invented."""

from collections import Counter
from pathlib import Path

import pytest

from sim_core.llm.actor import LLMActor
from sim_core.nlp import analyze, find_entities
from sim_core.scenario import load_scenario_file
from sim_core.session import CallSession
from sim_core.timeline import EventType

ROOT = Path(__file__).resolve().parents[2]


class _Stream:
    """A reply streamed word by word, as a chat completion arrives."""

    def __init__(self, text):
        self.text, self.usage = text, None

    def __iter__(self):
        words = self.text.split(" ")
        yield words[0]
        for word in words[1:]:
            yield " " + word

    def close(self):
        pass


class _Client:
    timeout_s = 5.0

    def __init__(self, *replies):
        self.replies = list(replies)

    def stream_chat(self, messages, **kw):
        return _Stream(self.replies.pop(0))


class _Counted:
    """The NLP, counting every text it is given (full analyses and entity-only ones apart)."""

    def __init__(self):
        self.full, self.entities = Counter(), Counter()

    def analyze(self, text):
        self.full[text] += 1
        return analyze(text)

    def find_entities(self, text):
        self.entities[text] += 1
        return find_entities(text)

    def twice(self):
        both = self.full + self.entities
        return [text for text, n in both.items() if n > 1]


@pytest.fixture()
def arrest():
    return load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")


def test_an_llm_callers_line_is_analysed_once_by_grounding_and_kept(arrest):
    nlp = _Counted()
    client = _Client(
        "Please, you have to help me! My husband just collapsed.",
        "Marcus did this to him!",  # a name the scenario never gives
        "It's 1425 Oak Street. Please hurry!",
    )
    call = CallSession.start(
        arrest, actor=LLMActor(client), analyzer=nlp.analyze, entity_finder=nlp.find_entities, clock=lambda: 0.0
    )
    call.answer(at=2.0)
    turn = call.trainee_says("What's the address of your emergency?", at=5.0)

    assert nlp.twice() == []
    assert nlp.full == Counter({"What's the address of your emergency?": 1})
    # the caller's lines were analysed sentence by sentence by the grounding check, never whole
    assert set(nlp.entities) == {
        "Please, you have to help me!",
        "My husband just collapsed.",
        "Marcus did this to him!",
        "It's 1425 Oak Street.",
        "Please hurry!",
    }
    # the invented name was caught by the NLP's entities (no pattern knows "Marcus did ...")
    assert turn.actor == "llm" and turn.actor_reason.startswith("regenerated after grounding: invented name 'Marcus'")
    said = [e.data["text"] for e in call.timeline.of(EventType.CALLER_SAID)]
    assert said[-1] == "It's 1425 Oak Street. Please hurry!" and not any("Marcus" in s for s in said)
    # the kept entities point into the whole line
    found = [e.data for e in call.timeline.of(EventType.ENTITY_FOUND) if e.data["speaker"] == "caller"]
    address = [d for d in found if d["line"] == len(said) - 1 and d["label"] == "ADDRESS"]
    assert address and all(said[-1][d["start"] : d["end"]] == d["text"] for d in address)
    assert address[0]["text"].startswith("1425 Oak Street")


def test_a_scripted_callers_line_is_analysed_once_for_its_entities(arrest):
    nlp = _Counted()
    call = CallSession.start(arrest, analyzer=nlp.analyze, entity_finder=nlp.find_entities, clock=lambda: 0.0)
    lines = ["What's the address of your emergency?", "Is he breathing?", "How old is he?"]
    for i, line in enumerate(lines):
        call.trainee_says(line, at=5.0 + 5 * i)
    said = [e.data["text"] for e in call.timeline.of(EventType.CALLER_SAID)]
    assert nlp.twice() == []
    assert sorted(nlp.full) == sorted(lines)
    assert sorted(nlp.entities) == sorted(s for s in said if s.strip(". "))
    assert not set(nlp.full) & set(nlp.entities)
