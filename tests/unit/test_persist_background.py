"""Writes behind the turn: each call's writes arrive in the order they were made, a
front end can wait until one call is stored, and a failing write stops nothing."""

from __future__ import annotations

import threading

from sim_core.persist.background import BackgroundRecorder


class SlowInner:
    def __init__(self, gate: threading.Event | None = None) -> None:
        self.gate = gate
        self.seen: list[tuple[str, int]] = []
        self.lock = threading.Lock()

    def record(self, *, call_id: str, event: int) -> None:
        if self.gate is not None:
            self.gate.wait(10)
        if event < 0:
            raise RuntimeError("the database refused it")
        with self.lock:
            self.seen.append((call_id, event))

    def call_finished(self, *, call_id: str, result: dict) -> None:
        with self.lock:
            self.seen.append((call_id, -100))


def test_each_calls_writes_arrive_in_order_and_wait_idle_means_stored():
    inner = SlowInner()
    rec = BackgroundRecorder(inner, workers=3)
    for i in range(200):
        for call in ("a", "b", "c", "d"):
            rec.record(call_id=call, event=i)
    rec.call_finished(call_id="b", result={})
    assert rec.wait_idle("b")
    assert ("b", -100) in inner.seen  # the score is stored for b
    assert rec.wait_idle()
    for call in ("a", "b", "c", "d"):
        mine = [e for c, e in inner.seen if c == call and e >= 0]
        assert mine == list(range(200))
    assert rec.queued == 0


def test_wait_idle_gives_up_when_the_database_is_stuck_and_a_failure_stops_nothing():
    gate = threading.Event()
    inner = SlowInner(gate)
    rec = BackgroundRecorder(inner, workers=1)
    rec.record(call_id="x", event=-1)  # will fail
    rec.record(call_id="x", event=1)
    assert rec.wait_idle("x", timeout_s=0.05) is False and rec.queued == 2
    gate.set()
    assert rec.wait_idle("x")
    assert inner.seen == [("x", 1)]


def test_other_attributes_are_the_wrapped_recorders():
    inner = SlowInner()
    inner.pending = 7
    assert BackgroundRecorder(inner).pending == 7
