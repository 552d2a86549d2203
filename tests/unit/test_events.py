"""Timeline events: typed payloads in memory, the stored shape at the edges, and every shape
stored by earlier versions still read (a call saved months ago opens on the review page)."""

from pathlib import Path

from sim_core.events import CadUpdated, CallerSaid, EntityFound, EventType, TraineeSaid
from sim_core.scenario import load_scenario_file
from sim_core.scoring.metrics import extract
from sim_core.session import CallSession
from sim_core.timeline import Event, Timeline

from .fake_nlp import tagged

ROOT = Path(__file__).resolve().parents[2]


def test_a_spoken_line_is_stored_in_the_shape_it_always_had():
    typed = Event(4.0, TraineeSaid(text="where are you", line=0, idx=1))
    assert typed.to_dict() == {"type": "trainee_said", "t": 4.0, "data": {"text": "where are you", "line": 0, "idx": 1}}
    heard = TraineeSaid(text="oak street", line=1, idx=3, audio_key="a/1.wav", confidence=0.7, unsure_words=("oak",))
    assert heard.to_dict()["unsure_words"] == ["oak"]
    assert "talk_over" not in CallerSaid(text="hello").to_dict()
    assert CallerSaid(text="hello", talk_over=True).to_dict()["talk_over"] is True


def test_every_event_of_a_played_call_reads_back_as_it_was():
    call = CallSession.start(
        load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml"), analyzer=tagged, clock=lambda: 0.0
    )
    call.trainee_says("what is the address [ask_address]", at=4.0, confidence=0.6, unsure_words=("address",))
    call.cad_update({"address": "1425 Oak St", "priority": 1}, at=9.0)
    call.control("hold", at=10.0)
    call.end(at=20.0)
    stored = call.timeline.to_list()
    again = Timeline.from_list(stored)
    assert [e.payload for e in again] == [e.payload for e in call.timeline]
    assert again.to_list() == stored
    assert set(again.of(EventType.CALL_ENDED)[0].data) == {"reason"}


def test_shapes_written_by_earlier_versions_still_load():
    old = Timeline.from_list(
        [
            {"type": "call_started", "t": 0, "data": {"scenario": "cardiac-arrest"}},
            {"type": "call_answered", "t": 2.0},  # no data at all
            {"type": "caller_said", "t": 2.0, "data": {"text": "help", "line": 0, "actor": "scripted"}},
            {"type": "trainee_said", "t": 5.0, "data": {"text": "address?", "line": 0}},  # no idx
            {
                "type": "entity_found",
                "t": 5.0,
                "data": {"label": "ADDRESS", "text": "1425 Oak", "line": "0", "retired_key": 1},
            },
            {"type": "cad_updated", "t": 6.0, "data": {"fields": {"priority": 1}}},
            {
                "type": "caller_said",
                "t": 7.0,
                "data": {"text": "hurry", "kinds": "answer", "level": None},
            },  # wrong kinds: none
        ]
    )
    caller = old.kind(CallerSaid)
    assert caller[0].payload.kinds == () and caller[0].payload.idx is None
    assert old.kind(TraineeSaid)[0].payload == TraineeSaid(text="address?", line=0)
    assert old.kind(EntityFound)[0].payload.line == 0
    assert old.kind(CadUpdated)[0].payload.fields == {"priority": 1}
    assert caller[1].payload.text == "hurry" and caller[1].payload.level == 0.0


def test_a_voice_calls_caller_audio_does_not_shift_later_moments():
    """A caller_audio report for the opening line (no question answered) leaves every later
    moment measured from the answer."""
    timeline = Timeline.from_list(
        [
            {"type": "call_started", "t": 0.0, "data": {}},
            {"type": "call_answered", "t": 3.0, "data": {}},
            {"type": "caller_said", "t": 3.0, "data": {"text": "Please help!", "line": 0}},
            {"type": "caller_action", "t": 3.5, "data": {"action": "caller_audio", "said_at": 3.0, "audio_s": 1.5}},
            {"type": "trainee_said", "t": 8.0, "data": {"text": "What is the address?", "line": 0}},
        ]
    )
    facts = extract(timeline)
    assert facts.trainee_lines == [(5.0, "What is the address?")]
