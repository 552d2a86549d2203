"""Rate limits.

Turns per minute and calls per hour (per user): a sliding window in process memory.

Sign-in attempts: a shared, atomic limiter (the `limits` library; Redis storage when
REDIS_URL is set, so every replica counts the same attempts and a restart forgets
nothing; process memory otherwise). An attempt first *reserves* a slot on two
counters, one per username and one per client address; only then is the password
checked. A right password gives the slots back, so only failures count. Because the
reservation is one atomic increment, parallel guesses can never check more passwords
than the limit. The per-address limit is the stricter one, so a single attacker is
stopped long before they could lock the account out for everyone else.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter

log = logging.getLogger(__name__)


class RateLimited(RuntimeError):
    """Too many actions; the message says when to try again."""


class RateLimiter:
    def __init__(self, limit: int, window_s: float, what: str, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window_s, self.what, self.clock = limit, window_s, what, clock
        self._hits: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def check(self, key: str) -> None:
        """Count one action for key, or raise RateLimited without counting it."""
        now = self.clock()
        with self._lock:
            self._refuse_if_full(key, now)
            self._hits[key].append(now)

    def _refuse_if_full(self, key: str, now: float) -> None:
        hits = self._hits[key]
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()
        if len(hits) >= self.limit:
            wait = hits[0] + self.window_s - now
            raise RateLimited(
                f"too many {self.what} (limit {self.limit} per {self.window_s:g} s); try again in {wait:.0f} s"
            )


@dataclass(frozen=True)
class _Counter:
    """One named limit: `limit` failures per `window_s`, keyed by e.g. a username."""

    name: str
    item: RateLimitItemPerSecond
    what: str


class Reservation:
    """The slots one sign-in attempt holds; `succeeded()` hands them back."""

    def __init__(self, guard: SignInGuard, held: list[tuple[_Counter, str]]) -> None:
        self._guard, self._held = guard, held

    def succeeded(self) -> None:
        """A right password: this attempt does not count against anyone."""
        for counter, key in self._held:
            self._guard._refund(counter, key)
        self._held = []

    def failed(self) -> None:
        """A wrong password: the slots stay taken until the window ends."""
        self._held = []


class SignInGuard:
    """Failed sign-ins per username and per client address, shared and atomic."""

    def __init__(self, storage: Storage, *, per_user: int, per_address: int, window_s: int = 900) -> None:
        self._fallback = MemoryStorage()
        self._storage = storage
        self._user = _Counter(
            "user", RateLimitItemPerSecond(per_user, window_s, "signin"), "failed sign-ins for this username"
        )
        self._address = _Counter(
            "addr", RateLimitItemPerSecond(per_address, window_s, "signin"), "failed sign-ins from this address"
        )
        self.window_s = window_s

    @property
    def shared(self) -> bool:
        return not isinstance(self._storage, MemoryStorage)

    def reserve(self, username: str, address: str) -> Reservation:
        """Take one slot on the username's and the address's counters, or raise
        RateLimited (taking nothing) when either is full."""
        held: list[tuple[_Counter, str]] = []
        for counter, key in ((self._address, address or "unknown"), (self._user, username.strip().lower())):
            if self._hit(counter, key):
                held.append((counter, key))
                continue
            for c, k in held:
                self._refund(c, k)
            self._refund(counter, key)  # the refused increment itself
            raise RateLimited(f"too many {counter.what}; try again in {self._wait_s(counter, key):.0f} s")
        return Reservation(self, held)

    # -- storage, with a per-process fallback when the shared one is unreachable --
    def _strategy(self, use_fallback: bool) -> FixedWindowRateLimiter:
        return FixedWindowRateLimiter(self._fallback if use_fallback else self._storage)

    def _call(self, fn: Callable[[FixedWindowRateLimiter], object]) -> object:
        try:
            return fn(self._strategy(False))
        except Exception:
            log.warning("sign-in limiter storage unreachable; limiting in process memory", exc_info=True)
            return fn(self._strategy(True))

    def _hit(self, counter: _Counter, key: str) -> bool:
        return bool(self._call(lambda s: s.hit(counter.item, counter.name, key)))

    def _refund(self, counter: _Counter, key: str) -> None:
        k = counter.item.key_for(counter.name, key)
        self._call(lambda s: s.storage.incr(k, counter.item.get_expiry(), amount=-1))

    def _wait_s(self, counter: _Counter, key: str) -> float:
        stats = self._call(lambda s: s.get_window_stats(counter.item, counter.name, key))
        return max(0.0, float(stats.reset_time) - time.time())  # type: ignore[attr-defined]


def sign_in_storage(redis_url: str) -> Storage:
    """Redis storage when REDIS_URL is set (shared by every replica), else process memory."""
    if not redis_url:
        return MemoryStorage()
    storage = storage_from_string(redis_url, socket_connect_timeout=2, socket_timeout=2)
    assert isinstance(storage, Storage), "a redis:// URL gives a synchronous storage"
    return storage


class Limits(NamedTuple):
    turns: RateLimiter
    calls: RateLimiter
    sign_ins: SignInGuard


def limiters(settings) -> Limits:
    """From RATE_LIMIT_TURNS_PER_MIN, RATE_LIMIT_CALLS_PER_HOUR,
    RATE_LIMIT_SIGN_IN_FAILURES (per username) and RATE_LIMIT_SIGN_IN_FAILURES_PER_ADDRESS
    (both per 15 minutes)."""
    return Limits(
        RateLimiter(settings.rate_limit_turns_per_min, 60.0, "turns"),
        RateLimiter(settings.rate_limit_calls_per_hour, 3600.0, "new calls"),
        SignInGuard(
            sign_in_storage(settings.redis_url),
            per_user=settings.rate_limit_sign_in_failures,
            per_address=settings.rate_limit_sign_in_failures_per_address,
        ),
    )
