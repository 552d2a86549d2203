"""The call clock: time passes in every live call on the server, browser or not.

Each pass (every CALL_CLOCK_S) over the calls this process holds: timed scenario
events and a caller hanging up on silence happen (CallSession.tick); a call nobody
has been on for CALL_ABANDON_S (no action, no open page: see LiveStore.touch) is
ended as `abandoned`, scored and flagged; calls that are over, or that a trainee
now takes on another server, leave this process's memory. Calls left behind by a
server that died are found through the live store and ended the same way by
whichever server's clock sees them first (the versioned save lets only one win).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..call_status import CallStatus
from .registry import CallRegistry
from .store import LiveStore

log = logging.getLogger(__name__)


@dataclass
class ClockPass:
    """What one pass did."""

    ticked: int = 0
    abandoned: list[str] = field(default_factory=list)
    evicted: int = 0


class CallClock:
    def __init__(
        self,
        registry: CallRegistry,
        store: LiveStore,
        *,
        resume: Callable[[str], Any | None],
        idle_s: float = 180.0,
        interval_s: float = 1.0,
        keep_ended_s: float = 60.0,
        wall: Callable[[], float] = time.time,
    ) -> None:
        """`resume(call_id)` builds a call from the live store (None when it is gone);
        `wall` is epoch seconds, the clock presence is stamped with."""
        self.registry, self.store, self.resume = registry, store, resume
        self.idle_s, self.interval_s, self.keep_ended_s = idle_s, interval_s, keep_ended_s
        self.wall = wall
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ passes
    def run_once(self) -> ClockPass:
        done = ClockPass()
        now = self.wall()
        for call in self.registry.calls():
            try:
                self._pass_held(call, now, done)
            except Exception:
                log.exception("call clock: call %s", call.call_id)
        for call_id in self.store.idle_calls(before=now - self.idle_s):
            if call_id in self.registry:
                continue
            try:
                self._end_orphan(call_id, done)
            except Exception:
                log.exception("call clock: orphaned call %s", call_id)
        self.store.expire()
        return done

    def _pass_held(self, call: Any, now: float, done: ClockPass) -> None:
        call_id = call.call_id
        if call.status == CallStatus.ENDED:
            if self.registry.unused_for(call_id) >= self.keep_ended_s:
                self.registry.drop(call_id)
                done.evicted += 1
            return
        seen = self.store.last_seen(call_id)
        if seen is None:  # presence lost (a restarted store): the timer starts now
            self.store.touch(call_id, now)
            seen = now
        away = now - seen
        if away >= self.idle_s:
            self._abandon(call, done)
            self.registry.drop(call_id)
            done.evicted += 1
        elif self.registry.unused_for(call_id) >= self.keep_ended_s and away < self.keep_ended_s:
            self.registry.drop(call_id)  # the trainee is on it from another server
            done.evicted += 1
        else:
            call.tick()
            done.ticked += 1
            if call.status == CallStatus.ENDED:
                self.store.retire(call_id)

    def _end_orphan(self, call_id: str, done: ClockPass) -> None:
        call = self.resume(call_id)
        if call is None:  # expired or deleted
            self.store.retire(call_id)
            return
        if call.status == CallStatus.ENDED:
            self.store.retire(call_id)
            return
        self._abandon(call, done)

    def _abandon(self, call: Any, done: ClockPass) -> None:
        if call.abandon():  # False: the caller hung up first, or another server ended it
            done.abandoned.append(call.call_id)
            log.info("call %s abandoned: nobody on it for %.0f s", call.call_id, self.idle_s)
        self.store.retire(call.call_id)

    # ------------------------------------------------------------------ thread
    def start(self) -> CallClock:
        """Run passes every `interval_s` in a daemon thread (idempotent)."""
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._stop.clear()
                self._thread = threading.Thread(target=self._run, name="call-clock", daemon=True)
                self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            try:
                self.run_once()
            except Exception:
                log.exception("call clock pass failed")


__all__ = ["CallClock", "ClockPass"]
