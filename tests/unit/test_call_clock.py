"""The server's call clock: with no browser attached, timed events happen, a silent
trainee is hung up on, a call nobody is on is ended as abandoned (scored, flagged), and
what is over leaves memory. Time is a fake wall clock the test moves by hand."""

from pathlib import Path

import pytest

from sim_core.live import CallClock, CallRegistry, MemoryLiveStore
from sim_core.scenario import load_scenario_file
from sim_core.session import CallSession
from sim_core.timeline import EventType

from .fake_nlp import tagged

ROOT = Path(__file__).resolve().parents[2]


class Wall:
    def __init__(self):
        self.t = 1_000_000.0

    def __call__(self):
        return self.t


class Finished:
    def __init__(self):
        self.results = []

    def call_started(self, **kw):
        pass

    def record(self, **kw):
        pass

    def usage(self, **kw):
        pass

    def call_finished(self, *, call_id, result):
        self.results.append(result)


@pytest.fixture()
def host():
    """One server: its registry, live store, clock and a way to ring a call."""
    wall = Wall()
    store, registry, rec = MemoryLiveStore(3600), CallRegistry(clock=wall), Finished()
    backends = dict(analyzer=tagged, recorder=rec, live_store=store, clock=wall)

    def resume(call_id):
        found = store.load_versioned(call_id)
        return found and CallSession.from_state(found[0], version=found[1], **backends)

    clock = CallClock(registry, store, resume=resume, idle_s=180, keep_ended_s=60, wall=wall)

    def ring(slug):
        call = CallSession.start(load_scenario_file(ROOT / "scenarios" / f"{slug}.yaml"), seed=1, **backends)
        registry.put(call)
        call.answer()
        return call

    class Host:
        pass

    h = Host()
    h.wall, h.store, h.registry, h.rec, h.clock, h.ring = wall, store, registry, rec, clock, ring
    return h


def _run_for(host, seconds, step=1.0, on_page=None):
    for _ in range(int(seconds / step)):
        host.wall.t += step
        if on_page is not None:  # an open page says it is there every second
            host.store.touch(on_page.call_id, host.wall.t)
            host.registry.get(on_page.call_id)
        host.clock.run_once()


def test_timed_events_happen_with_no_browser(host):
    call = host.ring("cardiac-arrest")
    call.trainee_says("Where is your emergency? [ask_address]")
    _run_for(host, 100)  # the scenario's gasps stop at 90 s unless CPR was started
    fired = [e.data["id"] for e in call.timeline.of(EventType.SCENARIO_EVENT)]
    assert fired == ["gasps-stop"]
    said = [e.data["text"] for e in call.timeline.of(EventType.CALLER_SAID)]
    assert "stopped making the sounds" in said[-1]
    assert call.status == "active"


def test_a_silent_trainee_is_hung_up_on_with_no_browser(host):
    call = host.ring("fall")
    silence = call.scenario.behaviour("hang_up_if_silent").silence_s
    _run_for(host, silence + 2)
    assert call.status == "ended" and call.end_reason == "caller_hung_up"
    assert host.store.idle_calls(before=host.wall.t + 1e6) == []


def test_a_call_nobody_is_on_is_abandoned_scored_and_flagged_then_freed(host):
    call = host.ring("cardiac-arrest")
    call.trainee_says("Where is your emergency? [ask_address]")
    _run_for(host, 170)
    assert call.status == "active" and len(host.registry) == 1
    _run_for(host, 20)
    assert call.status == "ended" and call.end_reason == "abandoned"
    assert call.result.findings[0].kind == "abandoned"
    assert host.rec.results[-1]["end_reason"] == "abandoned"
    assert len(host.registry) == 0  # out of this process's memory


def test_an_open_page_keeps_a_quiet_call_alive(host):
    call = host.ring("cardiac-arrest")
    call.trainee_says("Where is your emergency? [ask_address]")
    call.control("hold")  # the trainee is reading, nothing is said for a long time
    _run_for(host, 400, on_page=call)
    assert call.status == "active" and call.call_id in host.registry


def test_an_ended_call_leaves_memory_after_its_debrief_is_closed(host):
    call = host.ring("cardiac-arrest")
    call.end()
    _run_for(host, 30, on_page=call)  # the debrief is open
    assert call.call_id in host.registry
    _run_for(host, 61)
    assert len(host.registry) == 0
    assert host.store.load(call.call_id)["status"] == "ended"  # still there to reopen


def test_a_call_left_by_a_server_that_died_is_abandoned_by_another(host):
    call = host.ring("cardiac-arrest")
    call.trainee_says("Where is your emergency? [ask_address]")
    call_id = call.call_id
    host.registry.drop(call_id)  # its server is gone; only the live store has it
    del call
    _run_for(host, 179)
    assert host.store.load(call_id)["status"] == "active"
    _run_for(host, 2)
    state = host.store.load(call_id)
    assert state["status"] == "ended" and state["end_reason"] == "abandoned"
    assert host.rec.results[-1]["end_reason"] == "abandoned"
    assert host.store.idle_calls(before=host.wall.t + 1e6) == []
