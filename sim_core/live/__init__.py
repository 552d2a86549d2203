"""Live call state with a TTL (Redis when REDIS_URL is set, process memory otherwise),
the calls a process holds, and the server's call clock over them."""

from .clock import CallClock, ClockPass
from .registry import CallRegistry
from .store import LiveStore, MemoryLiveStore, RedisLiveStore, StaleState, build_live_store

__all__ = [
    "CallClock",
    "CallRegistry",
    "ClockPass",
    "LiveStore",
    "MemoryLiveStore",
    "RedisLiveStore",
    "StaleState",
    "build_live_store",
]
