"""One call served by two servers at once (two CallSession objects over one live store):
neither forks the call, nothing is recorded twice, a lost race re-applies the turn."""

from pathlib import Path

import pytest

from sim_core.call_state import StaleCall
from sim_core.call_status import CallInputError
from sim_core.live import MemoryLiveStore, StaleState
from sim_core.scenario import load_scenario_file
from sim_core.session import CallSession
from sim_core.timeline import EventType

from .fake_nlp import tagged

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def arrest():
    return load_scenario_file(ROOT / "scenarios" / "cardiac-arrest.yaml")


class LineRecorder:
    """What the database would get: every spoken line with its transcript index."""

    def __init__(self):
        self.lines, self.finished = [], []

    def call_started(self, **kw):
        pass

    def record(self, *, call_id, event):
        if event.type in (EventType.CALLER_SAID, EventType.TRAINEE_SAID):
            self.lines.append((event.data["idx"], event.data["text"]))

    def call_finished(self, *, call_id, result):
        self.finished.append(result)

    def usage(self, **kw):
        pass


def _replica(call, store, rec, analyzer=tagged):
    """The same call as another server builds it from the live store."""
    state, version = store.load_versioned(call.call_id)
    return CallSession.from_state(
        state, version=version, analyzer=analyzer, recorder=rec, live_store=store, clock=lambda: 0.0
    )


def _trainee_lines(call):
    return [e.data["text"] for e in call.timeline.of(EventType.TRAINEE_SAID)]


def test_turns_alternating_between_two_servers_keep_one_call(arrest):
    store, rec = MemoryLiveStore(600), LineRecorder()
    a = CallSession.start(arrest, analyzer=tagged, recorder=rec, live_store=store, clock=lambda: 0.0, seed=4)
    a.answer(at=1.0)
    b = _replica(a, store, rec)
    said = [
        "Where is your emergency? [ask_address]",
        "How old is he? [ask_age]",
        "Is he breathing? [ask_breathing]",
        "Is he awake? [ask_conscious]",
    ]
    for i, text in enumerate(said):  # a, b, a, b: each copy is stale when its turn comes
        (a if i % 2 == 0 else b).trainee_says(text, at=2.0 + i)
    b.end(at=20.0)
    a.refresh()
    assert _trainee_lines(a) == _trainee_lines(b) == said
    indexes = [idx for idx, _ in rec.lines]
    assert indexes == list(range(len(indexes)))  # every line recorded once, in order
    assert a.status == "ended" and len(rec.finished) == 1


def test_a_turn_that_loses_the_race_is_re_applied_on_the_newer_state(arrest):
    store, rec = MemoryLiveStore(600), LineRecorder()
    a = CallSession.start(arrest, analyzer=tagged, recorder=rec, live_store=store, clock=lambda: 0.0, seed=4)
    a.answer(at=1.0)
    b = _replica(a, store, rec)
    raced = []

    def slow_nlp(text):  # b's turn lands while a is still working on its own
        if not raced:
            raced.append(True)
            b.trainee_says("How old is he? [ask_age]", at=3.0)
        return tagged(text)

    a.analyze = slow_nlp
    a.trainee_says("Where is your emergency? [ask_address]", at=4.0)
    assert _trainee_lines(a) == ["How old is he? [ask_age]", "Where is your emergency? [ask_address]"]
    assert [idx for idx, _ in rec.lines] == list(range(len(rec.lines)))
    texts = [t for _, t in rec.lines]
    assert texts.count("Where is your emergency? [ask_address]") == 1  # the lost try left nothing


class AlwaysAhead(MemoryLiveStore):
    """Someone else saves the call every time this server tries to."""

    def save(self, call_id, state, *, expected_version=None):
        if expected_version:
            raise StaleState(call_id, expected_version, expected_version + 1)
        return super().save(call_id, state, expected_version=expected_version)


def test_a_call_that_keeps_changing_elsewhere_fails_cleanly(arrest):
    store, rec = AlwaysAhead(600), LineRecorder()
    call = CallSession.start(arrest, analyzer=tagged, recorder=rec, live_store=store, clock=lambda: 0.0)
    with pytest.raises(StaleCall, match="another server"):
        call.answer(at=1.0)
    assert isinstance(StaleCall("x"), CallInputError)  # the page shows it like bad input
    assert rec.lines == [] and call.status == "ringing"


def test_a_turn_that_fails_half_way_leaves_no_trace(arrest):
    store, rec = MemoryLiveStore(600), LineRecorder()
    call = CallSession.start(arrest, analyzer=tagged, recorder=rec, live_store=store, clock=lambda: 0.0)
    call.answer(at=1.0)
    before = len(call.timeline)

    def broken(text):
        raise RuntimeError("NLP crashed")

    call.analyze = broken
    with pytest.raises(RuntimeError):
        call.trainee_says("Where is your emergency?", at=2.0)
    assert len(call.timeline) == before  # back to the saved state
    assert [t for _, t in rec.lines if "emergency" in t] == []
    call.analyze = tagged
    call.trainee_says("Where is your emergency? [ask_address]", at=3.0)
    assert [idx for idx, _ in rec.lines] == list(range(len(rec.lines)))


def test_an_abandoned_call_is_scored_and_flagged_for_good(arrest):
    store, rec = MemoryLiveStore(600), LineRecorder()
    call = CallSession.start(arrest, analyzer=tagged, recorder=rec, live_store=store, clock=lambda: 0.0)
    call.answer(at=1.0)
    result = call.end(at=400.0, reason="abandoned")
    assert result.findings[0].kind == "abandoned"
    assert rec.finished[0]["end_reason"] == "abandoned"
    resumed = _replica(call, store, rec)  # the debrief on another server says so too
    assert resumed.result.findings[0].kind == "abandoned"
    assert store.idle_calls(before=1e12) == []  # no longer watched by the call clock
