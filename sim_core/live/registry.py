"""The live calls one process holds in memory, keyed by call id, with when a page last
used each (the call clock evicts what no page here needs any more)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..session import CallSession
    from .clock import CallClock


class CallRegistry:
    """CallSession objects of this process (thread-safe)."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._calls: dict[str, tuple[CallSession, float]] = {}  # id -> (call, last used)
        self._lock = threading.Lock()
        self.clock: CallClock | None = None  # the call clock running over these calls, if any

    def put(self, call: CallSession) -> None:
        with self._lock:
            self._calls[call.call_id] = (call, self._clock())

    def get(self, call_id: str) -> CallSession | None:
        """The call, if held here; a page asking for it counts as using it."""
        with self._lock:
            found = self._calls.get(call_id)
            if found is None:
                return None
            self._calls[call_id] = (found[0], self._clock())
            return found[0]

    def unused_for(self, call_id: str) -> float:
        """Seconds since a page here last used the call (inf when not held)."""
        with self._lock:
            found = self._calls.get(call_id)
            return float("inf") if found is None else self._clock() - found[1]

    def calls(self) -> list[CallSession]:
        with self._lock:
            return [call for call, _ in self._calls.values()]

    def drop(self, call_id: str) -> None:
        with self._lock:
            self._calls.pop(call_id, None)

    def __contains__(self, call_id: str) -> bool:
        with self._lock:
            return call_id in self._calls

    def __len__(self) -> int:
        with self._lock:
            return len(self._calls)


__all__ = ["CallRegistry"]
