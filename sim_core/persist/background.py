"""A call recorder that never makes a turn wait for the database.

`BackgroundRecorder` hands every write (start, event, finish, usage, recording)
to a small pool of worker threads and returns at once. All writes of one call
go to the same worker, in the order they were made, through the wrapped
recorder (which still parks them in its outbox while the database is down);
several calls are written in parallel. A front end calls `wait_idle(call_id)`
where it promises the data is stored (a call that has started, a score shown),
so it is in the database when it says so. If the process dies, writes still
queued in memory are lost; the call's live state (live store) is unaffected.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import zlib
from collections import Counter
from typing import Any

log = logging.getLogger(__name__)


class BackgroundRecorder:
    def __init__(self, inner: Any, *, workers: int = 4, max_queue: int = 10_000) -> None:
        self.inner = inner
        self._queues: list[queue.Queue[tuple[str, dict[str, Any]]]] = [
            queue.Queue(maxsize=max_queue) for _ in range(max(1, workers))
        ]
        self._unfinished: Counter[str] = Counter()  # call id → writes not yet applied
        self._idle = threading.Condition()
        for i, q in enumerate(self._queues):
            threading.Thread(target=self._run, args=(q,), daemon=True, name=f"call-recorder-{i}").start()

    # --- the CallRecorder protocol: queue, return at once ----------------------------
    def call_started(self, **kwargs: Any) -> None:
        self._put("call_started", kwargs)

    def record(self, **kwargs: Any) -> None:
        self._put("record", kwargs)

    def call_finished(self, **kwargs: Any) -> None:
        self._put("call_finished", kwargs)

    def usage(self, **kwargs: Any) -> None:
        self._put("usage", kwargs)

    def recording(self, **kwargs: Any) -> None:
        self._put("recording", kwargs)

    # --- state -------------------------------------------------------------------------
    @property
    def queued(self) -> int:
        """Writes handed over but not yet applied (all calls)."""
        with self._idle:
            return sum(self._unfinished.values())

    def wait_idle(self, call_id: str | None = None, timeout_s: float = 30.0) -> bool:
        """Block until every write queued so far for `call_id` (None: for every call) is
        applied (True), or until timeout_s passed (False)."""
        deadline = time.monotonic() + timeout_s
        with self._idle:
            while self._unfinished[str(call_id)] if call_id is not None else sum(self._unfinished.values()):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(left)
        return True

    def __getattr__(self, name: str) -> Any:  # pending, degraded, flush, sender… of the inner
        return getattr(self.inner, name)

    # --- internals ---------------------------------------------------------------------
    def _put(self, method: str, kwargs: dict[str, Any]) -> None:
        call_id = str(kwargs.get("call_id", ""))
        with self._idle:
            self._unfinished[call_id] += 1
        shard = zlib.crc32(call_id.encode()) % len(self._queues)
        self._queues[shard].put((method, kwargs))  # blocks only when max_queue writes wait

    def _run(self, q: queue.Queue[tuple[str, dict[str, Any]]]) -> None:
        while True:
            method, kwargs = q.get()
            call_id = str(kwargs.get("call_id", ""))
            try:
                getattr(self.inner, method)(**kwargs)
            except Exception:
                log.exception("recorder %s failed for call %s", method, call_id)
            finally:
                with self._idle:
                    self._unfinished[call_id] -= 1
                    if self._unfinished[call_id] <= 0:
                        del self._unfinished[call_id]
                        self._idle.notify_all()


__all__ = ["BackgroundRecorder"]
