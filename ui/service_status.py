"""Which backend is down right now, in words for the trainee on a call: the
database, Redis or audio storage. A down backend is retried in the background,
so a notice goes away by itself once its service is back."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from . import services

log = logging.getLogger(__name__)


class _Reconnect:
    """Lets a degraded backend retry in the background: one attempt per backend at a time
    and at most one every `every_s` seconds per process. Without it a notice would stay
    up after its service is back until the call next writes something."""

    def __init__(self, every_s: float) -> None:
        self.every_s = every_s
        self._next: dict[str, float] = {}
        self._busy: set[str] = set()
        self._lock = threading.Lock()

    def nudge(self, name: str, flush: Callable[[], Any]) -> None:
        now = time.monotonic()
        with self._lock:
            if name in self._busy or now < self._next.get(name, 0.0):
                return
            self._busy.add(name)
            self._next[name] = now + self.every_s
        threading.Thread(target=self._run, args=(name, flush), daemon=True, name=f"reconnect-{name}").start()

    def _run(self, name: str, flush: Callable[[], Any]) -> None:
        try:
            flush()
        except Exception:
            log.debug("reconnecting %s failed", name, exc_info=True)
        finally:
            with self._lock:
                self._busy.discard(name)


_RECONNECT = _Reconnect(every_s=5.0)


def _down(name: str, backend: Any) -> bool:
    """True while the backend says it is degraded (backends without the flag never are)."""
    if not getattr(backend, "degraded", False):
        return False
    flush = getattr(backend, "flush", None)
    if callable(flush):
        _RECONNECT.nudge(name, flush)
    return True


def _waiting(count: int, noun: str) -> str:
    return f" ({count} {noun}{'' if count == 1 else 's'} waiting)" if count else ""


def notices() -> list[str]:
    """What the trainee should know about backends that are down right now ([] when all
    is well). Read every second by each live call: it only reads the backends' flags and
    local queue lengths (a reconnection runs in the background). Never raises."""
    notices: list[str] = []
    redis_down = False
    try:
        if _down("redis", services.live_store()):
            redis_down = True
            notices.append(
                "Redis is unreachable: this call's live state is kept in this "
                "server's memory, so the call goes on; don't reload the page "
                "until this notice goes away."
            )
    except Exception:
        log.debug("live store status unknown", exc_info=True)
    try:
        rec = services.recorder()
        if _down("database", rec):
            # The outbox may sit in Redis: while Redis is down too, don't wait on it to count.
            count = 0 if redis_down else int(getattr(rec, "pending", 0))
            notices.append(
                "The database is unreachable: this call is kept on the server"
                f"{_waiting(count, 'event')} and saved when it is back."
            )
    except Exception:
        log.debug("recorder status unknown", exc_info=True)
    try:
        store = services.object_store()
        if _down("audio", store):
            count = int(getattr(store, "pending", 0))
            notices.append(
                "Audio storage is unreachable: recordings wait on this server's "
                f"disk{_waiting(count, 'file')} and upload when it is back."
            )
    except Exception:
        log.debug("object store status unknown", exc_info=True)
    return notices
