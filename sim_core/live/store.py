"""The live store: one live call's state (director, timeline, emotion, turns), keyed by call id.

Written on every turn and expiring after SESSION_TTL_S, so a page reload, a
restarted app process or another replica can resume the call. Redis when
REDIS_URL is set, process memory otherwise.

Every save carries a version (1, 2, 3...). A writer names the version it last
read (`expected_version`); when the store holds another one, the save is refused
with `StaleState` and nothing is written, so two replicas serving one call can
never fork it: the stale one reloads and re-applies (see CallSession).

Beside the states, the store keeps when each live call last saw its trainee
(`touch`): the call clock ends calls nobody has touched for a while.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from sim_core.settings import Settings

log = logging.getLogger(__name__)


class StaleState(Exception):
    """A save named a version the store no longer holds: someone else saved the call."""

    def __init__(self, call_id: str, expected: int, current: int) -> None:
        super().__init__(f"call {call_id}: saved as version {expected}, but the live store holds version {current}")
        self.call_id, self.expected, self.current = call_id, expected, current


@runtime_checkable
class LiveStore(Protocol):
    def save(self, call_id: str, state: dict[str, Any], *, expected_version: int | None = None) -> int:
        """Store a JSON-serialisable state; the TTL restarts on every save. Returns the new
        version. With `expected_version`, raises StaleState unless the store holds that
        version (or nothing: a call first saved, or lost by a restarted store)."""

    def load(self, call_id: str) -> dict[str, Any] | None:
        """The last saved state, or None when absent or expired."""

    def load_versioned(self, call_id: str) -> tuple[dict[str, Any], int] | None:
        """The last saved state and its version."""

    def version(self, call_id: str) -> int | None:
        """The stored version alone (cheap), None when absent."""

    def delete(self, call_id: str) -> None:
        """Forget a call (absent ids are ignored)."""

    def touch(self, call_id: str, at: float) -> None:
        """The trainee was on the call at epoch second `at` (an action or an open page)."""

    def last_seen(self, call_id: str) -> float | None:
        """When the trainee was last on the call, None when unknown."""

    def idle_calls(self, before: float, limit: int = 100) -> list[str]:
        """Live calls nobody has touched since epoch second `before`, oldest first."""

    def retire(self, call_id: str) -> None:
        """The call is over: stop tracking when it was last touched."""

    def expire(self) -> None:
        """Free what this process holds for states whose TTL has passed."""


def _encode(state: dict[str, Any]) -> str:
    try:
        return json.dumps(state, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"live call state must be JSON-serialisable: {exc}") from None


def _check(call_id: str, expected: int | None, current: int) -> int:
    """The version a save writes; raises StaleState for a stale writer."""
    if expected is not None and current not in (0, expected):
        raise StaleState(call_id, expected, current)
    return current + 1 if expected is None or current else expected + 1


class MemoryLiveStore:
    """In-process store with TTL; each load returns a fresh copy."""

    degraded = False

    def __init__(self, ttl_s: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_s = ttl_s
        self._clock = clock
        self._data: dict[str, tuple[float, str, int]] = {}  # id -> (expiry, json, version)
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def save(self, call_id: str, state: dict[str, Any], *, expected_version: int | None = None) -> int:
        raw = _encode(state)
        with self._lock:
            self._sweep()
            item = self._data.get(call_id)
            version = _check(call_id, expected_version, item[2] if item else 0)
            self._data[call_id] = (self._clock() + self.ttl_s, raw, version)
            return version

    def put_version(self, call_id: str, raw: str, version: int) -> None:
        """Keep a state exactly as written elsewhere (RedisLiveStore's local copy)."""
        with self._lock:
            self._data[call_id] = (self._clock() + self.ttl_s, raw, version)

    def load_versioned(self, call_id: str) -> tuple[dict[str, Any], int] | None:
        with self._lock:
            item = self._data.get(call_id)
            if item is None:
                return None
            if item[0] <= self._clock():
                del self._data[call_id]
                return None
            return json.loads(item[1]), item[2]

    def load(self, call_id: str) -> dict[str, Any] | None:
        found = self.load_versioned(call_id)
        return None if found is None else found[0]

    def version(self, call_id: str) -> int | None:
        with self._lock:
            item = self._data.get(call_id)
            return None if item is None or item[0] <= self._clock() else item[2]

    def delete(self, call_id: str) -> None:
        with self._lock:
            self._data.pop(call_id, None)
            self._seen.pop(call_id, None)

    def touch(self, call_id: str, at: float) -> None:
        with self._lock:
            self._seen[call_id] = max(at, self._seen.get(call_id, at))

    def last_seen(self, call_id: str) -> float | None:
        with self._lock:
            return self._seen.get(call_id)

    def idle_calls(self, before: float, limit: int = 100) -> list[str]:
        with self._lock:
            idle = sorted((at, cid) for cid, at in self._seen.items() if at < before)
            return [cid for _, cid in idle[:limit]]

    def retire(self, call_id: str) -> None:
        with self._lock:
            self._seen.pop(call_id, None)

    def expire(self) -> None:
        with self._lock:
            self._sweep()

    def __len__(self) -> int:
        with self._lock:
            self._sweep()
            return len(self._data)

    def _sweep(self) -> None:
        now = self._clock()
        for key in [k for k, (exp, _, _) in self._data.items() if exp <= now]:
            del self._data[key]
            self._seen.pop(key, None)


# A compare-and-set save: KEYS[1] the call's hash {v: version, s: state};
# ARGV: expected version (-1 = any), the state, TTL s, the version to write (0 = next).
# A plain string there is a state saved by an older release (no version): replaced.
_SAVE = """
if redis.call('TYPE', KEYS[1]).ok == 'string' then redis.call('DEL', KEYS[1]) end
local cur = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
local expected = tonumber(ARGV[1])
if expected >= 0 and cur ~= 0 and cur ~= expected then return {0, cur} end
local new = tonumber(ARGV[4])
if new == 0 then
  if cur == 0 and expected > 0 then new = expected + 1 else new = cur + 1 end
end
redis.call('HSET', KEYS[1], 'v', new, 's', ARGV[2])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return {1, new}
"""


class RedisLiveStore:
    """Redis store: one hash per call (version and state) with EX, written by a
    compare-and-set script. If Redis goes away mid-call, states are kept in memory,
    `degraded` is True, and they are written when Redis answers again."""

    def __init__(
        self,
        client: Any,
        ttl_s: int,
        *,
        prefix: str = "sim:live:",
        retry_s: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.ttl_s = ttl_s
        self.prefix = prefix
        self.retry_s = retry_s
        self._clock = clock
        self._lock = threading.Lock()
        # call id -> (state json, version the store held before the outage, version) | None
        self._pending: dict[str, tuple[str, int, int] | None] = {}
        self._local = MemoryLiveStore(ttl_s, clock=clock)  # last states this process saved
        self._forked: set[str] = set()  # saved elsewhere while Redis was out of reach here
        self._next_try = 0.0
        self._script = client.register_script(_SAVE)

    @property
    def degraded(self) -> bool:
        """True while some state could not be written to Redis yet."""
        return bool(self._pending)

    def _key(self, call_id: str) -> str:
        return self.prefix + call_id

    @property
    def _seen_key(self) -> str:
        return self.prefix + "@seen"

    def save(self, call_id: str, state: dict[str, Any], *, expected_version: int | None = None) -> int:
        raw = _encode(state)
        from redis.exceptions import RedisError

        with self._lock:
            self._drain()
            if call_id in self._forked:  # this server's copy lost: the writer must reload
                self._forked.discard(call_id)
                raise StaleState(call_id, expected_version or 0, -1)
            if call_id not in self._pending and self._reachable():
                try:
                    ok, version = self._script(
                        keys=[self._key(call_id)],
                        args=[-1 if expected_version is None else expected_version, raw, self.ttl_s, 0],
                    )
                except (RedisError, OSError) as exc:
                    self._went_down(exc)
                else:
                    self._next_try = 0.0
                    if not ok:
                        raise StaleState(call_id, expected_version or 0, int(version))
                    self._local.put_version(call_id, raw, int(version))
                    return int(version)
            # Redis unreachable: keep it here and write it, checked, when Redis is back
            held = self._pending.get(call_id)
            base = held[1] if held else (expected_version if expected_version is not None else -1)
            local = self._local.version(call_id) or 0
            version = (expected_version if expected_version is not None else local) + 1
            self._pending[call_id] = (raw, base, version)
            self._local.put_version(call_id, raw, version)
            return version

    def load_versioned(self, call_id: str) -> tuple[dict[str, Any], int] | None:
        with self._lock:
            self._drain()
            if call_id in self._pending:
                held = self._pending[call_id]
                return None if held is None else (json.loads(held[0]), held[2])
            if not self._reachable():
                return self._local.load_versioned(call_id)
        from redis.exceptions import RedisError, ResponseError

        try:
            raw, version = self.client.hmget(self._key(call_id), ["s", "v"])
        except ResponseError as exc:  # WRONGTYPE: an older release's unversioned state
            if "WRONGTYPE" not in str(exc):
                raise
            raw, version = self.client.get(self._key(call_id)), 0
        except (RedisError, OSError) as exc:
            self._went_down(exc)
            return self._local.load_versioned(call_id)
        if raw is not None:
            return json.loads(raw), int(version)
        # Redis lost it (restarted without persistence): fall back to what we saved, re-save.
        found = self._local.load_versioned(call_id)
        if found is not None:
            log.warning("live state of call %s missing in Redis; restored from this process", call_id)
            try:
                self.save(call_id, found[0], expected_version=found[1])
            except StaleState:  # another replica restored it first
                return self.load_versioned(call_id)
            return found[0], found[1] + 1
        return None

    def load(self, call_id: str) -> dict[str, Any] | None:
        found = self.load_versioned(call_id)
        return None if found is None else found[0]

    def version(self, call_id: str) -> int | None:
        with self._lock:
            if call_id in self._pending:
                held = self._pending[call_id]
                return None if held is None else held[2]
            if not self._reachable():
                return self._local.version(call_id)
        from redis.exceptions import RedisError

        try:
            raw = self._hget_version(call_id)
        except (RedisError, OSError) as exc:
            self._went_down(exc)
            return self._local.version(call_id)
        return int(raw) if raw is not None else self._local.version(call_id)

    def _hget_version(self, call_id: str) -> Any:
        from redis.exceptions import ResponseError

        try:
            return self.client.hget(self._key(call_id), "v")
        except ResponseError as exc:  # WRONGTYPE: an older release's unversioned state
            if "WRONGTYPE" not in str(exc):
                raise
            return 0

    def delete(self, call_id: str) -> None:
        self._local.delete(call_id)
        with self._lock:
            self._pending[call_id] = None
            self._drain()
        self.retire(call_id)

    def touch(self, call_id: str, at: float) -> None:
        self._quiet(lambda: self.client.zadd(self._seen_key, {call_id: at}, gt=True))

    def last_seen(self, call_id: str) -> float | None:
        at = self._quiet(lambda: self.client.zscore(self._seen_key, call_id))
        return None if at is None else float(at)

    def idle_calls(self, before: float, limit: int = 100) -> list[str]:
        ids = (
            self._quiet(lambda: self.client.zrangebyscore(self._seen_key, "-inf", f"({before}", start=0, num=limit))
            or []
        )
        return [i.decode() if isinstance(i, bytes) else str(i) for i in ids]

    def retire(self, call_id: str) -> None:
        self._quiet(lambda: self.client.zrem(self._seen_key, call_id))
        with self._lock:
            if call_id not in self._pending:  # over: Redis alone keeps it from now on
                self._local.delete(call_id)

    def expire(self) -> None:
        self._local.expire()

    def flush(self) -> int:
        """Write every pending state now; returns how many are still pending."""
        with self._lock:
            self._next_try = 0.0
            self._drain()
            return len(self._pending)

    def _reachable(self) -> bool:
        """False while backing off after Redis failed: nothing waits on a dead server."""
        return self._clock() >= self._next_try

    def _quiet(self, fn: Callable[[], Any]) -> Any:
        """Presence tracking is best effort: Redis down means no answer, never a fault."""
        from redis.exceptions import RedisError

        if not self._reachable():
            return None
        try:
            return fn()
        except (RedisError, OSError) as exc:
            self._went_down(exc)
            return None

    def _drain(self) -> None:
        """Write pending states (caller holds the lock); back off while Redis is down.
        A state another replica advanced meanwhile is not overwritten: theirs wins."""
        if not self._pending or self._clock() < self._next_try:
            return
        from redis.exceptions import RedisError

        try:
            for call_id, held in list(self._pending.items()):
                if held is None:
                    self.client.delete(self._key(call_id))
                else:
                    ok, current = self._script(keys=[self._key(call_id)], args=[held[1], held[0], self.ttl_s, held[2]])
                    if not ok:
                        log.error(
                            "call %s was saved elsewhere while Redis was unreachable "
                            "here (version %s); this server's copy is dropped",
                            call_id,
                            current,
                        )
                        self._local.delete(call_id)
                        self._forked.add(call_id)
                del self._pending[call_id]
        except (RedisError, OSError) as exc:
            self._went_down(exc)
            return
        if self._next_try:
            log.warning("Redis reachable again: live call states written")
        self._next_try = 0.0

    def _went_down(self, exc: BaseException) -> None:
        if not self._next_try:
            log.warning("Redis unreachable, keeping live call state in memory: %s", exc)
        self._next_try = self._clock() + self.retry_s


def redis_client(url: str, *, timeout_s: float = 1.0) -> Any:
    try:
        import redis
    except ImportError as exc:  # pragma: no cover - redis is a pinned dependency
        raise RuntimeError(
            "REDIS_URL is set but the 'redis' package is missing: pip install -r requirements.txt"
        ) from exc
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    # One immediate retry (a restarted server's stale connection), then fail fast: callers
    # keep state in memory rather than stall a live call on reconnect back-off.
    return redis.Redis.from_url(
        url,
        socket_timeout=timeout_s,
        socket_connect_timeout=timeout_s,
        retry=Retry(NoBackoff(), 1),
        health_check_interval=15,
    )


def build_live_store(settings: Settings, *, prefix: str = "sim:live:") -> LiveStore:
    """RedisLiveStore when REDIS_URL is set, else the process's MemoryLiveStore;
    TTL = SESSION_TTL_S."""
    if settings.redis_url:
        return RedisLiveStore(redis_client(settings.redis_url), settings.session_ttl_s, prefix=prefix)
    with _SHARED_LOCK:  # one in-memory store per process: a reloaded page finds its call
        store = _SHARED.get(settings.session_ttl_s)
        if store is None:
            store = _SHARED[settings.session_ttl_s] = MemoryLiveStore(settings.session_ttl_s)
        return store


_SHARED: dict[int, MemoryLiveStore] = {}
_SHARED_LOCK = threading.Lock()

__all__ = ["LiveStore", "MemoryLiveStore", "RedisLiveStore", "StaleState", "build_live_store", "redis_client"]
