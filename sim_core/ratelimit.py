"""Per-user rate limits (turns per minute, calls per hour, failed sign-ins per
15 minutes): a sliding window.

Thread-safe; one limiter per process serves every user of the app.
"""
from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from typing import Callable, NamedTuple


class RateLimited(RuntimeError):
    """Too many actions; the message says when to try again."""


class RateLimiter:
    def __init__(self, limit: int, window_s: float, what: str,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window_s, self.what, self.clock = limit, window_s, what, clock
        self._hits: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def check(self, key: str) -> None:
        """Count one action for key, or raise RateLimited without counting it."""
        now = self.clock()
        with self._lock:
            self._refuse_if_full(key, now)
            self._hits[key].append(now)

    def ensure_allowed(self, key: str) -> None:
        """Raise RateLimited if key is at its limit; counts nothing (see `count`)."""
        with self._lock:
            self._refuse_if_full(key, self.clock())

    def count(self, key: str) -> None:
        """Count one action for key (e.g. a failed sign-in, known only afterwards)."""
        with self._lock:
            self._hits[key].append(self.clock())

    def _refuse_if_full(self, key: str, now: float) -> None:
        hits = self._hits[key]
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()
        if len(hits) >= self.limit:
            wait = hits[0] + self.window_s - now
            raise RateLimited(f"too many {self.what} (limit {self.limit} per "
                              f"{self.window_s:g} s); try again in {wait:.0f} s")


class Limits(NamedTuple):
    turns: RateLimiter
    calls: RateLimiter
    failed_sign_ins: RateLimiter


def limiters(settings) -> Limits:
    """From RATE_LIMIT_TURNS_PER_MIN, RATE_LIMIT_CALLS_PER_HOUR and
    RATE_LIMIT_SIGN_IN_FAILURES (per username, 15 minutes)."""
    return Limits(RateLimiter(settings.rate_limit_turns_per_min, 60.0, "turns"),
                  RateLimiter(settings.rate_limit_calls_per_hour, 3600.0, "new calls"),
                  RateLimiter(settings.rate_limit_sign_in_failures, 900.0,
                              "failed sign-ins for this username"))
