"""A circuit breaker so a dead LLM endpoint is not retried on every turn.

closed    → requests go through; consecutive failures are counted.
open      → after `threshold` consecutive failures, requests are refused at
            once (the caller falls back to the scripted actor) for `cooldown_s`.
half-open → after the cool-down one trial request is let through; success
            closes the breaker, failure opens it again for another cool-down.
Thread-safe: one breaker is shared by every call that uses the same client.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class CircuitBreaker:
    def __init__(
        self, threshold: int = 3, cooldown_s: float = 30.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if threshold < 1:
            raise ValueError("threshold must be at least 1")
        self.threshold = threshold
        self.cooldown_s = cooldown_s
        self.clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at: float | None = None
        self._trial_out = False
        self._trial_at = 0.0
        self._hold_s = cooldown_s
        self.last_error = ""

    @property
    def state(self) -> str:
        with self._lock:
            return self._state()

    def _state(self) -> str:
        if self._opened_at is None:
            return "closed"
        if self.clock() - self._opened_at >= self._hold_s:
            return "half-open"
        return "open"

    def retry_in(self) -> float:
        """Seconds until a trial request will be allowed (0 when closed)."""
        with self._lock:
            if self._opened_at is None:
                return 0.0
            return max(0.0, self._hold_s - (self.clock() - self._opened_at))

    def allow(self) -> bool:
        """May a request go out now? In half-open state only one trial at a time."""
        with self._lock:
            state = self._state()
            if state == "closed":
                return True
            # one trial at a time; a trial that never reported back expires
            stale = self.clock() - self._trial_at >= self._hold_s
            if state == "half-open" and (not self._trial_out or stale):
                self._trial_out = True
                self._trial_at = self.clock()
                return True
            return False

    def record_success(self) -> None:
        with self._lock:
            self._failures = 0
            self._opened_at = None
            self._trial_out = False
            self._hold_s = self.cooldown_s
            self.last_error = ""

    def record_failure(self, error: str = "", hold_s: float | None = None) -> None:
        """Count a failure; hold_s (a server's Retry-After) opens the breaker at once
        for at least that long."""
        with self._lock:
            self._failures += 1
            self.last_error = error or self.last_error
            open_now = self._trial_out or self._failures >= self.threshold
            if open_now or hold_s:
                self._opened_at = self.clock()
                self._hold_s = max(self.cooldown_s if open_now else 0.0, hold_s or 0.0)
            self._trial_out = False

    def describe(self) -> str:
        """One line for logs and fallback reasons."""
        state = self.state
        if state == "closed":
            return "closed"
        tail = f"; last error: {self.last_error}" if self.last_error else ""
        return f"{state} after {self._failures} failures, retry in {self.retry_in():.0f}s{tail}"
