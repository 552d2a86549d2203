"""Live call state with a TTL: Redis when REDIS_URL is set, process memory otherwise."""
from .store import LiveStore, MemoryLiveStore, RedisLiveStore, StaleState, build_live_store

__all__ = ["LiveStore", "MemoryLiveStore", "RedisLiveStore", "StaleState", "build_live_store"]
