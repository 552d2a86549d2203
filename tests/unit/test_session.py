"""CallSession: the timeline it records, its controls, bad input, resuming."""

from pathlib import Path

import pytest

from sim_core.call_status import CallInputError
from sim_core.live import MemoryLiveStore
from sim_core.scenario import load_scenario_file
from sim_core.scoring.scorer import grade_for
from sim_core.session import CallSession
from sim_core.timeline import EventType

from .fake_nlp import tagged

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def arrest():
    return load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")


class ListRecorder:
    def __init__(self):
        self.events, self.started, self.finished, self.tokens = [], [], [], []

    def call_started(self, **kw):
        self.started.append(kw)

    def record(self, *, call_id, event):
        self.events.append(event)

    def call_finished(self, *, call_id, result):
        self.finished.append(result)

    def usage(self, *, call_id, tokens, cost):
        self.tokens.append(tokens)


def test_everything_is_recorded_as_it_happens(arrest):
    rec = ListRecorder()
    call = CallSession.start(arrest, analyzer=tagged, recorder=rec, clock=lambda: 0.0)
    call.trainee_says("[ask_address]", at=4.0)
    types = [e.type for e in rec.events]
    assert types[:3] == [EventType.CALL_STARTED, EventType.CALL_ANSWERED, EventType.CALLER_SAID]
    assert EventType.TRAINEE_SAID in types and EventType.ACT_DETECTED in types
    assert rec.started[0]["scenario_id"] == "cardiac-arrest"
    call.end(at=30.0)
    finished = rec.finished[0]
    assert finished["grade"] in {"A", "B", "C", "D", "F"} and finished["grade"] == grade_for(finished["score"])
    assert rec.events[-1].type == EventType.CALL_ENDED


def test_speaking_first_answers_the_call_and_caller_opens(arrest):
    call = CallSession.start(arrest, analyzer=tagged, clock=lambda: 0.0)
    turn = call.trainee_says("911 [ask_address]", at=6.0)
    assert call.answered_at == 6.0
    assert "1425 Oak Street" in turn.caller_text
    assert call.timeline.of(EventType.CALLER_SAID)[0].data["kinds"] == ["opening"]


def test_empty_utterance_is_refused_with_a_message(arrest):
    call = CallSession.start(arrest, analyzer=tagged, clock=lambda: 0.0)
    with pytest.raises(CallInputError, match="nothing was said"):
        call.trainee_says("   ", at=3.0)
    assert call.status == "ringing"


def test_huge_utterance_is_truncated_not_fatal(arrest):
    call = CallSession.start(arrest, analyzer=tagged, clock=lambda: 0.0)
    turn = call.trainee_says("word " * 3000, at=3.0)
    assert turn.caller_text
    assert len(call.timeline.of(EventType.TRAINEE_SAID)[0].data["text"]) <= 2000


def test_hold_means_the_caller_does_not_hear(arrest):
    call = CallSession.start(arrest, analyzer=tagged, clock=lambda: 0.0)
    call.answer(at=2.0)
    call.control("hold", at=5.0)
    assert call.trainee_says("[ask_address]", at=6.0).caller_text == ""
    call.control("resume", at=8.0)
    assert "1425" in call.trainee_says("[ask_address]", at=9.0).caller_text
    with pytest.raises(CallInputError):
        call.control("explode", at=10.0)


def test_cad_edits_go_into_the_timeline(arrest):
    call = CallSession.start(arrest, analyzer=tagged, clock=lambda: 0.0)
    call.answer(at=2.0)
    call.cad_update({"address": "1425 Oak St", "priority": 1, "bogus": "x"}, at=10.0)
    ev = call.timeline.of(EventType.CAD_UPDATED)[0]
    assert ev.data["fields"] == {"address": "1425 Oak St", "priority": 1}


def test_call_resumes_from_live_state_in_a_new_object(arrest):
    store = MemoryLiveStore(600)
    call = CallSession.start(arrest, analyzer=tagged, live_store=store, clock=lambda: 0.0, seed=3)
    call.trainee_says("[ask_address]", at=4.0)
    call.trainee_says("[ask_age]", at=9.0)
    state = store.load(call.call_id)
    del call
    resumed = CallSession.from_state(state, analyzer=tagged, clock=lambda: 0.0)
    turn = resumed.trainee_says("[ask_address]", at=12.0)  # a repeat: the director remembers
    assert "1425" in turn.caller_text
    assert resumed.director.s.asked["address"] == 2
    assert len(resumed.timeline.of(EventType.TRAINEE_SAID)) == 3
    # every spoken line knows its place in the whole transcript (the database numbers
    # transcript lines by it), and a resumed call keeps counting
    assert [e.data["idx"] for _, e in resumed.timeline.said()] == list(range(7))
    resumed.trainee_says("[ask_age]", at=15.0)  # the age again (the address before its read-back is fair)
    result = resumed.end(at=20.0)
    assert result.metrics["repeated_questions"] == 1
