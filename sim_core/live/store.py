"""The live store: one live call's state (director, timeline, emotion, turns), keyed by call id.

Written on every turn and expiring after SESSION_TTL_S, so a page reload, a
restarted app process or another replica can resume the call. Redis when
REDIS_URL is set, process memory otherwise.
"""
from __future__ import annotations

import json
import logging
import threading
import time
from typing import TYPE_CHECKING, Any, Callable, Protocol, runtime_checkable

if TYPE_CHECKING:
    from sim_core.settings import Settings

log = logging.getLogger(__name__)


@runtime_checkable
class LiveStore(Protocol):
    def save(self, call_id: str, state: dict[str, Any]) -> None:
        """Store a JSON-serialisable state; the TTL restarts on every save."""

    def load(self, call_id: str) -> dict[str, Any] | None:
        """The last saved state, or None when absent or expired."""

    def delete(self, call_id: str) -> None:
        """Forget a call (absent ids are ignored)."""


def _encode(state: dict[str, Any]) -> str:
    try:
        return json.dumps(state, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"live call state must be JSON-serialisable: {exc}") from None


class MemoryLiveStore:
    """In-process store with TTL; each load returns a fresh copy."""

    degraded = False

    def __init__(self, ttl_s: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_s = ttl_s
        self._clock = clock
        self._data: dict[str, tuple[float, str]] = {}
        self._lock = threading.Lock()

    def save(self, call_id: str, state: dict[str, Any]) -> None:
        raw = _encode(state)
        with self._lock:
            self._data[call_id] = (self._clock() + self.ttl_s, raw)
            self._sweep()

    def load(self, call_id: str) -> dict[str, Any] | None:
        with self._lock:
            item = self._data.get(call_id)
            if item is None:
                return None
            if item[0] <= self._clock():
                del self._data[call_id]
                return None
            return json.loads(item[1])

    def delete(self, call_id: str) -> None:
        with self._lock:
            self._data.pop(call_id, None)

    def _sweep(self) -> None:
        now = self._clock()
        for key in [k for k, (exp, _) in self._data.items() if exp <= now]:
            del self._data[key]


class RedisLiveStore:
    """Redis store (SET with EX). If Redis goes away mid-call, states are kept in memory,
    `degraded` is True, and they are written when Redis answers again."""

    def __init__(self, client: Any, ttl_s: int, *, prefix: str = "sim:live:",
                 retry_s: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.client = client
        self.ttl_s = ttl_s
        self.prefix = prefix
        self.retry_s = retry_s
        self._clock = clock
        self._lock = threading.Lock()
        self._pending: dict[str, str | None] = {}  # call id -> state (None = delete)
        self._local = MemoryLiveStore(ttl_s, clock=clock)  # last states this process saved
        self._next_try = 0.0

    @property
    def degraded(self) -> bool:
        """True while some state could not be written to Redis yet."""
        return bool(self._pending)

    def _key(self, call_id: str) -> str:
        return self.prefix + call_id

    def save(self, call_id: str, state: dict[str, Any]) -> None:
        raw = _encode(state)
        self._local.save(call_id, state)
        with self._lock:
            self._pending[call_id] = raw
            self._drain()

    def load(self, call_id: str) -> dict[str, Any] | None:
        with self._lock:
            self._drain()
            if call_id in self._pending:
                raw = self._pending[call_id]
                return None if raw is None else json.loads(raw)
        from redis.exceptions import RedisError
        try:
            raw = self.client.get(self._key(call_id))
        except (RedisError, OSError) as exc:
            self._went_down(exc)
            return self._local.load(call_id)
        if raw is not None:
            return json.loads(raw)
        # Redis lost it (restarted without persistence): fall back to what we saved, re-save.
        state = self._local.load(call_id)
        if state is not None:
            log.warning("live state of call %s missing in Redis; restored from this process",
                        call_id)
            self.save(call_id, state)
        return state

    def delete(self, call_id: str) -> None:
        self._local.delete(call_id)
        with self._lock:
            self._pending[call_id] = None
            self._drain()

    def flush(self) -> int:
        """Write every pending state now; returns how many are still pending."""
        with self._lock:
            self._next_try = 0.0
            self._drain()
            return len(self._pending)

    def _drain(self) -> None:
        """Write pending states (caller holds the lock); back off while Redis is down."""
        if not self._pending or self._clock() < self._next_try:
            return
        from redis.exceptions import RedisError
        try:
            pipe = self.client.pipeline(transaction=False)
            for call_id, raw in self._pending.items():
                if raw is None:
                    pipe.delete(self._key(call_id))
                else:
                    pipe.set(self._key(call_id), raw, ex=self.ttl_s)
            pipe.execute()
        except (RedisError, OSError) as exc:
            self._went_down(exc)
            return
        if self._next_try:
            log.warning("Redis reachable again: %d live call state(s) written", len(self._pending))
        self._pending.clear()
        self._next_try = 0.0

    def _went_down(self, exc: BaseException) -> None:
        if not self._next_try:
            log.warning("Redis unreachable, keeping live call state in memory: %s", exc)
        self._next_try = self._clock() + self.retry_s


def redis_client(url: str, *, timeout_s: float = 1.0) -> Any:
    try:
        import redis
    except ImportError as exc:  # pragma: no cover - redis is a pinned dependency
        raise RuntimeError("REDIS_URL is set but the 'redis' package is missing: "
                           "pip install -r requirements.txt") from exc
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    # One immediate retry (a restarted server's stale connection), then fail fast: callers
    # keep state in memory rather than stall a live call on reconnect back-off.
    return redis.Redis.from_url(url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s,
                                retry=Retry(NoBackoff(), 1), health_check_interval=15)


def build_live_store(settings: "Settings", *, prefix: str = "sim:live:") -> LiveStore:
    """RedisLiveStore when REDIS_URL is set, else the process's MemoryLiveStore;
    TTL = SESSION_TTL_S."""
    if settings.redis_url:
        return RedisLiveStore(redis_client(settings.redis_url), settings.session_ttl_s,
                              prefix=prefix)
    with _SHARED_LOCK:  # one in-memory store per process: a reloaded page finds its call
        store = _SHARED.get(settings.session_ttl_s)
        if store is None:
            store = _SHARED[settings.session_ttl_s] = MemoryLiveStore(settings.session_ttl_s)
        return store


_SHARED: dict[int, MemoryLiveStore] = {}
_SHARED_LOCK = threading.Lock()

__all__ = ["LiveStore", "MemoryLiveStore", "RedisLiveStore", "build_live_store", "redis_client"]
